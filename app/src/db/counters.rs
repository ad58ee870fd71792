//! Anonymous event counters: one row per metric, dimension and month (Paris time),
//! incremented when the event happens. Nothing that identifies a person is ever a
//! dimension, so erasing a person leaves the counts as they were.
use super::{Store, StoreError};
use crate::on_pool;

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
        on_pool!(self.db(), pool => {
            sqlx::query(
                "INSERT INTO event_counters (metric, dimension, period, count) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (metric, dimension, period) DO UPDATE SET count = event_counters.count + excluded.count",
            )
            .bind(metric).bind(dimension).bind(period_of(now)).bind(by)
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
