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
async fn successful_logins_from_one_office_do_not_use_up_its_tries() {
    let app = spawn_app().await;
    with_admin(&app).await;
    // More logins than the client's tries, all from one address (staff of one office).
    for _ in 0..25 {
        assert_eq!(
            log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
            303
        );
    }
    // Failures still count: twenty of them, then the client waits.
    for i in 0..20 {
        let email = format!("essai{i}@example.org");
        assert_eq!(
            log_in(&app, &email, "mauvais mot de passe").await.status(),
            401
        );
    }
    assert_eq!(
        log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await.status(),
        429
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

/// The temporary password shown once on the accounts page.
fn shown_password(page: &str) -> String {
    let start = page
        .find("class=\"code\"")
        .expect("a temporary password is shown");
    let rest = &page[start..];
    let open = rest.find("<strong>").unwrap() + "<strong>".len();
    rest[open..rest.find("</strong>").unwrap()].to_string()
}

async fn organisation_id(app: &TestApp, name: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM organisations WHERE name = '{name}'"
    ))
    .await
}

#[tokio::test]
async fn an_admin_creates_an_account_whose_temporary_password_works_once_changed() {
    let app = spawn_app().await;
    with_admin(&app).await;
    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let response = app
        .post_form(
            "/espace-pro/organisations",
            &[("name", "Banque du Doubs"), ("kind", "bank")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let bank = organisation_id(&app, "Banque du Doubs").await;
    let again = app
        .post_form(
            "/espace-pro/organisations",
            &[("name", "Banque du Doubs"), ("kind", "bank")],
        )
        .await;
    assert_eq!(again.status(), 422, "an organisation name is unique");

    let bad = app
        .post_form(
            "/espace-pro/comptes",
            &[
                ("name", "Léa"),
                ("email", "pas-une-adresse"),
                ("role", "trainer"),
                ("organisation", &bank.to_string()),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("Indiquez une adresse e-mail valide"));
    assert!(
        page.contains("value=\"pas-une-adresse\""),
        "the values are kept"
    );

    let response = app
        .post_form(
            "/espace-pro/comptes",
            &[
                ("name", "Léa Banque"),
                ("email", "lea@banque.example"),
                ("role", "coordinator"),
                ("organisation", &bank.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = app.get_html("/espace-pro/comptes").await;
    let password = shown_password(&page);
    assert_eq!(password.len(), 19);
    assert!(page.contains("Léa Banque"));
    let (_, again) = app.get_html("/espace-pro/comptes").await;
    assert!(!again.contains(&password), "shown once");
    let taken = app
        .post_form(
            "/espace-pro/comptes",
            &[
                ("name", "Autre"),
                ("email", "LEA@banque.example"),
                ("role", "trainer"),
                ("organisation", &bank.to_string()),
            ],
        )
        .await;
    assert_eq!(taken.status(), 422, "one account per address");

    app.post_form("/deconnexion", &[]).await;
    let response = log_in(&app, "lea@banque.example", &password).await;
    assert_eq!(
        response.headers()["location"],
        "/espace-pro/mot-de-passe",
        "the temporary password must be changed"
    );
}

#[tokio::test]
async fn an_admin_deactivates_and_resets_accounts_but_not_their_own() {
    let app = spawn_app().await;
    let admin = with_admin(&app).await;
    let bruno = trainer(&app, "bruno@banque.example", false).await;
    // Bruno is logged in on his own browser.
    let bruno_browser = client();
    let login = bruno_browser
        .post(app.url("/connexion"))
        .header("origin", &app.address)
        .form(&[
            ("email", "bruno@banque.example"),
            ("password", "mot de passe provisoire"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 303);
    assert_eq!(
        bruno_browser
            .get(app.url("/espace-pro"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let own = app
        .post_form(
            &format!("/espace-pro/comptes/{admin}/actif"),
            &[("actif", "0")],
        )
        .await;
    assert_eq!(own.status(), 422);
    let response = app
        .post_form(
            &format!("/espace-pro/comptes/{bruno}/actif"),
            &[("actif", "0")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        bruno_browser
            .get(app.url("/espace-pro"))
            .send()
            .await
            .unwrap()
            .status(),
        401,
        "his session ends at once"
    );

    app.post_form(
        &format!("/espace-pro/comptes/{bruno}/actif"),
        &[("actif", "1")],
    )
    .await;
    let response = app
        .post_form(&format!("/espace-pro/comptes/{bruno}/mot-de-passe"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = app.get_html("/espace-pro/comptes").await;
    let password = shown_password(&page);
    let (_, log) = app.get_html("/espace-pro/journal").await;
    for action in [
        "account-deactivated",
        "account-reactivated",
        "password-reset",
    ] {
        assert!(log.contains(&format!("<td>{action}</td>")), "{action}");
    }
    assert!(!log.contains(&password), "no password in the log");
    assert_eq!(
        app.post_form("/espace-pro/comptes/999999/actif", &[("actif", "0")])
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn every_staff_route_refuses_strangers_and_other_roles() {
    let app = spawn_app().await;
    with_admin(&app).await;
    let bruno = trainer(&app, "bruno@banque.example", false).await;
    let org = organisation_id(&app, "Banque Exemple").await.to_string();
    let pages = [
        "/espace-pro",
        "/espace-pro/mot-de-passe",
        "/espace-pro/journal",
        "/espace-pro/comptes",
        "/espace-pro/organisations",
    ];
    let admin_only = [
        "/espace-pro/journal",
        "/espace-pro/comptes",
        "/espace-pro/organisations",
    ];
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/espace-pro/comptes".into(),
            vec![
                ("name", "X Y"),
                ("email", "xy@banque.example"),
                ("role", "trainer"),
                ("organisation", org.as_str()),
            ],
        ),
        (
            format!("/espace-pro/comptes/{bruno}/actif"),
            vec![("actif", "0")],
        ),
        (format!("/espace-pro/comptes/{bruno}/mot-de-passe"), vec![]),
        (
            "/espace-pro/organisations".into(),
            vec![("name", "Banque Z"), ("kind", "bank")],
        ),
    ];
    // Anonymous.
    for path in pages {
        assert_eq!(app.get_html(path).await.0, 401, "anonymous GET {path}");
    }
    for (path, form) in &posts {
        assert_eq!(
            app.post_form(path, form).await.status(),
            401,
            "anonymous POST {path}"
        );
    }
    // A trainer of another organisation than the admin's.
    log_in(&app, "bruno@banque.example", "mot de passe provisoire").await;
    for path in pages {
        let expected = if admin_only.contains(&path) { 403 } else { 200 };
        assert_eq!(app.get_html(path).await.0, expected, "trainer GET {path}");
    }
    for (path, form) in &posts {
        assert_eq!(
            app.post_form(path, form).await.status(),
            403,
            "trainer POST {path}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff").await,
        2,
        "nothing was created"
    );
    // The admin.
    app.post_form("/deconnexion", &[]).await;
    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    for path in pages {
        assert_eq!(app.get_html(path).await.0, 200, "admin GET {path}");
    }
    for (path, form) in &posts {
        assert_eq!(
            app.post_form(path, form).await.status(),
            303,
            "admin POST {path}"
        );
    }
}

#[tokio::test]
async fn staff_see_the_notes_to_review_from_the_content() {
    let app = spawn_app().await;
    with_admin(&app).await;
    log_in(&app, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let (status, page) = app.get_html("/espace-pro/contenu").await;
    assert_eq!(status, 200);
    assert!(page.contains("Passages à vérifier"));
    assert!(
        page.matches("<li><code>").count() >= 10,
        "the demo content's to_review notes are listed"
    );
}
