//! Anonymous event counters: one row per metric, dimension and month (Paris time),
//! incremented when the event happens. Nothing that identifies a person is ever a
//! dimension, so erasing a person leaves the counts as they were.
use super::{Store, StoreError};
use crate::on_pool;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// Adds `$by` to a counter inside the open transaction `$tx` (the month of `$at`), so
/// that the count and the event it counts are written together.
#[macro_export]
macro_rules! count_in_tx {
    ($tx:expr, $metric:expr, $dimension:expr, $at:expr, $by:expr) => {
        sqlx::query(
            "INSERT INTO event_counters (metric, dimension, period, count) VALUES ($1, $2, $3, $4)
             ON CONFLICT (metric, dimension, period) DO UPDATE SET count = event_counters.count + excluded.count",
        )
        .bind($metric)
        .bind($dimension)
        .bind($crate::db::counters::period_of($at))
        .bind($by)
        .execute(&mut *$tx)
        .await
    };
}

/// A counter: (metric, dimension, period).
type CounterKey = (String, String, String);

/// Counts not yet written, by counter.
#[derive(Clone, Debug, Default)]
pub struct Pending(Arc<Mutex<HashMap<CounterKey, i64>>>);

/// The month of `at` (Unix seconds) in Paris time, `YYYY-MM`.
pub fn period_of(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m")
        .to_string()
}

impl Store {
    /// Adds `by` to the counter of `metric` for `dimension` in the month of `now`.
    pub async fn count_event(
        &self,
        metric: &str,
        dimension: &str,
        by: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        self.add_to_counter(metric, dimension, &period_of(now), by)
            .await
    }

    /// Counts a frequent event in memory; [`Store::flush_counters`] writes it (every
    /// few seconds, and before the dashboard reads). At most those seconds of counts
    /// are lost if the process dies.
    pub fn count_later(&self, metric: &str, dimension: &str, now: i64) {
        if let Ok(mut pending) = self.pending.0.lock() {
            *pending
                .entry((metric.to_string(), dimension.to_string(), period_of(now)))
                .or_insert(0) += 1;
        }
    }

    /// Writes the counts kept in memory; what could not be written waits for the next
    /// call.
    pub async fn flush_counters(&self) -> Result<(), StoreError> {
        let mut taken: Vec<_> = match self.pending.0.lock() {
            Ok(mut pending) => pending.drain().collect(),
            Err(_) => return Ok(()),
        };
        while let Some(((metric, dimension, period), count)) = taken.pop() {
            let written = self
                .add_to_counter(&metric, &dimension, &period, count)
                .await;
            if let Err(error) = written {
                if let Ok(mut pending) = self.pending.0.lock() {
                    taken.push(((metric, dimension, period), count));
                    for (key, n) in taken {
                        *pending.entry(key).or_insert(0) += n;
                    }
                }
                return Err(error);
            }
        }
        Ok(())
    }

    async fn add_to_counter(
        &self,
        metric: &str,
        dimension: &str,
        period: &str,
        by: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO event_counters (metric, dimension, period, count) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (metric, dimension, period) DO UPDATE SET count = event_counters.count + excluded.count",
            )
            .bind(metric).bind(dimension).bind(period).bind(by)
            .execute(pool).await?;
        });
        Ok(())
    }

    /// Every counter of `metric`: (dimension, period, count), by period then dimension.
    pub async fn counters(&self, metric: &str) -> Result<Vec<(String, String, i64)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT dimension, period, count FROM event_counters WHERE metric = $1 ORDER BY period, dimension",
            )
            .bind(metric).fetch_all(pool).await?
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::period_of;

    #[test]
    fn the_period_is_the_month_in_paris_time() {
        // 2026-11-30 23:30 UTC is already December in Paris.
        assert_eq!(period_of(1_796_040_000), "2026-11");
        assert_eq!(period_of(1_796_081_400), "2026-12");
    }
}
