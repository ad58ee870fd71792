//! The SQLite writer: a connection of its own ([`rusqlite`]) on a thread of its own,
//! which runs each batch of group-committed writes from `BEGIN` to `COMMIT` without
//! leaving that thread.
//!
//! Group commit (see [`super::group_commit`]) shares one commit, and its flush to disk,
//! among the writes that arrive together. On SQLite it ran them on a connection of
//! sqlx's pool, which runs each connection on a thread too but hands every statement
//! over to it and back (a channel and a futex wake-up each way): a batch of 60 new
//! visitors' quiz answers and their session records made some 130 such round trips,
//! and under load each one waits for a core like every other thread. A profile of quiz
//! answers at 64 connections put about a quarter of the server's CPU in those hand-offs
//! (`bench/HISTORY.md`). Here a batch goes to the writer's thread once; its statements
//! run there one after the other, as plain function calls.
//!
//! The rules are those of group commit. Each write runs in a savepoint of its own and is
//! rolled back alone when it fails, except a write of one statement
//! ([`SqliteWriter::write_statement`]), which SQLite undoes by itself; such a write that
//! fails all the same fails its batch, so that an error that may have ended the
//! transaction never leaves the next writes outside it. Each caller is answered once
//! the commit is on disk; a batch that cannot commit answers each of its callers that
//! nothing was saved. For each batch the thread takes the process's write turn (see
//! [`super::Store::write_turn`]), so that it never competes with the writes made on the
//! pool. One by one ([`SqliteWriter::one_by_one`], `REPERES_GROUP_COMMIT=off`), every
//! write commits alone.
//!
//! The connection is set up like the pool's (write-ahead log, `synchronous = FULL`,
//! foreign keys, a busy timeout). Statements are prepared once and kept
//! ([`rusqlite::Connection::prepare_cached`]).
use super::{
    group_commit::{answering, Finish},
    StoreError,
};
use rusqlite::{Connection, OpenFlags};
use std::{
    panic::{catch_unwind, AssertUnwindSafe},
    path::Path,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};
use tokio::sync::{
    mpsc::{self, error::TryRecvError},
    oneshot, Mutex,
};

/// One caller's write, run on the writer's thread: says whether it succeeded (release
/// its savepoint) or not (roll it back), and how to answer.
type Job = Box<dyn FnOnce(&Connection) -> (bool, Finish) + Send>;

struct Queued {
    job: Job,
    /// False: one statement, no savepoint.
    savepoint: bool,
    /// True: committed in a transaction of its own.
    alone: bool,
}

/// Most writes in one transaction: bounds how long the first of them waits.
pub const MAX_BATCH: usize = 256;
/// Writes waiting for the writer beyond this make their callers wait to queue.
const QUEUE: usize = 4096;

/// The queue of the writer's thread (see the module documentation). Cheap to clone;
/// the thread stops when the last clone is dropped.
#[derive(Clone)]
pub struct SqliteWriter {
    jobs: mpsc::Sender<Queued>,
    commits: Arc<AtomicU64>,
    grouped: bool,
}

