//! Joint sessions: a CCAS coordinator proposes slots to a bank trainer, who answers;
//! the coordinator confirms a slot that has both sides and no conflict; the resident
//! workshop opens on the public pages and appears in the trainer's calendar feed, and
//! its cancellation shows there. Conflicts (a trainer elsewhere without time to travel,
//! an unavailability, a taken place) are named, and concurrent confirmations of
//! overlapping sessions confirm exactly one.
use crate::helpers::{as_user, spawn_app, workshop_setup, TestApp, WorkshopSetup};
use app::{
    joint::{
        model::{SessionKind, Unavailable, ValidProposal, Weekly},
        store::Confirmation,
    },
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
    workshops::{model::paris_timestamp, store::NewWorkshop},
};
use chrono::Datelike as _;

const PASSWORD: &str = crate::helpers::STAFF_PASSWORD;
const BUFFER: i64 = 30 * 60;

/// A day `days` from now, in Paris, as `YYYY-MM-DD`.
fn day_in(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days))
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string()
}

fn at(day: &str, time: &str) -> i64 {
    paris_timestamp(day, time).unwrap()
}

/// A staff member of organisation `org`; returns their id.
async fn staff(app: &TestApp, org: i64, email: &str, name: &str, role: Role) -> i64 {
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    app.store
        .create_staff(org, email, name, role, &hash, false, 0)
        .await
        .unwrap()
        .unwrap()
}

async fn bank(app: &TestApp) -> i64 {
    app.store
        .ensure_organisation("Banque du Doubs", OrganisationKind::Bank, 0)
        .await
        .unwrap()
}

async fn place(app: &TestApp, org: i64, name: &str) -> i64 {
    app.store
        .create_place(org, name, "Adresse à compléter", "", "", 20, true, false, 0)
        .await
        .unwrap()
}

fn proposal(place: i64, slots: Vec<(i64, i64)>, invitees: Vec<i64>) -> ValidProposal {
    ValidProposal {
        kind: SessionKind::ResidentWorkshop,
        title: "Budget à deux voix".into(),
        theme: "budget".into(),
        description: "Un atelier animé par le CCAS et une banque.".into(),
        place_id: place,
        capacity: 12,
        slots,
        invitees,
    }
}

/// The calendar address a page shows once, as a path.
fn feed_address(html: &str) -> String {
    let start = html.find("/agenda/").expect("the new address is shown");
    html[start..].chars().take_while(|c| *c != '"').collect()
}

async fn slot_ids(app: &TestApp, proposal: i64) -> Vec<i64> {
    let view = app.store.proposal(proposal).await.unwrap().unwrap();
    view.slots.iter().map(|s| s.id).collect()
}

