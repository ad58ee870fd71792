//! The persistence seam: one [`Store`] that every page, server function and handler
//! goes through, working on SQLite (embedded default) and PostgreSQL (several instances).
//!
//! Queries are written once in portable SQL with `$1` placeholders (SQLite accepts them)
//! and run against either pool through [`on_pool!`]; where the engines really differ
//! (locks, full-text search) a method matches on [`Db`] explicitly.
mod error;

pub use error::StoreError;
pub use rate_limit::RateDecision;

pub mod counters;
pub mod group_commit;
mod rate_limit;
pub mod sqlite_writer;
#[cfg(test)]
mod test_support;
pub mod versioned;

/// The SQLite library the writer's jobs get their connection from (see [`sqlite_writer`]).
pub use rusqlite;

use sqlx::{
    postgres::{PgConnectOptions, PgPool, PgPoolOptions},
    sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
    },
    ConnectOptions,
};
use std::{str::FromStr, time::Duration};

/// Rolls back what a connection coming back to the pool still has open. A transaction
/// is normally closed by its `Transaction` value (commit, or rollback when dropped); but
/// a request cancelled at the wrong moment (the client went away between `BEGIN
/// IMMEDIATE` and the check sqlx makes after it) leaves a connection inside a
/// transaction that no value owns. On SQLite it would keep the write lock, and every
/// writer of every process would wait for it, then fail; and a later transaction on
/// that connection would only be a savepoint inside it, never durable.
async fn end_open_transactions<DB: sqlx::Database>(
    conn: &mut DB::Connection,
) -> Result<bool, sqlx::Error> {
    use sqlx::TransactionManager as _;
    while DB::TransactionManager::get_transaction_depth(conn) > 0 {
        tracing::debug!("a connection came back to the pool inside a transaction: rolled back");
        DB::TransactionManager::rollback(conn).await?;
    }
    Ok(true)
}

/// The database engine behind a [`Store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// Picks the engine from a `DATABASE_URL`.
    pub fn from_url(url: &str) -> Result<Engine, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }
}

/// A connection pool of either engine.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same block against whichever pool the store holds. The block is compiled
/// once per engine, so the queries in it must be portable.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Begins, as `$tx`, a transaction that reads then writes, and holds this process's
/// write turn ([`Store::write_turn`]) to the end of the enclosing block: `BEGIN
/// IMMEDIATE` on SQLite, so that two of them wait for each other instead of one failing
/// when it starts writing; a plain `BEGIN` on PostgreSQL, whose callers lock rows.
/// `sqlite` first: `$pool` is known to be the SQLite pool.
#[macro_export]
macro_rules! begin_write {
    ($store:expr, $pool:ident => $tx:ident) => {
        let _turn = $store.write_turn().await;
        let mut $tx = match $store.db() {
            $crate::db::Db::Sqlite(_) => $pool.begin_with("BEGIN IMMEDIATE").await?,
            $crate::db::Db::Postgres(_) => $pool.begin().await?,
        };
    };
    (sqlite $store:expr, $pool:ident => $tx:ident) => {
        let _turn = $store.write_turn().await;
        let mut $tx = $pool.begin_with("BEGIN IMMEDIATE").await?;
    };
}

/// Writers side by side on PostgreSQL (see [`group_commit::Writers`]): one per core of
/// the two-core machine this is measured on, and each holds one connection of the pool.
const POSTGRES_WRITERS: usize = 2;

/// The application's data access. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
    /// Counts of frequent events (page views) waiting to be added to the database by
    /// [`Store::flush_counters`], so that a page view never waits on a write.
    pending: counters::Pending,
    /// On SQLite, the turn of this process's write transactions (see [`Store::write_turn`]).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// On SQLite, the writer thread that commits frequent small writes in groups.
    group: Option<sqlite_writer::SqliteWriter>,
    /// On PostgreSQL, the writers that commit sign-ups, quiz answers and sessions in groups.
    pg_group: Option<group_commit::Writers<sqlx::Postgres>>,
    /// Quizzes as decoded from their lessons, for the current content version (a quiz
    /// answer would otherwise read and decode every lesson of its module).
    pub(crate) quizzes: std::sync::Arc<
        versioned::VersionedCache<
            crate::quizzes::model::QuizKey,
            crate::quizzes::model::LoadedQuiz,
        >,
    >,
    /// The content version the quizzes were last checked against.
    pub(crate) quiz_content: std::sync::Arc<versioned::RecentVersion>,
}

