//! Group commit: the writes that arrive while a transaction is being made durable wait
//! for it, then share the next transaction and its one flush to disk.
//!
//! With `synchronous = FULL` (SQLite) or `synchronous_commit = on` (PostgreSQL), every
//! commit waits for the disk. One commit per sign-up or quiz answer meant that, under a
//! burst, each request queued behind all the flushes before it (p99 of 165 ms for 64
//! sign-ups at once on the benchmark machine, on both engines; on PostgreSQL the
//! workshop's row lock, held until each commit, queued them the same way). Here a single
//! writer task takes every write waiting in its queue, runs them in one transaction (a
//! write that fails is rolled back alone: see [`commit`]), commits once, and only then
//! answers each caller: an answer still means the write is on disk, and a batch that
//! cannot commit answers every caller in it with an error (nothing was saved, nothing is
//! half-saved).
//!
//! A write that finds nobody writing and nobody waiting has no one to share a commit
//! with: it commits at once in its caller's task, in a transaction of its own, without
//! the hop to the writer task. Writes that arrive meanwhile queue, and the writer takes
//! them all when that commit is done.
//!
//! On SQLite the batches are run by [`super::sqlite_writer`] instead, on a connection of
//! its own without a hand-off to another thread for each statement, by the same rules
//! but for that one: a write alone goes to its thread too, as a batch of one (the tests
//! here run this writer on SQLite, holding the process's write turn for each batch as
//! that one does). On PostgreSQL each instance has two writers side by side
//! ([`Writers`]), for sign-ups, quiz answers and sessions: each statement is a round trip
//! to the database server, and while one writer waits for it, or for its commit to reach
//! the disk, the other runs; each runs on a thread of its own, with a connection of its
//! own, so that it takes each answer at once ([`GroupCommit::start_on_thread`]). A batch
//! runs its writes in the order of the rows they lock (see
//! [`GroupCommit::write_locking`]), so that two writers' or two instances' batches always
//! take their locks in the same order and cannot deadlock.
//!
//! One by one ([`GroupCommit::one_by_one`], `REPERES_GROUP_COMMIT=off`, for
//! measurements), every write waits for the write turn and commits alone.
use super::StoreError;
use futures_util::FutureExt as _;
use sqlx::{pool::PoolOptions, Connection, Database, Pool};
use std::{
    future::Future,
    panic::AssertUnwindSafe,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};
use tokio::sync::{mpsc, oneshot, Mutex, OwnedMutexGuard};

/// A future that borrows the connection it writes with.
pub type WriteFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// What a job leaves to do once its batch is committed or abandoned: answer its caller.
/// `None`: committed; `Some(reason)`: the batch was not saved.
pub(super) type Finish = Box<dyn FnOnce(Option<String>) + Send>;

/// A job's outcome: whether its write succeeded, and how to answer its caller through
/// `answer` once the batch is committed (its value) or not (the batch's failure).
pub(super) fn answering<T: Send + 'static>(
    result: Result<T, StoreError>,
    answer: oneshot::Sender<Result<T, StoreError>>,
) -> (bool, Finish) {
    let ok = result.is_ok();
    let finish: Finish = Box::new(move |failure| {
        let result = match (result, failure) {
            (Ok(value), None) => Ok(value),
            (Ok(_), Some(reason)) => Err(StoreError::NotSaved(reason)),
            (Err(error), _) => Err(error),
        };
        // The caller may have gone away (client disconnected): nothing to do.
        let _ = answer.send(result);
    });
    (ok, finish)
}

/// One caller's write, run by the writer task once, or twice when its batch is run again
/// with savepoints (see [`commit`]).
trait Job<DB: Database>: Send {
    /// Runs the write on `conn` and keeps its outcome; true when it succeeded.
    fn run<'c>(&'c mut self, conn: &'c mut DB::Connection) -> WriteFuture<'c, bool>;
    /// Answers the caller with the outcome of its last run, once the batch is committed
    /// (`None`) or not (`Some(reason)`).
    fn finish(self: Box<Self>, failure: Option<String>);
}

