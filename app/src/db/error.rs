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
    /// A write of a batch that could not be committed (see `group_commit`): nothing of
    /// it was saved, and the caller may try again.
    #[error("the write was not saved: {0}")]
    NotSaved(String),
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
            StoreError::Connect(_) | StoreError::NotSaved(_) => true,
            StoreError::Query(e) => is_unreachable(e),
            _ => false,
        }
    }
}

/// True for the errors of a database that is down, stopping or unreachable, as opposed
/// to a query the database refused.
pub fn is_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::WorkerCrashed => true,
        // PostgreSQL: class 08 (connection exception), 57P01 to 57P03 (the server is
        // shutting down, crashed or starting up), 53300 (too many connections).
        sqlx::Error::Database(e) => e.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_connection_is_unavailable_and_a_refused_query_is_not() {
        let io = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert!(StoreError::Query(io).is_unavailable());
        assert!(StoreError::Query(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(!StoreError::Query(sqlx::Error::RowNotFound).is_unavailable());
        assert!(!StoreError::Query(sqlx::Error::ColumnNotFound("x".into())).is_unavailable());
    }
}
