//! The workshops JSON API (`/api/v1`): listing, sign-ups and the waitlist, idempotent
//! retries, bookings by private token, staff login and workshop creation, JSON errors
//! that name the field, the no-overbooking race through HTTP, and the OpenAPI document.
use crate::helpers::{
    new_workshop as workshop, spawn_app, workshop_setup as setup, TestApp, STAFF_PASSWORD,
};
use app::staff::{auth::hash_password, model::Role};
use serde_json::{json, Value};

/// Sends JSON as a program would: no `Origin`, no `Sec-Fetch-Site`.
async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let request = app.client.request(method, app.url(path));
    let request = match body {
        Some(body) => request.json(body),
        None => request,
    };
    request.send().await.expect("request failed")
}

async fn post(app: &TestApp, path: &str, body: &Value) -> reqwest::Response {
    send(app, reqwest::Method::POST, path, Some(body)).await
}

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    let response = send(app, reqwest::Method::GET, path, None).await;
    (response.status().as_u16(), body_of(response).await)
}

/// The JSON body of a response (which must be JSON, errors included).
async fn body_of(response: reqwest::Response) -> Value {
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(kind.starts_with("application/json"), "content type {kind}");
    response.json().await.expect("a JSON body")
}

/// Signs up through the API and returns the 201 answer's body.
async fn sign_up(app: &TestApp, workshop: i64, first_name: &str, seats: i64) -> Value {
    let response = post(
        app,
        &format!("/api/v1/workshops/{workshop}/registrations"),
        &json!({"first_name": first_name, "seats": seats}),
    )
    .await;
    assert_eq!(response.status(), 201, "sign-up of {first_name}");
    body_of(response).await
}

/// The names of the fields an error body refuses.
fn refused_fields(body: &Value) -> Vec<&str> {
    body["fields"]
        .as_array()
        .expect("a fields array")
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect()
}

async fn staff_account(app: &TestApp, organisation: i64, email: &str, role: Role) {
    let hash = hash_password(STAFF_PASSWORD.into()).await.unwrap();
    app.store
        .create_staff(organisation, email, "Léo Formateur", role, &hash, false, 0)
        .await
        .unwrap()
        .unwrap();
}

async fn api_log_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    post(
        app,
        "/api/v1/staff/session",
        &json!({"email": email, "password": password}),
    )
    .await
}

#[tokio::test]
async fn the_api_lists_upcoming_workshops_whose_seats_and_waitlist_follow_the_sign_ups() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 4, 1).await;

    let (status, list) = get(&app, "/api/v1/workshops").await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    let w = &list[0];
    assert_eq!(w["id"], id);
    assert_eq!(w["title"], "Faire son budget du mois");
    assert_eq!(w["theme"], "budget");
    assert_eq!(w["capacity"], 4);
    assert_eq!(w["seats_left"], 3, "the seat kept for staff is not offered");
    assert_eq!(w["waitlist_length"], 0);
    assert_eq!(w["organisation"], "CCAS de Besançon");
    assert_eq!(w["signup_open"], true);
    assert_eq!(w["cancelled"], false);
    assert_eq!(w["place"]["name"], "Salle du CCAS");
    assert_eq!(w["place"]["step_free"], true);
    assert_eq!(w["place"]["hearing_loop"], false);
    let starts = w["starts_at"].as_str().unwrap();
    let parsed = chrono::DateTime::parse_from_rfc3339(starts).expect("RFC 3339");
    assert_eq!(parsed.timestamp(), w["starts_at_unix"].as_i64().unwrap());
    assert!(
        starts.ends_with("+01:00") || starts.ends_with("+02:00"),
        "Paris offset: {starts}"
    );
    assert_eq!(
        w["ends_at_unix"].as_i64().unwrap() - w["starts_at_unix"].as_i64().unwrap(),
        7200
    );

    sign_up(&app, id, "Samia", 3).await;
    sign_up(&app, id, "Léo", 1).await;
    let (status, one) = get(&app, &format!("/api/v1/workshops/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (one["seats_left"].as_i64(), one["waitlist_length"].as_i64()),
        (Some(0), Some(1))
    );

    for path in ["/api/v1/workshops/999999", "/api/v1/workshops/atelier"] {
        let (status, error) = get(&app, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error["error"], "not_found");
        assert_eq!(error["message"], "Cet atelier n'existe pas.");
    }
}

