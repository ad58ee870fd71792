//! Workshops: the public list and sign-up without an account, the waitlist and its
//! promotion, double submissions, the no-overbooking race, and the staff forms.
use crate::helpers::{
    as_user, new_workshop as workshop, new_workshop_at, spawn_app, spawn_app_configured,
    workshop_setup as setup,
};
use app::{
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
    workshops::{
        model::{Placement, SignUp},
        store::Registered,
    },
};

fn signup(name: &str, seats: i64) -> SignUp {
    SignUp {
        first_name: name.into(),
        email: None,
        phone: None,
        seats,
    }
}

fn private_token(location: &str) -> String {
    location.rsplit('/').next().unwrap().to_string()
}

/// A sign-up made through the store, as the JSON API makes it: `seats` for `name`, booked
/// by staff member `staff` if any, its private link's hash `hash`.
async fn sign_up(
    store: &app::db::Store,
    id: i64,
    name: &str,
    seats: i64,
    staff: Option<i64>,
    hash: &str,
) -> Result<Registered, app::db::StoreError> {
    store
        .register(
            id,
            &signup(name, seats),
            "CODE01",
            hash,
            None,
            staff,
            "/ateliers/inscription/x",
            app::state::unix_now(),
        )
        .await
}

#[tokio::test]
async fn a_resident_signs_up_without_an_account_and_can_cancel() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 2).await;
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Faire son budget du mois"));
    assert!(
        list.contains("10 place(s) libre(s)"),
        "the seats kept for staff are not offered"
    );
    let (status, page) = app.get_html(&format!("/ateliers/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("action=\"/ateliers/{id}/inscription\"")));
    assert!(page.contains("Salle du CCAS") && page.contains("Accès de plain-pied"));

    let response = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "Samia"), ("seats", "2")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "no account, no cookie"
    );
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/ateliers/inscription/"));
    let token = private_token(&location);
    assert_eq!(token.len(), 32, "128 bits");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE token_hash = '{token}'"
        ))
        .await,
        0,
        "only a hash is stored"
    );
    let (_, booking) = app.get_html(&location).await;
    assert!(booking.contains("Votre place est réservée."));
    assert!(
        booking.contains("Votre code à donner à l&#x27;accueil")
            || booking.contains("Votre code à donner à l'accueil")
    );
    assert!(booking.contains("Samia : 2 place(s)"));
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("8 place(s) libre(s)"));

    let response = app.post_form(&format!("{location}/annuler"), &[]).await;
    assert_eq!(response.status(), 303);
    let (_, booking) = app.get_html(&location).await;
    assert!(booking.contains("Cette inscription est annulée."));
    let (status, _) = app
        .get_html("/ateliers/inscription/00000000000000000000000000000000")
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_refused_sign_up_comes_back_with_the_values_and_stores_nothing() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let long = "S".repeat(61);
    let response = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", long.as_str()), ("seats", "9")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains(&format!("value=\"{long}\"")),
        "the name typed is kept"
    );
    assert!(page.contains("Le prénom ne doit pas dépasser 60 caractères"));
    assert!(page.contains("Choisissez entre 1 et 3 places"));
    // The summary is at the top of the page (the form is below the description), with
    // links to the fields; each field names its problem too.
    let summary = page.find("role=\"alert\"").expect("an alert");
    assert!(summary < page.find("lesson-body").unwrap());
    assert!(page.contains("<a href=\"#first_name\">"));
    assert!(page.contains("id=\"first_name-erreur\""));
    // A badly typed contact is refused with the values kept.
    let response = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[
                ("first_name", "Samia"),
                ("email", "samia@exemple"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("value=\"samia@exemple\""));
    assert!(
        page.contains("L&#x27;adresse e-mail n&#x27;est pas valide")
            || page.contains("L'adresse e-mail n'est pas valide")
    );
    // A contact without the tick box is refused: it is kept only with consent.
    let response = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "Samia"), ("phone", "06 12 34 56 78")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("value=\"06 12 34 56 78\""));
    assert!(page.contains("Cochez la case"));
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 0);
    let response = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[
                ("first_name", "Samia"),
                ("email", "Samia@Exemple.fr"),
                ("phone", "06 12 34 56 78"),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE contact_email = 'samia@exemple.fr' AND contact_phone = '0612345678'")
            .await,
        1
    );
}

