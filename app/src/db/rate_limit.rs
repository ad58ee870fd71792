//! Fixed-window rate limits kept in the database, so that every instance sharing one
//! PostgreSQL counts the same attempts. Buckets are named by hashes, never by an IP.
use super::{Store, StoreError};
use crate::on_pool;

/// Whether an attempt may go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateDecision {
    Allowed,
    /// Too many attempts: wait this many seconds.
    Limited {
        retry_after: i64,
    },
}

impl Store {
    /// Counts one attempt in `bucket` and says whether it is within `max` per `window`
    /// seconds. The count and the check are one statement, so concurrent attempts on
    /// any instance cannot slip past the limit.
    pub async fn hit_rate_limit(
        &self,
        bucket: &str,
        window: i64,
        max: i64,
        now: i64,
    ) -> Result<RateDecision, StoreError> {
        let (start, hits): (i64, i64) = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
                 ON CONFLICT (bucket) DO UPDATE SET
                   hits = CASE WHEN rate_limits.window_start <= $2 - $3 THEN 1 ELSE rate_limits.hits + 1 END,
                   window_start = CASE WHEN rate_limits.window_start <= $2 - $3 THEN $2 ELSE rate_limits.window_start END
                 RETURNING window_start, hits",
            )
            .bind(bucket).bind(now).bind(window)
            .fetch_one(pool).await?
        });
        Ok(if hits <= max {
            RateDecision::Allowed
        } else {
            RateDecision::Limited {
                retry_after: (start + window - now).max(1),
            }
        })
    }

    /// Gives back one hit of `bucket`'s current window (an attempt that turned out
    /// legitimate).
    pub async fn refund_rate_limit(&self, bucket: &str) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND hits > 0")
                .bind(bucket).execute(pool).await?;
        });
        Ok(())
    }

    /// Forgets windows older than `before`.
    pub async fn purge_rate_limits(&self, before: i64) -> Result<u64, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                .bind(before).execute(pool).await?.rows_affected()
        }))
    }
}
