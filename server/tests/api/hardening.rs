//! The findings of an outside security probe, one test (or a few) each: headers built
//! from input, caching of personal pages, sessions after a password change, image
//! decoding limits, idempotency keys tied to their client, and the smaller points.
use crate::helpers::{
    as_anonymous, as_user, location, new_staff, new_workshop, spawn_app, spawn_app_configured,
    with_ids, workshop_setup, TestApp, STAFF_PASSWORD,
};

/// Control characters as they arrive percent-encoded in a path, a query or a form.
const CONTROLS: [&str; 6] = [
    "%0d%0aX-Injected:%20yes",
    "%0aX-Injected:%20yes",
    "%0d",
    "%00",
    "%1b%5b31m",
    "%7f%09",
];

/// Every route template the site answers: the pages, the forms, the JSON API and the
/// routes that are neither (calendars, images, exports).
async fn every_route(app: &TestApp) -> Vec<(reqwest::Method, String)> {
    let mut routes: Vec<(reqwest::Method, String)> =
        leptos_axum::generate_route_list(app::app::App)
            .into_iter()
            .map(|r| (reqwest::Method::GET, r.path().to_string()))
            .collect();
    routes.extend(
        server::form_routes()
            .into_iter()
            .map(|(path, _)| (reqwest::Method::POST, path)),
    );
    let openapi: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    for (path, operations) in openapi["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            routes.push((method.to_uppercase().parse().unwrap(), path.clone()));
        }
    }
    for path in [
        "/ateliers/{id}/atelier.ics",
        "/agenda/{file}",
        "/images/{file}",
        "/espace-pro/lecons/export/{module}",
        "/espace-pro/tableau-de-bord/{file}",
        "/pkg/{file}",
    ] {
        routes.push((reqwest::Method::GET, path.to_string()));
    }
    assert!(routes.len() > 100, "{}", routes.len());
    routes
}

