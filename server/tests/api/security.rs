use crate::helpers::{spawn_app, with_ids, TestApp};

/// Every state-changing endpoint the site has today, with a valid body.
const UNSAFE: [(&str, &str); 3] = [
    ("/langue", "lang=en&back=/"),
    ("/outils-budget", "income=1&charges=1&household=1"),
    ("/api/modules/list", ""),
];

#[tokio::test]
async fn posts_from_a_foreign_origin_are_refused_everywhere() {
    let app = spawn_app().await;
    for (path, body) in UNSAFE {
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            let response = app
                .client
                .post(app.url(path))
                .header(name, value)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{path} with {name}: {value}");
            assert!(response.text().await.unwrap().contains("Requête refusée"));
        }
        for method in [
            reqwest::Method::PUT,
            reqwest::Method::DELETE,
            reqwest::Method::PATCH,
        ] {
            let response = app
                .client
                .request(method.clone(), app.url(path))
                .header("origin", "https://evil.example")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{method} {path}");
        }
    }
}

#[tokio::test]
async fn same_origin_posts_and_plain_clients_pass() {
    let app = spawn_app().await;
    for (path, body) in UNSAFE {
        let response = app
            .client
            .post(app.url(path))
            .header("origin", &app.address)
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_ne!(response.status(), 403, "{path}");
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_ne!(response.status(), 403, "{path} without browser headers");
    }
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let big = "a=".to_string() + &"b".repeat(300 * 1024);
    let requests = [
        ("GET", "/", String::new()),                       // a page
        ("GET", "/nulle-part", String::new()),             // a page's 404
        ("GET", "/healthz", String::new()),                // JSON
        ("GET", "/favicon.svg", String::new()),            // a static file
        ("GET", "/api/v1/modules", String::new()),         // the API
        ("GET", "/api/v1/inconnu", String::new()),         // the API's 404
        ("DELETE", "/api/v1/modules", String::new()),      // 405
        ("POST", "/langue", "lang=en&back=/".to_string()), // a form's redirect
        (
            "POST",
            "/api/v1/staff/session",
            "{\"email\": \"\\u0000\"}".to_string(),
        ), // 400
        ("POST", "/outils-budget", big),                   // too large (413)
        ("GET", "/ateliers/1.ics", String::new()),         // a calendar file (404 here)
    ];
    for (method, path, body) in requests {
        let response = app
            .client
            .request(method.parse().unwrap(), app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let path = format!("{method} {path} ({})", response.status());
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
}

#[tokio::test]
async fn inline_scripts_carry_the_nonce_of_their_response() {
    let app = spawn_app().await;
    // A page with an island (the quick budget estimate): the only kind with scripts.
    let response = app.get("/outils-budget").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    let html = response.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts >= 1, "the hydration script is there");
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script has this response's nonce"
    );
    // A second response gets another nonce.
    let other = app.get("/outils-budget").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(csp, other);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;
    let big = "a".repeat(300 * 1024);
    let response = app
        .client
        .post(app.url("/outils-budget"))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn every_form_and_api_write_refuses_a_foreign_origin() {
    let app = crate::helpers::spawn_app().await;
    crate::helpers::workshop_setup(&app).await;
    let admin = crate::helpers::as_user(&app, "coord@ccas.example").await;
    let mut targets: Vec<(reqwest::Method, String)> = server::form_routes()
        .into_iter()
        .map(|(path, _)| (reqwest::Method::POST, with_ids(&path)))
        .collect();
    for path in [
        "/api/v1/workshops",
        "/api/v1/workshops/1/registrations",
        "/api/v1/staff/session",
    ] {
        targets.push((reqwest::Method::POST, path.to_string()));
    }
    targets.push((reqwest::Method::DELETE, "/api/v1/registrations/x".into()));
    assert!(targets.len() > 50, "{}", targets.len());
    for (method, path) in &targets {
        for (name, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ] {
            // Logged in: a cross-site request would carry the session cookie.
            let response = admin
                .client
                .request(method.clone(), admin.url(path))
                .header(name, value)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("a=b")
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                403,
                "{method} {path} with {name}: {value}"
            );
        }
    }
    // Still logged in and nothing changed: the refusals ran no handler.
    assert_eq!(admin.get_html("/espace-pro").await.0, 200);
}

