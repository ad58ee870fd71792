//! Staff pages of a workshop: bookings with contacts for its organisers and hosts only,
//! changes announced to the people booked, copies, attendance and the sign-in sheet,
//! and the bookings staff make for households on the seats kept for them.
use crate::helpers::{
    as_user, new_workshop as workshop, spawn_app, workshop_as_new, workshop_setup as setup,
    TestApp, WorkshopSetup as Setup,
};
use app::staff::{
    auth::hash_password,
    model::{OrganisationKind, Role},
};

const PASSWORD: &str = "une longue phrase de passe";

/// A bank with a coordinator and a trainer; returns (bank id, coordinator id, trainer id).
async fn bank(app: &TestApp) -> (i64, i64, i64) {
    let bank = app
        .store
        .ensure_organisation("Banque partenaire", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    let mut ids = Vec::new();
    for (email, role) in [
        ("coord@banque.example", Role::Coordinator),
        ("formateur@banque.example", Role::Trainer),
    ] {
        ids.push(
            app.store
                .create_staff(bank, email, email, role, &hash, false, 0)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    (bank, ids[0], ids[1])
}

fn fields(s: &Setup, date: &str, capacity: &str, hosts: &[i64]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("title", "Faire son budget du mois"),
        ("theme", "budget"),
        ("description", "Venez avec vos questions."),
        ("date", date),
        ("start", "14:00"),
        ("end", "16:00"),
        ("capacity", capacity),
        ("reserved", "2"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    f.push(("place".into(), s.place.to_string()));
    for h in hosts {
        f.push(("hosts".into(), h.to_string()));
    }
    f
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[tokio::test]
async fn organisers_and_hosts_see_the_bookings_and_no_one_else_does() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, _, bank_trainer) = bank(&app).await;
    let id = workshop(&app, &s, 12, 2).await;
    app.post_form(
        &format!("/ateliers/{id}/inscription"),
        &[
            ("first_name", "Samia"),
            ("email", "samia@exemple.fr"),
            ("consent", "oui"),
        ],
    )
    .await;
    let page = format!("/espace-pro/ateliers/{id}");
    assert_eq!(app.get_html(&page).await.0, 401, "anonymous");
    let trainer = as_user(&app, "formateur@banque.example").await;
    assert_eq!(
        trainer.get_html(&page).await.0,
        403,
        "a trainer of another organisation"
    );
    assert_eq!(trainer.get_html(&format!("{page}/emargement")).await.0, 403);
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let (status, html) = coordinator.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Samia") && html.contains("samia@exemple.fr"),
        "contacts for organisers"
    );
    // The sign-in sheet lists names and codes, never contacts.
    let (status, sheet) = coordinator.get_html(&format!("{page}/emargement")).await;
    assert_eq!(status, 200);
    assert!(sheet.contains("Samia") && !sheet.contains("samia@exemple.fr"));
    // Made a host, the bank trainer sees it too (but cannot change it).
    app.store
        .update_workshop(
            id,
            s.ccas,
            &{
                let mut w = workshop_as_new(&app, id, &s).await;
                w.hosts = vec![s.coordinator, bank_trainer];
                w
            },
            None,
            app::state::unix_now(),
        )
        .await
        .unwrap();
    assert_eq!(trainer.get_html(&page).await.0, 200, "a host");
    assert_eq!(trainer.get_html(&format!("{page}/modifier")).await.0, 403);
}

#[tokio::test]
async fn a_coordinator_changes_a_workshop_and_the_people_booked_are_told() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let (_, bank_coordinator, bank_trainer) = bank(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let created = fields(&s, "2099-03-02", "12", &[s.coordinator, bank_trainer]);
    assert_eq!(
        coordinator
            .post_form("/espace-pro/ateliers", &pairs(&created))
            .await
            .status(),
        303
    );
    let id = app.count("SELECT id FROM training_sessions").await;
    assert_eq!(
        app.store.session_hosts(id).await.unwrap().len(),
        2,
        "hosts of two organisations"
    );
    for name in ["A", "B"] {
        app.post_form(
            &format!("/ateliers/{id}/inscription"),
            &[
                ("first_name", name),
                ("email", "x@exemple.fr"),
                ("consent", "oui"),
                ("seats", "3"),
            ],
        )
        .await;
    }
    // The edit form comes pre-filled.
    let (status, form) = coordinator
        .get_html(&format!("/espace-pro/ateliers/{id}/modifier"))
        .await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"2099-03-02\"") && form.contains("value=\"14:00\""));
    // Fewer seats than booked: refused, values kept.
    let low = fields(&s, "2099-03-09", "4", &[s.coordinator]);
    let refused = coordinator
        .post_form(&format!("/espace-pro/ateliers/{id}/modifier"), &pairs(&low))
        .await;
    assert_eq!(refused.status(), 422);
    let text = refused.text().await.unwrap();
    assert!(
        text.contains("inférieur aux places déjà réservées")
            && text.contains("value=\"2099-03-09\"")
    );
    // A new date: both people booked are told, once each.
    let moved = fields(&s, "2099-03-09", "12", &[s.coordinator]);
    let response = coordinator
        .post_form(
            &format!("/espace-pro/ateliers/{id}/modifier"),
            &pairs(&moved),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'changed'")
            .await,
        2
    );
    let sequence = app
        .count(&format!(
            "SELECT sequence FROM training_sessions WHERE id = {id}"
        ))
        .await;
    assert_eq!(sequence, 1, "calendars see the change");
    // Another organisation's coordinator cannot change it (valid form, real id).
    let other = as_user(&app, "coord@banque.example").await;
    assert_eq!(
        other
            .post_form(
                &format!("/espace-pro/ateliers/{id}/modifier"),
                &pairs(&moved)
            )
            .await
            .status(),
        403
    );
    let _ = bank_coordinator;
    // A copy: the form pre-filled without the date.
    let (_, copy) = coordinator
        .get_html(&format!("/espace-pro/ateliers?copie={id}"))
        .await;
    assert!(copy.contains("value=\"Faire son budget du mois\""));
    assert!(
        !copy.contains("value=\"2099-03-09\""),
        "the date is left to choose"
    );
    let (status, _) = other
        .get_html(&format!("/espace-pro/ateliers?copie={id}"))
        .await;
    assert_eq!(status, 403, "no copy of another organisation's workshop");
}

