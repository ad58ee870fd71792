//! Early help: the directory seeded from content/aide/ (filter, search, "à vérifier",
//! staff changes that the seed never overwrites again), its help pages, and the
//! self-check whose result points to lessons, workshops and contacts (urgent ones
//! first), stores nothing unless kept, and counts only result levels.
use crate::helpers::{as_anonymous, as_user, new_workshop, spawn_app, workshop_setup, TestApp};
use app::help::model::parse_directory;

/// The level's count once the figures kept in memory are written (as the dashboard does).
async fn level_count(app: &TestApp, level: &str) -> i64 {
    app.store.flush_counters().await.unwrap();
    app.count(&format!(
        "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM event_counters WHERE metric = 'self_check_level' AND dimension = '{level}'"
    ))
    .await
}

#[tokio::test]
async fn the_directory_lists_the_seed_filters_by_need_searches_and_marks_what_is_unchecked() {
    let app = spawn_app().await;
    let seed =
        std::fs::read_to_string(crate::helpers::repo_content().join("aide/annuaire.toml")).unwrap();
    let (entries, problems) = parse_directory(&seed).unwrap();
    assert!(problems.is_empty());
    let (status, html) = app.get_html("/aide").await;
    assert_eq!(status, 200);
    for e in &entries {
        assert!(
            html.contains(&format!("id=\"aide-{}\"", e.slug)),
            "{} listed",
            e.slug
        );
    }
    assert!(html.contains("À vérifier"), "unchecked details say so");
    assert!(
        html.contains("href=\"tel:3414\""),
        "a checked number is a tel: link"
    );

    // By need: only the entries serving it.
    let (_, energy) = app.get_html("/aide?besoin=energy").await;
    for e in &entries {
        let shown = energy.contains(&format!("id=\"aide-{}\"", e.slug));
        let serves = e.needs.iter().any(|n| n.code() == "energy");
        assert_eq!(shown, serves, "{} for energy", e.slug);
    }
    // Search ignores accents and case; nothing found says so, never a 500.
    let (_, found) = app.get_html("/aide?q=SURENDETTEMENT").await;
    assert!(found.contains("aide-banque-de-france-34-14"));
    let (status, none) = app
        .get_html("/aide?q=%27%3B%20DROP%20TABLE%20help_entries%3B--&besoin=inconnu")
        .await;
    assert_eq!(status, 200);
    assert!(none.contains("Aucun service ne correspond."));
    assert!(app.count("SELECT COUNT(*) FROM help_entries").await >= 8);

    // The help pages, rendered from content/aide/*.md.
    let (status, page) = app.get_html("/aide/premier-rendez-vous").await;
    assert_eq!(status, 200);
    assert!(page.contains("<h1>"));
    assert_eq!(app.get("/aide/inconnue").await.status(), 404);
}

