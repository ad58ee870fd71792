//! Errors of the persistence layer. Their text goes to the log, never to a page.
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("cannot create the database folder: {0}")]
    CreateDir(#[source] std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

impl StoreError {
    /// True when a write lost a race to another one on a unique key (two people creating
    /// the same thing at the same moment).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Query(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// True when the database could not be reached at all (answer 503, not 500).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Connect(_) => true,
            StoreError::Query(e) => matches!(
                e,
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            ),
            _ => false,
        }
    }
}