/// A caller's write, what its last run gave, and where to answer.
struct Pending<T, F> {
    work: F,
    outcome: Option<Result<T, StoreError>>,
    answer: oneshot::Sender<Result<T, StoreError>>,
}

impl<DB, T, F> Job<DB> for Pending<T, F>
where
    DB: Database,
    T: Send + 'static,
    F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
        + Clone
        + Send
        + 'static,
{
    fn run<'c>(&'c mut self, conn: &'c mut DB::Connection) -> WriteFuture<'c, bool> {
        let work = self.work.clone();
        Box::pin(async move {
            let outcome = work(conn).await;
            let ok = outcome.is_ok();
            self.outcome = Some(outcome);
            ok
        })
    }

    fn finish(self: Box<Self>, failure: Option<String>) {
        let Pending {
            outcome, answer, ..
        } = *self;
        let Some(outcome) = outcome else {
            // Never run: the batch stopped before it.
            let reason = failure.unwrap_or_else(|| "the batch stopped before this write".into());
            let _ = answer.send(Err(StoreError::NotSaved(reason)));
            return;
        };
        let (_, finish) = answering(outcome, answer);
        finish(failure);
    }
}

/// A job and its place in the batch (the row it locks; see [`GroupCommit::write_locking`]).
struct Queued<DB: Database> {
    job: Box<dyn Job<DB>>,
    order: i64,
}

/// Most writes in one PostgreSQL transaction: when a batch runs again in savepoints
/// (see [`commit`]), each takes a transaction id of its own (a sign-up locks a row), and
/// past 64 of them in one open transaction PostgreSQL's snapshots overflow and every
/// session looks them up on disk.
pub const MAX_POSTGRES_BATCH: usize = 60;
/// Writes waiting for the writer beyond this make their callers wait to queue.
const QUEUE: usize = 4096;

/// The queue of the writer task (see the module documentation). Cheap to clone.
pub struct GroupCommit<DB: Database> {
    jobs: mpsc::Sender<Queued<DB>>,
    commits: Arc<AtomicU64>,
    pool: Pool<DB>,
    turn: Arc<Mutex<()>>,
    /// The statement that begins a transaction (SQLite: take the write lock at once).
    begin: &'static str,
    /// Most writes in one transaction.
    max_batch: usize,
    /// False: every write commits alone (see [`GroupCommit::one_by_one`]).
    grouped: bool,
}

impl<DB: Database> Clone for GroupCommit<DB> {
    fn clone(&self) -> Self {
        GroupCommit {
            jobs: self.jobs.clone(),
            commits: self.commits.clone(),
            pool: self.pool.clone(),
            turn: self.turn.clone(),
            begin: self.begin,
            max_batch: self.max_batch,
            grouped: self.grouped,
        }
    }
}

