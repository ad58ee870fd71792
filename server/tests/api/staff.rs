//! Staff accounts: login and logout, session cycling, time-outs and deactivation,
//! the login throttles, the forced password change and the audit log.
use crate::helpers::{client, spawn_app, TestApp};
use app::staff::{auth::hash_password, model::Role};

const ADMIN_EMAIL: &str = "admin@ccas.example";
const ADMIN_PASSWORD: &str = "une longue phrase de passe";

async fn with_admin(app: &TestApp) -> i64 {
    server::staff::create_admin(
        &app.store,
        "CCAS de Besançon",
        ADMIN_EMAIL,
        "Claire Admin",
        ADMIN_PASSWORD,
    )
    .await
    .expect("admin created")
}

async fn trainer(app: &TestApp, email: &str, must_change: bool) -> i64 {
    let org = app
        .store
        .ensure_organisation(
            "Banque Exemple",
            app::staff::model::OrganisationKind::Bank,
            0,
        )
        .await
        .unwrap();
    let hash = hash_password("mot de passe provisoire".into())
        .await
        .unwrap();
    app.store
        .create_staff(
            org,
            email,
            "Bruno Formateur",
            Role::Trainer,
            &hash,
            must_change,
            0,
        )
        .await
        .unwrap()
        .unwrap()
}

async fn log_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_form("/connexion", &[("email", email), ("password", password)])
        .await
}

#[tokio::test]
async fn staff_pages_need_a_login() {
    let app = spawn_app().await;
    for path in [
        "/espace-pro",
        "/espace-pro/mot-de-passe",
        "/espace-pro/journal",
    ] {
        let (status, page) = app.get_html(path).await;
        assert_eq!(status, 401, "{path}");
        assert!(page.contains("Connexion nécessaire"));
        assert!(page.contains("href=\"/connexion\""));
    }
    let (status, page) = app.get_html("/connexion").await;
    assert_eq!(status, 200);
    assert!(page.contains("autocomplete=\"current-password\""));
}

#[tokio::test]
async fn a_good_login_opens_the_staff_area_and_a_bad_one_says_so() {
    let app = spawn_app().await;
    with_admin(&app).await;
    let response = log_in(&app, ADMIN_EMAIL, "pas le bon mot de passe").await;
    assert_eq!(response.status(), 401);
    let page = response.text().await.unwrap();
    assert!(page.contains("Adresse e-mail ou mot de passe incorrect."));
    assert!(
        page.contains(&format!("value=\"{ADMIN_EMAIL}\"")),
        "the e-mail is kept"
    );
    assert!(
        !page.contains("pas le bon mot de passe"),
        "the password is never sent back"
    );
    let unknown = log_in(&app, "personne@ccas.example", "pas le bon mot de passe").await;
    assert_eq!(
        unknown.status(),
        401,
        "an unknown address gets the same answer"
    );

    let response = log_in(&app, " Admin@CCAS.example ", ADMIN_PASSWORD).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/espace-pro");
    let (status, page) = app.get_html("/espace-pro").await;
    assert_eq!(status, 200);
    assert!(page.contains("Bonjour Claire Admin (administrateur, CCAS de Besançon)."));
    let (status, _) = app.get_html("/espace-pro/journal").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_session_id_changes_at_login_so_a_planted_cookie_is_worthless() {
    let app = spawn_app().await;
    with_admin(&app).await;
    // A cookie obtained before login (here by marking a lesson read).
    let before = app
        .post_form("/modules/budget-au-quotidien/le-reste-a-vivre/lue", &[])
        .await;
    let planted = before.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let response = log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let after = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(planted, after, "a new session id at login");
    let (status, _) = app.get_html("/espace-pro").await;
    assert_eq!(status, 200);
    let attacker = client();
    let status = attacker
        .get(app.url("/espace-pro"))
        .header("cookie", &planted)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 401, "the pre-login cookie opens nothing");
}

#[tokio::test]
async fn logout_and_deactivation_end_the_session_at_once() {
    let app = spawn_app().await;
    let admin = with_admin(&app).await;
    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let response = app.post_form("/deconnexion", &[]).await;
    assert_eq!(response.status(), 303);
    let (status, _) = app.get_html("/espace-pro").await;
    assert_eq!(status, 401, "logged out");

    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(app.get_html("/espace-pro").await.0, 200);
    app.store.set_staff_active(admin, false).await.unwrap();
    assert_eq!(
        app.get_html("/espace-pro").await.0,
        401,
        "a deactivated account's session ends"
    );
    assert_eq!(
        log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
        401,
        "and it cannot log in"
    );
}