/// One raw HTTP/1.1 request line, sent as is (clients normalise `..` away).
pub(crate) async fn raw_get(app: &crate::helpers::TestApp, target: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let address = app.address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn static_files_cannot_be_reached_outside_the_site_folder() {
    let app = crate::helpers::spawn_app().await;
    for target in [
        "/../Cargo.toml",
        "/pkg/../../Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
        "/pkg/..%2f..%2fCargo.toml",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/pkg/....//....//etc/passwd",
        "/pkg/%252e%252e/Cargo.toml",
        "/images/..%2f..%2fCargo.toml",
        "/pkg/..\\..\\Cargo.toml",
        "/pkg/%00../Cargo.toml",
    ] {
        let (status, text) = raw_get(&app, target).await;
        assert!((400..500).contains(&status), "{target}: {status}\n{text}");
        assert!(!text.contains("[workspace]"), "{target} leaked Cargo.toml");
        assert!(!text.contains("root:x:0:0"), "{target} leaked /etc/passwd");
        assert!(
            text.to_ascii_lowercase()
                .contains("content-security-policy"),
            "{target}: the refusal carries the security headers"
        );
    }
}

#[tokio::test]
async fn malformed_forms_never_get_a_server_error() {
    let app = crate::helpers::spawn_app().await;
    let s = crate::helpers::workshop_setup(&app).await;
    crate::helpers::new_workshop(&app, &s, 10, 0).await;
    let anonymous = crate::helpers::as_anonymous(&app);
    let staff = crate::helpers::as_user(&app, "coord@ccas.example").await;
    let bodies: [(&str, &[u8]); 9] = [
        (
            "application/x-www-form-urlencoded",
            b"first_name=a%00b&seats=1",
        ),
        ("application/json", b"{\"first_name\": \"a\\u0000b\"}"),
        ("application/x-www-form-urlencoded", b"%%%=%%%&&&==="),
        (
            "application/x-www-form-urlencoded",
            b"\xff\xfe\xfd=\xc3\x28",
        ),
        ("application/x-www-form-urlencoded", b""),
        (
            "application/x-www-form-urlencoded",
            b"seats=-1&seats=999999999999999999999&id=abc",
        ),
        ("application/json", b"{\"first_name\": [1, 2]}"),
        ("text/plain", b"hello"),
        ("multipart/form-data; boundary=x", b"--x\r\nbroken"),
    ];
    for (path, _) in server::form_routes() {
        let path = with_ids(&path);
        for who in [&anonymous, &staff] {
            for (kind, body) in &bodies {
                let response = who
                    .client
                    .post(who.url(&path))
                    .header("origin", &who.address)
                    .header("content-type", *kind)
                    .body(body.to_vec())
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                assert!(status < 500, "POST {path} ({kind}): {status}");
                if status != 303 {
                    let text = response.text().await.unwrap();
                    assert!(
                        text.contains("lang=\"fr\"") || text.contains("lang=\"en\""),
                        "POST {path} ({kind}) {status}: a page, not a technical message: {text}"
                    );
                }
            }
        }
    }
    // A NUL character, which PostgreSQL refuses in text, is dropped from a form: the
    // sign-up goes through with what the person typed.
    let signed = anonymous
        .client
        .post(anonymous.url("/ateliers/1/inscription"))
        .header("origin", &anonymous.address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("first_name=Sa%00mia&seats=1")
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE first_name = 'Samia'")
            .await,
        1
    );
    // Long field values too (under the body limit).
    let long = "é".repeat(40_000);
    let response = anonymous
        .post_form("/ateliers/1/inscription", &[("first_name", &long)])
        .await;
    assert!(response.status().as_u16() < 500);
}

/// Payloads that would run a script if any page printed them unescaped.
const XSS: [&str; 7] = [
    "</title><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">clic</a>",
    "<iframe src=//evil.example></iframe>",
    "{{7*7}}<style>body{display:none}</style>",
];

/// The staff form of a help directory entry named `name`, every other text `text`.
fn help_entry<'a>(
    slug: &'a str,
    name: &'a str,
    text: &'a str,
    sources: &'a str,
) -> [(&'static str, &'a str); 11] {
    [
        ("slug", slug),
        ("name", name),
        ("kind", "association"),
        ("needs", "budget"),
        ("what", text),
        ("for_whom", text),
        ("hours", text),
        ("appointment", "unknown"),
        ("last_checked", "2026-11-30"),
        ("sources", sources),
        ("active", "on"),
    ]
}