#[tokio::test]
async fn staff_book_for_a_household_on_the_seats_kept_for_them_and_are_its_contact() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    bank(&app).await;
    // 3 seats, 2 kept for staff: residents see 1.
    let id = workshop(&app, &s, 3, 2).await;
    app.post_form(
        &format!("/ateliers/{id}/inscription"),
        &[("first_name", "Résidente")],
    )
    .await;
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Complet"), "no seat left for residents");
    assert_eq!(
        app.post_form(
            "/espace-pro/reservations",
            &[
                ("atelier", &id.to_string()),
                ("first_name", "M. D."),
                ("seats", "2")
            ]
        )
        .await
        .status(),
        401
    );
    let trainer = as_user(&app, "formateur@banque.example").await;
    let (status, page) = trainer.get_html("/espace-pro/reservations").await;
    assert_eq!(status, 200);
    assert!(page.contains("Faire son budget du mois"));
    let refused = trainer
        .post_form(
            "/espace-pro/reservations",
            &[
                ("atelier", &id.to_string()),
                ("first_name", ""),
                ("seats", "2"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let response = trainer
        .post_form(
            "/espace-pro/reservations",
            &[
                ("atelier", &id.to_string()),
                ("first_name", "M. D."),
                ("seats", "2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let (_, booking) = trainer.get_html(&location).await;
    assert!(
        booking.contains("Votre place est réservée."),
        "confirmed on a kept seat"
    );
    assert!(booking.contains("Réservé par formateur@banque.example (Banque partenaire)"));
    let (_, mine) = trainer.get_html("/espace-pro/reservations").await;
    assert!(mine.contains("M. D. : 2 place(s)"));
    // Someone else's booking cannot be cancelled by them; their own can.
    let resident = app
        .count("SELECT id FROM registrations WHERE first_name = 'Résidente'")
        .await;
    assert_eq!(
        trainer
            .post_form(&format!("/espace-pro/reservations/{resident}/annuler"), &[])
            .await
            .status(),
        403
    );
    let theirs = app
        .count("SELECT id FROM registrations WHERE first_name = 'M. D.'")
        .await;
    assert_eq!(
        trainer
            .post_form(&format!("/espace-pro/reservations/{theirs}/annuler"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE status = 'cancelled'")
            .await,
        1
    );
}

#[tokio::test]
async fn after_the_workshop_organisers_record_attendance_and_the_counts_show() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    for name in ["Samia", "Karim"] {
        app.post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", name), ("seats", "2")],
        )
        .await;
    }
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let samia = app
        .count("SELECT id FROM registrations WHERE first_name = 'Samia'")
        .await;
    let karim = app
        .count("SELECT id FROM registrations WHERE first_name = 'Karim'")
        .await;
    let marks = [
        (format!("presence-{samia}"), "oui"),
        (format!("presence-{karim}"), "non"),
    ];
    let body: Vec<(&str, &str)> = marks.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    assert_eq!(
        coordinator
            .post_form(&format!("/espace-pro/ateliers/{id}/presences"), &body)
            .await
            .status(),
        403,
        "not before it starts"
    );
    // The workshop took place.
    let past = app::state::unix_now() - 3 * 3600;
    app.store
        .update_workshop(
            id,
            s.ccas,
            &{
                let mut w = workshop_as_new(&app, id, &s).await;
                (w.starts_at, w.ends_at, w.signup_deadline) = (past, past + 7200, past);
                w
            },
            None,
            app::state::unix_now(),
        )
        .await
        .unwrap();
    let response = coordinator
        .post_form(&format!("/espace-pro/ateliers/{id}/presences"), &body)
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = coordinator
        .get_html(&format!("/espace-pro/ateliers/{id}"))
        .await;
    assert!(
        page.contains("4 place(s) réservée(s) : 2 présent(s), 2 absent(s)."),
        "{page}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE attended")
            .await,
        1
    );
}

#[tokio::test]
async fn a_description_cannot_break_out_of_the_edit_forms_field() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let mut created = fields(&s, "2099-03-02", "12", &[s.coordinator]);
    for field in created.iter_mut().filter(|(k, _)| k == "description") {
        field.1 = "Avant </textarea><script>alert(1)</script> après".into();
    }
    let r = coordinator
        .post_form("/espace-pro/ateliers", &pairs(&created))
        .await;
    assert_eq!(r.status(), 303);
    let id = app.count("SELECT id FROM training_sessions").await;
    let (status, form) = coordinator
        .get_html(&format!("/espace-pro/ateliers/{id}/modifier"))
        .await;
    assert_eq!(status, 200);
    assert!(
        !form.contains("<script>alert(1)"),
        "the text stays in its field"
    );
    assert!(form.contains("Avant &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; après"));
}
