//! Anonymous progress: "marquer comme lue" creates the learner (and only then a cookie),
//! the read shows on the lesson, the module and "Mon parcours"; "effacer" erases it all.
use crate::helpers::{client, engine, spawn_app, TestApp};

const LESSON: &str = "/modules/budget-au-quotidien/le-reste-a-vivre";

async fn session_rows(app: &crate::helpers::TestApp) -> i64 {
    let sql = match engine() {
        "postgres" => "SELECT COUNT(*) FROM tower_sessions.session",
        _ => "SELECT COUNT(*) FROM tower_sessions",
    };
    app.count(sql).await
}

#[tokio::test]
async fn reading_pages_sets_no_cookie_until_something_is_saved() {
    let app = spawn_app().await;
    for path in [
        LESSON,
        "/modules/budget-au-quotidien",
        "/mon-parcours",
        "/modules/budget-au-quotidien/imprimer",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path} set a cookie"
        );
    }
    assert_eq!(session_rows(&app).await, 0);
}

#[tokio::test]
async fn marking_a_lesson_read_creates_an_anonymous_learner_and_shows_everywhere() {
    let app = spawn_app().await;
    let (_, before) = app.get_html(LESSON).await;
    assert!(before.contains("Marquer comme lue"));
    let response = app.post_form(&format!("{LESSON}/lue"), &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], LESSON);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("reperes_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (_, page) = app.get_html(LESSON).await;
    assert!(page.contains("Vous avez lu cette leçon."));
    assert!(
        page.contains("Votre progression est maintenant gardée sur cet appareil"),
        "the one-line notice"
    );
    assert!(page.contains("href=\"/donnees-personnelles\""));
    let (_, again) = app.get_html(LESSON).await;
    assert!(
        !again.contains("Votre progression est maintenant gardée"),
        "the notice shows once"
    );

    let (_, module) = app.get_html("/modules/budget-au-quotidien").await;
    assert_eq!(module.matches("Vous avez lu cette leçon.").count(), 1);
    let (_, progress) = app.get_html("/mon-parcours").await;
    assert!(progress.contains("Mes modules"));
    assert!(progress.contains("1 leçon(s) lue(s) sur"));
    assert!(progress.contains(&format!("href=\"{LESSON}\"")));

    // Marking it twice keeps one row and creates no second learner.
    app.post_form(&format!("{LESSON}/lue"), &[]).await;
    let (_, progress) = app.get_html("/mon-parcours").await;
    assert_eq!(progress.matches(&format!("href=\"{LESSON}\"")).count(), 1);
}

#[tokio::test]
async fn forget_me_erases_every_row_and_the_session() {
    let app = spawn_app().await;
    app.post_form(&format!("{LESSON}/lue"), &[]).await;
    app.post_form("/modules/compte-bancaire/le-droit-au-compte/lue", &[])
        .await;
    let learners = app.strings("SELECT id FROM learners").await;
    assert_eq!(learners.len(), 1);
    let learner = &learners[0];
    assert_eq!(app.store.learner_row_count(learner).await.unwrap(), 3);
    assert_eq!(session_rows(&app).await, 1);

    let response = app.post_form("/mon-parcours/oublier", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/mon-parcours?efface=1");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("Max-Age=0") || cookie.contains("1970"),
        "the cookie is expired: {cookie}"
    );
    assert_eq!(
        app.store.learner_row_count(learner).await.unwrap(),
        0,
        "no row with that learner id remains"
    );
    assert_eq!(session_rows(&app).await, 0, "the session row is gone");
    let (_, page) = app.get_html("/mon-parcours?efface=1").await;
    assert!(page.contains("Votre progression a été effacée"));
    assert!(page.contains("Rien n'est enregistré sur cet appareil"));
}

#[tokio::test]
async fn marking_an_unknown_lesson_stores_nothing() {
    let app = spawn_app().await;
    let response = app
        .post_form("/modules/budget-au-quotidien/inconnue/lue", &[])
        .await;
    assert_eq!(response.status(), 303);
    let (status, _) = app.get_html("/modules/budget-au-quotidien/inconnue").await;
    assert_eq!(status, 404);
    let learners = app.count("SELECT COUNT(*) FROM learners").await;
    assert_eq!(learners, 0, "no learner for an unknown lesson");
    assert_eq!(session_rows(&app).await, 0);
    let response = app
        .client
        .post(app.url(&format!("{LESSON}/lue")))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "no cross-site marking");
}

