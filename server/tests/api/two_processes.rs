//! Two server processes (the real binary, twice) sharing one PostgreSQL database, as in
//! a deployment with several instances behind a reverse proxy: 200 concurrent sign-ups
//! at a 20-seat workshop, sent half to each, never overbook, 20 times over; the same
//! sign-up sent to both at once books once; a staff session opened on one instance works
//! on the other; each e-mail is sent once although
//! both instances run the outbox worker. SQLite is one process per database
//! file by design (see the README), so this test is PostgreSQL's: on SQLite the same
//! race runs inside one process in `workshops.rs`.
use crate::{
    helpers::{client, engine, new_workshop, workshop_setup, SmtpSink},
    processes::two_instances,
};
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn two_server_processes_on_one_postgresql_never_overbook() {
    if engine() != "postgres" {
        // One process per SQLite file: nothing to test here (see the module comment).
        return;
    }
    let (first, second, app) = two_instances(&[]).await;
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

#[tokio::test]
async fn a_staff_session_opened_on_one_instance_works_on_the_other() {
    if engine() != "postgres" {
        return;
    }
    let (first, second, app) = two_instances(&[]).await;
    workshop_setup(&app).await;
    // One browser: its cookie jar sends the session cookie to both instances, as a
    // reverse proxy in front of them would.
    let browser = client();
    let login = browser
        .post(first.url("/connexion"))
        .header("origin", &first.address)
        .form(&[
            ("email", "coord@ccas.example"),
            ("password", "une longue phrase de passe"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303, "logged in on the first instance");
    for instance in [&second, &first] {
        let page = browser
            .get(instance.url("/espace-pro"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            page.status(),
            200,
            "the session works on {}",
            instance.address
        );
        assert!(page.text().await.unwrap().contains("Nadia Coordinatrice"));
    }
    // Logging out on the second instance ends the session on the first as well.
    let logout = browser
        .post(second.url("/deconnexion"))
        .header("origin", &second.address)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 303);
    let page = browser.get(first.url("/espace-pro")).send().await.unwrap();
    assert_ne!(page.status(), 200, "logged out everywhere");
}

#[tokio::test]
async fn two_instances_send_each_confirmation_once() {
    if engine() != "postgres" {
        return;
    }
    let sink = SmtpSink::start().await;
    let (first, second, app) = two_instances(&[("REPERES_SMTP_URL", sink.url.as_str())]).await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 30, 0).await;
    let http = client();
    const PEOPLE: usize = 24;
    for i in 0..PEOPLE {
        let instance = if i % 2 == 0 { &first } else { &second };
        let response = http
            .post(instance.url(&format!("/api/v1/workshops/{id}/registrations")))
            .json(&json!({"first_name": format!("P{i}"), "contact": format!("p{i}@exemple.fr")}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
    }
    // Both workers poll every 5 seconds: wait until every message is out, then two more
    // rounds, in which a second sending would show.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < PEOPLE && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(server::mail::POLL_EVERY * 2 + Duration::from_secs(1)).await;
    let messages = sink.messages();
    for i in 0..PEOPLE {
        let to = format!("To: p{i}@exemple.fr\n");
        let received = messages.iter().filter(|m| m.contains(&to)).count();
        assert_eq!(received, 1, "p{i}@exemple.fr gets exactly one message");
    }
    assert_eq!(messages.len(), PEOPLE);
    let unsent = app
        .count("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")
        .await;
    assert_eq!(unsent, 0, "the outbox is empty");
}

/// The same sign-up (the same `Idempotency-Key` and body) sent to both instances at the
/// same instant, 30 times: one booking each time, answered 201 by one instance and as a
/// replay (200, the same booking) by the other. The one that waited for the workshop's
/// lock read the bookings before the other's was committed, so its insert breaks the
/// key's unique index, and it finds the booking on its second try (see `SIGN_UP_LOCK`).
#[tokio::test]
async fn the_same_sign_up_sent_to_both_instances_at_once_books_once() {
    if engine() != "postgres" {
        // One process per SQLite file (see the module comment); the replay of a key is
        // tested on both engines in `api_v1.rs`.
        return;
    }
    let (first, second, app) = two_instances(&[]).await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 40, 0).await;
    let http = client();
    for round in 0..30 {
        let key = format!("double-{round}");
        let tasks: Vec<_> = [&first.address, &second.address]
            .into_iter()
            .map(|base| {
                let request = http
                    .post(format!("{base}/api/v1/workshops/{id}/registrations"))
                    .header("idempotency-key", key.clone())
                    .json(&json!({"first_name": format!("R{round}"), "seats": 1}));
                tokio::spawn(async move {
                    let response = request.send().await.expect("request");
                    let status = response.status().as_u16();
                    (status, response.json::<Value>().await.expect("JSON"))
                })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("task"));
        }
        answers.sort_by_key(|(status, _)| *status);
        let statuses: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
        assert_eq!(statuses, vec![200, 201], "round {round}: {answers:?}");
        assert_eq!(
            answers[0].1["code"], answers[1].1["code"],
            "round {round}: the replay answers the same booking"
        );
    }
    let bookings = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id}"
        ))
        .await;
    assert_eq!(bookings, 30, "one booking per sign-up sent twice");
}
