//! Professional trainings: confirmed from a joint proposal, they take sign-ups from
//! staff members themselves (one registration each, capacity and waitlist as for
//! workshops, withdrawal promotes the first person waiting), stay off the residents'
//! pages and API, appear in the participant's calendar feed, and take attendance on
//! their management page once started.
use crate::helpers::{as_user, spawn_app, workshop_setup, TestApp, DAY, STAFF_PASSWORD};
use app::{
    joint::{
        model::{SessionKind, ValidProposal},
        store::Confirmation,
    },
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
};

async fn staff(app: &TestApp, org: i64, email: &str, name: &str, role: Role) -> i64 {
    let hash = hash_password(STAFF_PASSWORD.into()).await.unwrap();
    app.store
        .create_staff(org, email, name, role, &hash, false, 0)
        .await
        .unwrap()
        .unwrap()
}

/// A two-seat training proposed by the CCAS coordinator with a bank trainer, confirmed
/// in `days` days. Returns its id.
async fn training(
    app: &TestApp,
    ccas: i64,
    coordinator: i64,
    place: i64,
    bank_trainer: i64,
) -> i64 {
    let start = app::state::unix_now() + 3 * DAY;
    let proposal = ValidProposal {
        kind: SessionKind::ProfessionalTraining,
        title: "Comprendre l'action sociale".into(),
        theme: "budget".into(),
        description: "Ce que fait le CCAS, pour les équipes des banques.".into(),
        place_id: place,
        capacity: 2,
        slots: vec![(start, start + 7200)],
        invitees: vec![bank_trainer],
    };
    let id = app
        .store
        .create_proposal(ccas, coordinator, &proposal, 0)
        .await
        .unwrap();
    let slot = app.store.proposal(id).await.unwrap().unwrap().slots[0].id;
    app.store
        .answer_proposal(id, bank_trainer, &[(slot, true)], 0)
        .await
        .unwrap();
    match app
        .store
        .confirm_slot(id, slot, coordinator, 0, 0)
        .await
        .unwrap()
    {
        Confirmation::Confirmed { session_id } => session_id,
        other => panic!("the training is confirmed: {other:?}"),
    }
}

async fn status_of(app: &TestApp, session: i64, staff: i64) -> String {
    let n = |status: &str| {
        format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {session} AND participant_id = {staff} AND status = '{status}'"
        )
    };
    for status in ["confirmed", "waitlisted", "cancelled"] {
        if app.count(&n(status)).await > 0 {
            return status.to_string();
        }
    }
    "none".into()
}

