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
    /// An error of the SQLite writer's connection (see `sqlite_writer`).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("an in-memory SQLite database is not supported: give a file (sqlite:data/reperes.db)")]
    InMemory,
    /// A write of a batch that could not be committed (see `sqlite_writer` and
    /// `group_commit`): nothing of
    /// it was saved, and the caller may try again.
    #[error("the write was not saved: {0}")]
    NotSaved(String),
}

impl StoreError {
    /// True when a write lost a race to another one on a unique key (two people creating
    /// the same thing at the same moment).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Query(sqlx::Error::Database(e)) => e.is_unique_violation(),
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ),
            _ => false,
        }
    }

    /// True when the database could not be reached at all, or ended the transaction in
    /// a conflict that trying again resolves (answer 503, not 500: nothing was saved).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Connect(_) | StoreError::NotSaved(_) => true,
            StoreError::Query(e) => is_unreachable(e) || is_retryable_conflict(e),
            // The file locked by another process past the busy timeout, or the disk failing.
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::FileLockingProtocolFailed
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::CannotOpen
            ),
            _ => false,
        }
    }
}

/// True when PostgreSQL ended a transaction (or, in a batch of sign-ups, one sign-up's
/// savepoint) to resolve a conflict with another: 40P01 (deadlock detected), 40001
/// (serialization failure), 55P03 (lock not available). What it wrote is rolled back.
pub fn is_retryable_conflict(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => e
            .code()
            .is_some_and(|code| matches!(&*code, "40P01" | "40001" | "55P03")),
        _ => false,
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

    /// A database error with only a SQLSTATE code.
    #[derive(Debug)]
    struct Coded(&'static str);

    impl std::fmt::Display for Coded {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "error {}", self.0)
        }
    }

    impl std::error::Error for Coded {}

    impl sqlx::error::DatabaseError for Coded {
        fn message(&self) -> &str {
            self.0
        }
        fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    fn coded(code: &'static str) -> StoreError {
        StoreError::Query(sqlx::Error::Database(Box::new(Coded(code))))
    }

    #[test]
    fn a_deadlock_or_lock_conflict_is_unavailable_and_a_constraint_is_not() {
        for code in ["40P01", "40001", "55P03", "57P01", "08006"] {
            assert!(coded(code).is_unavailable(), "{code}");
        }
        for code in ["23505", "23503", "42601"] {
            assert!(!coded(code).is_unavailable(), "{code}");
        }
    }
}
