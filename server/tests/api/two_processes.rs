//! Two server processes (the real binary, twice) sharing one PostgreSQL database, as in
//! a deployment with several instances: 200 concurrent sign-ups at a 20-seat workshop,
//! sent half to each, never overbook, 20 times over. SQLite is one process per database
//! file by design (see the README), so this test is PostgreSQL's: on SQLite the same
//! race runs inside one process in `workshops.rs`.
use crate::helpers::{client, engine, new_workshop, repo_content, workshop_setup, TestApp, TestDb};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};

/// A server process, killed when dropped.
struct Process {
    child: Child,
    address: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start(database_url: &str) -> Process {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", &address)
        .env("REPERES_CONTENT_DIR", repo_content())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let process = Process {
        child,
        address: format!("http://{address}"),
    };
    let http = client();
    for _ in 0..600 {
        if let Ok(r) = http
            .get(format!("{}/healthz", process.address))
            .send()
            .await
        {
            if r.status() == 200 {
                return process;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the server at {address} did not answer /healthz within a minute");
}

#[tokio::test]
async fn two_server_processes_on_one_postgresql_never_overbook() {
    if engine() != "postgres" {
        // One process per SQLite file: nothing to test here (see the module comment).
        return;
    }
    let db = TestDb::new().await;
    let url = db.url.clone();
    let first = start(&url).await;
    let second = start(&url).await;
    let app = TestApp {
        address: first.address.clone(),
        client: client(),
        store: app::db::Store::connect(&url).await.unwrap(),
        _db: db,
    };
    let s = workshop_setup(&app).await;
    let http = client();
    for round in 0..20 {
        let id = new_workshop(&app, &s, 20, 0).await;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let base = if i % 2 == 0 {
                &first.address
            } else {
                &second.address
            };
            let url = format!("{base}/api/v1/workshops/{id}/registrations");
            let http = http.clone();
            tasks.push(tokio::spawn(async move {
                let response = http
                    .post(url)
                    .json(&json!({"first_name": format!("P{i}"), "seats": 1}))
                    .send()
                    .await
                    .expect("request");
                assert_eq!(response.status(), 201, "every sign-up is recorded");
                response.json::<Value>().await.expect("JSON")
            }));
        }
        let mut confirmed = 0;
        let mut positions = Vec::new();
        for task in tasks {
            let booking = task.await.expect("task");
            match booking["status"].as_str() {
                Some("confirmed") => confirmed += 1,
                Some("waitlisted") => {
                    positions.push(booking["position"].as_i64().expect("position"))
                }
                other => panic!("unexpected status {other:?}"),
            }
        }
        assert_eq!(confirmed, 20, "round {round}");
        // Positions are given as each sign-up lands: together they are 1 to 180.
        positions.sort_unstable();
        assert_eq!(positions, (1..=180).collect::<Vec<i64>>(), "round {round}");
        let seats = app
            .count(&format!("SELECT CAST(COALESCE(SUM(seats), 0) AS BIGINT) FROM registrations WHERE session_id = {id} AND status = 'confirmed'"))
            .await;
        assert_eq!(seats, 20, "round {round}");
    }
}
