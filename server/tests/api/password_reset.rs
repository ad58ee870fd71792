//! Self-service password reset by e-mail: offered only with SMTP, the same answer for
//! any address, a link valid once, limited per client.
use crate::helpers::{spawn_app, spawn_app_configured, workshop_setup, SmtpSink, STAFF_PASSWORD};
use app::state::{unix_now, Settings};
use server::mail::{deliver_once, Mailer};

#[tokio::test]
async fn without_email_the_page_says_to_ask_an_administrator() {
    let app = spawn_app().await;
    let (status, page) = app.get_html("/connexion/mot-de-passe-oublie").await;
    assert_eq!(status, 200);
    assert!(page.contains("Demandez à un administrateur"));
    assert!(!page.contains("Recevoir un lien"));
    let (_, login) = app.get_html("/connexion").await;
    assert!(login.contains("href=\"/connexion/mot-de-passe-oublie\""));
}

#[tokio::test]
async fn a_staff_member_resets_their_password_with_a_link_that_works_once() {
    let sink = SmtpSink::start().await;
    let smtp = sink.url.clone();
    let app = spawn_app_configured(move |c| c.smtp_url = Some(smtp)).await;
    workshop_setup(&app).await;
    let (_, page) = app.get_html("/connexion/mot-de-passe-oublie").await;
    assert!(page.contains("Recevoir un lien"));

    // An unknown address gets the same answer, and no message.
    let response = app
        .post_form(
            "/connexion/mot-de-passe-oublie",
            &[("email", "personne@ccas.example")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let unknown_answer = response.headers()["location"].to_str().unwrap().to_string();
    let response = app
        .post_form(
            "/connexion/mot-de-passe-oublie",
            &[("email", " Coord@CCAS.example ")],
        )
        .await;
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        unknown_answer
    );
    let (_, sent) = app.get_html(&unknown_answer).await;
    assert!(sent.contains("un e-mail vient de partir"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'password-reset'")
            .await,
        1
    );

    let mailer = Mailer::new(Some(&sink.url), "ne-pas-repondre@reperes.example").unwrap();
    let settings = Settings {
        site_url: "https://reperes.example".into(),
        ..Settings::default()
    };
    assert_eq!(
        deliver_once(&app.store, &mailer, &settings, unix_now())
            .await
            .unwrap()
            .sent,
        1
    );
    let message = sink.messages().pop().unwrap();
    assert!(message.contains("To: coord@ccas.example"), "{message}");
    let start = message
        .find("https://reperes.example/connexion/nouveau-mot-de-passe/")
        .expect("the link");
    let link: String = message[start + "https://reperes.example".len()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE payload <> ''")
            .await,
        0,
        "the link is not kept once sent"
    );

    let (status, form) = app.get_html(&link).await;
    assert_eq!(status, 200);
    assert!(form.contains("Choisir un nouveau mot de passe"));
    let refused = app
        .post_form(
            &link,
            &[
                ("new", "une nouvelle phrase"),
                ("confirm", "une autre phrase"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let done = app
        .post_form(
            &link,
            &[
                ("new", "une nouvelle phrase secrète"),
                ("confirm", "une nouvelle phrase secrète"),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/connexion");
    // Once only.
    assert_eq!(app.get_html(&link).await.0, 404);
    assert_eq!(
        app.post_form(
            &link,
            &[
                ("new", "encore une autre phrase"),
                ("confirm", "encore une autre phrase")
            ]
        )
        .await
        .status(),
        404
    );
    // The old password no longer opens the account; the new one does.
    let old = app
        .post_form(
            "/connexion",
            &[
                ("email", "coord@ccas.example"),
                ("password", STAFF_PASSWORD),
            ],
        )
        .await;
    assert_eq!(old.status(), 401);
    let new = app
        .post_form(
            "/connexion",
            &[
                ("email", "coord@ccas.example"),
                ("password", "une nouvelle phrase secrète"),
            ],
        )
        .await;
    assert_eq!(new.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'password-reset'")
            .await,
        1
    );
}

#[tokio::test]
async fn asking_for_links_is_limited_per_client() {
    let app = spawn_app_configured(|c| c.smtp_url = Some("smtp://127.0.0.1:9".into())).await;
    for _ in 0..5 {
        let r = app
            .post_form(
                "/connexion/mot-de-passe-oublie",
                &[("email", "x@ccas.example")],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let r = app
        .post_form(
            "/connexion/mot-de-passe-oublie",
            &[("email", "x@ccas.example")],
        )
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let page = r.text().await.unwrap();
    assert!(page.contains("Trop de demandes") && page.contains("value=\"x@ccas.example\""));
}