/// Posts a form from another browser (its own cookies), as same-origin.
async fn post_as(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    browser
        .post(app.url(path))
        .header("origin", &app.address)
        .header("sec-fetch-site", "same-origin")
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn page_as(browser: &reqwest::Client, app: &TestApp, path: &str) -> String {
    browser
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn shown_code(page: &str) -> String {
    let start = page.find("class=\"code\"").expect("a code is shown");
    let rest = &page[start..];
    let open = rest.find("<strong>").unwrap() + "<strong>".len();
    let close = rest.find("</strong>").unwrap();
    rest[open..close].to_string()
}

#[tokio::test]
async fn a_resume_code_restores_the_progress_in_another_browser() {
    let app = spawn_app().await;
    app.post_form(&format!("{LESSON}/lue"), &[]).await;
    let response = app.post_form("/mon-parcours/code", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/mon-parcours");
    let (_, page) = app.get_html("/mon-parcours").await;
    let code = shown_code(&page);
    assert_eq!(code.len(), 11, "ten characters and a dash: {code}");
    let (_, again) = app.get_html("/mon-parcours").await;
    assert!(!again.contains(&code), "the code is shown once");
    let stored = app
        .count(&format!("SELECT COUNT(*) FROM learners WHERE resume_code_hash = '{code}' OR resume_code_hash = '{}'", code.replace('-', "")))
        .await;
    assert_eq!(stored, 0, "only a hash of the code is kept");

    let other = client();
    assert!(page_as(&other, &app, "/mon-parcours")
        .await
        .contains("Rien n'est enregistré"));
    let typed = code.to_lowercase().replace('-', " ");
    let response = post_as(&other, &app, "/mon-parcours/reprendre", &[("code", &typed)]).await;
    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("reperes_session="));
    let restored = page_as(&other, &app, "/mon-parcours").await;
    assert!(restored.contains("Votre progression a été retrouvée"));
    assert!(
        restored.contains(&format!("href=\"{LESSON}\"")),
        "the read lesson is there"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM learners").await,
        1,
        "the same learner"
    );
}

#[tokio::test]
async fn a_wrong_resume_code_gets_a_clear_message_with_the_code_kept() {
    let app = spawn_app().await;
    let response = app
        .post_form("/mon-parcours/reprendre", &[("code", "ABCDE-FGH23")])
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Ce code ne correspond à aucun parcours"));
    assert!(page.contains("value=\"ABCDE-FGH23\""));
    let response = app
        .post_form("/mon-parcours/reprendre", &[("code", "ABCDE-FGH2O")])
        .await;
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Le caractère « O » n"),
        "the look-alike is named"
    );
    let response = app
        .post_form("/mon-parcours/reprendre", &[("code", "ABC")])
        .await;
    assert!(response.text().await.unwrap().contains("10 caractères"));
    assert_eq!(app.count("SELECT COUNT(*) FROM learners").await, 0);
}

#[tokio::test]
async fn restoring_is_rate_limited_per_client() {
    let app = spawn_app().await;
    for _ in 0..10 {
        let response = app
            .post_form("/mon-parcours/reprendre", &[("code", "ABCDE-FGH23")])
            .await;
        assert_eq!(response.status(), 422);
    }
    let response = app
        .post_form("/mon-parcours/reprendre", &[("code", "ABCDE-FGH23")])
        .await;
    assert_eq!(response.status(), 429);
    assert!(response.headers().get("retry-after").is_some());
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Trop d&#x27;essais") || page.contains("Trop d'essais"),
        "a French message"
    );
    let buckets = app
        .count("SELECT COUNT(*) FROM rate_limits WHERE bucket LIKE '%127.0.0.1%'")
        .await;
    assert_eq!(buckets, 0, "the address itself is never stored");
}

#[tokio::test]
async fn forget_me_reaches_quiz_results_kept_budgets_and_every_learner_table() {
    let app = spawn_app().await;
    app.post_form(
        &format!("{LESSON}/quiz"),
        &[("q0", "420"), ("q1", "1"), ("q2", "300"), ("q3", "1")],
    )
    .await;
    app.post_form(&format!("{LESSON}/lue"), &[]).await;
    app.post_form("/mon-parcours/code", &[]).await;
    let learner: String = match app.store.db() {
        app::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT id FROM learners")
            .fetch_one(p)
            .await
            .unwrap(),
        app::db::Db::Postgres(p) => sqlx::query_scalar("SELECT id FROM learners")
            .fetch_one(p)
            .await
            .unwrap(),
    };
    assert!(app.store.learner_row_count(&learner).await.unwrap() >= 3);
    app.post_form("/mon-parcours/oublier", &[]).await;
    assert_eq!(app.store.learner_row_count(&learner).await.unwrap(), 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM quiz_results").await, 0);

    // Every table of the schema with a learner column is one that "forget me" empties.
    let sql = match engine() {
        "postgres" => "SELECT table_name::text FROM information_schema.columns WHERE column_name = 'learner_id' AND table_schema = current_schema()",
        _ => "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'learner_id'",
    };
    let tables: Vec<String> = match app.store.db() {
        app::db::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
        app::db::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
    };
    assert!(!tables.is_empty());
    for table in tables {
        assert!(
            app::progress::store::LEARNER_TABLES
                .iter()
                .any(|(t, _)| *t == table),
            "{table} has a learner id but is not erased by forget me"
        );
    }
}

#[tokio::test]
async fn progress_untouched_for_thirteen_months_is_purged() {
    let app = spawn_app().await;
    app.post_form(&format!("{LESSON}/lue"), &[]).await;
    let now = app::state::unix_now();
    let old = now - server::jobs::LEARNER_RETENTION_SECS - 10;
    let sql = format!(
        "INSERT INTO learners (id, created_at, last_seen_at) VALUES ('ancien', {old}, {old})"
    );
    app.execute(&sql).await;
    let purged = server::jobs::purge_once(&app.store, 30, now).await.unwrap();
    assert_eq!(purged.learners, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM learners").await,
        1,
        "the recent learner stays"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM learners WHERE id = 'ancien'")
            .await,
        0
    );
}