#[tokio::test]
async fn a_proposal_is_answered_confirmed_published_and_its_cancellation_reaches_the_feed() {
    let app = spawn_app().await;
    let s: WorkshopSetup = workshop_setup(&app).await;
    let bank = bank(&app).await;
    let trainer = staff(
        &app,
        bank,
        "bruno@banque.example",
        "Bruno Banque",
        Role::Trainer,
    )
    .await;
    staff(
        &app,
        bank,
        "autre@banque.example",
        "Autre Banque",
        Role::Trainer,
    )
    .await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let days = [day_in(10), day_in(11), day_in(12)];

    // Refused form: values kept, problems named, nothing stored.
    let bad = coordinator
        .post_form(
            "/espace-pro/seances/proposer",
            &[
                ("kind", "resident_workshop"),
                ("title", "Budget à deux voix"),
                ("theme", "budget"),
                ("place", &s.place.to_string()),
                ("capacity", "12"),
                ("duration", "120"),
                ("slot_date_1", &days[0]),
                ("slot_start_1", "14h"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("Un créneau est incomplet ou illisible"),
        "{html}"
    );
    assert!(html.contains("Invitez au moins une personne"));
    assert!(html.contains("value=\"Budget à deux voix\""));
    assert_eq!(app.count("SELECT COUNT(*) FROM session_proposals").await, 0);

    let trainer_id = trainer.to_string();
    let place_id = s.place.to_string();
    let mut form: Vec<(&str, &str)> = vec![
        ("kind", "resident_workshop"),
        ("title", "Budget à deux voix"),
        ("theme", "budget"),
        ("description", "Un atelier animé par le CCAS et une banque."),
        ("place", &place_id),
        ("capacity", "12"),
        ("duration", "120"),
        ("invitees", &trainer_id),
    ];
    for (n, day) in days.iter().enumerate() {
        let (d, t) = (
            ["slot_date_1", "slot_date_2", "slot_date_3"][n],
            ["slot_start_1", "slot_start_2", "slot_start_3"][n],
        );
        form.push((d, day));
        form.push((t, "14:00"));
    }
    let created = coordinator
        .post_form("/espace-pro/seances/proposer", &form)
        .await;
    assert_eq!(created.status(), 303);
    let page = crate::helpers::location(&created);
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    let slots = slot_ids(&app, id).await;
    assert_eq!(slots.len(), 3);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'session-invited' AND staff_id = {trainer}"
        ))
        .await,
        1
    );

    // The invitee sees it; someone not invited does not.
    let bruno = as_user(&app, "bruno@banque.example").await;
    let (status, html) = bruno.get_html(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("Budget à deux voix") && html.contains("Pas encore répondu"));
    let other = as_user(&app, "autre@banque.example").await;
    assert_eq!(other.get(&page).await.status(), 403);
    assert_eq!(
        app.client
            .get(app.url(&page))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // Bruno cannot come to the first slot, can to the other two.
    let answers = [
        (format!("slot-{}", slots[0]), "non"),
        (format!("slot-{}", slots[1]), "oui"),
        (format!("slot-{}", slots[2]), "oui"),
    ];
    let answer_form: Vec<(&str, &str)> = answers.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    let answered = bruno
        .post_form(&format!("{page}/reponse"), &answer_form)
        .await;
    assert_eq!(answered.status(), 303);
    // Someone not invited cannot answer.
    assert_eq!(
        other
            .post_form(&format!("{page}/reponse"), &answer_form)
            .await
            .status(),
        403
    );

    // The first slot has no bank host: refused with the reason, nothing created.
    let refused = coordinator
        .post_form(
            &format!("{page}/confirmer"),
            &[("slot", &slots[0].to_string())],
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("il faut une personne du CCAS et une personne d'une banque"));
    assert_eq!(app.count("SELECT COUNT(*) FROM training_sessions").await, 0);
    // Only the proposer confirms.
    assert_eq!(
        bruno
            .post_form(
                &format!("{page}/confirmer"),
                &[("slot", &slots[1].to_string())]
            )
            .await
            .status(),
        403
    );

    let (_, html) = coordinator.get_html(&page).await;
    assert!(html.contains("Confirmer :"), "{html}");
    let confirmed = coordinator
        .post_form(
            &format!("{page}/confirmer"),
            &[("slot", &slots[1].to_string())],
        )
        .await;
    assert_eq!(confirmed.status(), 303);
    let session: i64 = app.count("SELECT id FROM training_sessions").await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM proposal_slots WHERE proposal_id = {id} AND status = 'released'"
        ))
        .await,
        2
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM session_hosts WHERE session_id = {session}"
        ))
        .await,
        2
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'session-confirmed' AND staff_id = {trainer}"
        ))
        .await,
        1
    );
    let (_, html) = coordinator.get_html(&page).await;
    assert!(html.contains("La séance est confirmée") && html.contains("séance confirmée"));

    // The resident workshop is public, with sign-ups open.
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Budget à deux voix"));
    let (status, public) = app.get_html(&format!("/ateliers/{session}")).await;
    assert_eq!(status, 200);
    assert!(
        public.contains(&format!("/ateliers/{session}/inscription")),
        "{public}"
    );

    // The staff calendar shows it as joint.
    let (status, calendar) = bruno.get_html("/espace-pro/calendrier").await;
    assert_eq!(status, 200);
    assert!(calendar.contains("Budget à deux voix") && calendar.contains("Séance commune"));

    // Bruno's calendar feed has it; a cancellation shows as a cancelled event.
    let made = bruno.post_form("/espace-pro/seances/agenda", &[]).await;
    assert_eq!(made.status(), 200);
    assert_eq!(made.headers().get("cache-control").unwrap(), "no-store");
    let html = made.text().await.unwrap();
    let feed = feed_address(&html);
    assert!(feed.ends_with(".ics"), "{feed}");
    let ics = app.get(&feed).await.text().await.unwrap();
    assert!(
        ics.contains("BEGIN:VEVENT")
            && ics.contains("STATUS:CONFIRMED")
            && ics.contains("SEQUENCE:0"),
        "{ics}"
    );
    assert!(ics
        .replace("\r\n ", "")
        .contains("Budget à deux voix (séance commune)"));
    // A change, then a cancellation: both in the proposal's history (who, when), and
    // each one a new SEQUENCE in the feed.
    let (coordinator_id, trainer_id) = (s.coordinator.to_string(), trainer.to_string());
    let changed = coordinator
        .post_form(
            &format!("/espace-pro/ateliers/{session}/modifier"),
            &[
                ("title", "Budget à deux voix"),
                ("theme", "budget"),
                ("description", ""),
                ("date", &days[1]),
                ("start", "09:00"),
                ("end", "11:00"),
                ("place", &s.place.to_string()),
                ("capacity", "12"),
                ("reserved", "0"),
                ("hosts", &coordinator_id),
                ("hosts", &trainer_id),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);
    let cancelled = coordinator
        .post_form(&format!("/espace-pro/ateliers/{session}/annuler"), &[])
        .await;
    assert_eq!(cancelled.status(), 303);
    let ics = app.get(&feed).await.text().await.unwrap();
    assert!(
        ics.contains("STATUS:CANCELLED") && ics.contains("SEQUENCE:2"),
        "{ics}"
    );
    let (_, html) = bruno.get_html(&page).await;
    assert!(
        html.contains("séance modifiée après confirmation")
            && html.contains("de 9")
            && html.contains("séance annulée après confirmation")
            && html.contains("Nadia Coordinatrice"),
        "{html}"
    );

    // The CCAS's feed holds its sessions too; a trainer cannot make one.
    assert_eq!(
        bruno
            .post_form("/espace-pro/seances/agenda-organisation", &[])
            .await
            .status(),
        403
    );
    let made = coordinator
        .post_form("/espace-pro/seances/agenda-organisation", &[])
        .await;
    assert_eq!(made.status(), 200);
    let html = made.text().await.unwrap();
    let team_feed = feed_address(&html);
    let ics = app.get(&team_feed).await.text().await.unwrap();
    assert!(
        ics.contains("STATUS:CANCELLED") && ics.replace("\r\n ", "").contains("Budget à deux voix"),
        "{ics}"
    );
    assert_eq!(
        coordinator
            .post_form("/espace-pro/seances/agenda-organisation/revoquer", &[])
            .await
            .status(),
        303
    );
    assert_eq!(app.get(&team_feed).await.status(), 404);

    // A new address revokes the old one; so does turning it off.
    let renewed = bruno
        .post_form("/espace-pro/seances/agenda", &[])
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(app.get(&feed).await.status(), 404);
    let feed = feed_address(&renewed);
    assert_eq!(app.get(&feed).await.status(), 200);
    assert_eq!(
        bruno
            .post_form("/espace-pro/seances/agenda/revoquer", &[])
            .await
            .status(),
        303
    );
    assert_eq!(app.get(&feed).await.status(), 404);
    assert_eq!(app.get("/agenda/pas-un-secret.ics").await.status(), 404);
}

