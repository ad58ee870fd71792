//! Demo data (`server seed-demo`): seeded once however often it runs, every demo
//! account logs in as its role, the workshops show a nearly full one and a waiting list,
//! and production never gets any of it.
use crate::helpers::{repo_content, spawn_app, TestApp, DAY};
use server::demo::{self, DemoError, SeedReport, ACCOUNTS};

/// Organisations, accounts, places, workshops, bookings.
async fn counts(app: &TestApp) -> [i64; 5] {
    let mut counts = [0; 5];
    for (i, table) in [
        "organisations",
        "staff",
        "places",
        "training_sessions",
        "registrations",
    ]
    .iter()
    .enumerate()
    {
        counts[i] = app.count(&format!("SELECT COUNT(*) FROM {table}")).await;
    }
    counts
}

#[tokio::test]
async fn the_demo_is_seeded_once_however_often_it_runs() {
    let app = spawn_app().await;
    let now = app::state::unix_now();
    let first = demo::seed(&app.store, false, now).await.unwrap();
    assert_eq!(
        first,
        SeedReport {
            organisations: 3,
            accounts: 5,
            places: 3,
            workshops: 3,
            bookings: 23,
            proposals: 1,
        }
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM proposal_slots").await, 3);
    let seeded = counts(&app).await;
    assert_eq!(seeded, [3, 5, 3, 3, 23]);

    let second = demo::seed(&app.store, false, now + 60).await.unwrap();
    assert_eq!(second, SeedReport::default(), "nothing new the second time");
    assert_eq!(counts(&app).await, seeded, "nothing duplicated");

    let upcoming = app.store.upcoming_workshops(now).await.unwrap();
    assert_eq!(upcoming.len(), 3);
    for (w, days) in upcoming.iter().zip([3, 8, 15]) {
        let ahead = w.starts_at - now;
        assert!(
            ahead > (days - 1) * DAY && ahead < (days + 1) * DAY,
            "{} starts {days} days ahead",
            w.title
        );
        assert_eq!(w.ends_at - w.starts_at, 2 * 3600);
    }
    assert!(
        upcoming
            .iter()
            .any(|w| (1..=2).contains(&w.public_seats_left()) && w.waitlisted == 0),
        "one nearly full"
    );
    assert!(
        upcoming
            .iter()
            .any(|w| w.public_seats_left() == 0 && w.waitlisted == 3),
        "one full with three waiting"
    );
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Faire son budget du mois"));
    assert!(list.contains("2 place(s) libre(s)"));
    assert!(list.contains("Complet : inscription sur liste d"));
    let places = app.store.list_places().await.unwrap();
    assert!(places
        .iter()
        .all(|p| p.address.ends_with("(adresse fictive)")));
}

#[tokio::test]
async fn every_demo_account_logs_in_as_its_role_without_a_forced_password_change() {
    let app = spawn_app().await;
    demo::seed(&app.store, false, app::state::unix_now())
        .await
        .unwrap();
    for account in ACCOUNTS {
        let response = app
            .post_form(
                "/connexion",
                &[("email", account.email), ("password", account.password)],
            )
            .await;
        assert_eq!(response.status(), 303, "{}", account.email);
        assert_eq!(
            response.headers()["location"],
            "/espace-pro",
            "{} goes straight to the staff area",
            account.email
        );
        let member = app
            .store
            .staff_credentials(account.email)
            .await
            .unwrap()
            .unwrap()
            .member;
        assert_eq!(
            (member.role, member.organisation_name.as_str()),
            (account.role, account.organisation)
        );
        assert!(!member.must_change_password && member.active);
        let expected = if account.role == app::staff::model::Role::Trainer {
            403
        } else {
            200
        };
        assert_eq!(
            app.get_html("/espace-pro/ateliers").await.0,
            expected,
            "{}",
            account.email
        );
        app.post_form("/deconnexion", &[]).await;
    }
}

#[tokio::test]
async fn an_existing_demo_admin_is_kept_as_it_is() {
    let app = spawn_app().await;
    // What scripts/start.sh used to create: the same admin, another password since.
    server::staff::create_admin(
        &app.store,
        "CCAS de Besançon",
        "admin@demo.reperes.fr",
        "Administratrice démo",
        "un autre mot de passe",
    )
    .await
    .unwrap();
    let report = demo::seed(&app.store, false, app::state::unix_now())
        .await
        .unwrap();
    assert_eq!((report.organisations, report.accounts), (2, 4));
    let response = app
        .post_form(
            "/connexion",
            &[
                ("email", "admin@demo.reperes.fr"),
                ("password", "un autre mot de passe"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/espace-pro");
}

#[tokio::test]
async fn production_never_gets_demo_data() {
    let app = spawn_app().await;
    let result = demo::seed(&app.store, true, app::state::unix_now()).await;
    assert!(matches!(result, Err(DemoError::Production)));
    assert_eq!(counts(&app).await, [0; 5]);
}

#[test]
fn the_demo_workshops_are_on_themes_of_the_content() {
    let tree = app::lessons::import::read_tree(&repo_content());
    for theme in demo::workshop_themes() {
        assert!(
            tree.modules.iter().any(|m| m.meta.theme.code() == theme),
            "no module of content/ on {theme}"
        );
    }
}