impl<DB: Database> std::fmt::Debug for GroupCommit<DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit")
            .field("commits", &self.commits.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl<DB: Database> GroupCommit<DB> {
    /// Starts the writer task on the current runtime. It writes with a connection of
    /// `pool`, in transactions begun by `begin` holding at most `max_batch` writes,
    /// holding `turn` for each batch (on SQLite the process's write turn, so that it
    /// never competes with the writes that do not go through it).
    pub fn start(
        pool: Pool<DB>,
        turn: Arc<Mutex<()>>,
        begin: &'static str,
        max_batch: usize,
    ) -> GroupCommit<DB> {
        let (group, queue) = GroupCommit::handle(pool, turn, begin, max_batch);
        tokio::spawn(run(
            group.pool.clone(),
            group.turn.clone(),
            begin,
            max_batch,
            queue,
            group.commits.clone(),
        ));
        group
    }

    /// A writer's handle, and the queue its task takes the writes from.
    fn handle(
        pool: Pool<DB>,
        turn: Arc<Mutex<()>>,
        begin: &'static str,
        max_batch: usize,
    ) -> (GroupCommit<DB>, mpsc::Receiver<Queued<DB>>) {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let group = GroupCommit {
            jobs,
            commits: Arc::default(),
            pool,
            turn,
            begin,
            max_batch,
            grouped: true,
        };
        (group, queue)
    }

    /// [`GroupCommit::start`] with the writer task on a thread of its own, in a runtime of
    /// its own, writing with a connection of its own to the server that `pool` reaches
    /// (`pool` still serves the writes made alone, in their callers' tasks). On
    /// PostgreSQL a batch is a chain of round trips, one statement after the other, and
    /// the sign-ups of a workshop wait for the whole chain (its row is locked until the
    /// commit): the writer must take each answer as soon as it comes, not when a worker
    /// of the main runtime, busy with requests, next looks at its sockets.
    pub fn start_on_thread(
        pool: Pool<DB>,
        turn: Arc<Mutex<()>>,
        begin: &'static str,
        max_batch: usize,
    ) -> std::io::Result<GroupCommit<DB>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (group, queue) = GroupCommit::handle(pool, turn, begin, max_batch);
        let options = (*group.pool.connect_options()).clone();
        let (writer_turn, writer_commits) = (group.turn.clone(), group.commits.clone());
        std::thread::Builder::new()
            .name("reperes-writer".into())
            .spawn(move || {
                runtime.block_on(async move {
                    // Lazy: connected by the first batch, in this runtime, whose reactor
                    // then wakes this thread alone when the server answers.
                    let own = PoolOptions::<DB>::new()
                        .max_connections(1)
                        .acquire_timeout(Duration::from_secs(5))
                        .connect_lazy_with(options);
                    run(own, writer_turn, begin, max_batch, queue, writer_commits).await;
                });
            })?;
        Ok(group)
    }

    /// The same writer committing every write alone, each waiting for the write turn
    /// (`REPERES_GROUP_COMMIT=off`: what group commit brings can then be measured).
    pub fn one_by_one(self) -> GroupCommit<DB> {
        GroupCommit {
            grouped: false,
            ..self
        }
    }

    /// Transactions committed so far (each holds one or more writes).
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Writes waiting in the queue, plus one while a batch or a write alone runs.
    fn waiting(&self) -> usize {
        self.queued() + usize::from(self.turn.try_lock().is_err())
    }

    /// Writes waiting in the queue.
    fn queued(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
    }

    /// Runs `work` in the next batch and answers once that batch is on disk. When `work`
    /// returns an error, what it wrote is rolled back and the other writes of the batch
    /// are kept. `work` may run twice (a clone of it, when another write of its batch
    /// failed: see [`commit`]); only the outcome of its last run is answered.
    pub async fn write<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
            + Clone
            + Send
            + 'static,
    {
        self.queue(work, 0).await
    }

    /// [`GroupCommit::write`] for `work` that locks row `row` of one table first (a
    /// workshop, for a sign-up): a batch runs such writes by row, so that the batches of
    /// two instances lock their rows in the same order.
    pub async fn write_locking<T, F>(&self, row: i64, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
            + Clone
            + Send
            + 'static,
    {
        self.queue(work, row).await
    }

    async fn queue<T, F>(&self, work: F, order: i64) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
            + Clone
            + Send
            + 'static,
    {
        if !self.grouped {
            let turn = self.turn.clone().lock_owned().await;
            return self.alone(turn, work).await;
        }
        // Nobody writing (the turn is free) and nobody queued (every slot free): no
        // write to share a commit with. The turn is fair: it is never free while a
        // batch waits for it.
        if self.queued() == 0 {
            if let Ok(turn) = self.turn.clone().try_lock_owned() {
                return self.alone(turn, work).await;
            }
        }
        let (answer, answered) = oneshot::channel();
        let job = Box::new(Pending {
            work,
            outcome: None,
            answer,
        });
        self.jobs
            .send(Queued { job, order })
            .await
            .map_err(|_| StoreError::NotSaved("the writer has stopped".into()))?;
        answered
            .await
            .map_err(|_| StoreError::NotSaved("the batch was abandoned before its commit".into()))?
    }

    /// Runs `work` in a transaction of its own, holding the write turn `turn`. As in a
    /// batch, a failed commit or a panic is [`StoreError::NotSaved`] (what was written is
    /// rolled back when the transaction is dropped).
    async fn alone<T, F>(&self, turn: OwnedMutexGuard<()>, work: F) -> Result<T, StoreError>
    where
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>,
    {
        let written = AssertUnwindSafe(async {
            let mut tx = self.pool.begin_with(self.begin).await?;
            let value = match work(&mut tx).await {
                Ok(value) => value,
                Err(error) => {
                    // Before the turn goes: the next writer must not find the lock held.
                    if let Err(error) = tx.rollback().await {
                        tracing::warn!(%error, "a refused write was not rolled back at once");
                    }
                    return Err(error);
                }
            };
            tx.commit().await.map_err(|error| {
                tracing::error!(%error, "a write was not saved");
                StoreError::NotSaved(error.to_string())
            })?;
            Ok(value)
        })
        .catch_unwind()
        .await;
        drop(turn);
        let value = written.map_err(|_| {
            tracing::error!("a write panicked");
            StoreError::NotSaved("the write failed".into())
        })??;
        self.commits.fetch_add(1, Ordering::Relaxed);
        Ok(value)
    }
}

/// Several writers side by side, each with its queue, its connection and its own batches
/// (on PostgreSQL: a batch runs statement after statement, each a round trip to the
/// server, and while one writer waits for the server or for its commit to reach the disk,
/// another can run). A write that locks a row goes to the writer of that row, so that the
/// sign-ups of one workshop still share batches and commits; another goes to the writer
/// with the fewest writes waiting. Two writers' batches lock their rows in the same
/// order, like two instances' (see [`GroupCommit::write_locking`]).
pub struct Writers<DB: Database> {
    all: Vec<GroupCommit<DB>>,
    next: Arc<AtomicU64>,
}

impl<DB: Database> Clone for Writers<DB> {
    fn clone(&self) -> Self {
        Writers {
            all: self.all.clone(),
            next: self.next.clone(),
        }
    }
}

impl<DB: Database> std::fmt::Debug for Writers<DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writers")
            .field("writers", &self.all.len())
            .field("commits", &self.commits())
            .finish()
    }
}

