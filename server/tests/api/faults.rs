//! Faults, on the real binary in a process of its own:
//! - kill -9 while sign-ups stream in: every sign-up answered 201 is there after the
//!   restart, none twice, and retrying the unanswered ones with their `Idempotency-Key`
//!   books each once (both engines: SQLite in WAL with synchronous FULL, PostgreSQL);
//! - `server backup` taken while the site serves and writes, restored into a fresh
//!   instance that serves the same data (both engines);
//! - the database going down (a private PostgreSQL cluster of the test's own, stopped):
//!   French 503 pages, `/healthz` 503, JSON 503, and recovery without a restart.
use crate::{
    helpers::{client, engine, new_workshop, workshop_setup, TestDb},
    processes::{client_beside, PrivateCluster, ServerProcess},
};
use serde_json::{json, Value};
use std::{
    collections::HashSet,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

async fn sign_up(
    http: &reqwest::Client,
    base: &str,
    workshop: i64,
    name: &str,
    key: Option<&str>,
) -> reqwest::Result<reqwest::Response> {
    let mut request = http
        .post(format!("{base}/api/v1/workshops/{workshop}/registrations"))
        .json(&json!({"first_name": name, "seats": 1}));
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await
}

#[tokio::test]
async fn sign_ups_answered_201_survive_a_kill_9_and_retries_book_once() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let mut server = ServerProcess::start(&url, &[]).await;
    let app = client_beside(db, &server.address).await;
    let s = workshop_setup(&app).await;
    const CAPACITY: i64 = 40;
    let id = new_workshop(&app, &s, CAPACITY, 0).await;

    let answered = Arc::new(Mutex::new(Vec::<String>::new()));
    let unanswered = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..8 {
        let (answered, unanswered, stop) = (answered.clone(), unanswered.clone(), stop.clone());
        let base = server.address.clone();
        writers.push(tokio::spawn(async move {
            let http = client();
            for n in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let (key, name) = (format!("kill-{w}-{n}"), format!("W{w}N{n}"));
                match sign_up(&http, &base, id, &name, Some(&key)).await {
                    Ok(r) if r.status() == 201 => answered.lock().unwrap().push(name),
                    Ok(r) => panic!("unexpected answer {}", r.status()),
                    // The server died under this request: its fate is unknown.
                    Err(_) => {
                        unanswered.lock().unwrap().push((key, name));
                        break;
                    }
                }
            }
        }));
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while answered.lock().unwrap().len() < 80 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(answered.lock().unwrap().len() >= 80, "sign-ups stream in");
    server.kill_9();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.expect("writer");
    }

    let server = ServerProcess::start(&url, &[]).await;
    let http = client();
    let retried = unanswered.lock().unwrap().clone();
    for (key, name) in &retried {
        let r = sign_up(&http, &server.address, id, name, Some(key))
            .await
            .expect("the restarted server answers");
        // 201: the first try never reached the disk; 200: it did, and only its answer
        // was lost. Either way, one booking.
        assert!(
            matches!(r.status().as_u16(), 200 | 201),
            "retry of {name}: {}",
            r.status()
        );
    }

    let answered = answered.lock().unwrap().clone();
    for name in &answered {
        let rows = app
            .count(&format!(
                "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND first_name = '{name}'"
            ))
            .await;
        assert_eq!(rows, 1, "{name}, answered 201, is there once");
    }
    let total = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id}"
        ))
        .await;
    let distinct = app
        .count(&format!(
            "SELECT COUNT(DISTINCT first_name) FROM registrations WHERE session_id = {id}"
        ))
        .await;
    assert_eq!(total, distinct, "no sign-up is recorded twice");
    assert_eq!(
        total as usize,
        answered.len() + retried.len(),
        "every answered and every retried sign-up, nothing else"
    );
    let confirmed = app
        .count(&format!(
            "SELECT CAST(COALESCE(SUM(seats), 0) AS BIGINT) FROM registrations WHERE session_id = {id} AND status = 'confirmed'"
        ))
        .await;
    assert_eq!(confirmed, CAPACITY.min(total), "never overbooked");
    // And the restarted server serves the workshop as the data says.
    let workshop: Value = http
        .get(server.url(&format!("/api/v1/workshops/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(workshop["seats_left"], 0, "{workshop}");
}

/// Runs `server backup FILE` on `database_url`.
fn run_backup(database_url: &str, file: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["backup", file.to_str().unwrap()])
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("server backup runs")
}

/// Restores `file` (made by `server backup`) into the empty database of `target`.
fn restore(file: &std::path::Path, target: &TestDb) {
    match engine() {
        "postgres" => {
            let output = std::process::Command::new("pg_restore")
                .args([
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--dbname",
                ])
                .arg(&target.url)
                .arg(file)
                .output()
                .expect("pg_restore runs");
            assert!(
                output.status.success(),
                "pg_restore: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        _ => {
            let path = std::path::PathBuf::from(target.url.trim_start_matches("sqlite://"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::copy(file, &path).expect("copy the backup in place");
        }
    }
}

async fn json_of(http: &reqwest::Client, url: String) -> Value {
    let response = http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn an_online_backup_restored_into_a_fresh_instance_serves_the_same_data() {
    let db = TestDb::new().await;
    let url = db.url.clone();
    let live = ServerProcess::start(&url, &[]).await;
    let app = client_beside(db, &live.address).await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 10, 0).await;
    let busy = new_workshop(&app, &s, 25, 0).await;
    let http = client();
    let mut tokens = Vec::new();
    for i in 0..14 {
        let r = sign_up(&http, &live.address, id, &format!("Avant{i}"), None)
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let body: Value = r.json().await.unwrap();
        tokens.push(body["token"].as_str().unwrap().to_string());
    }

    // Sign-ups keep coming to another workshop while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, base) = (stop.clone(), live.address.clone());
        tokio::spawn(async move {
            let http = client();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let r = sign_up(&http, &base, busy, &format!("Pendant{n}"), None)
                    .await
                    .unwrap();
                assert_eq!(r.status(), 201);
                n += 1;
            }
            n
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sauvegarde/reperes.backup");
    let backup = {
        let (url, file) = (url.clone(), file.clone());
        tokio::task::spawn_blocking(move || run_backup(&url, &file))
            .await
            .unwrap()
    };
    assert!(
        backup.status.success(),
        "server backup: {}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(String::from_utf8_lossy(&backup.stdout).contains("backup written to"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let written_during = writer.await.unwrap();
    assert!(written_during > 0, "the site kept taking sign-ups");
    // A backup never overwrites another.
    let again = run_backup(&url, &file);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let restored_db = TestDb::new().await;
    restore(&file, &restored_db);
    let restored = ServerProcess::start(&restored_db.url, &[]).await;
    let copy = client_beside(restored_db, &restored.address).await;

    // The same workshop, seats and waitlist, and the same bookings by their tokens.
    let path = format!("/api/v1/workshops/{id}");
    assert_eq!(
        json_of(&http, restored.url(&path)).await,
        json_of(&http, live.url(&path)).await
    );
    for token in &tokens {
        let path = format!("/api/v1/registrations/{token}");
        assert_eq!(
            json_of(&http, restored.url(&path)).await,
            json_of(&http, live.url(&path)).await
        );
    }
    // A consistent snapshot of the busy workshop: some of the sign-ups made during the
    // backup, each whole, all of them also in the live database.
    let during = format!("SELECT first_name FROM registrations WHERE session_id = {busy}");
    let in_copy: HashSet<String> = copy.strings(&during).await.into_iter().collect();
    let in_live: HashSet<String> = app.strings(&during).await.into_iter().collect();
    assert!(in_copy.is_subset(&in_live));
    assert!(in_copy.len() <= written_during);
    let confirmed = copy
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {busy} AND status = 'confirmed'"
        ))
        .await;
    assert_eq!(confirmed, 25.min(in_copy.len() as i64));
    // Staff accounts came along: the coordinator logs in on the restored instance.
    let staff = copy
        .post_form(
            "/connexion",
            &[
                ("email", "coord@ccas.example"),
                ("password", "une longue phrase de passe"),
            ],
        )
        .await;
    assert_eq!(staff.status(), 303);
}

#[tokio::test]
async fn a_stopped_database_gives_french_503_pages_and_the_site_recovers_by_itself() {
    if engine() != "postgres" {
        // The outage of a database server: PostgreSQL's case (SQLite is a file of the
        // process itself).
        return;
    }
    let cluster = tokio::task::spawn_blocking(PrivateCluster::create)
        .await
        .unwrap();
    let server = ServerProcess::start(&cluster.url(), &[]).await;
    let http = client();
    let modules = json_of(&http, server.url("/api/v1/modules")).await;
    let module = modules[0]["slug"].as_str().unwrap().to_string();
    let detail = json_of(&http, server.url(&format!("/api/v1/modules/{module}"))).await;
    let lesson = detail["lessons"][0]["slug"].as_str().unwrap().to_string();
    let pages = [
        "/ateliers".to_string(),
        "/modules".to_string(),
        format!("/modules/{module}"),
        format!("/modules/{module}/{lesson}"),
    ];
    for page in &pages {
        let r = http.get(server.url(page)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{page} before the outage");
    }

    cluster.stop();
    // A public page kept in the render cache may still be answered from memory while
    // the content version read less than a second ago holds; then every visit asks
    // the database again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    for page in &pages {
        let r = http.get(server.url(page)).send().await.unwrap();
        assert_eq!(r.status(), 503, "{page} during the outage");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Service momentanément indisponible"),
            "{page}: {html}"
        );
        assert!(html.contains("lang=\"fr\""));
    }
    let health = http.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 503);
    assert_eq!(
        health.json::<Value>().await.unwrap()["status"],
        "unavailable"
    );
    let api = http
        .get(server.url("/api/v1/workshops"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 503);
    assert_eq!(api.json::<Value>().await.unwrap()["error"], "unavailable");
    // A sign-up sent during the outage is refused with a French page, never answered as
    // saved.
    let form = http
        .post(server.url("/ateliers/1/inscription"))
        .header("origin", &server.address)
        .form(&[("first_name", "Samia"), ("seats", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 503);
    assert!(form
        .text()
        .await
        .unwrap()
        .contains("Service momentanément indisponible"));

    cluster.start();
    assert!(
        server.wait_healthy(Duration::from_secs(30)).await,
        "/healthz is 200 again without a restart"
    );
    for page in &pages {
        let r = http.get(server.url(page)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{page} after the outage");
    }
}