#[tokio::test]
async fn one_connection_making_sign_up_after_sign_up_is_slowed_down_and_keeps_its_values() {
    let app = spawn_app_configured(|c| c.signup_limit = 3).await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 2).await;
    let path = format!("/ateliers/{id}/inscription");
    for name in ["Ana", "Bilal", "Chloé"] {
        let response = app.post_form(&path, &[("first_name", name)]).await;
        assert_eq!(response.status(), 303, "sign-up of {name}");
    }
    // The fourth from the same address in the hour: the form comes back, nothing booked.
    let response = app
        .post_form(&path, &[("first_name", "Dounia"), ("seats", "2")])
        .await;
    assert_eq!(response.status(), 429);
    let wait: i64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After {wait}");
    let page = response.text().await.unwrap();
    assert!(page.contains("value=\"Dounia\""), "the name typed is kept");
    assert!(
        page.contains("<option value=\"2\" selected"),
        "the seats chosen are kept"
    );
    assert!(
        page.contains("Réessayez dans 60 minute(s)"),
        "the wait is named in French"
    );
    let alert = page
        .find("role=\"alert\"")
        .expect("the problem is an alert");
    assert!(
        alert < page.find("lesson-body").unwrap(),
        "named at the top, before the description, not only at the form below it"
    );
    assert!(
        page.contains("href=\"#inscription\""),
        "with a link to the form"
    );
    // The JSON API counts against the same limit.
    let response = app
        .client
        .post(app.url(&format!("/api/v1/workshops/{id}/registrations")))
        .json(&serde_json::json!({"first_name": "Dounia"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"], "throttled");
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 3);
    // Staff booking for a household are not limited.
    let coordinator = as_user(&app, "coord@ccas.example").await;
    let response = coordinator
        .post_form(
            "/espace-pro/reservations",
            &[
                ("atelier", &id.to_string()),
                ("first_name", "M. D."),
                ("seats", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 4);
}

#[tokio::test]
async fn a_full_workshop_puts_the_next_person_on_the_waitlist_and_a_cancellation_promotes_them() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 2, 0).await;
    let first = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "A"), ("seats", "2")],
        )
        .await;
    let first = first.headers()["location"].to_str().unwrap().to_string();
    let second = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "B"), ("seats", "1")],
        )
        .await;
    let second = second.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = app.get_html(&second).await;
    assert!(
        page.contains("vous êtes sur la liste d&#x27;attente, en position 1")
            || page.contains("vous êtes sur la liste d'attente, en position 1")
    );
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Complet : inscription sur liste d"));

    app.post_form(&format!("{first}/annuler"), &[]).await;
    let (_, page) = app.get_html(&second).await;
    assert!(page.contains("Votre place est réservée."), "promoted");
}

#[tokio::test]
async fn a_double_submission_of_the_same_form_books_once() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let (_, page) = app.get_html(&format!("/ateliers/{id}")).await;
    let start = page.find("name=\"jeton\" value=\"").unwrap() + "name=\"jeton\" value=\"".len();
    let jeton = page[start..start + 32].to_string();
    let form = [
        ("first_name", "Samia"),
        ("seats", "1"),
        ("jeton", jeton.as_str()),
    ];
    let a = app
        .post_form(&format!("/ateliers/{id}/inscription"), &form)
        .await;
    let b = app
        .post_form(&format!("/ateliers/{id}/inscription"), &form)
        .await;
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 1);
    // Two people with the same first name, two forms: two bookings.
    app.post_form(
        &format!("/ateliers/{id}/inscription"),
        &[("first_name", "Samia"), ("seats", "1")],
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM registrations").await, 2);
}

/// Where a booking goes, decided by the statement that locks the workshop (the same SQL
/// on both engines): confirmed while nobody waits and its seats fit in what is left;
/// residents may not use the seats kept for staff, staff may; nobody jumps the queue,
/// staff included; a booking too big for what is left waits; no sign-up once the
/// deadline has passed.
#[tokio::test]
async fn a_booking_is_confirmed_only_when_it_fits_and_nobody_waits() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let mut n = 0;
    let mut book = |id: i64, seats: i64, staff: Option<i64>| {
        n += 1;
        let store = app.store.clone();
        async move {
            let hash = format!("hash-placement-{n}");
            match sign_up(&store, id, &format!("P{n}"), seats, staff, &hash)
                .await
                .unwrap()
            {
                Registered::Done {
                    placement,
                    new: true,
                    position,
                    ..
                } => (placement, position),
                other => panic!("not booked: {other:?}"),
            }
        }
    };
    let staff = Some(s.coordinator);
    // Five seats, two kept for staff.
    let kept = workshop(&app, &s, 5, 2).await;
    assert_eq!(book(kept, 3, None).await, (Placement::Confirmed, None));
    assert_eq!(book(kept, 2, staff).await, (Placement::Confirmed, None));
    assert_eq!(book(kept, 1, staff).await, (Placement::Waitlisted, Some(1)));

    let queue = workshop(&app, &s, 5, 2).await;
    assert_eq!(book(queue, 3, None).await, (Placement::Confirmed, None));
    assert_eq!(
        book(queue, 1, None).await,
        (Placement::Waitlisted, Some(1)),
        "residents do not take the seats kept for staff"
    );
    assert_eq!(
        book(queue, 1, staff).await,
        (Placement::Waitlisted, Some(2)),
        "two seats are left for staff, but someone waits"
    );

    let big = workshop(&app, &s, 4, 0).await;
    assert_eq!(book(big, 3, None).await, (Placement::Confirmed, None));
    assert_eq!(book(big, 2, None).await, (Placement::Waitlisted, Some(1)));
    assert_eq!(
        app.count(&format!(
            "SELECT confirmed_seats + 10 * waitlisted FROM training_sessions WHERE id = {big}"
        ))
        .await,
        13
    );

    let past = new_workshop_at(&app, &s, app::state::unix_now() - 60, 5, 0).await;
    let closed = sign_up(&app.store, past, "Tard", 1, None, "hash-placement-late")
        .await
        .unwrap();
    assert_eq!(closed, Registered::Closed);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {past}"
        ))
        .await,
        0
    );
}