impl<DB: Database> Writers<DB> {
    /// Starts `count` writers (at least one) on `pool`, each holding a turn of its own for
    /// its batches, each on a thread of its own (see [`GroupCommit::start_on_thread`]).
    pub fn start(
        pool: Pool<DB>,
        begin: &'static str,
        max_batch: usize,
        count: usize,
    ) -> std::io::Result<Self> {
        let all = (0..count.max(1))
            .map(|_| GroupCommit::start_on_thread(pool.clone(), Arc::default(), begin, max_batch))
            .collect::<std::io::Result<_>>()?;
        Ok(Writers {
            all,
            next: Arc::default(),
        })
    }

    /// The same writers committing every write alone (see [`GroupCommit::one_by_one`]).
    pub fn one_by_one(self) -> Self {
        Writers {
            all: self.all.into_iter().map(GroupCommit::one_by_one).collect(),
            next: self.next,
        }
    }

    /// Transactions committed so far by all the writers.
    pub fn commits(&self) -> u64 {
        self.all.iter().map(GroupCommit::commits).sum()
    }

    /// [`GroupCommit::write`] on the writer with the fewest writes waiting (the next one
    /// in turn among equals).
    pub async fn write<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
            + Clone
            + Send
            + 'static,
    {
        let start = self.next.fetch_add(1, Ordering::Relaxed) as usize;
        let n = self.all.len();
        let writer = (0..n)
            .map(|i| &self.all[(start + i) % n])
            .min_by_key(|writer| writer.waiting())
            .expect("at least one writer");
        writer.write(work).await
    }

