//! Anonymous progress: "marquer comme lue" creates the learner (and only then a cookie),
//! the read shows on the lesson, the module and "Mon parcours"; "effacer" erases it all.
use crate::helpers::{engine, spawn_app};

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
    assert!(progress.contains("Les leçons que vous avez lues"));
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
    let learners: Vec<String> = match app.store.db() {
        app::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT id FROM learners")
            .fetch_all(p)
            .await
            .unwrap(),
        app::db::Db::Postgres(p) => sqlx::query_scalar("SELECT id FROM learners")
            .fetch_all(p)
            .await
            .unwrap(),
    };
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