#[tokio::test]
async fn repeated_failures_on_an_account_are_slowed_down_not_locked() {
    let app = spawn_app().await;
    with_admin(&app).await;
    for _ in 0..5 {
        assert_eq!(
            log_in(&app, ADMIN_EMAIL, "mauvais mot de passe")
                .await
                .status(),
            401
        );
    }
    let response = log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert_eq!(
        response.status(),
        429,
        "even the right password waits out the delay"
    );
    assert!(response.headers().get("retry-after").is_some());
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Trop d&#x27;essais de connexion")
            || page.contains("Trop d'essais de connexion")
    );
    // The delay is five seconds after five failures: then the right password works.
    tokio::time::sleep(std::time::Duration::from_millis(6100)).await;
    assert_eq!(
        log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
        303
    );
}

#[tokio::test]
async fn one_client_trying_many_accounts_is_throttled() {
    let app = spawn_app().await;
    for i in 0..20 {
        let email = format!("essai{i}@example.org");
        assert_eq!(
            log_in(&app, &email, "mauvais mot de passe").await.status(),
            401
        );
    }
    let response = log_in(&app, "encore@example.org", "mauvais mot de passe").await;
    assert_eq!(response.status(), 429);
    let buckets = app
        .count("SELECT COUNT(*) FROM login_throttle WHERE account_key LIKE '%@%'")
        .await;
    assert_eq!(buckets, 0, "no e-mail address is stored by the throttle");
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_first() {
    let app = spawn_app().await;
    trainer(&app, "bruno@banque.example", true).await;
    let response = log_in(&app, "bruno@banque.example", "mot de passe provisoire").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/espace-pro/mot-de-passe");
    let (_, page) = app.get_html("/espace-pro").await;
    assert!(page.contains("Votre mot de passe est provisoire"));

    let wrong = app
        .post_form(
            "/espace-pro/mot-de-passe",
            &[
                ("current", "faux"),
                ("new", "une nouvelle phrase"),
                ("confirm", "une nouvelle phrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("Le mot de passe actuel"));
    let short = app
        .post_form(
            "/espace-pro/mot-de-passe",
            &[
                ("current", "mot de passe provisoire"),
                ("new", "court"),
                ("confirm", "court"),
            ],
        )
        .await;
    assert_eq!(short.status(), 422);
    assert!(short
        .text()
        .await
        .unwrap()
        .contains("au moins 12 caractères"));
    let ok = app
        .post_form(
            "/espace-pro/mot-de-passe",
            &[
                ("current", "mot de passe provisoire"),
                ("new", "une nouvelle phrase"),
                ("confirm", "une nouvelle phrase"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 303);
    let (_, page) = app.get_html("/espace-pro").await;
    assert!(page.contains("Votre mot de passe a été changé."));
    assert!(!page.contains("Votre mot de passe est provisoire"));
    app.post_form("/deconnexion", &[]).await;
    assert_eq!(
        log_in(&app, "bruno@banque.example", "une nouvelle phrase")
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn only_admins_read_the_audit_log_which_records_logins() {
    let app = spawn_app().await;
    with_admin(&app).await;
    trainer(&app, "bruno@banque.example", false).await;
    log_in(&app, "bruno@banque.example", "mauvais mot de passe").await;
    log_in(&app, "bruno@banque.example", "mot de passe provisoire").await;
    let (status, page) = app.get_html("/espace-pro/journal").await;
    assert_eq!(status, 403, "a trainer may not read it");
    assert!(page.contains("Accès refusé"));
    app.post_form("/deconnexion", &[]).await;
    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, page) = app.get_html("/espace-pro/journal").await;
    assert_eq!(status, 200);
    for action in ["login-failed", "login", "logout", "admin-created"] {
        assert!(
            page.contains(&format!("<td>{action}</td>")),
            "{action} is in the log"
        );
    }
    assert!(
        !page.contains("mot de passe provisoire"),
        "no password in the log"
    );
}