#[tokio::test]
async fn two_hundred_concurrent_sign_ups_never_overbook_a_twenty_seat_workshop() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    for round in 0..20 {
        let id = workshop(&app, &s, 20, 0).await;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let store = app.store.clone();
            tasks.push(tokio::spawn(async move {
                let hash = format!("hash-{round}-{i}");
                sign_up(&store, id, &format!("P{i}"), 1, None, &hash).await
            }));
        }
        let mut confirmed = 0;
        let mut waitlisted = 0;
        for t in tasks {
            match t.await.unwrap().expect("no sign-up fails") {
                Registered::Done {
                    placement: Placement::Confirmed,
                    ..
                } => confirmed += 1,
                Registered::Done {
                    placement: Placement::Waitlisted,
                    ..
                } => waitlisted += 1,
                Registered::Closed => panic!("closed"),
            }
        }
        assert_eq!((confirmed, waitlisted), (20, 180), "round {round}");
        let seats = app
            .count(&format!("SELECT CAST(COALESCE(SUM(seats), 0) AS BIGINT) FROM registrations WHERE session_id = {id} AND status = 'confirmed'"))
            .await;
        assert_eq!(seats, 20);
        // Positions 1 to 180, no gap, no duplicate: the waiting order is the id order.
        let mut positions = Vec::new();
        for i in 0..200 {
            if let Some(r) = app
                .store
                .registration(&format!("hash-{round}-{i}"))
                .await
                .unwrap()
            {
                if let Some(p) = r.position {
                    positions.push(p);
                }
            }
        }
        positions.sort_unstable();
        assert_eq!(positions, (1..=180).collect::<Vec<i64>>());
    }
}

#[tokio::test]
async fn coordinators_create_and_cancel_their_workshops_and_no_one_else_can() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let form = |place: String| {
        vec![
            ("title".to_string(), "Ouvrir un compte".to_string()),
            ("theme".into(), "account".into()),
            (
                "description".into(),
                "Avec un conseiller **bancaire**.<script>alert(1)</script>".into(),
            ),
            ("date".into(), "2099-03-02".into()),
            ("start".into(), "14:00".into()),
            ("end".into(), "16:00".into()),
            ("place".into(), place),
            ("capacity".into(), "12".into()),
            ("reserved".into(), "2".into()),
        ]
    };
    let fields = form(s.place.to_string());
    let body: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        app.post_form("/espace-pro/ateliers", &body).await.status(),
        401,
        "anonymous"
    );
    app.post_form(
        "/connexion",
        &[
            ("email", "coord@ccas.example"),
            ("password", "une longue phrase de passe"),
        ],
    )
    .await;
    let response = app.post_form("/espace-pro/ateliers", &body).await;
    assert_eq!(response.status(), 303);
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("Ouvrir un compte"));
    let id = app
        .count("SELECT id FROM training_sessions WHERE title = 'Ouvrir un compte'")
        .await;
    let (_, page) = app.get_html(&format!("/ateliers/{id}")).await;
    assert!(page.contains("<strong>bancaire</strong>"));
    assert!(
        !page.contains("<script>alert(1)"),
        "the description is sanitised"
    );

    let mut bad = form("999".into());
    bad[7].1 = "40".into();
    let body: Vec<(&str, &str)> = bad.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let refused = app.post_form("/espace-pro/ateliers", &body).await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("Choisissez un lieu de la liste"));

    // Another organisation's coordinator cannot cancel it.
    let bank = app
        .store
        .ensure_organisation("Banque Exemple", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let hash = hash_password("une longue phrase de passe".into())
        .await
        .unwrap();
    app.store
        .create_staff(
            bank,
            "coord@banque.example",
            "Marc",
            Role::Coordinator,
            &hash,
            false,
            0,
        )
        .await
        .unwrap();
    app.post_form("/deconnexion", &[]).await;
    app.post_form(
        "/connexion",
        &[
            ("email", "coord@banque.example"),
            ("password", "une longue phrase de passe"),
        ],
    )
    .await;
    assert_eq!(
        app.post_form(&format!("/espace-pro/ateliers/{id}/annuler"), &[])
            .await
            .status(),
        403
    );
    let (_, mine) = app.get_html("/espace-pro/ateliers").await;
    assert!(
        !mine.contains("Ouvrir un compte"),
        "only one's own organisation's workshops"
    );

    app.post_form("/deconnexion", &[]).await;
    app.post_form(
        "/connexion",
        &[
            ("email", "coord@ccas.example"),
            ("password", "une longue phrase de passe"),
        ],
    )
    .await;
    assert_eq!(
        app.post_form(&format!("/espace-pro/ateliers/{id}/annuler"), &[])
            .await
            .status(),
        303
    );
    let (_, list) = app.get_html("/ateliers").await;
    assert!(
        !list.contains("Ouvrir un compte"),
        "a cancelled workshop leaves the list"
    );
    let (_, page) = app.get_html(&format!("/ateliers/{id}")).await;
    assert!(page.contains("Cet atelier est annulé."));
    assert!(page.contains("Les inscriptions à cet atelier sont closes."));
}