    /// [`GroupCommit::write_locking`] on the writer of row `row`.
    pub async fn write_locking<T, F>(&self, row: i64, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut DB::Connection) -> WriteFuture<'c, Result<T, StoreError>>
            + Clone
            + Send
            + 'static,
    {
        let writer = &self.all[row.rem_euclid(self.all.len() as i64) as usize];
        writer.write_locking(row, work).await
    }
}

async fn run<DB: Database>(
    pool: Pool<DB>,
    turn: Arc<Mutex<()>>,
    begin: &'static str,
    max_batch: usize,
    mut queue: mpsc::Receiver<Queued<DB>>,
    commits: Arc<AtomicU64>,
) {
    let mut batch = Vec::with_capacity(max_batch);
    while queue.recv_many(&mut batch, max_batch).await > 0 {
        let mut jobs = std::mem::replace(&mut batch, Vec::with_capacity(max_batch));
        // Stable: in the order they came, within a row.
        jobs.sort_by_key(|queued| queued.order);
        // Each batch in a task of its own: a write that panics fails its batch (its
        // callers are told, their savepoints and transaction are rolled back when the
        // connection goes back to the pool), never the writer.
        let task = tokio::spawn(commit(pool.clone(), turn.clone(), begin, jobs));
        match task.await {
            Ok(true) => {
                commits.fetch_add(1, Ordering::Relaxed);
            }
            Ok(false) => {}
            Err(error) => tracing::error!(%error, "a batch of writes failed"),
        }
    }
}

/// Runs one batch; true when it was committed. A job dropped without being finished
/// (a panic) answers its caller with an error.
///
/// The writes run first without savepoints: a savepoint costs two round trips to the
/// server, more than most writes (a sign-up is one statement), and on PostgreSQL each
/// one opens a subtransaction. Should one of them fail, that transaction is rolled back
/// and the batch runs again, each write in a savepoint of its own, so that the one that
/// fails is rolled back alone as before: its caller gets its error, the others their
/// answers once the second transaction is committed.
async fn commit<DB: Database>(
    pool: Pool<DB>,
    turn: Arc<Mutex<()>>,
    begin: &'static str,
    jobs: Vec<Queued<DB>>,
) -> bool {
    let mut jobs: Vec<Box<dyn Job<DB>>> = jobs.into_iter().map(|queued| queued.job).collect();
    let turn = turn.lock().await;
    let outcome = match run_batch(&pool, begin, &mut jobs, false).await {
        Ok(true) => Ok(()),
        Ok(false) => run_batch(&pool, begin, &mut jobs, true).await.map(drop),
        Err(error) => Err(error),
    };
    drop(turn);
    let failure = outcome.as_ref().err().map(|error| {
        tracing::error!(%error, "a batch of writes was not saved");
        error.to_string()
    });
    for job in jobs {
        job.finish(failure.clone());
    }
    outcome.is_ok()
}