#[tokio::test]
async fn a_coordinator_changes_an_entry_that_the_seed_then_leaves_alone_and_bad_input_is_named() {
    let app = spawn_app().await;
    workshop_setup(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let id = app
        .count("SELECT id FROM help_entries WHERE slug = 'ccas-besancon'")
        .await;
    let path = format!("/espace-pro/aide/{id}");
    let (status, form) = coordinator.get_html(&path).await;
    assert_eq!(status, 200);
    assert!(form.contains("CCAS de Besançon"));

    // Refused: the values come back with each problem named, nothing is saved.
    let bad = [
        ("slug", "CCAS Besançon"),
        ("name", "CCAS (modifié)"),
        ("kind", "ccas"),
        ("what", "Il aide."),
        ("for_whom", "Les habitants."),
        ("website", "http://pas-sur.example"),
        ("phone", "appelez"),
        ("appointment", "unknown"),
        ("last_checked", "2026-11-30"),
    ];
    let r = coordinator.post_form(&path, &bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    for message in [
        "minuscules, sans accent",
        "Cochez au moins un besoin",
        "doit commencer par https://",
        "que des chiffres",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("CCAS (modifié)"), "values kept");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM help_entries WHERE name = 'CCAS (modifié)'")
            .await,
        0
    );

    // Accepted: the public page shows the change; a re-import leaves it as it is.
    let good = [
        ("slug", "ccas-besancon-accueil"),
        ("name", "CCAS de Besançon (accueil)"),
        ("kind", "ccas"),
        ("needs", "budget"),
        ("needs", "benefits"),
        ("what", "Un travailleur social vous reçoit."),
        ("for_whom", "Les habitants de Besançon."),
        ("phone", ""),
        ("appointment", "yes"),
        ("last_checked", "2026-11-30"),
        ("sources", "Ville | https://www.besancon.fr/"),
        ("active", "oui"),
    ];
    let r = coordinator.post_form(&path, &good).await;
    assert_eq!(r.status(), 303);
    let (_, public) = app.get_html("/aide").await;
    assert!(public.contains("CCAS de Besançon (accueil)"));
    assert!(public.contains("Sur rendez-vous"));
    app::lessons::import::import_content(&app.store, &crate::helpers::repo_content(), 0)
        .await
        .unwrap();
    let (_, public) = app.get_html("/aide").await;
    assert!(
        public.contains("CCAS de Besançon (accueil)"),
        "the seed does not overwrite staff changes"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM help_entries WHERE slug = 'ccas-besancon'")
            .await,
        0,
        "nor brings back the entry under its old slug"
    );

    // A new entry; its slug cannot be taken twice; hidden entries leave the public page.
    let new = [
        ("slug", "epicerie-solidaire"),
        ("name", "Épicerie solidaire (essai)"),
        ("kind", "association"),
        ("needs", "budget"),
        ("what", "Des courses à petit prix."),
        ("for_whom", "Sur orientation d'un travailleur social."),
        ("appointment", "unknown"),
        ("last_checked", "2026-11-30"),
    ];
    assert_eq!(
        coordinator
            .post_form("/espace-pro/aide", &new)
            .await
            .status(),
        303
    );
    let (_, public) = app.get_html("/aide").await;
    assert!(
        !public.contains("Épicerie solidaire (essai)"),
        "not ticked 'afficher': hidden"
    );
    let r = coordinator.post_form("/espace-pro/aide", &new).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("déjà celle d"));

    // Trainers read the list but do not change entries.
    let hash = app::staff::auth::hash_password(crate::helpers::STAFF_PASSWORD.into())
        .await
        .unwrap();
    let ccas = app
        .count("SELECT id FROM organisations WHERE kind = 'ccas'")
        .await;
    app.store
        .create_staff(
            ccas,
            "lea@ccas.example",
            "Léa",
            app::staff::model::Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap();
    let trainer = as_user(&app, "lea@ccas.example").await;
    assert_eq!(trainer.get_html("/espace-pro/aide").await.0, 200);
    assert_eq!(trainer.post_form(&path, &good).await.status(), 403);
}

#[tokio::test]
async fn the_self_check_points_to_help_counts_only_the_level_and_stores_nothing_unless_kept() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    new_workshop(&app, &s, 12, 0).await; // a budget workshop in a week
    let resident = as_anonymous(&app);

    let (status, form) = resident.get_html("/ou-en-suis-je").await;
    assert_eq!(status, 200);
    assert_eq!(form.matches("<fieldset>").count(), 10, "ten questions");
    assert!(form.contains("Je préfère ne pas répondre"));

    // Everything skipped: "vous gérez", counted once; nothing else stored, no cookie.
    let r = resident.post_form("/ou-en-suis-je", &[]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no session for an answer"
    );
    assert!(r.text().await.unwrap().contains("Vous gérez"));
    assert_eq!(level_count(&app, "managing").await, 1);

    // Late bills: "restez attentif", pointing to the budget lessons, tool and workshop.
    let r = resident
        .post_form("/ou-en-suis-je", &[("retard", "oui"), ("credit", "non")])
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Restez attentif"));
    assert!(html.contains("href=\"/modules/budget-au-quotidien\""));
    assert!(html.contains("href=\"/outils-budget/budget-mensuel\""));
    assert!(
        html.contains("Faire son budget du mois"),
        "the upcoming budget workshop"
    );
    assert!(
        html.contains("Des factures ou le loyer payés en retard"),
        "the summary"
    );
    assert_eq!(level_count(&app, "watchful").await, 1);

    // A cut-off notice: "parlez-en vite", emergency contacts before everything else.
    let r = resident
        .post_form("/ou-en-suis-je", &[("coupure", "oui")])
        .await;
    let html = r.text().await.unwrap();
    let urgent = html.find("À faire tout de suite").expect("urgent box");
    let energy = html.find("aide-energie-info").expect("the energy contact");
    let level = html.find("Parlez-en vite").expect("level");
    assert!(
        urgent < energy && energy < level,
        "emergency contacts come first"
    );
    assert_eq!(level_count(&app, "talk-soon").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM learners").await,
        0,
        "nothing stored"
    );

    // Kept in "Mon parcours": seen again there without counting twice.
    let keeper = as_anonymous(&app);
    let r = keeper
        .post_form(
            "/ou-en-suis-je/garder",
            &[("coupure", "oui"), ("retard", "non")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        crate::helpers::location(&r),
        "/mon-parcours#auto-diagnostic"
    );
    let (_, progress) = keeper.get_html("/mon-parcours").await;
    assert!(progress.contains("Résultat gardé le"));
    assert!(progress.contains("Parlez-en vite"));
    let r = keeper
        .post_form("/ou-en-suis-je", &[("revoir", "1"), ("coupure", "oui")])
        .await;
    assert!(r.text().await.unwrap().contains("À faire tout de suite"));
    assert_eq!(
        level_count(&app, "talk-soon").await,
        1,
        "seeing it again is not counted"
    );

    // Forgetting the learner erases the kept result but not the counts.
    assert_eq!(app.count("SELECT COUNT(*) FROM self_checks").await, 1);
    assert_eq!(
        keeper
            .post_form("/mon-parcours/oublier", &[])
            .await
            .status(),
        303
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM self_checks").await, 0);
    assert_eq!(level_count(&app, "talk-soon").await, 1);
    assert_eq!(level_count(&app, "managing").await, 1);
}
