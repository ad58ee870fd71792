use crate::helpers::spawn_app;

#[tokio::test]
async fn accept_language_picks_english_when_preferred() {
    let app = spawn_app().await;
    let html = app
        .get_html_with("/", "accept-language", "en-GB,en;q=0.9,fr;q=0.5")
        .await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Budget tools"));
}

#[tokio::test]
async fn the_language_switch_is_remembered_in_a_cookie_and_goes_back() {
    let app = spawn_app().await;
    let response = app
        .post_form("/langue", &[("lang", "en"), ("back", "/outils-budget")])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/outils-budget");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("reperes_lang=en;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let (_, html) = app.get_html("/outils-budget").await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("What is left to live on"));
    // And back to French, whatever the browser prefers.
    app.post_form("/langue", &[("lang", "fr"), ("back", "/")])
        .await;
    let html = app.get_html_with("/", "accept-language", "en").await;
    assert!(html.contains("<html lang=\"fr\""));
}

#[tokio::test]
async fn the_language_switch_never_redirects_to_another_site() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/langue",
            &[("lang", "en"), ("back", "https://evil.example/")],
        )
        .await;
    assert_eq!(response.headers()["location"], "/");
    let response = app.post_form("/langue", &[]).await;
    assert_eq!(
        response.status(),
        303,
        "an empty form still gets a clear answer"
    );
}