impl Store {
    /// Connects to `url`, creating the SQLite file (and its folder) when missing.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let mut file = None;
        let db = match Engine::from_url(url)? {
            Engine::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(StoreError::Connect)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a sign-up answered as saved survives a power cut.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .log_statements(tracing::log::LevelFilter::Trace);
                if url.contains(":memory:") || url.contains("mode=memory") {
                    // The writer has a connection of its own, which would see another database.
                    return Err(StoreError::InMemory);
                }
                if let Some(parent) = options.get_filename().parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(StoreError::CreateDir)?;
                    }
                }
                file = Some(options.get_filename().to_owned());
                // No ping when a connection is taken from the pool: a connection to a
                // file does not break while it waits, and each ping is a round trip to
                // the connection's thread (sqlx pings again when it comes back, which
                // is where a broken one is closed). PostgreSQL connections keep theirs:
                // a server restart breaks the idle ones.
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .acquire_timeout(Duration::from_secs(10))
                    .after_release(|conn, _| Box::pin(end_open_transactions::<sqlx::Sqlite>(conn)))
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Connect)?;
                Db::Sqlite(pool)
            }
            Engine::Postgres => {
                let options = PgConnectOptions::from_str(url)
                    .map_err(StoreError::Connect)?
                    .log_statements(tracing::log::LevelFilter::Trace);
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .after_release(|conn, _| {
                        Box::pin(end_open_transactions::<sqlx::Postgres>(conn))
                    })
                    .connect_with(options)
                    .await
                    .map_err(StoreError::Connect)?;
                Db::Postgres(pool)
            }
        };
        let writer = std::sync::Arc::new(tokio::sync::Mutex::new(()));
        // The write turn is SQLite's; on PostgreSQL each writer has its own.
        let (group, pg_group) = match (&db, file) {
            // The file exists: the pool created it.
            (Db::Sqlite(_), Some(file)) => (
                Some(sqlite_writer::SqliteWriter::start(&file, writer.clone())?),
                None,
            ),
            (Db::Sqlite(_), None) => unreachable!("a SQLite store has a file"),
            (Db::Postgres(pool), _) => (
                None,
                Some(
                    group_commit::Writers::start(
                        pool.clone(),
                        "BEGIN",
                        group_commit::MAX_POSTGRES_BATCH,
                        POSTGRES_WRITERS,
                    )
                    .map_err(|error| StoreError::Connect(sqlx::Error::Io(error)))?,
                ),
            ),
        };
        Ok(Store {
            db,
            pending: counters::Pending::default(),
            writer,
            group,
            pg_group,
            quizzes: Default::default(),
            quiz_content: Default::default(),
        })
    }

    /// Applies the migrations of the engine; start-up stops if this fails.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.db {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        match self.db {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// The pool, for the session store and for engine-specific queries.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Answers whether the database responds, and on SQLite whether the writer's thread
    /// still runs (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        if self
            .group
            .as_ref()
            .is_some_and(sqlite_writer::SqliteWriter::stopped)
        {
            return Err(StoreError::NotSaved("the SQLite writer has stopped".into()));
        }
        Ok(())
    }

    /// The number that changes whenever public content changes (triggers bump it; see
    /// the `content_version` migration). The render cache keys anonymous pages on it.
    pub async fn content_version(&self) -> Result<i64, StoreError> {
        let version: i64 = on_pool!(&self.db, pool => {
            sqlx::query_scalar("SELECT version FROM content_version WHERE id = 1")
                .fetch_one(pool)
                .await?
        });
        Ok(version)
    }

    /// On SQLite, waits for this process's turn to run a write transaction; on
    /// PostgreSQL, returns at once (row locks order the writers there). SQLite has one
    /// writer at a time: without this queue, concurrent `BEGIN IMMEDIATE` transactions
    /// wait in SQLite's busy handler, which sleeps up to 100 ms between tries, so that
    /// under a burst of sign-ups a few waited most of a second. Here they wait in a fair
    /// (first come, first served) queue and start as soon as the previous one commits.
    /// Hold the guard until the transaction has committed or rolled back.
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.db {
            Db::Sqlite(_) => Some(self.writer.lock().await),
            Db::Postgres(_) => None,
        }
    }

    /// On SQLite, the writer of the frequent small writes (sign-ups, quiz answers,
    /// sessions: see [`sqlite_writer`]), which commits them in groups.
    pub fn sqlite_writer(&self) -> Result<&sqlite_writer::SqliteWriter, StoreError> {
        self.group
            .as_ref()
            .ok_or_else(|| StoreError::NotSaved("no SQLite writer on this engine".into()))
    }

    /// On PostgreSQL, the writers of the frequent small writes (sign-ups, quiz answers,
    /// sessions: see [`group_commit`]), which commit them in groups.
    pub fn postgres_writer(&self) -> Result<&group_commit::Writers<sqlx::Postgres>, StoreError> {
        self.pg_group
            .as_ref()
            .ok_or_else(|| StoreError::NotSaved("no PostgreSQL writer on this engine".into()))
    }

    /// The same store, each write committing on its own (`REPERES_GROUP_COMMIT=off`,
    /// to measure what group commit brings).
    pub fn without_group_commit(mut self) -> Store {
        self.group = self.group.map(sqlite_writer::SqliteWriter::one_by_one);
        self.pg_group = self.pg_group.map(group_commit::Writers::one_by_one);
        self
    }

    /// Closes the pool's connections (tests and shutdown); the SQLite writer's own closes
    /// when the last clone of the store is dropped.
    pub async fn close(&self) {
        on_pool!(&self.db, pool => pool.close().await)
    }
}
