use crate::helpers::spawn_app;

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
    for path in ["/", "/nulle-part", "/healthz", "/favicon.svg"] {
        let response = app.get(path).await;
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
    }
}

#[tokio::test]
async fn inline_scripts_carry_the_nonce_of_their_response() {
    let app = spawn_app().await;
    let response = app.get("/").await;
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
    let other = app.get("/").await.headers()["content-security-policy"]
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