impl std::fmt::Debug for SqliteWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteWriter")
            .field("commits", &self.commits.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl SqliteWriter {
    /// Opens a connection to the database file at `path` (which must exist) and starts
    /// the writer's thread, which holds `turn` for each batch.
    pub fn start(path: &Path, turn: Arc<Mutex<()>>) -> Result<SqliteWriter, StoreError> {
        let conn = open(path)?;
        let (jobs, queue) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        let counted = commits.clone();
        let path = path.to_owned();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(conn, &path, &turn, queue, &counted))
            .map_err(|error| StoreError::Connect(sqlx::Error::Io(error)))?;
        Ok(SqliteWriter {
            jobs,
            commits,
            grouped: true,
        })
    }

    /// The same writer committing every write alone (`REPERES_GROUP_COMMIT=off`: what
    /// group commit brings can then be measured).
    pub fn one_by_one(self) -> SqliteWriter {
        SqliteWriter {
            grouped: false,
            ..self
        }
    }

    /// True when the writer's thread has stopped (it never should: every write would
    /// then be refused).
    pub fn stopped(&self) -> bool {
        self.jobs.is_closed()
    }

    /// Transactions committed so far (each holds one or more writes).
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Runs `work` in the next batch, in a savepoint of its own, and answers once that
    /// batch is on disk. When `work` returns an error, what it wrote is rolled back and
    /// the other writes of the batch are kept.
    pub async fn write<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.queue(work, true).await
    }

    /// [`SqliteWriter::write`] for `work` that writes with one statement (or retries one
    /// statement refused by a constraint, which SQLite undoes by itself): no savepoint.
    /// When `work` fails, its whole batch fails (see the module documentation).
    pub async fn write_statement<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        self.queue(work, false).await
    }

    async fn queue<T, F>(&self, work: F, savepoint: bool) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |conn| answering(work(conn), answer));
        self.jobs
            .send(Queued {
                job,
                savepoint,
                alone: !self.grouped,
            })
            .await
            .map_err(|_| StoreError::NotSaved("the writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError::NotSaved("the batch was abandoned before its commit".into()))?
    }
}

/// `sql` written for sqlx (`$1` placeholders) as rusqlite binds it: SQLite reads `$1` as a
/// parameter named "$1", numbered in the order of first appearance, and `?1` as number
/// 1, which is what sqlx means. (`sql` holds no `$` in a string literal.)
pub fn positional(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// The writer's connection, set up like the pool's.
fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        // URI: as sqlx opens it (a `file:` name).
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a write answered as saved survives a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.set_prepared_statement_cache_capacity(32);
    Ok(conn)
}

/// The writer's thread: takes the writes waiting (at most [`MAX_BATCH`], or one that
/// commits alone), commits them, and again, until every [`SqliteWriter`] is dropped.
fn run(
    mut conn: Connection,
    path: &Path,
    turn: &Mutex<()>,
    mut queue: mpsc::Receiver<Queued>,
    commits: &AtomicU64,
) {
    let mut next: Option<Queued> = None;
    loop {
        let Some(first) = next.take().or_else(|| queue.blocking_recv()) else {
            return;
        };
        let mut batch = vec![first];
        while !batch[0].alone && batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(queued) if queued.alone => {
                    next = Some(queued);
                    break;
                }
                Ok(queued) => batch.push(queued),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        let held = turn.blocking_lock();
        commit(&conn, batch, commits);
        // Left inside a transaction (its rollback failed): it would hold the write lock
        // and refuse every later batch. A new connection ends it.
        if !conn.is_autocommit() {
            match open(path) {
                Ok(fresh) => conn = fresh,
                Err(error) => tracing::error!(%error, "the SQLite writer cannot reconnect"),
            }
        }
        drop(held);
    }
}

/// Runs one batch, counts it in `commits` when it was committed, and answers its callers.
/// A write not run (the batch stopped before it) or that panicked answers its caller
/// with an error when it is dropped.
fn commit(conn: &Connection, batch: Vec<Queued>, commits: &AtomicU64) {
    let mut finishes = Vec::with_capacity(batch.len());
    let outcome = run_batch(conn, batch, &mut finishes);
    let outcome = outcome.and_then(|()| run_statement(conn, "COMMIT"));
    if outcome.is_err() && !conn.is_autocommit() {
        if let Err(error) = conn.execute_batch("ROLLBACK") {
            tracing::error!(%error, "a batch of writes was not rolled back");
        }
    }
    let failure = match outcome {
        Ok(()) => {
            commits.fetch_add(1, Ordering::Relaxed);
            None
        }
        Err(reason) => {
            tracing::error!(%reason, "a batch of writes was not saved");
            Some(reason)
        }
    };
    for finish in finishes {
        finish(failure.clone());
    }
}