/// Runs `jobs` in one transaction and commits it. With `savepoints`, each job runs in
/// its own and one that fails is rolled back alone; without, the first that fails rolls
/// the transaction back and stops the batch (`Ok(false)`). `Err`: the batch cannot be
/// saved (the server refused the transaction or its commit).
async fn run_batch<DB: Database>(
    pool: &Pool<DB>,
    begin: &'static str,
    jobs: &mut [Box<dyn Job<DB>>],
    savepoints: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin_with(begin).await?;
    for job in jobs.iter_mut() {
        if !savepoints {
            if !job.run(&mut tx).await {
                tx.rollback().await?;
                return Ok(false);
            }
            continue;
        }
        let mut point = Connection::begin(&mut *tx).await?;
        if job.run(&mut point).await {
            point.commit().await?;
        } else {
            point.rollback().await?;
        }
    }
    // Dropping `tx` on an error above rolls the whole batch back.
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::{GroupCommit, MAX_POSTGRES_BATCH};
    use crate::db::{
        test_support::{self, numbers},
        Store, StoreError,
    };

    /// A store on a new SQLite file with a table `t` of unique numbers, and a writer on
    /// its pool holding its write turn (in production SQLite has its own writer, see
    /// `sqlite_writer`; the batches work the same on both engines).
    #[derive(Clone)]
    struct Scratch {
        store: Store,
        group: GroupCommit<sqlx::Sqlite>,
    }

    impl std::ops::Deref for Scratch {
        type Target = Store;
        fn deref(&self) -> &Store {
            &self.store
        }
    }

    impl Scratch {
        fn sqlite_writer(&self) -> Result<&GroupCommit<sqlx::Sqlite>, StoreError> {
            Ok(&self.group)
        }

        fn without_group_commit(self) -> Scratch {
            Scratch {
                group: self.group.one_by_one(),
                store: self.store,
            }
        }
    }

    async fn scratch() -> Scratch {
        let store = test_support::scratch("group-commit").await;
        let crate::db::Db::Sqlite(pool) = store.db() else {
            unreachable!("scratch stores are SQLite")
        };
        let group = GroupCommit::start(
            pool.clone(),
            store.writer.clone(),
            "BEGIN IMMEDIATE",
            MAX_POSTGRES_BATCH,
        );
        Scratch { store, group }
    }

    /// The write that inserts `n` and fails after its insert when `fail` is true; it
    /// counts its runs in `runs`, if given.
    fn inserting(
        n: i64,
        fail: bool,
        runs: Option<std::sync::Arc<std::sync::atomic::AtomicUsize>>,
    ) -> impl for<'c> FnOnce(
        &'c mut sqlx::SqliteConnection,
    ) -> super::WriteFuture<'c, Result<i64, StoreError>>
           + Clone
           + Send
           + 'static {
        move |conn| {
            Box::pin(async move {
                if let Some(runs) = runs {
                    runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                sqlx::query("INSERT INTO t (n) VALUES ($1)")
                    .bind(n)
                    .execute(&mut *conn)
                    .await?;
                if fail {
                    return Err(StoreError::NotSaved("refused on purpose".into()));
                }
                Ok(n)
            })
        }
    }

    /// Inserts `n`; the write fails after its insert when `fail` is true.
    async fn insert(store: &Scratch, n: i64, fail: bool) -> Result<i64, StoreError> {
        let group = store.sqlite_writer().unwrap();
        group.write(inserting(n, fail, None)).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_writes_share_commits_and_a_failed_one_is_rolled_back_alone() {
        let store = scratch().await;
        let before = store.sqlite_writer().unwrap().commits();
        let tasks: Vec<_> = (0..64)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { insert(&store, n, n == 7).await })
            })
            .collect();
        let mut answered = Vec::new();
        for task in tasks {
            answered.push(task.await.unwrap());
        }
        // Every caller got its own answer: the failed write its error, the others their value.
        for (n, answer) in answered.iter().enumerate() {
            match answer {
                Ok(value) => assert_eq!(*value, n as i64),
                Err(error) => {
                    assert_eq!(n, 7, "only the write that failed is refused: {error}")
                }
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
        assert_eq!(insert(&store, 1, false).await.unwrap(), 1);
        assert_eq!(store.sqlite_writer().unwrap().commits() - before, 1);

        let store = store.without_group_commit();
        let before = store.sqlite_writer().unwrap().commits();
        let tasks: Vec<_> = (10..26)
            .map(|n| {
                let store = store.clone();
                tokio::spawn(async move { insert(&store, n, n == 12).await })
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

    impl<DB: sqlx::Database> test_support::Queue for GroupCommit<DB> {
        fn waiting(&self) -> usize {
            self.queued()
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_runs_its_locking_writes_in_the_order_of_their_rows() {
        let store = scratch().await;
        let first = {
            let store = store.clone();
            async move { insert(&store, 1000, false).await }
        };
        let (turn, first) = test_support::held(&store, &store.group, first).await;
        let mut batch = Vec::new();
        for row in [30, 10, 20, 10] {
            let writer = store.clone();
            let n = row * 10 + batch.len() as i64;
            batch.push(tokio::spawn(async move {
                let group = writer.sqlite_writer().unwrap();
                group.write_locking(row, inserting(n, false, None)).await
            }));
            test_support::queued(&store.group, batch.len()).await;
        }
        drop(turn);
        assert_eq!(first.await.unwrap().unwrap(), 1000);
        for task in batch {
            task.await.unwrap().unwrap();
        }
        let crate::db::Db::Sqlite(pool) = store.db() else {
            unreachable!("scratch stores are SQLite")
        };
        let written: Vec<i64> = sqlx::query_scalar("SELECT n FROM t ORDER BY rowid")
            .fetch_all(pool)
            .await
            .unwrap();
        // By row, and in the order they came within a row (101 before 103).
        assert_eq!(written, vec![1000, 101, 103, 202, 300]);
    }

    /// Lines up `failing` (which write fails, if any) and three others behind a write
    /// holding the turn, as one batch; gives how many times the four ran, and their answers.
    async fn counted_batch(
        store: &Scratch,
        base: i64,
        failing: Option<usize>,
    ) -> (usize, Vec<bool>) {
        let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let first = {
            let store = store.clone();
            async move { insert(&store, base, false).await }
        };
        let (turn, first) = test_support::held(store, &store.group, first).await;
        let mut batch = Vec::new();
        for i in 0..4 {
            let (writer, runs) = (store.clone(), runs.clone());
            let n = base + 1 + i as i64;
            let fail = failing == Some(i);
            batch.push(tokio::spawn(async move {
                let group = writer.sqlite_writer().unwrap();
                group.write(inserting(n, fail, Some(runs))).await
            }));
            test_support::queued(&store.group, batch.len()).await;
        }
        drop(turn);
        first.await.unwrap().unwrap();
        let mut answers = Vec::new();
        for task in batch {
            answers.push(task.await.unwrap().is_ok());
        }
        (runs.load(std::sync::atomic::Ordering::SeqCst), answers)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_runs_each_write_once_and_again_in_savepoints_when_one_fails() {
        let store = scratch().await;
        let before = store.sqlite_writer().unwrap().commits();
        let (runs, answers) = counted_batch(&store, 100, None).await;
        assert_eq!(runs, 4, "without a failure, each write runs once");
        assert_eq!(answers, vec![true; 4]);
        // The first write alone, then the batch.
        assert_eq!(store.sqlite_writer().unwrap().commits() - before, 2);

        let before = store.sqlite_writer().unwrap().commits();
        let (runs, answers) = counted_batch(&store, 200, Some(2)).await;
        // Three writes, the third failing, then the four again in their savepoints.
        assert_eq!(runs, 3 + 4, "the batch ran again after the failure");
        assert_eq!(answers, vec![true, true, false, true]);
        assert_eq!(store.sqlite_writer().unwrap().commits() - before, 2);
        assert_eq!(
            numbers(&store).await,
            vec![100, 101, 102, 103, 104, 200, 201, 202, 204],
            "the failed write alone left nothing; the others were saved once"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_refused_write_keeps_its_own_error_and_the_writer_goes_on() {
        let store = scratch().await;
        insert(&store, 1, false).await.unwrap();
        let duplicate = insert(&store, 1, false).await.unwrap_err();
        assert!(duplicate.is_unique_violation(), "{duplicate}");
        // A write that panics fails (its batch is rolled back), and the next one works.
        let group = store.sqlite_writer().unwrap();
        let panicked = group
            .write(|conn| {
                Box::pin(async move {
                    sqlx::query("INSERT INTO t (n) VALUES (2)")
                        .execute(&mut *conn)
                        .await?;
                    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t")
                        .fetch_one(&mut *conn)
                        .await?;
                    if rows > 0 {
                        panic!("a bug in a write");
                    }
                    Ok(())
                })
            })
            .await;
        assert!(
            matches!(panicked, Err(StoreError::NotSaved(_))),
            "{panicked:?}"
        );
        assert_eq!(insert(&store, 3, false).await.unwrap(), 3);
        assert_eq!(numbers(&store).await, vec![1, 3]);
    }
}