#[tokio::test]
async fn conflicts_name_who_is_taken_with_the_travel_buffer_and_unavailability() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let bank = bank(&app).await;
    let trainer = staff(
        &app,
        bank,
        "bruno@banque.example",
        "Bruno Banque",
        Role::Trainer,
    )
    .await;
    let elsewhere = place(&app, bank, "Agence centre").await;
    let day = day_in(9);
    let (start, end) = (at(&day, "14:00"), at(&day, "16:00"));

    // Bruno leads something elsewhere at 16:15: no time to travel.
    app.store
        .create_workshop(
            &NewWorkshop {
                organisation_id: bank,
                title: "Ouvrir un compte".into(),
                theme: "budget".into(),
                description: String::new(),
                description_html: String::new(),
                starts_at: end + 15 * 60,
                ends_at: end + 75 * 60,
                place_id: elsewhere,
                capacity: 10,
                staff_reserved: 0,
                signup_deadline: end,
                created_by: trainer,
                hosts: vec![trainer],
            },
            0,
        )
        .await
        .unwrap();
    let id = app
        .store
        .create_proposal(
            s.ccas,
            s.coordinator,
            &proposal(s.place, vec![(start, end)], vec![trainer]),
            0,
        )
        .await
        .unwrap();
    let slot = slot_ids(&app, id).await[0];
    assert!(app
        .store
        .answer_proposal(id, trainer, &[(slot, true)], 1)
        .await
        .unwrap());
    let Confirmation::Conflicts(found) = app
        .store
        .confirm_slot(id, slot, s.coordinator, BUFFER, 2)
        .await
        .unwrap()
    else {
        panic!("the travel buffer must conflict");
    };
    assert_eq!(found.len(), 1);
    assert!(
        found[0].travel
            && found[0].subject == "Bruno Banque"
            && found[0].other.as_deref() == Some("Ouvrir un compte")
    );
    // Without a buffer it would fit; the page names the conflict meanwhile.
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let (_, html) = coordinator
        .get_html(&format!("/espace-pro/seances/propositions/{id}"))
        .await;
    assert!(html.contains("pas assez de temps pour le trajet"), "{html}");

    // A weekly unavailability of the coordinator on that weekday conflicts too.
    let weekday = chrono::DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Paris)
        .weekday()
        .number_from_monday() as i64;
    app.store
        .add_unavailability(
            s.coordinator,
            &Unavailable::Weekly(Weekly {
                weekday,
                start_minute: 13 * 60,
                end_minute: 15 * 60,
            }),
            "Permanence",
            0,
        )
        .await
        .unwrap();
    let Confirmation::Conflicts(found) = app
        .store
        .confirm_slot(id, slot, s.coordinator, 0, 3)
        .await
        .unwrap()
    else {
        panic!("the unavailability must conflict");
    };
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].subject.as_str(), found[0].other.as_deref()),
        ("Nadia Coordinatrice", None)
    );

    // Declared from the page, then removed: the unavailability form works without JavaScript.
    let refused = coordinator
        .post_form(
            "/espace-pro/indisponibilites",
            &[
                ("repeat", "ponctuelle"),
                ("date", &day),
                ("start", "12:00"),
                ("end", "11:00"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("heure de fin après l'heure de début"));
    let added = coordinator
        .post_form(
            "/espace-pro/indisponibilites",
            &[
                ("repeat", "ponctuelle"),
                ("date", &day),
                ("start", "09:00"),
                ("end", "11:00"),
                ("note", "Réunion"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let (_, html) = coordinator.get_html("/espace-pro/indisponibilites").await;
    assert!(html.contains("Réunion") && html.contains("Permanence"));
    let block = app.count("SELECT MAX(id) FROM unavailabilities").await;
    let other = as_user(&app, "bruno@banque.example").await;
    assert_eq!(
        other
            .post_form(
                &format!("/espace-pro/indisponibilites/{block}/supprimer"),
                &[]
            )
            .await
            .status(),
        403
    );
    assert_eq!(
        coordinator
            .post_form(
                &format!("/espace-pro/indisponibilites/{block}/supprimer"),
                &[]
            )
            .await
            .status(),
        303
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM unavailabilities").await, 1);

    // The place taken by another session at that time conflicts.
    let free_day = day_in(20);
    let (s2, e2) = (at(&free_day, "10:00"), at(&free_day, "12:00"));
    crate::helpers::new_workshop_at(&app, &s, s2 - 3600, 10, 0).await;
    let id2 = app
        .store
        .create_proposal(
            s.ccas,
            s.coordinator,
            &proposal(s.place, vec![(s2, e2)], vec![trainer]),
            0,
        )
        .await
        .unwrap();
    let slot2 = slot_ids(&app, id2).await[0];
    app.store
        .answer_proposal(id2, trainer, &[(slot2, true)], 1)
        .await
        .unwrap();
    let Confirmation::Conflicts(found) = app
        .store
        .confirm_slot(id2, slot2, s.coordinator, BUFFER, 2)
        .await
        .unwrap()
    else {
        panic!("the place and the host are taken");
    };
    assert!(found
        .iter()
        .any(|c| c.place && c.subject == "Salle du CCAS"));
    assert!(found
        .iter()
        .any(|c| !c.place && c.subject == "Nadia Coordinatrice" && !c.travel));

    // Withdrawn: the invitee is told, nothing can be confirmed any more.
    let withdrawn = coordinator
        .post_form(
            &format!("/espace-pro/seances/propositions/{id2}/retirer"),
            &[],
        )
        .await;
    assert_eq!(withdrawn.status(), 303);
    assert_eq!(
        app.store
            .confirm_slot(id2, slot2, s.coordinator, 0, 4)
            .await
            .unwrap(),
        Confirmation::Gone
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'session-withdrawn' AND staff_id = {trainer}"
        ))
        .await,
        1
    );
}

/// `rounds` times: `n` proposals overlapping in time, all confirmed at once.
async fn race(app: &TestApp, proposals: Vec<(i64, i64)>) -> usize {
    let mut tasks = Vec::new();
    for (id, proposer) in proposals {
        let store = app.store.clone();
        let slot = slot_ids(app, id).await[0];
        tasks.push(tokio::spawn(async move {
            store
                .confirm_slot(id, slot, proposer, BUFFER, 10)
                .await
                .unwrap()
        }));
    }
    let mut confirmed = 0;
    for task in tasks {
        match task.await.unwrap() {
            Confirmation::Confirmed { .. } => confirmed += 1,
            Confirmation::Conflicts(c) => assert!(!c.is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
    confirmed
}

#[tokio::test]
async fn concurrent_confirmations_of_overlapping_sessions_confirm_exactly_one() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let bank = bank(&app).await;
    let trainer = staff(
        &app,
        bank,
        "bruno@banque.example",
        "Bruno Banque",
        Role::Trainer,
    )
    .await;
    const N: usize = 8;
    let mut places = Vec::new();
    for n in 0..N {
        places.push(place(&app, s.ccas, &format!("Salle {n}")).await);
    }
    let mut ccas_staff = Vec::new();
    let mut bank_staff = Vec::new();
    for n in 0..N {
        ccas_staff.push(
            staff(
                &app,
                s.ccas,
                &format!("c{n}@ccas.example"),
                &format!("CCAS {n}"),
                Role::Trainer,
            )
            .await,
        );
        bank_staff.push(
            staff(
                &app,
                bank,
                &format!("b{n}@banque.example"),
                &format!("Banque {n}"),
                Role::Trainer,
            )
            .await,
        );
    }
    for round in 0..5 {
        // The same two trainers, each proposal in its own place: one trainer conflict.
        let day = day_in(30 + round * 2);
        let mut batch = Vec::new();
        for (n, place) in places.iter().enumerate() {
            let start = at(&day, "09:00") + n as i64 * 600;
            let id = app
                .store
                .create_proposal(
                    s.ccas,
                    s.coordinator,
                    &proposal(*place, vec![(start, start + 7200)], vec![trainer]),
                    0,
                )
                .await
                .unwrap();
            let slot = slot_ids(&app, id).await[0];
            app.store
                .answer_proposal(id, trainer, &[(slot, true)], 1)
                .await
                .unwrap();
            batch.push((id, s.coordinator));
        }
        assert_eq!(race(&app, batch).await, 1, "same trainers, round {round}");

        // Different trainers, the same place: one place conflict.
        let day = day_in(31 + round * 2);
        let mut batch = Vec::new();
        for n in 0..N {
            let start = at(&day, "14:00") + n as i64 * 300;
            let id = app
                .store
                .create_proposal(
                    s.ccas,
                    ccas_staff[n],
                    &proposal(s.place, vec![(start, start + 3600)], vec![bank_staff[n]]),
                    0,
                )
                .await
                .unwrap();
            let slot = slot_ids(&app, id).await[0];
            app.store
                .answer_proposal(id, bank_staff[n], &[(slot, true)], 1)
                .await
                .unwrap();
            batch.push((id, ccas_staff[n]));
        }
        assert_eq!(race(&app, batch).await, 1, "same place, round {round}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM training_sessions").await,
        10
    );
}

#[tokio::test]
async fn the_workshop_form_and_the_api_refuse_a_double_booking() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let other_place = place(&app, s.ccas, "Salle annexe").await;
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let day = day_in(15);
    let form = |place: i64, start: &str, end: &str| -> Vec<(String, String)> {
        [
            ("title", "Faire son budget"),
            ("theme", "budget"),
            ("date", day.as_str()),
            ("start", start),
            ("end", end),
            ("capacity", "10"),
            ("place", &place.to_string()),
            ("hosts", &s.coordinator.to_string()),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    };
    let post = |fields: Vec<(String, String)>, path: String| {
        let coordinator = &coordinator;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            coordinator.post_form(&path, &pairs).await
        }
    };
    let first = post(
        form(s.place, "14:00", "16:00"),
        "/espace-pro/ateliers".into(),
    )
    .await;
    assert_eq!(first.status(), 303);
    // The same host elsewhere 15 minutes after the end: refused, the values kept.
    let refused = post(
        form(other_place, "16:15", "17:00"),
        "/espace-pro/ateliers".into(),
    )
    .await;
    assert_eq!(refused.status(), 409);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("pas assez de temps pour le trajet") && html.contains("value=\"16:15\""),
        "{html}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM training_sessions").await, 1);
    // An hour later it fits.
    let second = post(
        form(other_place, "17:00", "18:00"),
        "/espace-pro/ateliers".into(),
    )
    .await;
    assert_eq!(second.status(), 303);
    let id = app.count("SELECT MAX(id) FROM training_sessions").await;
    // Moving it onto the first one is refused too; moving it elsewhere in time is not.
    let moved = post(
        form(s.place, "15:00", "16:30"),
        format!("/espace-pro/ateliers/{id}/modifier"),
    )
    .await;
    assert_eq!(moved.status(), 409);
    assert!(moved.text().await.unwrap().contains("est déjà occupé"));
    let moved = post(
        form(other_place, "17:30", "18:30"),
        format!("/espace-pro/ateliers/{id}/modifier"),
    )
    .await;
    assert_eq!(moved.status(), 303);

    // The JSON API answers 409 and names the conflict.
    let api = coordinator
        .client
        .post(coordinator.url("/api/v1/workshops"))
        .header("origin", &coordinator.address)
        .json(&serde_json::json!({"title": "Par l'API", "theme": "budget", "date": day, "start": "14:30", "end": "15:30", "place_id": other_place, "capacity": 10}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 409);
    let body: serde_json::Value = api.json().await.unwrap();
    assert_eq!(body["error"], "taken");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Nadia Coordinatrice"),
        "{body}"
    );
}
