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

/// Counts not yet written: by period, metric and dimension, so that counting an event
/// already seen allocates nothing (pages served from the render cache count every view).
#[derive(Clone, Debug, Default)]
pub struct Pending(Arc<Mutex<PendingCounts>>);

/// Counts by period, then metric, then dimension.
type Counts = HashMap<String, HashMap<String, HashMap<String, i64>>>;

#[derive(Debug, Default)]
pub struct PendingCounts {
    counts: Counts,
    /// The period of the last hour counted: (Unix hour, period), since a month in
    /// Paris time always starts on an hour boundary.
    period: Option<(i64, String)>,
}

impl PendingCounts {
    fn add(&mut self, metric: &str, dimension: &str, now: i64, by: i64) {
        let hour = now.div_euclid(3600);
        if self.period.as_ref().is_none_or(|(h, _)| *h != hour) {
            self.period = Some((hour, period_of(now)));
        }
        if let Some((_, period)) = &self.period {
            bump(&mut self.counts, period, metric, dimension, by);
        }
    }

    fn drain(&mut self) -> Vec<(CounterKey, i64)> {
        let mut taken = Vec::new();
        for (period, metrics) in self.counts.drain() {
            for (metric, dimensions) in metrics {
                for (dimension, count) in dimensions {
                    taken.push(((metric.clone(), dimension, period.clone()), count));
                }
            }
        }
        taken
    }
}

/// Adds `by` to one counter of `counts`, copying its names only the first time.
fn bump(counts: &mut Counts, period: &str, metric: &str, dimension: &str, by: i64) {
    let count = slot(counts, period)
        .and_then(|metrics| slot(metrics, metric))
        .and_then(|dimensions| slot(dimensions, dimension));
    if let Some(count) = count {
        *count += by;
    }
}

/// The value under `key`, inserted as the default first; the key is copied only then.
/// (Always `Some`: an option rather than a panic the compiler cannot rule out.)
fn slot<'a, V: Default>(map: &'a mut HashMap<String, V>, key: &str) -> Option<&'a mut V> {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key)
}

/// The month of `at` (Unix seconds) in Paris time, `YYYY-MM`.
pub fn period_of(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m")
        .to_string()
}

impl Store {
    /// Counts a frequent event in memory; [`Store::flush_counters`] writes it (every
    /// few seconds, and before the dashboard reads). At most those seconds of counts
    /// are lost if the process dies.
    pub fn count_later(&self, metric: &str, dimension: &str, now: i64) {
        if let Ok(mut pending) = self.pending.0.lock() {
            pending.add(metric, dimension, now, 1);
        }
    }

    /// Writes the counts kept in memory; what could not be written waits for the next
    /// call.
    pub async fn flush_counters(&self) -> Result<(), StoreError> {
        let mut taken = match self.pending.0.lock() {
            Ok(mut pending) => pending.drain(),
            Err(_) => return Ok(()),
        };
        while let Some(((metric, dimension, period), count)) = taken.pop() {
            let written = self
                .add_to_counter(&metric, &dimension, &period, count)
                .await;
            if let Err(error) = written {
                if let Ok(mut pending) = self.pending.0.lock() {
                    taken.push(((metric, dimension, period), count));
                    for ((metric, dimension, period), n) in taken {
                        bump(&mut pending.counts, &period, &metric, &dimension, n);
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
        // In the write turn on SQLite: a write outside it could commit between the read
        // and the write of a transaction holding the turn, which SQLite then refuses at
        // once ("database is locked") instead of waiting.
        let _turn = self.write_turn().await;
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
    fn counts_kept_in_memory_add_up_by_counter_and_month() {
        let mut pending = super::PendingCounts::default();
        // 2026-11-30 22:30 and 23:30 UTC: November, then December in Paris.
        pending.add("view", "lesson/a", 1_796_077_800, 1);
        pending.add("view", "lesson/a", 1_796_077_800, 1);
        pending.add("view", "lesson/b", 1_796_077_800, 1);
        pending.add("view", "lesson/a", 1_796_081_400, 2);
        let mut taken = pending.drain();
        taken.sort();
        let key = |d: &str, p: &str| ("view".to_string(), d.to_string(), p.to_string());
        assert_eq!(
            taken,
            vec![
                (key("lesson/a", "2026-11"), 2),
                (key("lesson/a", "2026-12"), 2),
                (key("lesson/b", "2026-11"), 1),
            ]
        );
        assert!(pending.drain().is_empty());
    }

    #[test]
    fn the_period_is_the_month_in_paris_time() {
        // 2026-11-30 23:30 UTC is already December in Paris.
        assert_eq!(period_of(1_796_040_000), "2026-11");
        assert_eq!(period_of(1_796_081_400), "2026-12");
    }
}