#[tokio::test]
async fn trainers_cannot_manage_workshops_and_only_admins_add_places() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let hash = hash_password("une longue phrase de passe".into())
        .await
        .unwrap();
    app.store
        .create_staff(
            s.ccas,
            "formateur@ccas.example",
            "Léo",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap();
    app.post_form(
        "/connexion",
        &[
            ("email", "formateur@ccas.example"),
            ("password", "une longue phrase de passe"),
        ],
    )
    .await;
    assert_eq!(app.get_html("/espace-pro/ateliers").await.0, 403);
    assert_eq!(
        app.post_form("/espace-pro/ateliers", &[("title", "x")])
            .await
            .status(),
        403
    );
    assert_eq!(
        app.post_form("/espace-pro/lieux", &[("name", "x")])
            .await
            .status(),
        403
    );
    app.post_form("/deconnexion", &[]).await;
    app.post_form(
        "/connexion",
        &[
            ("email", "coord@ccas.example"),
            ("password", "une longue phrase de passe"),
        ],
    )
    .await;
    assert_eq!(app.get_html("/espace-pro/ateliers").await.0, 200);
    assert_eq!(
        app.get_html("/espace-pro/lieux").await.0,
        403,
        "places are for admins"
    );
    assert_eq!(
        app.post_form("/espace-pro/lieux", &[("name", "x")])
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn mon_parcours_suggests_upcoming_workshops_on_the_themes_a_resident_struggled_with() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    workshop(&app, &s, 12, 0).await;
    // A budget quiz answered badly (1 out of 4, below 70 %).
    app.post_form(
        "/modules/budget-au-quotidien/le-reste-a-vivre/quiz",
        &[("q0", "400"), ("q1", "0"), ("q2", "300"), ("q3", "0")],
    )
    .await;
    let (_, page) = app.get_html("/mon-parcours").await;
    assert!(page.contains("Un atelier peut vous aider"));
    assert!(
        page.contains("Faire son budget du mois"),
        "the budget workshop is suggested"
    );
}

/// A request cancelled at the wrong moment (the client gone between `BEGIN IMMEDIATE`
/// and the value sqlx makes to own it) leaves a pooled connection inside a transaction
/// that nothing will end. Made here by hand: the pool must roll it back when the
/// connection comes back, or every later sign-up waits on its lock (SQLite: the write
/// lock, until the 10-second busy time-out; PostgreSQL: a table lock, for ever).
#[tokio::test]
async fn a_transaction_left_open_on_a_pooled_connection_does_not_block_the_next_sign_up() {
    use sqlx::{Database, TransactionManager};
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    match app.store.db() {
        app::db::Db::Sqlite(pool) => {
            let mut conn = pool.acquire().await.unwrap();
            <sqlx::Sqlite as Database>::TransactionManager::begin(
                &mut conn,
                Some("BEGIN IMMEDIATE".into()),
            )
            .await
            .unwrap();
        }
        app::db::Db::Postgres(pool) => {
            let mut conn = pool.acquire().await.unwrap();
            <sqlx::Postgres as Database>::TransactionManager::begin(&mut conn, None)
                .await
                .unwrap();
            sqlx::query("LOCK TABLE registrations, event_counters IN EXCLUSIVE MODE")
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
    let started = std::time::Instant::now();
    let response = tokio::time::timeout(
        std::time::Duration::from_secs(8),
        app.post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "Inès"), ("seats", "1")],
        ),
    )
    .await
    .expect("the sign-up waited on a lock nobody holds any more");
    assert_eq!(response.status(), 303);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {id}"
        ))
        .await,
        1
    );
}
