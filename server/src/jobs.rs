//! Scheduled jobs: the retention clean-up (anonymous progress untouched for 13 months,
//! old rate-limit windows, names and contacts of bookings some days after their
//! workshop). Each instance runs it; the deletes are idempotent, so several instances
//! on one PostgreSQL do no harm.
use app::db::{Store, StoreError};
use std::time::Duration;

/// Anonymous progress is deleted after this long without use (13 months, as the
/// privacy notice says).
pub const LEARNER_RETENTION_SECS: i64 = 396 * 24 * 3600;
/// Rate-limit windows older than this are deleted at each run, so that with a run every
/// [`RETENTION_EVERY`] none lives more than 24 hours (as the privacy notice says).
pub const RATE_LIMIT_RETENTION_SECS: i64 = 18 * 3600;
/// How often the clean-up runs.
pub const RETENTION_EVERY: Duration = Duration::from_secs(6 * 3600);

/// What one clean-up removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub learners: u64,
    pub rate_limits: u64,
    /// Bookings whose name and contact were erased.
    pub contacts: u64,
}

/// Runs the clean-up once, as of `now` (Unix seconds). Booking contacts are kept
/// `contact_retention_days` after the end of their workshop.
pub async fn purge_once(
    store: &Store,
    contact_retention_days: i64,
    now: i64,
) -> Result<Purged, StoreError> {
    Ok(Purged {
        contacts: store
            .erase_contacts(now - contact_retention_days * 24 * 3600, now)
            .await?,
        learners: store
            .purge_inactive_learners(now - LEARNER_RETENTION_SECS)
            .await?,
        rate_limits: store
            .purge_rate_limits(now - RATE_LIMIT_RETENTION_SECS)
            .await?,
    })
}

/// Starts the clean-up now and every [`RETENTION_EVERY`], for the life of the process.
pub fn spawn_retention(store: Store, contact_retention_days: i64) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(RETENTION_EVERY);
        loop {
            every.tick().await;
            match purge_once(
                &store,
                contact_retention_days,
                chrono::Utc::now().timestamp(),
            )
            .await
            {
                Ok(purged) => tracing::info!(
                    learners = purged.learners,
                    rate_limits = purged.rate_limits,
                    contacts = purged.contacts,
                    "retention clean-up done"
                ),
                Err(error) => tracing::warn!(%error, "retention clean-up failed, will retry"),
            }
        }
    });
}

/// How often the counts of frequent events kept in memory are written.
pub const COUNTERS_EVERY: Duration = Duration::from_secs(10);

/// Writes the counts kept in memory every [`COUNTERS_EVERY`], for the life of the
/// process.
pub fn spawn_counter_flush(store: Store) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(COUNTERS_EVERY);
        loop {
            every.tick().await;
            if let Err(error) = store.flush_counters().await {
                tracing::warn!(%error, "counters not written, will retry");
            }
        }
    });
}