#[tokio::test]
async fn a_sign_up_is_confirmed_then_the_next_ones_wait_in_order() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 2, 0).await;
    let response = post(
        &app,
        &format!("/api/v1/workshops/{id}/registrations"),
        &json!({"first_name": " Samia ", "seats": 2, "contact": "06 12 34 56 78"}),
    )
    .await;
    assert_eq!(response.status(), 201);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "no account, no cookie"
    );
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let first = body_of(response).await;
    assert_eq!(first["status"], "confirmed");
    assert_eq!(first["position"], Value::Null);
    assert_eq!(first["first_name"], "Samia");
    assert_eq!(
        (first["seats"].as_i64(), first["workshop_id"].as_i64()),
        (Some(2), Some(id))
    );
    assert_eq!(first["code"].as_str().unwrap().len(), 6);
    let token = first["token"].as_str().unwrap();
    assert_eq!(token.len(), 32, "128 bits");
    assert_eq!(location, format!("/api/v1/registrations/{token}"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE contact_phone = '0612345678' AND contact_email IS NULL")
            .await,
        1,
        "a phone number is kept, normalised, for the organisers to call"
    );

    let second = sign_up(&app, id, "Léo", 1).await;
    assert_eq!(
        (second["status"].as_str(), second["position"].as_i64()),
        (Some("waitlisted"), Some(1))
    );
    let third = sign_up(&app, id, "Léo", 1).await;
    assert_eq!(
        third["position"], 2,
        "two people with one first name: two bookings"
    );
    assert_ne!(second["token"], third["token"]);
}

#[tokio::test]
async fn sixty_concurrent_api_sign_ups_never_overbook_a_twenty_seat_workshop() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 20, 0).await;
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (client, url) = (
            app.client.clone(),
            app.url(&format!("/api/v1/workshops/{id}/registrations")),
        );
        tasks.push(tokio::spawn(async move {
            let response = client
                .post(url)
                .json(&json!({"first_name": format!("P{i}"), "seats": 1}))
                .send()
                .await
                .expect("request failed");
            assert_eq!(response.status(), 201);
            response.json::<Value>().await.unwrap()
        }));
    }
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for task in tasks {
        let booking = task.await.unwrap();
        match booking["status"].as_str().unwrap() {
            "confirmed" => {
                assert_eq!(booking["position"], Value::Null);
                confirmed += 1;
            }
            "waitlisted" => positions.push(booking["position"].as_i64().unwrap()),
            other => panic!("status {other}"),
        }
    }
    assert_eq!(confirmed, 20);
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=40).collect::<Vec<i64>>(),
        "no gap, no duplicate"
    );
    let seats = app
        .count(&format!("SELECT CAST(COALESCE(SUM(seats), 0) AS BIGINT) FROM registrations WHERE session_id = {id} AND status = 'confirmed'"))
        .await;
    assert_eq!(seats, 20);
    let (_, w) = get(&app, &format!("/api/v1/workshops/{id}")).await;
    assert_eq!(
        (w["seats_left"].as_i64(), w["waitlist_length"].as_i64()),
        (Some(0), Some(40))
    );
}