/// Runs `sql`, a statement without parameters nor rows, prepared once.
fn run_statement(conn: &Connection, sql: &str) -> Result<(), String> {
    conn.prepare_cached(sql)
        .and_then(|mut statement| statement.execute([]))
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Begins the transaction and runs the writes of `batch`, each in its savepoint if it
/// has one; stops at the first failure that fails the batch.
fn run_batch(
    conn: &Connection,
    batch: Vec<Queued>,
    finishes: &mut Vec<Finish>,
) -> Result<(), String> {
    run_statement(conn, "BEGIN IMMEDIATE")?;
    for Queued { job, savepoint, .. } in batch {
        if savepoint {
            run_statement(conn, "SAVEPOINT write")?;
        }
        let (ok, finish) = catch_unwind(AssertUnwindSafe(|| job(conn)))
            .map_err(|_| "a write panicked: its batch is not saved".to_string())?;
        finishes.push(finish);
        match (savepoint, ok) {
            (true, true) => run_statement(conn, "RELEASE write")?,
            (true, false) => {
                run_statement(conn, "ROLLBACK TO write")?;
                run_statement(conn, "RELEASE write")?;
            }
            (false, true) => {}
            (false, false) => {
                return Err("a one-statement write failed: its batch is not saved".into())
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::db::{
        test_support::{self, numbers},
        Store, StoreError,
    };

    async fn scratch() -> Store {
        test_support::scratch("sqlite-writer").await
    }

    /// Inserts `n`, in a savepoint (`one_statement` false) or not; the write fails after
    /// its insert when `fail` is true.
    async fn insert(
        store: &Store,
        n: i64,
        one_statement: bool,
        fail: bool,
    ) -> Result<i64, StoreError> {
        let writer = store.sqlite_writer().unwrap();
        let work = move |conn: &rusqlite::Connection| {
            conn.prepare_cached("INSERT INTO t (n) VALUES (?1)")?
                .execute([n])?;
            if fail {
                return Err(StoreError::NotSaved("refused on purpose".into()));
            }
            Ok(n)
        };
        if one_statement {
            writer.write_statement(work).await
        } else {
            writer.write(work).await
        }
    }

    impl test_support::Queue for super::SqliteWriter {
        fn waiting(&self) -> usize {
            self.jobs.max_capacity() - self.jobs.capacity()
        }
    }

    #[tokio::test]
    async fn an_in_memory_database_is_refused() {
        for url in ["sqlite::memory:", "sqlite://file.db?mode=memory"] {
            let refused = Store::connect(url).await.unwrap_err();
            assert!(matches!(refused, StoreError::InMemory), "{url}: {refused}");
        }
    }

    #[tokio::test]
    async fn a_stopped_writer_refuses_writes_and_fails_the_health_check() {
        let mut store = scratch().await;
        store.ping().await.unwrap();
        // A writer whose thread is gone: nobody receives its jobs.
        let (jobs, queue) = tokio::sync::mpsc::channel(1);
        drop(queue);
        let dead = super::SqliteWriter {
            jobs,
            commits: Default::default(),
            grouped: true,
        };
        assert!(!store.sqlite_writer().unwrap().stopped());
        store.group = Some(dead);
        assert!(store.sqlite_writer().unwrap().stopped());
        let refused = insert(&store, 1, false, false).await.unwrap_err();
        assert!(refused.is_unavailable(), "{refused}");
        let unhealthy = store.ping().await.unwrap_err();
        assert!(unhealthy.is_unavailable(), "{unhealthy}");
    }

    #[test]
    fn placeholders_are_numbered_as_sqlx_numbers_them() {
        assert_eq!(
            super::positional("SELECT $2, $1, $10 WHERE a = $1 AND b = '$'"),
            "SELECT ?2, ?1, ?10 WHERE a = ?1 AND b = '$'"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_writes_share_commits_and_a_failed_one_is_rolled_back_alone() {
        let store = scratch().await;
        let before = store.sqlite_writer().unwrap().commits();
        let tasks: Vec<_> = (0..64)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { insert(&store, n, n % 2 == 0, n == 7).await })
            })
            .collect();
        for (n, task) in (0..64).zip(tasks) {
            // Every caller got its own answer: the failed write its error, the others their value.
            match task.await.unwrap() {
                Ok(value) => assert_eq!(value, n),
                Err(error) => assert_eq!(n, 7, "only the write that failed is refused: {error}"),
            }
        }
        let expected: Vec<i64> = (0..64).filter(|n| *n != 7).collect();
        assert_eq!(
            numbers(&store).await,
            expected,
            "the failed write left nothing"
        );
        let commits = store.sqlite_writer().unwrap().commits() - before;
        assert!(
            (1..=16).contains(&commits),
            "64 writes arriving together took {commits} commits"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_write_alone_commits_at_once_and_one_by_one_every_write_commits_alone() {
        let store = scratch().await;
        let before = store.sqlite_writer().unwrap().commits();
        assert_eq!(insert(&store, 1, false, false).await.unwrap(), 1);
        assert_eq!(store.sqlite_writer().unwrap().commits() - before, 1);

        let store = store.without_group_commit();
        let before = store.sqlite_writer().unwrap().commits();
        let tasks: Vec<_> = (10..26)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { insert(&store, n, n % 3 == 0, n == 12).await })
            })
            .collect();
        for (n, task) in (10..26).zip(tasks) {
            let answer = task.await.unwrap();
            assert_eq!(answer.is_ok(), n != 12, "{n}: {answer:?}");
        }
        assert_eq!(
            store.sqlite_writer().unwrap().commits() - before,
            15,
            "one commit a saved write"
        );
        let expected: Vec<i64> = std::iter::once(1)
            .chain((10..26).filter(|n| *n != 12))
            .collect();
        assert_eq!(numbers(&store).await, expected);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_one_statement_write_that_fails_fails_its_batch() {
        let store = scratch().await;
        insert(&store, 5, true, false).await.unwrap();
        // One batch of three, the middle one refused (a number already there): the
        // refused write gets its own error, the two others are told nothing was saved,
        // and indeed nothing of that batch is; the next write is saved.
        let writer = store.sqlite_writer().unwrap();
        let first = {
            let store = store.clone();
            async move { insert(&store, 100, false, false).await }
        };
        let (turn, first) = test_support::held(&store, writer, first).await;
        let mut batch = Vec::new();
        for n in [101, 5, 102] {
            let store = store.clone();
            batch.push(tokio::spawn(async move {
                insert(&store, n, n == 5, false).await
            }));
            // In this order in the queue.
            test_support::queued(writer, batch.len()).await;
        }
        drop(turn);
        assert_eq!(first.await.unwrap().unwrap(), 100);
        let answers: Vec<_> = futures_util::future::join_all(batch)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert!(
            matches!(&answers[0], Err(StoreError::NotSaved(_))),
            "{:?}",
            answers[0]
        );
        let refused = answers[1].as_ref().unwrap_err();
        assert!(refused.is_unique_violation(), "{refused}");
        assert!(
            matches!(&answers[2], Err(StoreError::NotSaved(_))),
            "{:?}",
            answers[2]
        );
        assert_eq!(insert(&store, 103, true, false).await.unwrap(), 103);
        assert_eq!(numbers(&store).await, vec![5, 100, 103]);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_refused_write_keeps_its_own_error_and_the_writer_goes_on_after_a_panic() {
        let store = scratch().await;
        insert(&store, 1, false, false).await.unwrap();
        let duplicate = insert(&store, 1, false, false).await.unwrap_err();
        assert!(duplicate.is_unique_violation(), "{duplicate}");
        // A write that panics fails (its batch is rolled back), and the next one works.
        let writer = store.sqlite_writer().unwrap();
        let panicked = writer
            .write(|conn| {
                conn.execute("INSERT INTO t (n) VALUES (2)", [])?;
                let rows: i64 = conn.query_row("SELECT COUNT(*) FROM t", [], |row| row.get(0))?;
                if rows > 0 {
                    panic!("a bug in a write");
                }
                Ok(())
            })
            .await;
        assert!(
            matches!(panicked, Err(StoreError::NotSaved(_))),
            "{panicked:?}"
        );
        assert_eq!(insert(&store, 3, true, false).await.unwrap(), 3);
        assert_eq!(numbers(&store).await, vec![1, 3]);
    }
}