/// Checks the whole document, head included: no payload came out as markup, and the
/// `<title>` holds text only.
fn assert_inert(html: &str, place: &str) {
    for raw in [
        "</title><meta",
        "<meta http-equiv=\"refresh\"",
        "<script>alert",
        "<img src=x onerror",
        "<svg onload",
        "<a href=\"javascript:",
        "<iframe src=//evil",
        "<style>body{display:none}",
    ] {
        assert!(!html.contains(raw), "{place} printed {raw} as HTML");
    }
    if let Some((_, rest)) = html.split_once("<title>") {
        let title = rest.split("</title>").next().unwrap_or_default();
        assert!(
            !title.contains('<') && !title.contains('>'),
            "{place}: markup in the title: {title}"
        );
    }
}

#[tokio::test]
async fn an_xss_corpus_stays_text_wherever_people_type_text() {
    use crate::helpers::{as_anonymous, as_user, new_workshop, workshop_setup};
    let app = crate::helpers::spawn_app().await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 50, 0).await;
    let resident = as_anonymous(&app);
    let staff = as_user(&app, "coord@ccas.example").await;
    for (n, payload) in XSS.iter().enumerate() {
        // A resident's first name, through the form and through the API.
        let response = resident
            .post_form(
                &format!("/ateliers/{id}/inscription"),
                &[
                    ("first_name", &payload[..payload.len().min(60)]),
                    ("seats", "1"),
                ],
            )
            .await;
        let status = response.status().as_u16();
        assert!(matches!(status, 303 | 422), "{payload}: {status}");
        if status == 303 {
            let location = crate::helpers::location(&response);
            let (_, page) = resident.get_html(&location).await;
            assert_inert(&page, "the booking page");
        } else {
            assert_inert(&response.text().await.unwrap(), "the refused sign-up form");
        }
        let api = resident
            .client
            .post(resident.url(&format!("/api/v1/workshops/{id}/registrations")))
            .json(&serde_json::json!({"first_name": &payload[..payload.len().min(60)]}))
            .send()
            .await
            .unwrap();
        assert!(matches!(api.status().as_u16(), 201 | 422));
        // A help directory entry typed by staff.
        let slug = format!("essai-{n}");
        let sources = format!("{payload} | https://exemple.fr");
        let entry = staff
            .post_form(
                "/espace-pro/aide",
                &help_entry(&slug, payload, payload, &sources),
            )
            .await;
        let status = entry.status().as_u16();
        assert!(
            matches!(status, 303 | 422),
            "help entry {payload}: {status}"
        );
        if status == 422 {
            assert_inert(&entry.text().await.unwrap(), "the refused help form");
        }
        // A search, echoed back on the results page.
        for search in ["/recherche", "/aide"] {
            let response = resident
                .client
                .get(resident.url(search))
                .query(&[("q", payload)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{search}?q={payload}");
            assert_inert(&response.text().await.unwrap(), search);
        }
    }
    // Everywhere those texts are shown.
    for (who, page) in [
        (&staff, format!("/espace-pro/ateliers/{id}")),
        (&staff, "/espace-pro/aide".to_string()),
        (&resident, "/aide".to_string()),
        (&resident, format!("/ateliers/{id}")),
    ] {
        let (status, html) = who.get_html(&page).await;
        assert_eq!(status, 200, "{page}");
        assert_inert(&html, &page);
    }
    let (_, staff_page) = staff.get_html(&format!("/espace-pro/ateliers/{id}")).await;
    assert!(
        staff_page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the first name is shown, as text"
    );
}

#[tokio::test]
async fn sql_metacharacters_are_plain_text_in_searches_and_api_fields() {
    use crate::helpers::{as_anonymous, new_workshop, workshop_setup};
    let app = crate::helpers::spawn_app().await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 50, 0).await;
    let resident = as_anonymous(&app);
    let corpus = [
        "'; DROP TABLE registrations; --",
        "\" OR 1=1 --",
        "' OR '1'='1",
        "%",
        "_",
        "\\",
        "1; SELECT pg_sleep(5)",
        "' UNION SELECT password_hash FROM staff --",
        "\u{0}",
    ];
    let (_, everything) = resident.get_html("/aide").await;
    for text in corpus {
        for search in ["/recherche", "/aide"] {
            let response = resident
                .client
                .get(resident.url(search))
                .query(&[("q", text)])
                .send()
                .await
                .unwrap();
            // (A NUL character is dropped from forms and queries.)
            assert_eq!(response.status(), 200, "{search}?q={text:?}");
            let html = response.text().await.unwrap();
            assert!(html.contains("lang=\"fr\""), "{search}?q={text:?}");
            assert!(!html.contains("$argon2"), "{search}?q={text:?}");
            if search == "/aide" && matches!(text, "%" | "_") {
                // A wildcard is a character searched for, not "match everything".
                assert_ne!(html.len(), everything.len(), "{search}?q={text:?}");
            }
        }
        for body in [
            serde_json::json!({"first_name": text}),
            serde_json::json!({"first_name": "Samia", "contact": text}),
        ] {
            let response = resident
                .client
                .post(resident.url(&format!("/api/v1/workshops/{id}/registrations")))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            if text.contains('\0') {
                assert_eq!(status, 400, "{body}");
            } else {
                assert!(matches!(status, 201 | 422), "{body}: {status}");
            }
        }
        let login = resident
            .client
            .post(resident.url("/api/v1/staff/session"))
            .json(&serde_json::json!({"email": text, "password": text}))
            .send()
            .await
            .unwrap();
        assert!(
            matches!(login.status().as_u16(), 400 | 401 | 422 | 429),
            "login {text:?}: {}",
            login.status()
        );
        let path = format!("/api/v1/workshops/{}", crate::helpers::urlencode(text));
        let r = resident
            .client
            .get(resident.url(&path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    // Stored as typed, and the table is still there.
    let kept = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND first_name = '''; DROP TABLE registrations; --'"
        ))
        .await;
    assert_eq!(kept, 1);
}

#[tokio::test]
async fn only_pages_with_an_island_load_the_script_and_none_preloads_the_wasm() {
    let app = spawn_app().await;
    let (_, modules) = app.get_html("/modules").await;
    let module_href = modules
        .split("href=\"/modules/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let (_, module) = app.get_html(&format!("/modules/{module_href}")).await;
    let lesson = module
        .split(&format!("href=\"/modules/{module_href}/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let lesson_page = format!("/modules/{module_href}/{lesson}");
    for path in ["/", "/modules", "/ateliers", "/aide", lesson_page.as_str()] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("<leptos-island"), "{path} has no island");
        assert!(!html.contains("<script"), "{path}: no script at all");
        assert!(
            !html.contains(".wasm"),
            "{path}: the bundle is not preloaded"
        );
        assert!(
            html.contains("/pkg/reperes.css"),
            "{path} keeps its stylesheet"
        );
    }
    for path in ["/outils-budget", "/outils-budget/budget-mensuel"] {
        let (_, html) = app.get_html(path).await;
        assert!(html.contains("<leptos-island"), "{path} has an island");
        assert!(html.contains("hydrateIslands"), "{path} loads it");
        assert!(
            !html.contains("rel=\"preload\""),
            "{path}: no preload, no wasm without JavaScript"
        );
        assert!(!html.contains("rel=\"modulepreload\""), "{path}");
    }
}

/// `text` as a TOML basic string's content.
fn toml_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

#[tokio::test]
async fn what_staff_type_stays_text_in_the_head_and_the_body_of_every_page_showing_it() {
    use crate::helpers::{as_anonymous, as_user, location, new_staff, workshop_setup};
    use app::staff::model::Role;
    let app = crate::helpers::spawn_app().await;
    let s = workshop_setup(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    new_staff(&app, s.ccas, "admin@ccas.example", Role::Admin).await;
    let admin = as_user(&app, "admin@ccas.example").await;
    let author_id = new_staff(&app, s.ccas, "lea@ccas.example", Role::Trainer).await;
    let author = as_user(&app, "lea@ccas.example").await;
    let bank = app
        .store
        .ensure_organisation(
            "Banque du Doubs",
            app::staff::model::OrganisationKind::Bank,
            0,
        )
        .await
        .unwrap();
    let banker = new_staff(&app, bank, "bruno@banque.example", Role::Trainer).await;
    let resident = as_anonymous(&app);
    let mut pages: Vec<(&TestApp, String)> = Vec::new();
    let day = chrono::Utc::now().date_naive() + chrono::Duration::days(20);
    for (n, payload) in XSS.iter().enumerate() {
        let short: String = payload.chars().take(80).collect();
        // A place, then a workshop in it: title, description, place name and address.
        let place = admin
            .post_form(
                "/espace-pro/lieux",
                &[
                    ("name", short.as_str()),
                    ("address", payload),
                    ("access", payload),
                    ("capacity", "20"),
                ],
            )
            .await;
        assert!(
            matches!(place.status().as_u16(), 303 | 422),
            "place {payload}"
        );
        let place_id = app.count("SELECT MAX(id) FROM places").await.to_string();
        let date = (day + chrono::Duration::days(n as i64)).to_string();
        let workshop = coordinator
            .post_form(
                "/espace-pro/ateliers",
                &[
                    ("title", short.as_str()),
                    ("theme", "budget"),
                    ("description", payload),
                    ("date", &date),
                    ("start", "14:00"),
                    ("end", "16:00"),
                    ("place", &place_id),
                    ("capacity", "12"),
                    ("reserved", "2"),
                    ("hosts", &s.coordinator.to_string()),
                ],
            )
            .await;
        assert_eq!(workshop.status(), 303, "workshop {payload}");
        // A joint session proposal to the bank's trainer.
        let banker_id = banker.to_string();
        let proposal = coordinator
            .post_form(
                "/espace-pro/seances/proposer",
                &[
                    ("kind", "resident_workshop"),
                    ("title", short.as_str()),
                    ("theme", "budget"),
                    ("description", payload),
                    ("place", &place_id),
                    ("capacity", "12"),
                    ("duration", "120"),
                    ("invitees", &banker_id),
                    ("slot_date_1", &date),
                    ("slot_start_1", "10:00"),
                ],
            )
            .await;
        assert_eq!(proposal.status(), 303, "proposal {payload}");
        pages.push((&coordinator, location(&proposal)));
        // A help directory entry.
        let slug = format!("titre-{n}");
        let sources = format!("{payload} | https://exemple.fr");
        let entry = admin
            .post_form(
                "/espace-pro/aide",
                &help_entry(&slug, &short, payload, &sources),
            )
            .await;
        assert_eq!(
            entry.status(),
            303,
            "help {payload}: {}",
            entry.text().await.unwrap()
        );
        let entry_id = app.count("SELECT MAX(id) FROM help_entries").await;
        pages.push((&admin, format!("/espace-pro/aide/{entry_id}")));
        // An organisation and an account.
        let organisation = admin
            .post_form(
                "/espace-pro/organisations",
                &[("name", short.as_str()), ("kind", "bank")],
            )
            .await;
        assert!(matches!(organisation.status().as_u16(), 303 | 422));
        let account = admin
            .post_form(
                "/espace-pro/comptes",
                &[
                    ("name", short.as_str()),
                    ("email", &format!("p{n}@ccas.example")),
                    ("role", "trainer"),
                    ("organisation", &s.ccas.to_string()),
                ],
            )
            .await;
        assert!(matches!(account.status().as_u16(), 303 | 422));
        // A lesson whose title is the payload, published, and its draft.
        let slug = format!("titre-piege-{n}");
        let source = format!(
            "+++\ntitle = \"{}\"\nsummary = \"{}\"\nreading_minutes = 2\nlevel = \"debutant\"\ntags = []\n\
             last_reviewed = 2026-11-20\nsources = [{{ title = \"{}\", url = \"https://www.banque-france.fr/\" }}]\n+++\n\n\
             # {}\n\nUn paragraphe.\n",
            toml_escaped(&short),
            toml_escaped(payload),
            toml_escaped(payload),
            payload
        );
        let opened = author
            .post_form(
                "/espace-pro/lecons/nouvelle",
                &[
                    ("module", "budget-au-quotidien"),
                    ("slug", slug.as_str()),
                    ("position", &(20 + n).to_string()),
                ],
            )
            .await;
        assert_eq!(opened.status(), 303, "new lesson {n}");
        let draft: i64 = location(&opened)
            .rsplit('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let easy = app.store.draft(draft).await.unwrap().unwrap().easy_source;
        assert!(app
            .store
            .save_draft(draft, author_id, &source, &easy, 0)
            .await
            .unwrap());
        let draft_page = format!("/espace-pro/lecons/brouillons/{draft}");
        let (status, html) = author.get_html(&draft_page).await;
        assert_eq!(status, 200, "{draft_page}");
        assert_inert(&html, &draft_page);
        assert!(app
            .store
            .move_draft(
                draft,
                author_id,
                app::lessons::drafts::DraftStep::Submit,
                "",
                0
            )
            .await
            .unwrap());
        let glossary = app.store.glossary_index().await.unwrap();
        let position = app.store.draft(draft).await.unwrap().unwrap().position;
        let lesson =
            app::lessons::drafts::check_draft(&slug, position, &source, &easy, &glossary).unwrap();
        let published = app
            .store
            .publish_draft(draft, banker, &lesson, 0)
            .await
            .unwrap();
        assert!(
            matches!(
                published,
                app::lessons::drafts::Publication::Published { .. }
            ),
            "{published:?}"
        );
        pages.push((&resident, format!("/modules/budget-au-quotidien/{slug}")));
    }
    let workshops = app
        .strings("SELECT CAST(id AS TEXT) FROM training_sessions")
        .await;
    assert_eq!(workshops.len(), XSS.len());
    for id in workshops {
        pages.push((&resident, format!("/ateliers/{id}")));
        pages.push((&coordinator, format!("/espace-pro/ateliers/{id}")));
        pages.push((
            &coordinator,
            format!("/espace-pro/ateliers/{id}/emargement"),
        ));
        pages.push((&coordinator, format!("/espace-pro/ateliers/{id}/modifier")));
    }
    for (who, page) in [
        (&resident, "/ateliers"),
        (&resident, "/aide"),
        (&coordinator, "/espace-pro/ateliers"),
        (&coordinator, "/espace-pro/seances"),
        (&admin, "/espace-pro/comptes"),
        (&admin, "/espace-pro/organisations"),
        (&admin, "/espace-pro/lieux"),
        (&admin, "/espace-pro/aide"),
        (&author, "/espace-pro/lecons"),
    ] {
        pages.push((who, page.to_string()));
    }
    for (who, page) in &pages {
        let (status, html) = who.get_html(page).await;
        assert_eq!(status, 200, "{page}");
        assert_inert(&html, page);
    }
    // The title is shown, as text, in the head.
    let (_, workshop) = resident
        .get_html(
            &pages
                .iter()
                .find(|(_, p)| p.starts_with("/ateliers/"))
                .unwrap()
                .1,
        )
        .await;
    assert!(
        workshop.contains("<title>&lt;/title&gt;&lt;meta http-equiv=\"refresh\""),
        "{}",
        workshop.split("</title>").next().unwrap_or_default()
    );
}

/// A post form of a page: its action and its fields (name, type, value).
struct PageForm {
    action: String,
    fields: Vec<(String, String, String)>,
}

/// The value of attribute `name` in the tag text `tag` (entities of `&` and `"` undone).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..start + tag[start..].find('"')?];
    Some(value.replace("&quot;", "\"").replace("&amp;", "&"))
}

/// The post forms of `html`, read the way a browser would send them.
fn post_forms(html: &str) -> Vec<PageForm> {
    html.split("<form")
        .skip(1)
        .filter_map(|chunk| {
            let chunk = &chunk[..chunk.find("</form>")?];
            let head = &chunk[..chunk.find('>')?];
            if !attribute(head, "method").is_some_and(|m| m.eq_ignore_ascii_case("post")) {
                return None;
            }
            let action = attribute(head, "action")?;
            let mut fields: Vec<(String, String, String)> = Vec::new();
            let tags: Vec<&str> = chunk.split('<').collect();
            for (n, tag) in tags.iter().enumerate() {
                let kind = if tag.starts_with("input") {
                    attribute(tag, "type").unwrap_or_else(|| "text".into())
                } else if tag.starts_with("textarea") {
                    "textarea".into()
                } else if tag.starts_with("select") {
                    "select".into()
                } else {
                    continue;
                };
                let Some(name) = attribute(tag, "name") else {
                    continue;
                };
                let value = match kind.as_str() {
                    "select" => tags[n + 1..]
                        .iter()
                        .find(|t| t.starts_with("option"))
                        .and_then(|t| attribute(t, "value"))
                        .unwrap_or_default(),
                    "radio" if fields.iter().any(|(f, _, _)| *f == name) => continue,
                    _ => attribute(tag, "value").unwrap_or_default(),
                };
                fields.push((name, kind, value));
            }
            Some(PageForm { action, fields })
        })
        .collect()
}

/// Whether a field of this type takes typed text (and so receives the payload).
fn typed(kind: &str) -> bool {
    !matches!(
        kind,
        "hidden" | "checkbox" | "radio" | "select" | "submit" | "button" | "file"
    )
}

#[tokio::test]
async fn every_field_of_every_form_keeps_the_xss_corpus_as_text() {
    use crate::helpers::{as_anonymous, as_user, new_staff, new_workshop, workshop_setup};
    use app::staff::model::Role;
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &s, 50, 0).await;
    new_staff(&app, s.ccas, "admin@ccas.example", Role::Admin).await;
    new_staff(&app, s.ccas, "lea@ccas.example", Role::Trainer).await;
    let resident = as_anonymous(&app);
    let token = crate::helpers::book_by_form(&resident, workshop, "Samia")
        .await
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let value_of = |param: &str| match param {
        "module" => "budget-au-quotidien".to_string(),
        "lesson" => "le-reste-a-vivre".to_string(),
        "page" => "premier-rendez-vous".to_string(),
        "token" => token.clone(),
        _ => workshop.to_string(),
    };
    let pages: Vec<String> = leptos_axum::generate_route_list(app::app::App)
        .into_iter()
        .map(|route| {
            route
                .path()
                .split('/')
                .map(
                    |part| match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                        Some(param) => value_of(param.trim_start_matches('*')),
                        None => part.to_string(),
                    },
                )
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    let staff = [
        as_user(&app, "admin@ccas.example").await,
        as_user(&app, "coord@ccas.example").await,
        as_user(&app, "lea@ccas.example").await,
    ];
    let mut posted = 0;
    for who in std::iter::once(&resident).chain(staff.iter()) {
        for page in &pages {
            let (status, html) = who.get_html(page).await;
            if status != 200 {
                continue;
            }
            for form in post_forms(&html) {
                // Forms that would end this walk's sessions (log out, forget me, an
                // account deactivated or its password reset) or its workshop (cancel).
                if ["/deconnexion", "/mon-parcours/oublier"].contains(&form.action.as_str())
                    || form.action.starts_with("/espace-pro/comptes/")
                    || form.action.ends_with("/annuler")
                {
                    continue;
                }
                for payload in XSS {
                    let body: Vec<(&str, &str)> = form
                        .fields
                        .iter()
                        .map(|(name, kind, value)| {
                            let value = if typed(kind) { payload } else { value.as_str() };
                            (name.as_str(), value)
                        })
                        .collect();
                    let response = who.post_form(&form.action, &body).await;
                    let status = response.status().as_u16();
                    let place = format!("{} from {page} ({status})", form.action);
                    assert!(status < 500, "{place}");
                    posted += 1;
                    if status == 303 {
                        let to = crate::helpers::location(&response);
                        if to.starts_with('/') {
                            let (_, html) = who.get_html(&to).await;
                            assert_inert(&html, &format!("{to} after {place}"));
                        }
                    } else {
                        assert_inert(&response.text().await.unwrap(), &place);
                    }
                }
            }
        }
    }
    assert!(posted > 100, "{posted} forms posted");
    // Everything typed above, wherever it is shown now.
    for who in std::iter::once(&resident).chain(staff.iter()) {
        for page in &pages {
            let (_, html) = who.get_html(page).await;
            assert_inert(&html, page);
        }
    }
}