#[tokio::test]
async fn the_same_idempotency_key_books_once_and_answers_the_first_booking_again() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let path = format!("/api/v1/workshops/{id}/registrations");
    let keyed = |key: &str, body: Value| {
        app.client
            .post(app.url(&path))
            .header("idempotency-key", key)
            .json(&body)
    };
    let first = keyed("cle-1", json!({"first_name": "Samia", "seats": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 201);
    let first = body_of(first).await;
    let again = keyed("cle-1", json!({"first_name": "Samia", "seats": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200, "a replay, not a new booking");
    let again = body_of(again).await;
    assert_eq!(again["code"], first["code"]);
    assert_eq!(again["status"], "confirmed");
    assert_eq!(again["token"], Value::Null, "the token is only given once");
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 1);
    // The first token still reaches the booking.
    let (status, _) = get(
        &app,
        &format!("/api/v1/registrations/{}", first["token"].as_str().unwrap()),
    )
    .await;
    assert_eq!(status, 200);

    let reused = keyed("cle-1", json!({"first_name": "Léo", "seats": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), 422, "a key names one sign-up");
    assert_eq!(
        refused_fields(&body_of(reused).await),
        vec!["Idempotency-Key"]
    );
    let malformed = keyed(&"k".repeat(300), json!({"first_name": "Léo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    assert_eq!(
        refused_fields(&body_of(malformed).await),
        vec!["Idempotency-Key"]
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 1);

    // Another key, or the same key on another workshop, is another booking.
    let other = keyed("cle-2", json!({"first_name": "Samia", "seats": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 201);
    let elsewhere = workshop(&app, &s, 12, 0).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/workshops/{elsewhere}/registrations")))
        .header("idempotency-key", "cle-1")
        .json(&json!({"first_name": "Samia", "seats": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 3);

    // Ten simultaneous retries of one request: still one booking.
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let request = keyed("cle-3", json!({"first_name": "Nour", "seats": 1}));
        tasks.push(tokio::spawn(async move {
            request.send().await.unwrap().status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [vec![200; 9], vec![201]].concat());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE first_name = 'Nour'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_booking_is_read_and_cancelled_by_its_token_only_and_the_first_waiting_is_promoted() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 2, 0).await;
    let a = sign_up(&app, id, "A", 2).await;
    let b = sign_up(&app, id, "B", 2).await;
    let c = sign_up(&app, id, "C", 1).await;
    assert_eq!(
        (b["position"].as_i64(), c["position"].as_i64()),
        (Some(1), Some(2))
    );
    let token = |r: &Value| r["token"].as_str().unwrap().to_string();

    let (status, read) = get(&app, &format!("/api/v1/registrations/{}", token(&a))).await;
    assert_eq!(status, 200);
    assert_eq!(
        (read["status"].as_str(), read["code"].clone()),
        (Some("confirmed"), a["code"].clone())
    );
    assert_eq!(read["token"], Value::Null);

    // The desk code is not a credential.
    let code = a["code"].as_str().unwrap();
    let (status, error) = get(&app, &format!("/api/v1/registrations/{code}")).await;
    assert_eq!((status, error["error"].as_str()), (404, Some("not_found")));
    let response = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/registrations/{code}"),
        None,
    )
    .await;
    assert_eq!(response.status(), 404);
    let (status, _) = get(
        &app,
        "/api/v1/registrations/0123456789abcdef0123456789abcdef",
    )
    .await;
    assert_eq!(status, 404);
    let (_, still) = get(&app, &format!("/api/v1/registrations/{}", token(&a))).await;
    assert_eq!(still["status"], "confirmed");

    let response = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/registrations/{}", token(&a)),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    let cancelled = body_of(response).await;
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["code"].clone()),
        (Some("cancelled"), a["code"].clone())
    );
    let (_, b_now) = get(&app, &format!("/api/v1/registrations/{}", token(&b))).await;
    assert_eq!(
        (b_now["status"].as_str(), b_now["position"].as_i64()),
        (Some("confirmed"), None),
        "the first waiting is promoted"
    );
    let (_, c_now) = get(&app, &format!("/api/v1/registrations/{}", token(&c))).await;
    assert_eq!(
        (c_now["status"].as_str(), c_now["position"].as_i64()),
        (Some("waitlisted"), Some(1)),
        "and the next moves up"
    );
    // Cancelling again changes nothing.
    let response = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/v1/registrations/{}", token(&a)),
        None,
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, w) = get(&app, &format!("/api/v1/workshops/{id}")).await;
    assert_eq!(
        (w["seats_left"].as_i64(), w["waitlist_length"].as_i64()),
        (Some(0), Some(1))
    );
    // The queue as the triggers keep it followed the promotion: the next one is second.
    let d = sign_up(&app, id, "D", 1).await;
    assert_eq!(
        (d["status"].as_str(), d["position"].as_i64()),
        (Some("waitlisted"), Some(2))
    );
    let counted = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND status = 'waitlisted'"
        ))
        .await;
    let kept = app
        .count(&format!(
            "SELECT waitlisted FROM training_sessions WHERE id = {id}"
        ))
        .await;
    assert_eq!((counted, kept), (2, 2));
}

#[tokio::test]
async fn bad_requests_answer_400_and_refused_values_422_naming_the_field() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let path = format!("/api/v1/workshops/{id}/registrations");

    let response = app
        .client
        .post(app.url(&path))
        .header("content-type", "application/json")
        .body("{\"first_name\": \"Samia\",")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(body_of(response).await["error"], "bad_request");
    let response = app
        .client
        .post(app.url(&path))
        .header("content-type", "text/plain")
        .body("{\"first_name\": \"Samia\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "a JSON body must say so");
    let error = body_of(response).await;
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("application/json"));

    for (body, field, message) in [
        (
            json!({"first_name": "Samia", "seats": 7}),
            "seats",
            "Choisissez entre 1 et 3 places.",
        ),
        (
            json!({"first_name": "", "seats": 1}),
            "first_name",
            "Indiquez un prénom ou un pseudonyme.",
        ),
        (
            json!({"first_name": "   "}),
            "first_name",
            "Indiquez un prénom ou un pseudonyme.",
        ),
        (
            json!({"seats": 1}),
            "first_name",
            "Indiquez un prénom ou un pseudonyme.",
        ),
        (json!({"first_name": "Samia", "seats": "deux"}), "seats", ""),
        (
            json!({"first_name": "Samia", "contact": "samia@exemple"}),
            "contact",
            "L'adresse e-mail n'est pas valide",
        ),
        (
            json!({"first_name": "Samia", "contact": "06 12"}),
            "contact",
            "Le numéro de téléphone doit avoir 10 chiffres",
        ),
        (json!("Samia"), "body", ""),
    ] {
        let response = post(&app, &path, &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let error = body_of(response).await;
        assert_eq!(error["error"], "invalid");
        assert_eq!(refused_fields(&error), vec![field], "{body}");
        assert!(
            error["fields"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with(message),
            "{error}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations").await,
        0,
        "nothing was stored"
    );

    // An unknown workshop is 404 whatever else is wrong with the request (it is looked
    // up only then: a sign-up that goes through does not read it twice).
    for body in [
        json!({"first_name": "Samia"}),
        json!({"first_name": ""}),
        json!({"first_name": "Samia", "surprise": 1}),
    ] {
        let response = post(&app, "/api/v1/workshops/999999/registrations", &body).await;
        assert_eq!(response.status(), 404, "{body}");
        assert_eq!(
            body_of(response).await["message"],
            "Cet atelier n'existe pas."
        );
    }
    app.store.cancel_workshop(id, s.ccas, 0).await.unwrap();
    let response = post(&app, &path, &json!({"first_name": "Samia"})).await;
    assert_eq!(response.status(), 409);
    let error = body_of(response).await;
    assert_eq!(error["error"], "closed");
    assert_eq!(
        error["message"],
        "Les inscriptions à cet atelier sont closes."
    );
}

#[tokio::test]
async fn staff_log_in_through_the_api_and_repeated_failures_are_throttled() {
    let app = spawn_app().await;
    setup(&app).await;
    let response = api_log_in(&app, "coord@ccas.example", "mauvais mot de passe").await;
    assert_eq!(response.status(), 401);
    assert_eq!(
        body_of(response).await["message"],
        "Adresse e-mail ou mot de passe incorrect."
    );
    let response = post(
        &app,
        "/api/v1/staff/session",
        &json!({"email": "coord@ccas.example"}),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert_eq!(refused_fields(&body_of(response).await), vec!["password"]);

    let response = api_log_in(&app, " Coord@CCAS.example ", STAFF_PASSWORD).await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("reperes_session=") && cookie.contains("HttpOnly"));
    let me = body_of(response).await;
    assert_eq!(me["name"], "Nadia Coordinatrice");
    assert_eq!(me["role"], "coordinator");
    assert_eq!(me["organisation"], "CCAS de Besançon");
    assert_eq!(me["must_change_password"], false);

    // Five failures on the account: even the right password waits, with a French 429.
    for _ in 0..5 {
        assert_eq!(
            api_log_in(&app, "coord@ccas.example", "mauvais")
                .await
                .status(),
            401
        );
    }
    let response = api_log_in(&app, "coord@ccas.example", STAFF_PASSWORD).await;
    assert_eq!(response.status(), 429);
    let wait: i64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=5).contains(&wait), "retry after {wait}");
    let error = body_of(response).await;
    assert_eq!(error["error"], "throttled");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .starts_with("Trop d'essais de connexion. Réessayez dans"));
}

#[tokio::test]
async fn only_coordinators_and_admins_create_workshops_through_the_api() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let new = json!({
        "title": "Ouvrir un compte",
        "theme": "account",
        "description": "Avec un conseiller **bancaire**.<script>alert(1)</script>",
        "date": "2099-03-02",
        "start": "14:00",
        "end": "16:00",
        "place_id": s.place,
        "capacity": 12,
        "reserved_seats": 2
    });
    let response = post(&app, "/api/v1/workshops", &new).await;
    assert_eq!(response.status(), 401, "anonymous");
    assert_eq!(body_of(response).await["error"], "unauthorized");
    let response = post(&app, "/api/v1/workshops", &json!({"title": 3})).await;
    assert_eq!(
        response.status(),
        401,
        "who asks is checked before what is sent"
    );

    staff_account(&app, s.ccas, "formateur@ccas.example", Role::Trainer).await;
    assert_eq!(
        api_log_in(&app, "formateur@ccas.example", STAFF_PASSWORD)
            .await
            .status(),
        200
    );
    let response = post(&app, "/api/v1/workshops", &new).await;
    assert_eq!(response.status(), 403, "a trainer");
    assert_eq!(body_of(response).await["error"], "forbidden");

    assert_eq!(
        api_log_in(&app, "coord@ccas.example", STAFF_PASSWORD)
            .await
            .status(),
        200
    );
    let response = post(&app, "/api/v1/workshops", &new).await;
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let created = body_of(response).await;
    assert_eq!(location, format!("/api/v1/workshops/{}", created["id"]));
    assert_eq!(created["title"], "Ouvrir un compte");
    assert_eq!(created["starts_at"], "2099-03-02T14:00:00+01:00");
    assert_eq!(
        (created["capacity"].as_i64(), created["seats_left"].as_i64()),
        (Some(12), Some(10))
    );
    let html = created["description_html"].as_str().unwrap();
    assert!(html.contains("<strong>bancaire</strong>") && !html.contains("<script"));
    let (status, read) = get(&app, &location).await;
    assert_eq!(
        (status, read["title"].as_str()),
        (200, Some("Ouvrir un compte"))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'workshop-created'")
            .await,
        1
    );

    let mut bad = new.clone();
    bad["place_id"] = json!(999);
    bad["capacity"] = json!(600);
    bad["start"] = json!("14h");
    let response = post(&app, "/api/v1/workshops", &bad).await;
    assert_eq!(response.status(), 422);
    let error = body_of(response).await;
    assert_eq!(
        refused_fields(&error),
        vec!["start", "place_id", "capacity"]
    );
    assert_eq!(
        error["fields"][1]["message"],
        "Choisissez un lieu de la liste."
    );
    let response = post(&app, "/api/v1/workshops", &json!({"capacity": "douze"})).await;
    assert_eq!(response.status(), 422);
    assert_eq!(refused_fields(&body_of(response).await), vec!["capacity"]);
}

#[tokio::test]
async fn a_browser_on_another_site_cannot_use_the_api_but_programs_can() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let path = format!("/api/v1/workshops/{id}/registrations");
    let response = app
        .client
        .post(app.url(&path))
        .header("origin", "https://ailleurs.example")
        .json(&json!({"first_name": "Samia"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(body_of(response).await["error"], "forbidden");
    let response = app
        .client
        .post(app.url(&path))
        .header("origin", &app.address)
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"first_name": "Samia"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "this site's own pages may");
    assert_eq!(
        post(&app, &path, &json!({"first_name": "Léo"}))
            .await
            .status(),
        201,
        "a program may"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let app = spawn_app().await;
    let (status, doc) = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "{}",
        doc["openapi"]
    );
    assert_eq!(doc["info"]["version"], "1");
    for (path, method, success) in [
        ("/api/v1/workshops", "get", "200"),
        ("/api/v1/workshops", "post", "201"),
        ("/api/v1/workshops/{id}", "get", "200"),
        ("/api/v1/workshops/{id}/registrations", "post", "201"),
        ("/api/v1/registrations/{token}", "get", "200"),
        ("/api/v1/registrations/{token}", "delete", "200"),
        ("/api/v1/staff/session", "post", "200"),
        ("/api/v1/modules", "get", "200"),
        ("/api/v1/modules/{slug}", "get", "200"),
    ] {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is documented");
        assert!(
            operation["responses"][success].is_object(),
            "{method} {path} answers {success}"
        );
    }
    let register = &doc["paths"]["/api/v1/workshops/{id}/registrations"]["post"];
    assert!(register["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header"));
    for status in ["400", "404", "409", "422"] {
        assert!(
            register["responses"][status].is_object(),
            "registration {status}"
        );
    }
    let schemas = &doc["components"]["schemas"];
    for schema in [
        "Workshop",
        "Place",
        "Registration",
        "NewRegistration",
        "Error",
        "FieldError",
    ] {
        assert!(schemas[schema].is_object(), "schema {schema}");
    }
    let registration = &schemas["NewRegistration"];
    assert!(registration["required"]
        .as_array()
        .unwrap()
        .contains(&json!("first_name")));
}

#[tokio::test]
async fn the_documented_operations_are_exactly_the_routes_the_router_serves() {
    let app = spawn_app().await;
    let (_, doc) = get(&app, "/api/v1/openapi.json").await;
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 7, "{}", paths.len());
    let all = ["get", "post", "put", "patch", "delete"];
    for (path, operations) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let url = app.url(&crate::helpers::with_ids(path));
        for method in all {
            let request = app
                .client
                .request(method.to_uppercase().parse().unwrap(), &url)
                .json(&json!({}));
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            if operations.get(method).is_some() {
                // Routed to its handler: neither the API's unknown-path answer nor 405.
                assert_ne!(status, 405, "{method} {path}");
                let body = body_of(response).await;
                assert_ne!(
                    body["error"], "no_such_endpoint",
                    "{method} {path} is documented but not routed"
                );
            } else {
                assert_eq!(status, 405, "{method} {path} is routed but not documented");
            }
        }
    }
    // Any other /api/v1 path is unknown to the router too: a JSON 404.
    let response = app
        .client
        .get(app.url("/api/v1/inconnu/1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(body_of(response).await["error"], "no_such_endpoint");
    // And no other module can add an /api/v1 route: they are all registered by
    // `server::api_v1::routes`, from the documented handlers.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stray = Vec::new();
    for entry in walk(&src) {
        if entry.ends_with("api_v1.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        if text.contains(".route(\"/api/v1") || text.contains(".route(\n            \"/api/v1") {
            stray.push(entry.display().to_string());
        }
    }
    assert!(
        stray.is_empty(),
        "/api/v1 routes outside api_v1.rs: {stray:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[tokio::test]
async fn unknown_fields_are_refused_and_named() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 10, 0).await;
    let response = post(
        &app,
        &format!("/api/v1/workshops/{id}/registrations"),
        &json!({"first_name": "Samia", "seats": 1, "admin": true}),
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = body_of(response).await;
    assert_eq!(refused_fields(&body), vec!["admin"]);
    let response = post(
        &app,
        "/api/v1/staff/session",
        &json!({"email": "a@b.fr", "password": "x", "role": "admin"}),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert_eq!(refused_fields(&body_of(response).await), vec!["role"]);
    let seats = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id}"
        ))
        .await;
    assert_eq!(seats, 0, "nothing booked");
}
