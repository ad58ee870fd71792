//! The engine's group-commit writer, as sign-ups use it: writes that arrive together
//! share one commit, and one that fails is rolled back alone, its caller told why,
//! while the others are saved. On PostgreSQL a statement that fails ends the whole
//! transaction, which the writer must undo and run again without the failed write.
use crate::helpers::{engine, spawn_app, TestApp};
use app::db::StoreError;

/// Inserts `n` into `t` with the engine's writer; write 7 inserts it twice (a unique
/// violation raised by the database) and write 9 refuses after its insert.
async fn insert(app: &TestApp, n: i64) -> Result<i64, StoreError> {
    let refused = || StoreError::NotSaved("refused on purpose".into());
    match engine() {
        "postgres" => {
            app.store
                .postgres_writer()?
                .write(move |conn| {
                    Box::pin(async move {
                        let times = if n == 7 { 2 } else { 1 };
                        for _ in 0..times {
                            sqlx::query("INSERT INTO t (n) VALUES ($1)")
                                .bind(n)
                                .execute(&mut *conn)
                                .await?;
                        }
                        if n == 9 {
                            return Err(refused());
                        }
                        Ok(n)
                    })
                })
                .await
        }
        _ => {
            app.store
                .sqlite_writer()?
                .write(move |conn| {
                    let times = if n == 7 { 2 } else { 1 };
                    for _ in 0..times {
                        conn.execute("INSERT INTO t (n) VALUES (?1)", [n])?;
                    }
                    if n == 9 {
                        return Err(refused());
                    }
                    Ok(n)
                })
                .await
        }
    }
}

fn commits(app: &TestApp) -> u64 {
    match engine() {
        "postgres" => app.store.postgres_writer().unwrap().commits(),
        _ => app.store.sqlite_writer().unwrap().commits(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_arriving_together_share_commits_and_a_failed_one_is_rolled_back_alone() {
    let app = spawn_app().await;
    app.execute("CREATE TABLE t (n BIGINT NOT NULL UNIQUE)")
        .await;
    let before = commits(&app);
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = (0..64)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move { insert(&app, n).await })
        })
        .collect();
    for (n, task) in (0..64).zip(tasks) {
        let answer = task.await.unwrap();
        match n {
            7 => assert!(
                answer.as_ref().is_err_and(StoreError::is_unique_violation),
                "the write the database refused gets its error: {answer:?}"
            ),
            9 => assert!(
                matches!(&answer, Err(StoreError::NotSaved(reason)) if reason == "refused on purpose"),
                "the write that refused gets its own error: {answer:?}"
            ),
            _ => assert_eq!(answer.unwrap(), n, "write {n} saved"),
        }
    }
    let mut saved: Vec<i64> = app
        .strings("SELECT CAST(n AS TEXT) FROM t")
        .await
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    saved.sort_unstable();
    let expected: Vec<i64> = (0..64).filter(|n| *n != 7 && *n != 9).collect();
    assert_eq!(
        saved, expected,
        "the two failed writes left nothing, once each"
    );
    let commits = commits(&app) - before;
    assert!(
        (1..=16).contains(&commits),
        "64 writes arriving together took {commits} commits"
    );
}