#[tokio::test]
async fn staff_sign_up_for_a_training_with_a_waitlist_withdraw_and_get_their_attendance_recorded() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let bank = app
        .store
        .ensure_organisation("Banque du Doubs", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let bruno = staff(&app, bank, "bruno@banque.example", "Bruno", Role::Trainer).await;
    let lea = staff(&app, s.ccas, "lea@ccas.example", "Léa", Role::Trainer).await;
    let ines = staff(&app, bank, "ines@banque.example", "Inès", Role::Trainer).await;
    let chloe = staff(&app, s.ccas, "chloe@ccas.example", "Chloé", Role::Trainer).await;
    let id = training(&app, s.ccas, s.coordinator, s.place, bruno).await;
    let sign_up = format!("/espace-pro/formations/{id}/inscription");
    let withdraw = format!("/espace-pro/formations/{id}/desinscription");

    // Léa sees it, joint, with its hosts, and signs up; twice keeps one registration.
    let lea_client = as_user(&app, "lea@ccas.example").await;
    let (status, html) = lea_client.get_html("/espace-pro/formations").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Comprendre l&#x27;action sociale")
            || html.contains("Comprendre l'action sociale")
    );
    assert!(html.contains("Séance commune"), "joint badge");
    assert!(
        html.contains("Bruno") && html.contains("Nadia Coordinatrice"),
        "hosts"
    );
    assert!(html.contains("M&#x27;inscrire") || html.contains("M'inscrire"));
    for _ in 0..2 {
        let r = lea_client.post_form(&sign_up, &[]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            crate::helpers::location(&r),
            format!("/espace-pro/formations#formation-{id}")
        );
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND participant_id = {lea}"
        ))
        .await,
        1
    );
    let (_, html) = lea_client.get_html("/espace-pro/formations").await;
    assert!(html.contains("Vous êtes inscrit ou inscrite."));
    assert!(html.contains("Retirer mon inscription"));

    // Two seats: Inès (bank) gets the second, Chloé the waitlist.
    let ines_client = as_user(&app, "ines@banque.example").await;
    assert_eq!(ines_client.post_form(&sign_up, &[]).await.status(), 303);
    let chloe_client = as_user(&app, "chloe@ccas.example").await;
    assert_eq!(chloe_client.post_form(&sign_up, &[]).await.status(), 303);
    assert_eq!(status_of(&app, id, ines).await, "confirmed");
    assert_eq!(status_of(&app, id, chloe).await, "waitlisted");
    let (_, html) = chloe_client.get_html("/espace-pro/formations").await;
    assert!(
        html.contains("Vous êtes sur la liste d&#x27;attente (rang 1).")
            || html.contains("Vous êtes sur la liste d'attente (rang 1).")
    );

    // A host does not sign up: the page says why, with 409.
    let bruno_client = as_user(&app, "bruno@banque.example").await;
    let (_, html) = bruno_client.get_html("/espace-pro/formations").await;
    assert!(html.contains("Vous animez cette formation."));
    let r = bruno_client.post_form(&sign_up, &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("pas besoin de vous y inscrire"));
    assert_eq!(status_of(&app, id, bruno).await, "none");

    // Residents never see it nor book it, by form or API.
    let resident = crate::helpers::as_anonymous(&app);
    let (_, list) = resident.get_html("/ateliers").await;
    assert!(!list.contains("action sociale"));
    assert_eq!(resident.get(&format!("/ateliers/{id}")).await.status(), 404);
    let r = resident
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "Sam"), ("seats", "1")],
        )
        .await;
    // Closed to residents: back to the (missing) workshop page, no booking page.
    assert!(
        !crate::helpers::location(&r).contains("/inscription/"),
        "no resident booking"
    );
    let r = resident
        .client
        .post(resident.url(&format!("/api/v1/workshops/{id}/registrations")))
        .json(&serde_json::json!({"first_name": "Sam", "seats": 1}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "API refuses: {}", r.status());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND participant_id IS NULL"
        ))
        .await,
        0
    );

    // A resident workshop or a missing session is no training.
    let workshop = crate::helpers::new_workshop(&app, &s, 10, 0).await;
    for missing in [workshop, id + 1000] {
        let r = lea_client
            .post_form(
                &format!("/espace-pro/formations/{missing}/inscription"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 404);
    }

    // Léa withdraws: Chloé gets the seat; withdrawing again names the problem.
    assert_eq!(lea_client.post_form(&withdraw, &[]).await.status(), 303);
    assert_eq!(status_of(&app, id, lea).await, "cancelled");
    assert_eq!(status_of(&app, id, chloe).await, "confirmed");
    let r = lea_client.post_form(&withdraw, &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("pas inscrit ou inscrite à cette formation"));

    // The participant's calendar feed holds the training; a host's too.
    let now = app::state::unix_now();
    let feed = app
        .store
        .personal_calendar_entries(now, now + 30 * DAY, chloe)
        .await
        .unwrap();
    assert!(feed.iter().any(|e| e.id == id), "in Chloé's feed");
    let feed = app
        .store
        .personal_calendar_entries(now, now + 30 * DAY, lea)
        .await
        .unwrap();
    assert!(
        !feed.iter().any(|e| e.id == id),
        "not in Léa's feed after withdrawing"
    );

    // The management page: organisers see the participants with their organisation,
    // no public page and no edit; a trainer who neither hosts nor organises gets 403.
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let manage = format!("/espace-pro/ateliers/{id}");
    let (status, html) = coordinator.get_html(&manage).await;
    assert_eq!(status, 200);
    assert!(html.contains("Formation entre professionnels"));
    assert!(html.contains("ines@banque.example") && html.contains("Banque du Doubs"));
    assert!(
        !html.contains(&format!("href=\"/ateliers/{id}\"")),
        "no public page link"
    );
    assert!(
        !html.contains(&format!("{manage}/modifier")),
        "no edit link"
    );
    assert_eq!(
        bruno_client.get_html(&manage).await.0,
        200,
        "a host of the bank sees it"
    );
    assert_eq!(lea_client.get_html(&manage).await.0, 403);

    // Once started: sign-ups close, withdrawal is refused, attendance is recorded.
    crate::helpers::move_session_to_past(&app, id).await;
    let r = lea_client.post_form(&sign_up, &[]).await;
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("closes"));
    let r = ines_client.post_form(&withdraw, &[]).await;
    assert_eq!(r.status(), 409);
    assert_eq!(status_of(&app, id, ines).await, "confirmed");
    let ines_booking = app
        .count(&format!(
            "SELECT id FROM registrations WHERE session_id = {id} AND participant_id = {ines}"
        ))
        .await;
    let chloe_booking = app
        .count(&format!(
            "SELECT id FROM registrations WHERE session_id = {id} AND participant_id = {chloe}"
        ))
        .await;
    let r = coordinator
        .post_form(
            &format!("{manage}/presences"),
            &[
                (&format!("presence-{ines_booking}"), "oui"),
                (&format!("presence-{chloe_booking}"), "non"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, html) = ines_client.get_html("/espace-pro/formations").await;
    assert!(html.contains("Présent ou présente"));
    let (_, html) = chloe_client.get_html("/espace-pro/formations").await;
    assert!(html.contains("Absent ou absente"));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND attended"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn concurrent_sign_ups_for_a_training_never_overbook_it() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let bank = app
        .store
        .ensure_organisation("Banque du Doubs", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let bruno = staff(&app, bank, "bruno@banque.example", "Bruno", Role::Trainer).await;
    let id = training(&app, s.ccas, s.coordinator, s.place, bruno).await;
    let mut people = Vec::new();
    for i in 0..12 {
        people.push(
            staff(
                &app,
                s.ccas,
                &format!("p{i}@ccas.example"),
                &format!("P{i}"),
                Role::Trainer,
            )
            .await,
        );
    }
    // Each person twice at once: 24 concurrent sign-ups for 2 seats.
    let now = app::state::unix_now();
    let attempts = people.iter().chain(people.iter()).map(|p| {
        let store = app.store.clone();
        let p = *p;
        tokio::spawn(async move {
            let token = app::workshops::tokens::new_token();
            store
                .register_participant(
                    id,
                    p,
                    "P",
                    &app::workshops::tokens::new_code(),
                    &app::workshops::tokens::hash(&token),
                    now,
                )
                .await
                .unwrap()
        })
    });
    for handle in attempts.collect::<Vec<_>>() {
        handle.await.unwrap();
    }
    let n = |sql: String| {
        let app = &app;
        async move { app.count(&sql).await }
    };
    assert_eq!(
        n(format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND status = 'confirmed'"
        ))
        .await,
        2
    );
    assert_eq!(
        n(format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id} AND status = 'waitlisted'"
        ))
        .await,
        10
    );
    assert_eq!(
        n(format!(
            "SELECT COUNT(DISTINCT participant_id) FROM registrations WHERE session_id = {id}"
        ))
        .await,
        12,
        "one registration per person"
    );
}
