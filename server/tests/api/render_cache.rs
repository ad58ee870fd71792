//! The render cache of public pages (`server/src/render_cache.rs`): a visitor without a
//! session gets the page rendered once, in the encoding they accept; nothing of a
//! visitor with a session is kept or served to another; the language is part of the
//! key; a content change made here is seen at once, one made by another instance within
//! a second; the workshops list, which shows seats left, is kept a moment only and
//! dropped by a sign-up here; views served from memory are counted; it can be turned off.
use crate::helpers::{
    as_anonymous, as_user, new_workshop, spawn_app, spawn_app_configured, workshop_setup,
};
use std::io::Read as _;

const MODULE: &str = "budget-au-quotidien";
const LESSON: &str = "/modules/budget-au-quotidien/le-reste-a-vivre";
const CACHE: &str = "x-reperes-cache";

fn cache_status(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get(CACHE)
        .map(|v| v.to_str().unwrap().to_string())
}

async fn fetch(
    client: &reqwest::Client,
    url: &str,
    headers: &[(&str, &str)],
) -> (Option<String>, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = client.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    assert_eq!(response.status(), 200, "GET {url}");
    let status = cache_status(&response);
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_public_page_is_rendered_once_then_served_from_memory_in_every_encoding() {
    let app = spawn_app().await;
    let url = app.url(LESSON);
    let (first, rendered, page) = fetch(&app.client, &url, &[]).await;
    assert_eq!(first.as_deref(), Some("miss"));
    let (second, headers, again) = fetch(&app.client, &url, &[]).await;
    assert_eq!(second.as_deref(), Some("hit"));
    assert_eq!(page, again, "the copy is the page");
    let html = String::from_utf8(page.clone()).unwrap();
    assert!(html.contains("<h1"), "a whole page: {html:.300}");
    // The page's markers stay inside the server; the security headers are there.
    assert!(headers.get("x-reperes-public").is_none());
    assert!(headers.get("x-reperes-count").is_none());
    // A copy is answered before the security layer runs: it carries the same headers,
    // with a policy that allows no inline script (a nonce shared by all would be known).
    for name in [
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
        "permissions-policy",
        "cross-origin-opener-policy",
    ] {
        assert_eq!(headers.get(name), rendered.get(name), "{name} on a hit");
        assert!(headers.get(name).is_some(), "{name}");
    }
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(!policy.contains("nonce-"), "{policy}");
    assert_eq!(
        policy,
        rendered["content-security-policy"]
            .to_str()
            .unwrap()
            .split(' ')
            .filter(|part| !part.starts_with("'nonce-"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert!(headers.get("set-cookie").is_none());
    assert!(headers["vary"]
        .to_str()
        .unwrap()
        .contains("accept-language"));

    let (_, headers, body) = fetch(&app.client, &url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers["content-encoding"], "gzip");
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, page);

    let (status, headers, body) = fetch(
        &app.client,
        &url,
        &[("accept-encoding", "gzip, deflate, br, zstd")],
    )
    .await;
    assert_eq!(status.as_deref(), Some("hit"));
    assert_eq!(headers["content-encoding"], "br");
    let mut unbrotli = Vec::new();
    brotli::Decompressor::new(&body[..], 4096)
        .read_to_end(&mut unbrotli)
        .unwrap();
    assert_eq!(unbrotli, page);
    assert!(
        body.len() * 2 < page.len(),
        "compressed: {} of {} bytes",
        body.len(),
        page.len()
    );

    // The other public pages too (the workshop list, whose seats change, a moment only:
    // see below); pages with a form or a visitor's progress never.
    for path in [
        "/",
        "/modules",
        "/modules/budget-au-quotidien",
        "/glossaire",
    ] {
        fetch(&app.client, &app.url(path), &[]).await;
        let (status, _, _) = fetch(&app.client, &app.url(path), &[]).await;
        assert_eq!(status.as_deref(), Some("hit"), "{path}");
    }
    for path in ["/outils-budget", "/mon-parcours"] {
        fetch(&app.client, &app.url(path), &[]).await;
        let (status, _, _) = fetch(&app.client, &app.url(path), &[]).await;
        assert_eq!(status, None, "{path} is rendered for each visit");
    }
}

#[tokio::test]
async fn a_visitor_with_a_session_or_another_language_never_gets_another_visitors_copy() {
    let app = spawn_app().await;
    let url = app.url(LESSON);
    let (_, _, french) = fetch(&app.client, &url, &[]).await;
    let french = String::from_utf8(french).unwrap();
    assert!(french.contains("<html lang=\"fr\""));

    // Another language is another copy.
    let english_url = &url;
    let (status, _, english) = fetch(
        &app.client,
        english_url,
        &[("accept-language", "en-GB,en;q=0.8")],
    )
    .await;
    assert_eq!(status.as_deref(), Some("miss"));
    assert!(String::from_utf8(english)
        .unwrap()
        .contains("<html lang=\"en\""));
    let (status, _, english) =
        fetch(&app.client, english_url, &[("cookie", "reperes_lang=en")]).await;
    assert_eq!(status.as_deref(), Some("hit"));
    assert!(String::from_utf8(english)
        .unwrap()
        .contains("<html lang=\"en\""));

    // A resident marks the lesson read: their session makes their page their own.
    let resident = as_anonymous(&app);
    let r = resident.post_form(&format!("{LESSON}/lue"), &[]).await;
    assert_eq!(r.status(), 303);
    let response = resident.get(LESSON).await;
    assert_eq!(
        cache_status(&response),
        None,
        "never served from nor kept in the cache"
    );
    let own = response.text().await.unwrap();
    assert!(own.contains("read-marker"), "their progress shows");

    // Another visitor gets the public copy, without the resident's progress.
    let other = as_anonymous(&app);
    let response = other.get(LESSON).await;
    assert!(cache_status(&response).is_some());
    let public = response.text().await.unwrap();
    assert!(!public.contains("read-marker"));
    assert!(
        public.contains("progress-mark") || public.contains("/lue"),
        "the button to mark it read"
    );
}

#[tokio::test]
async fn a_content_change_here_is_seen_at_once_and_one_from_another_instance_within_a_second() {
    let app = spawn_app().await;
    workshop_setup(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let visitor = as_anonymous(&app);
    assert_eq!(visitor.get(LESSON).await.status(), 200);
    assert_eq!(
        cache_status(&visitor.get(LESSON).await).as_deref(),
        Some("hit")
    );

    // Unpublished through this instance: gone at once.
    let history = format!("/espace-pro/lecons/historique/{MODULE}/le-reste-a-vivre");
    let r = coordinator
        .post_form(&format!("{history}/depublier"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(visitor.get(LESSON).await.status(), 404);
    let r = coordinator
        .post_form(&format!("{history}/republier"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(visitor.get(LESSON).await.status(), 200);

    // Changed in the database by another instance (no request through this one): the
    // catalogue shows the new title within a second.
    let (_, before) = visitor.get_html("/modules").await;
    assert_eq!(
        cache_status(&visitor.get("/modules").await).as_deref(),
        Some("hit")
    );
    let title = "Un titre changé ailleurs";
    app.execute(&format!(
        "UPDATE modules SET title = '{title}' WHERE slug = '{MODULE}'"
    ))
    .await;
    assert!(!before.contains(title));
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, after) = visitor.get_html("/modules").await;
    assert!(after.contains(title), "the change is served");
}

#[tokio::test]
async fn the_workshops_list_is_kept_a_moment_and_a_sign_up_here_shows_at_once() {
    let app = spawn_app().await;
    let setup = workshop_setup(&app).await;
    let workshop = new_workshop(&app, &setup, 3, 0).await;
    let visitor = as_anonymous(&app);
    let (_, before) = visitor.get_html("/ateliers").await;
    assert!(before.contains("3 place(s) libre(s)"), "{before:.2000}");
    assert_eq!(
        cache_status(&visitor.get("/ateliers").await).as_deref(),
        Some("hit")
    );

    // A sign-up through this instance: the next visitor sees the seat taken.
    let signed_up = app
        .client
        .post(app.url(&format!("/api/v1/workshops/{workshop}/registrations")))
        .json(&serde_json::json!({"first_name": "Samia", "seats": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_up.status(), 201);
    let response = visitor.get("/ateliers").await;
    assert_eq!(cache_status(&response).as_deref(), Some("miss"));
    let after = response.text().await.unwrap();
    assert!(after.contains("2 place(s) libre(s)"), "{after:.2000}");

    // A sign-up through another instance (straight into the database): seen within
    // the live pages' age, as no write came through this one.
    assert_eq!(
        cache_status(&visitor.get("/ateliers").await).as_deref(),
        Some("hit")
    );
    app.execute(&format!(
        "INSERT INTO registrations (session_id, first_name, seats, status, code, token_hash, created_at, updated_at)
         VALUES ({workshop}, 'Ailleurs', 1, 'confirmed', 'ZZZZ-0001', 'ailleurs', 0, 0)"
    ))
    .await;
    tokio::time::sleep(render_cache_live_age()).await;
    let (_, later) = visitor.get_html("/ateliers").await;
    assert!(later.contains("1 place(s) libre(s)"), "{later:.2000}");
}

/// When the workshop list's copy has just expired, one request renders the next copy
/// and the others arriving meanwhile get the expired one, instead of rendering it too.
#[tokio::test]
async fn an_expired_workshop_list_is_rendered_once_while_the_others_get_the_last_copy() {
    let app = spawn_app().await;
    let visitor = as_anonymous(&app);
    let first = visitor.get("/ateliers").await;
    assert_eq!(cache_status(&first).as_deref(), Some("miss"));
    tokio::time::sleep(render_cache_live_age()).await;
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, url) = (visitor.client.clone(), visitor.url("/ateliers"));
            tokio::spawn(async move {
                let response = client.get(url).send().await.expect("request");
                assert_eq!(response.status(), 200);
                cache_status(&response).expect("every answer says where it came from")
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| *s == "miss").count(),
        1,
        "one request renders: {statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| ["miss", "stale", "hit"].contains(&s.as_str())),
        "{statuses:?}"
    );
    assert_eq!(
        cache_status(&visitor.get("/ateliers").await).as_deref(),
        Some("hit"),
        "then the new copy is served"
    );
}

/// A little more than the age a live page is served at most.
fn render_cache_live_age() -> std::time::Duration {
    server::render_cache::LIVE_MAX_AGE + std::time::Duration::from_millis(100)
}

#[tokio::test]
async fn views_served_from_memory_are_counted() {
    let app = spawn_app().await;
    for _ in 0..3 {
        let response = app.get(LESSON).await;
        assert_eq!(response.status(), 200);
    }
    app.store.flush_counters().await.unwrap();
    let counted = app
        .count(&format!(
            "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM event_counters \
             WHERE metric = 'lesson_viewed' AND dimension = '{MODULE}'"
        ))
        .await;
    assert_eq!(counted, 3, "one miss and two hits, three views");
}

#[tokio::test]
async fn the_cache_can_be_turned_off() {
    let app = spawn_app_configured(|config| config.render_cache = false).await;
    for _ in 0..2 {
        let response = app.get(LESSON).await;
        assert_eq!(response.status(), 200);
        assert_eq!(cache_status(&response), None);
        assert!(response.headers().get("x-reperes-public").is_none());
    }
}
