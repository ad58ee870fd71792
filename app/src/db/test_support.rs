//! What the two writers' tests share (`group_commit`, `sqlite_writer`): a store on a new
//! SQLite file with a table `t` of unique numbers, and ways to line writes up in a
//! writer's queue.
use super::Store;
use std::{future::Future, time::Duration};

/// A writer whose queue the tests watch.
pub trait Queue {
    /// Writes waiting in the queue.
    fn waiting(&self) -> usize;
}

/// A store on a new SQLite file (named after `name`) with a table `t` of unique numbers.
pub async fn scratch(name: &str) -> Store {
    let path = std::env::temp_dir().join(format!(
        "reperes-{name}-{}-{}.db",
        std::process::id(),
        rand::random::<u64>()
    ));
    let store = Store::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let super::Db::Sqlite(pool) = store.db() else {
        unreachable!("scratch stores are SQLite")
    };
    sqlx::query("CREATE TABLE t (n INTEGER NOT NULL UNIQUE)")
        .execute(pool)
        .await
        .unwrap();
    store
}

/// The numbers in `t`, in order.
pub async fn numbers(store: &Store) -> Vec<i64> {
    let super::Db::Sqlite(pool) = store.db() else {
        unreachable!("scratch stores are SQLite")
    };
    sqlx::query_scalar("SELECT n FROM t ORDER BY n")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// Waits until exactly `n` writes wait in `queue`.
pub async fn queued(queue: &impl Queue, n: usize) {
    for _ in 0..500 {
        if queue.waiting() == n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{n} writes never waited in the queue together");
}

/// Holds `store`'s write turn once `queue`'s writer has taken the write `first` and waits
/// for the turn with it, so that the writes queued next form one batch when the turn is
/// dropped.
pub async fn held<'s, T: Send + 'static>(
    store: &'s Store,
    queue: &impl Queue,
    first: impl Future<Output = T> + Send + 'static,
) -> (tokio::sync::MutexGuard<'s, ()>, tokio::task::JoinHandle<T>) {
    let turn = store.write_turn().await.expect("scratch stores are SQLite");
    let first = tokio::spawn(first);
    queued(queue, 0).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    (turn, first)
}