/// `template` with each `{placeholder}` (or `:param`) replaced by `value`.
fn filled(template: &str, value: &str) -> String {
    template
        .split('/')
        .map(|part| {
            if part.starts_with('{') || part.starts_with(':') {
                value
            } else {
                part
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn assert_no_injection(response: &reqwest::Response, what: &str) {
    let status = response.status().as_u16();
    assert!(status < 500, "{what}: {status}");
    assert!(
        response.headers().get("x-injected").is_none(),
        "{what}: a header was injected"
    );
    for value in response.headers().values() {
        assert!(
            value.as_bytes().iter().all(|b| *b >= 0x20 && *b != 0x7f),
            "{what}: a control character in {value:?}"
        );
    }
}

#[tokio::test]
async fn control_characters_in_paths_queries_and_fields_never_get_a_server_error() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    new_workshop(&app, &s, 10, 0).await;
    let anonymous = as_anonymous(&app);
    let staff = as_user(&app, "coord@ccas.example").await;
    let routes = every_route(&app).await;
    for control in CONTROLS {
        for (method, template) in &routes {
            // In a path segment, in the query string, and in every form field that a
            // handler may send back in a redirect (`back`, ids, slugs...).
            let in_path = filled(template, &format!("a{control}b"));
            let in_query = format!("{}?q={control}&back=/{control}", with_ids(template));
            for (target, who) in [
                (&in_path, &anonymous),
                (&in_query, &staff),
                (&in_path, &staff),
            ] {
                let body = format!(
                    "back=/{control}&first_name=a{control}&slug=a{control}&module=a{control}&id=1{control}&seats=1&lang=fr"
                );
                let response = who
                    .client
                    .request(method.clone(), who.url(target))
                    .header("origin", &who.address)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert_no_injection(&response, &format!("{method} {target}"));
            }
        }
    }
    // Raw control characters in the request line, as a broken client sends them.
    for target in ["/a\u{1}b", "/modules/a\u{7f}b", "/aide?q=a\u{1b}b", "/a\tb"] {
        let (status, text) = crate::security::raw_get(&app, target).await;
        assert!((400..500).contains(&status), "{target:?}: {status}\n{text}");
    }
    // The language switch goes back where it was asked to, only when that is a clean
    // local path.
    let switched = anonymous
        .post_form(
            "/langue",
            &[("lang", "en"), ("back", "/aide\r\nX-Injected: yes")],
        )
        .await;
    assert_eq!(switched.status(), 303);
    assert_eq!(location(&switched), "/");
}

#[tokio::test]
async fn control_characters_in_an_uploaded_file_name_are_refused_by_name() {
    let app = spawn_app().await;
    let (author, draft) = author_with_draft(&app, workshop_setup(&app).await.ccas).await;
    for name in ["a\r\nX-Injected: yes.png", "a\u{0}b.png", "\u{1b}[31m.png"] {
        let response = upload_named(&author, draft, name, b"not an image".to_vec()).await;
        assert_eq!(response.status(), 422, "{name:?}");
        assert_no_injection(&response, name);
        let page = response.text().await.unwrap();
        assert!(
            page.contains("pas une image PNG") || page.contains("pas pu être lu"),
            "{name:?}: the refusal is named"
        );
        assert!(
            !page.contains("dépasse 2 Mo"),
            "{name:?}: not called too large"
        );
    }
}

/// An image upload from `author` to `draft`, as file `name`.
async fn upload_named(
    author: &TestApp,
    draft: i64,
    name: &str,
    image: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(image)
        .file_name(name.to_string())
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("alt", "Un relevé de compte")
        .part("image", part);
    author
        .client
        .post(author.url(&format!("/espace-pro/lecons/brouillons/{draft}/image")))
        .header("origin", &author.address)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// An image upload from `author` to `draft`; returns the status and the page.
async fn upload(author: &TestApp, draft: i64, image: Vec<u8>) -> (u16, String) {
    let response = upload_named(author, draft, "photo.png", image).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// A black-and-white PNG (one bit a pixel): a few kilobytes whatever its size.
fn bilevel_png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder.write_header().unwrap();
    let row = width.div_ceil(8) as usize;
    writer
        .write_image_data(&vec![0u8; row * height as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}

#[tokio::test]
async fn an_image_of_too_many_pixels_is_refused_by_name_before_it_is_decoded() {
    let app = spawn_app().await;
    let (author, draft) = author_with_draft(&app, workshop_setup(&app).await.ccas).await;
    let huge = bilevel_png(9000, 7000);
    assert!(huge.len() < 300 * 1024, "{} bytes", huge.len());
    // Three at once, as the probe sent them.
    let (a, b, c) = tokio::join!(
        upload(&author, draft, huge.clone()),
        upload(&author, draft, huge.clone()),
        upload(&author, draft, huge)
    );
    for (status, page) in [a, b, c] {
        assert_eq!(status, 422);
        assert!(
            page.contains("a trop de pixels (16 millions au plus"),
            "named refusal"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM lesson_images").await, 0);
    // A photo-sized image goes through.
    let (status, _) = upload(&author, draft, bilevel_png(4000, 3000)).await;
    assert_eq!(status, 303);
    assert_eq!(app.count("SELECT COUNT(*) FROM lesson_images").await, 1);
}

/// A CCAS trainer (logged in) with a draft of their own; returns them and the draft id.
async fn author_with_draft(app: &TestApp, ccas: i64) -> (TestApp, i64) {
    use app::staff::model::Role;
    new_staff(app, ccas, "lea@ccas.example", Role::Trainer).await;
    let author = as_user(app, "lea@ccas.example").await;
    let r = author
        .post_form(
            "/espace-pro/lecons/nouvelle",
            &[
                ("module", "budget-au-quotidien"),
                ("slug", "images"),
                ("position", "9"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let draft = location(&r).rsplit('/').next().unwrap().parse().unwrap();
    (author, draft)
}

/// Two browsers logged in as the coordinator, a third as the administrator.
async fn two_sessions_and_an_admin(app: &TestApp) -> (TestApp, TestApp, TestApp, i64) {
    use app::staff::model::Role;
    let s = workshop_setup(app).await;
    new_staff(app, s.ccas, "admin@ccas.example", Role::Admin).await;
    let (a, b) = (
        as_user(app, "coord@ccas.example").await,
        as_user(app, "coord@ccas.example").await,
    );
    let admin = as_user(app, "admin@ccas.example").await;
    for who in [&a, &b, &admin] {
        assert_eq!(who.get_html("/espace-pro").await.0, 200);
    }
    (a, b, admin, s.coordinator)
}

const NEW_PASSWORD: &str = "une autre phrase de passe assez longue";

#[tokio::test]
async fn changing_ones_password_ends_the_accounts_other_sessions_only() {
    let app = spawn_app().await;
    let (a, b, admin, _) = two_sessions_and_an_admin(&app).await;
    let changed = a
        .post_form(
            "/espace-pro/mot-de-passe",
            &[
                ("current", STAFF_PASSWORD),
                ("new", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    assert_eq!(
        a.get_html("/espace-pro").await.0,
        200,
        "the session that changed it"
    );
    assert_eq!(b.get_html("/espace-pro").await.0, 401, "the other session");
    assert_eq!(
        admin.get_html("/espace-pro").await.0,
        200,
        "another account"
    );
    // Logging in again with the new password works.
    let again = crate::helpers::as_anonymous(&app)
        .post_form(
            "/connexion",
            &[("email", "coord@ccas.example"), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(again.status(), 303);
}

#[tokio::test]
async fn a_reset_by_link_ends_every_session_of_the_account() {
    use app::workshops::tokens;
    let app = spawn_app().await;
    let (a, b, _, coordinator) = two_sessions_and_an_admin(&app).await;
    let token = tokens::new_token();
    let now = app::state::unix_now();
    app.store
        .start_password_reset(coordinator, &tokens::hash(&token), "", now + 3600, now)
        .await
        .unwrap();
    let reset = as_anonymous(&app)
        .post_form(
            &format!("/connexion/nouveau-mot-de-passe/{token}"),
            &[("new", NEW_PASSWORD), ("confirm", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(reset.status(), 303);
    for who in [&a, &b] {
        assert_eq!(who.get_html("/espace-pro").await.0, 401);
    }
}

#[tokio::test]
async fn a_reset_by_an_administrator_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let (a, b, admin, coordinator) = two_sessions_and_an_admin(&app).await;
    let reset = admin
        .post_form(
            &format!("/espace-pro/comptes/{coordinator}/mot-de-passe"),
            &[],
        )
        .await;
    assert_eq!(reset.status(), 303);
    for who in [&a, &b] {
        assert_eq!(who.get_html("/espace-pro").await.0, 401);
    }
    assert_eq!(admin.get_html("/espace-pro").await.0, 200);
}

/// The `Max-Age` of the session cookie a response sets, if it sets one.
fn session_cookie_max_age(response: &reqwest::Response) -> Option<i64> {
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_ascii_lowercase())
        .find(|c| c.starts_with("reperes_session="))?;
    cookie
        .split(';')
        .find_map(|part| part.trim().strip_prefix("max-age="))
        .map(|age| age.parse().unwrap())
}

#[tokio::test]
async fn a_staff_session_cookie_lasts_no_longer_than_the_session_on_the_server() {
    let app = spawn_app().await;
    workshop_setup(&app).await;
    let staff = as_anonymous(&app);
    let login = staff
        .post_form(
            "/connexion",
            &[
                ("email", "coord@ccas.example"),
                ("password", STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(login.status(), 303);
    let idle = app::staff::model::IDLE_TIMEOUT_SECS;
    let at_login = session_cookie_max_age(&login).expect("the session cookie");
    assert!(at_login <= idle, "at login: {at_login}");
    // And on every later answer that sends the cookie again: staff pages, public pages.
    let mut sent = 0;
    for page in ["/espace-pro", "/espace-pro/ateliers", "/modules", "/"] {
        let response = staff.get(page).await;
        if let Some(age) = session_cookie_max_age(&response) {
            assert!(age <= idle, "{page}: {age}");
            sent += 1;
        }
    }
    assert!(sent > 0, "the sliding expiry sends the cookie again");
    // A learner's session keeps its 13 months.
    let learner = as_anonymous(&app);
    let kept = learner
        .post_form("/modules/budget-au-quotidien/le-reste-a-vivre/lue", &[])
        .await;
    assert!(session_cookie_max_age(&kept).expect("a learner's cookie") > 300 * 24 * 3600);
}

#[tokio::test]
async fn an_administrator_is_sent_to_change_their_own_password_not_to_reset_it() {
    let app = spawn_app().await;
    let (_, _, admin, _) = two_sessions_and_an_admin(&app).await;
    let admin_id = app
        .count("SELECT id FROM staff WHERE email = 'admin@ccas.example'")
        .await;
    let (_, accounts) = admin.get_html("/espace-pro/comptes").await;
    assert!(!accounts.contains(&format!("/espace-pro/comptes/{admin_id}/mot-de-passe")));
    assert!(accounts.contains("href=\"/espace-pro/mot-de-passe\""));
    let before = app
        .strings(&format!(
            "SELECT password_hash FROM staff WHERE id = {admin_id}"
        ))
        .await;
    let reset = admin
        .post_form(&format!("/espace-pro/comptes/{admin_id}/mot-de-passe"), &[])
        .await;
    assert_eq!(reset.status(), 303);
    assert_eq!(location(&reset), "/espace-pro/mot-de-passe");
    let after = app
        .strings(&format!(
            "SELECT password_hash FROM staff WHERE id = {admin_id}"
        ))
        .await;
    assert_eq!(before, after, "nothing reset");
    assert_eq!(
        admin.get_html("/espace-pro").await.0,
        200,
        "still logged in"
    );
}

fn assert_not_kept(response: &reqwest::Response, what: &str) {
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap()),
        Some("no-store"),
        "{what} ({})",
        response.status()
    );
}

#[tokio::test]
async fn no_page_or_answer_is_kept_by_a_cache_unless_it_asks_to_be() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 10, 0).await;
    let staff = as_user(&app, "coord@ccas.example").await;
    let resident = as_anonymous(&app);
    // A booking, by the form and by the API, to read back by its private token.
    let booking_page = crate::helpers::book_by_form(&resident, workshop, "Samia").await;
    let api: serde_json::Value = resident
        .client
        .post(resident.url(&format!("/api/v1/workshops/{workshop}/registrations")))
        .json(&serde_json::json!({"first_name": "Karim"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = api["token"].as_str().unwrap().to_string();
    // The pages with personal data or a private token the probe found, by name.
    for (who, path) in [
        (&staff, format!("/espace-pro/ateliers/{workshop}")),
        (
            &staff,
            format!("/espace-pro/ateliers/{workshop}/emargement"),
        ),
        (&staff, "/espace-pro/reservations".to_string()),
        (&resident, booking_page.clone()),
        (&resident, format!("/api/v1/registrations/{token}")),
    ] {
        let response = who.get(&path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_not_kept(&response, &path);
    }
    // Every route of the site, as a resident and as staff, whatever it answers; twice,
    // so that pages answered from the render cache are checked too.
    for (method, template) in every_route(&app).await {
        let path = with_ids(&template);
        if path.starts_with("/pkg/") {
            continue; // the site's own files (below)
        }
        for who in [&resident, &staff, &resident] {
            let response = who
                .client
                .request(method.clone(), who.url(&path))
                .header("origin", &who.address)
                .send()
                .await
                .unwrap();
            assert_not_kept(&response, &format!("{method} {path}"));
        }
    }
    // What asks to be kept still is: a lesson image, named by its hash.
    let (author, draft) = author_with_draft(&app, s.ccas).await;
    assert_eq!(upload(&author, draft, bilevel_png(40, 30)).await.0, 303);
    let image = app
        .strings("SELECT hash || '.' || extension FROM lesson_images")
        .await
        .pop()
        .unwrap();
    let response = resident.get(&format!("/images/{image}")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
}

/// A client of `app` whose requests come, through the trusted proxy, from `address`.
async fn sign_up_from(
    app: &TestApp,
    workshop: i64,
    address: &str,
    key: Option<&str>,
    body: serde_json::Value,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/workshops/{workshop}/registrations")))
        .header("x-forwarded-for", address)
        .json(&body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_idempotency_key_replays_only_for_the_client_that_sent_it() {
    let app = spawn_app_configured(|c| c.behind_proxy = true).await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 10, 0).await;
    let body = serde_json::json!({"first_name": "Samia", "seats": 2});
    let first = sign_up_from(
        &app,
        workshop,
        "203.0.113.9",
        Some("cle-samia"),
        body.clone(),
    )
    .await;
    assert_eq!(first.status(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    // Her own retry: the same booking, its code, no new seat.
    let retry = sign_up_from(
        &app,
        workshop,
        "203.0.113.9",
        Some("cle-samia"),
        body.clone(),
    )
    .await;
    assert_eq!(retry.status(), 200);
    let retry: serde_json::Value = retry.json().await.unwrap();
    assert_eq!(retry["code"], first["code"]);
    // Another client with the same key, first name and seats learns nothing of hers:
    // its request is a sign-up of its own.
    let other = sign_up_from(&app, workshop, "198.51.100.7", Some("cle-samia"), body).await;
    assert_eq!(other.status(), 201);
    let other: serde_json::Value = other.json().await.unwrap();
    assert_ne!(other["code"], first["code"]);
    assert!(other["token"].is_string());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {workshop}"
        ))
        .await,
        2
    );
    // The same key and first name, now with a contact: not the same request.
    let changed = sign_up_from(
        &app,
        workshop,
        "203.0.113.9",
        Some("cle-samia"),
        serde_json::json!({"first_name": "Samia", "seats": 2, "contact": "samia@example.org"}),
    )
    .await;
    assert_eq!(changed.status(), 422);
}

#[tokio::test]
async fn an_ipv6_client_is_limited_by_its_64_prefix() {
    let app = spawn_app_configured(|c| {
        c.behind_proxy = true;
        c.signup_limit = 3;
    })
    .await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 50, 0).await;
    let body = serde_json::json!({"first_name": "Samia"});
    // Rotating through addresses of one /64 does not escape the limit.
    for n in 1..=3 {
        let address = format!("2001:db8:1:2::{n:x}");
        let r = sign_up_from(&app, workshop, &address, None, body.clone()).await;
        assert_eq!(r.status(), 201, "{address}");
    }
    let rotated = sign_up_from(&app, workshop, "2001:db8:1:2:abcd::99", None, body.clone()).await;
    assert_eq!(rotated.status(), 429);
    // Another /64, and an IPv4 client, are other clients.
    let r = sign_up_from(&app, workshop, "2001:db8:1:3::1", None, body.clone()).await;
    assert_eq!(r.status(), 201);
    let r = sign_up_from(&app, workshop, "203.0.113.9", None, body).await;
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_staff_member_cannot_make_bookings_without_end() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 30, 0).await.to_string();
    let staff = as_user(&app, "coord@ccas.example").await;
    let max = server::staff_workshops::STAFF_BOOKINGS_PER_HOUR;
    for n in 0..max {
        let r = staff
            .post_form(
                "/espace-pro/reservations",
                &[
                    ("atelier", workshop.as_str()),
                    ("first_name", &format!("Foyer {n}")),
                    ("seats", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "booking {n}");
    }
    let refused = staff
        .post_form(
            "/espace-pro/reservations",
            &[
                ("atelier", workshop.as_str()),
                ("first_name", "Un de trop"),
                ("seats", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("beaucoup de réservations en une heure"),
        "named"
    );
    assert!(page.contains("value=\"Un de trop\""), "the name is kept");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {workshop}"
        ))
        .await,
        max
    );
}

#[tokio::test]
async fn in_production_the_language_cookie_is_secure_and_posts_need_https() {
    let app = spawn_app_configured(|c| c.production = true).await;
    let resident = as_anonymous(&app);
    let switched = resident
        .post_form("/langue", &[("lang", "en"), ("back", "/")])
        .await;
    // post_form sends an http:// origin: refused in production.
    assert_eq!(switched.status(), 403);
    let host = app.address.trim_start_matches("http://").to_string();
    let switched = resident
        .client
        .post(resident.url("/langue"))
        .header("origin", format!("https://{host}"))
        .form(&[("lang", "en"), ("back", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    let cookie = switched.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("reperes_lang=en"), "{cookie}");
    assert!(cookie.contains("; Secure"), "{cookie}");
    // Outside production (plain HTTP on a laptop), the cookie could not be sent back.
    let dev = spawn_app().await;
    let switched = as_anonymous(&dev)
        .post_form("/langue", &[("lang", "en"), ("back", "/")])
        .await;
    assert!(!switched.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Secure"));
}

#[tokio::test]
async fn the_json_api_answers_an_oversized_body_in_json() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 10, 0).await;
    for size in [300 * 1024, 3 * 1024 * 1024] {
        let body = format!("{{\"first_name\": \"{}\"}}", "a".repeat(size));
        let response = app
            .client
            .post(app.url(&format!("/api/v1/workshops/{workshop}/registrations")))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 413, "{size}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{size}: {:?}",
            response.headers()["content-type"]
        );
        let error: serde_json::Value = response.json().await.unwrap();
        assert!(
            error["message"].is_string() || error["error"].is_string(),
            "{error}"
        );
    }
}
