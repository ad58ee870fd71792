//! The authorisation walk: every staff page, staff form, staff server function and JSON
//! API operation, taken from the router's own lists, is requested with valid arguments
//! and ids of the CCAS's resources as anonymous (401), as a trainer of a bank (403, or
//! 200/303 where any staff member may act) and as the role it is for. Public server
//! functions and API operations must answer the same to all three, never 401 or 403.
//! A route or server function missing from the table fails the test.
use crate::helpers::{
    client, new_workshop, spawn_app, workshop_as_new, workshop_setup, TestApp, TestDb,
    STAFF_PASSWORD,
};
use app::{
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
    workshops::{model::SignUp, tokens},
};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Admin,
    Coordinator,
    /// The bank trainer, when any staff member may act.
    AnyStaff,
}

/// What each of the three must get.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Anonymous 401, the bank trainer `stranger`, `actor` gets `ok`.
    Staff {
        stranger: u16,
        actor: Actor,
        ok: u16,
    },
    /// The same for everyone, neither 401 nor 403.
    Public,
}

#[derive(Clone, Debug)]
enum Body {
    None,
    Form(Vec<(String, String)>),
    Json(Value),
}

#[derive(Clone, Debug)]
struct Case {
    method: &'static str,
    /// The route as the router lists it (`{id}` placeholders).
    template: String,
    path: String,
    body: Body,
    expect: Expect,
}

fn form(pairs: &[(&str, &str)]) -> Body {
    Body::Form(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn staff(stranger: u16, actor: Actor, ok: u16) -> Expect {
    Expect::Staff {
        stranger,
        actor,
        ok,
    }
}

/// A client of the app logged in as `email` (or anonymous).
async fn visitor(app: &TestApp, email: Option<&str>) -> TestApp {
    let v = TestApp {
        address: app.address.clone(),
        client: client(),
        store: app.store.clone(),
        _db: TestDb::borrowed(),
    };
    if let Some(email) = email {
        let r = v
            .post_form(
                "/connexion",
                &[("email", email), ("password", STAFF_PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 303, "{email} logs in");
    }
    v
}

async fn send(v: &TestApp, case: &Case) -> u16 {
    let url = v.url(&case.path);
    let request = match case.method {
        "GET" => v.client.get(&url),
        "DELETE" => v.client.delete(&url),
        _ => v.client.post(&url),
    };
    let request = match &case.body {
        Body::None => request,
        Body::Form(pairs) => request.form(pairs),
        Body::Json(value) => request.json(value),
    };
    request.send().await.expect("request").status().as_u16()
}

fn unique(name: &str) -> String {
    format!("{name}-{}", tokens::new_token())
}

#[tokio::test]
async fn every_staff_route_and_server_function_answers_401_403_or_200_as_it_should() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let hash = hash_password(STAFF_PASSWORD.into()).await.unwrap();
    app.store
        .create_staff(
            s.ccas,
            "admin@ccas.example",
            "Claire Admin",
            Role::Admin,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let ccas_trainer = app
        .store
        .create_staff(
            s.ccas,
            "formatrice@ccas.example",
            "Léa",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let bank = app
        .store
        .ensure_organisation("Banque partenaire", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    app.store
        .create_staff(
            bank,
            "formateur@banque.example",
            "Bruno",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    // The CCAS's resources: a workshop with a resident booking and a staff booking, and
    // one that has started (for attendance).
    let w = new_workshop(&app, &s, 12, 2).await;
    let token = tokens::new_token();
    let signup = |name: &str| SignUp {
        first_name: name.into(),
        email: None,
        phone: None,
        seats: 1,
    };
    app.store
        .register(
            w,
            &signup("Samia"),
            "CODE23",
            &tokens::hash(&token),
            None,
            None,
            "",
            0,
        )
        .await
        .unwrap();
    app.store
        .register(
            w,
            &signup("M. D."),
            "CODE24",
            &tokens::hash(&tokens::new_token()),
            None,
            Some(s.coordinator),
            "",
            0,
        )
        .await
        .unwrap();
    let staff_booking = app
        .count("SELECT id FROM registrations WHERE first_name = 'M. D.'")
        .await;
    let started = new_workshop(&app, &s, 12, 0).await;
    let booked = app
        .count(&format!(
            "SELECT COUNT(*) FROM registrations WHERE session_id = {started}"
        ))
        .await;
    assert_eq!(booked, 0);
    app.store
        .register(
            started,
            &signup("Karim"),
            "CODE25",
            &tokens::hash(&tokens::new_token()),
            None,
            None,
            "",
            0,
        )
        .await
        .unwrap();
    let past = app::state::unix_now() - 3600;
    {
        let mut n = workshop_as_new(&app, started, &s).await;
        (n.starts_at, n.ends_at, n.signup_deadline) = (past, past + 7200, past);
        app.store
            .update_workshop(started, s.ccas, &n, None, 0)
            .await
            .unwrap();
    }
    let karim = app
        .count("SELECT id FROM registrations WHERE first_name = 'Karim'")
        .await;
    // Joint sessions: one proposed by Léa to the coordinator (to answer), one by the
    // coordinator that Bruno can come to (to confirm), one to withdraw; and a declared
    // unavailability of the coordinator.
    let bruno = app
        .count("SELECT id FROM staff WHERE email = 'formateur@banque.example'")
        .await;
    let joint = |slot: i64, invitee: i64| app::joint::model::ValidProposal {
        kind: app::joint::model::SessionKind::ResidentWorkshop,
        title: "Séance commune".into(),
        theme: "budget".into(),
        description: String::new(),
        place_id: s.place,
        capacity: 10,
        slots: vec![(slot, slot + 3600)],
        invitees: vec![invitee],
    };
    let far = app::workshops::model::paris_timestamp("2099-07-01", "10:00").unwrap();
    // Anyone may invite her (the walk deactivates Léa on the way).
    let guest = app
        .store
        .create_staff(
            s.ccas,
            "invitee@ccas.example",
            "Inès",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap()
        .to_string();
    let to_answer = app
        .store
        .create_proposal(s.ccas, ccas_trainer, &joint(far, s.coordinator), 0)
        .await
        .unwrap();
    let to_confirm = app
        .store
        .create_proposal(s.ccas, s.coordinator, &joint(far + 86400, bruno), 0)
        .await
        .unwrap();
    let confirm_slot = app.store.proposal(to_confirm).await.unwrap().unwrap().slots[0].id;
    app.store
        .answer_proposal(to_confirm, bruno, &[(confirm_slot, true)], 0)
        .await
        .unwrap();
    let to_withdraw = app
        .store
        .create_proposal(s.ccas, s.coordinator, &joint(far + 2 * 86400, bruno), 0)
        .await
        .unwrap();
    let answer_slot = app.store.proposal(to_answer).await.unwrap().unwrap().slots[0].id;
    let block = app
        .store
        .add_unavailability(
            s.coordinator,
            &app::joint::model::Unavailable::OneOff {
                starts_at: far,
                ends_at: far + 600,
            },
            "",
            0,
        )
        .await
        .unwrap();
    // A professional training Léa leads with a second bank trainer, that Bruno and the
    // coordinator can sign up for.
    let basile = app
        .store
        .create_staff(
            bank,
            "formateur2@banque.example",
            "Basile",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let training = {
        let mut p = joint(far + 3 * 86400, basile);
        p.kind = app::joint::model::SessionKind::ProfessionalTraining;
        let id = app
            .store
            .create_proposal(s.ccas, ccas_trainer, &p, 0)
            .await
            .unwrap();
        let slot = app.store.proposal(id).await.unwrap().unwrap().slots[0].id;
        app.store
            .answer_proposal(id, basile, &[(slot, true)], 0)
            .await
            .unwrap();
        match app
            .store
            .confirm_slot(id, slot, ccas_trainer, 0, 0)
            .await
            .unwrap()
        {
            app::joint::store::Confirmation::Confirmed { session_id } => session_id.to_string(),
            other => panic!("the training is confirmed: {other:?}"),
        }
    };
    let help_entry = app
        .count("SELECT MIN(id) FROM help_entries")
        .await
        .to_string();
    let help_form = |slug: &str| {
        form(&[
            ("slug", slug),
            ("name", "Service de la marche"),
            ("kind", "association"),
            ("needs", "budget"),
            ("what", "Il aide."),
            ("for_whom", "Pour tous."),
            ("appointment", "unknown"),
            ("last_checked", "2026-11-30"),
            ("active", "oui"),
        ])
    };
    let module: String = app.store.list_modules().await.unwrap()[0].slug.clone();
    let lesson: String = app
        .store
        .module_detail(&module)
        .await
        .unwrap()
        .unwrap()
        .lessons[0]
        .slug
        .clone();

    // Lessons written in the browser: drafts of new lessons by the coordinator (one to
    // save, one submitted, one to delete), one submitted by Léa (to publish) and one by
    // Bruno (to return).
    let lessons: Vec<String> = app
        .store
        .module_detail(&module)
        .await
        .unwrap()
        .unwrap()
        .lessons
        .iter()
        .map(|l| l.slug.clone())
        .collect();
    let valid = app
        .store
        .version_source(&module, &lessons[0], 1)
        .await
        .unwrap()
        .unwrap()
        .0;
    let draft_of = |slug: &'static str, position: i64, author: i64, submit: bool| {
        let (store, module, valid) = (app.store.clone(), module.clone(), valid.clone());
        async move {
            let id = store
                .new_draft(&module, slug, position, &valid, author, 0)
                .await
                .unwrap()
                .unwrap();
            if submit {
                let step = app::lessons::drafts::DraftStep::Submit;
                assert!(store.move_draft(id, author, step, "", 0).await.unwrap());
            }
            id.to_string()
        }
    };
    let coord_draft = draft_of("walk-coord", 20, s.coordinator, false).await;
    let lea_submitted = draft_of("walk-lea", 21, ccas_trainer, true).await;
    let bruno_submitted = draft_of("walk-bruno", 22, bruno, true).await;
    let coord_submitted = draft_of("walk-coord-2", 23, s.coordinator, true).await;
    let coord_discard = draft_of("walk-coord-3", 24, s.coordinator, false).await;

    let workshop_form = |date: &str| {
        let place = s.place.to_string();
        let coordinator = s.coordinator.to_string();
        form(&[
            ("title", "Atelier de la marche"),
            ("theme", "budget"),
            ("date", date),
            ("start", "14:00"),
            ("end", "16:00"),
            ("place", &place),
            ("capacity", "12"),
            ("reserved", "2"),
            ("hosts", &coordinator),
        ])
    };
    let (wid, sid, tid, kid) = (
        w.to_string(),
        started.to_string(),
        ccas_trainer.to_string(),
        karim.to_string(),
    );
    let get = |template: &str, path: String, expect| Case {
        method: "GET",
        template: template.into(),
        path,
        body: Body::None,
        expect,
    };
    let post = |template: &str, path: String, body, expect| Case {
        method: "POST",
        template: template.into(),
        path,
        body,
        expect,
    };
    let fun = |endpoint: &str, body, expect| Case {
        method: "POST",
        template: format!("/api/{endpoint}"),
        path: format!("/api/{endpoint}"),
        body,
        expect,
    };
    use Actor::*;
    let cases = vec![
        // Staff pages.
        get(
            "/espace-pro",
            "/espace-pro".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/mot-de-passe",
            "/espace-pro/mot-de-passe".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/contenu",
            "/espace-pro/contenu".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/reservations",
            "/espace-pro/reservations".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/formations",
            "/espace-pro/formations".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/aide",
            "/espace-pro/aide".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/tableau-de-bord",
            "/espace-pro/tableau-de-bord".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/tableau-de-bord/{file}",
            "/espace-pro/tableau-de-bord/lecons.csv".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/aide/{id}",
            format!("/espace-pro/aide/{help_entry}"),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/journal",
            "/espace-pro/journal".into(),
            staff(403, Admin, 200),
        ),
        get(
            "/espace-pro/comptes",
            "/espace-pro/comptes".into(),
            staff(403, Admin, 200),
        ),
        get(
            "/espace-pro/organisations",
            "/espace-pro/organisations".into(),
            staff(403, Admin, 200),
        ),
        get(
            "/espace-pro/lieux",
            "/espace-pro/lieux".into(),
            staff(403, Admin, 200),
        ),
        get(
            "/espace-pro/ateliers",
            "/espace-pro/ateliers".into(),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/ateliers/{id}",
            format!("/espace-pro/ateliers/{wid}"),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/ateliers/{id}/modifier",
            format!("/espace-pro/ateliers/{wid}/modifier"),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/ateliers/{id}/emargement",
            format!("/espace-pro/ateliers/{wid}/emargement"),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/seances",
            "/espace-pro/seances".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/seances/proposer",
            "/espace-pro/seances/proposer".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/seances/propositions/{id}",
            format!("/espace-pro/seances/propositions/{to_answer}"),
            staff(403, Coordinator, 200),
        ),
        get(
            "/espace-pro/calendrier",
            "/espace-pro/calendrier".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/indisponibilites",
            "/espace-pro/indisponibilites".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/lecons",
            "/espace-pro/lecons".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/lecons/nouvelle",
            "/espace-pro/lecons/nouvelle".into(),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/lecons/brouillons/{id}",
            format!("/espace-pro/lecons/brouillons/{coord_draft}"),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/lecons/historique/{module}/{lesson}",
            format!("/espace-pro/lecons/historique/{module}/{}", lessons[0]),
            staff(200, AnyStaff, 200),
        ),
        get(
            "/espace-pro/lecons/export/{module}",
            format!("/espace-pro/lecons/export/{module}"),
            staff(200, AnyStaff, 200),
        ),
        // Staff server functions.
        fun("staff/me", Body::None, staff(200, AnyStaff, 200)),
        fun("staff/lessons", Body::None, staff(200, AnyStaff, 200)),
        fun(
            "staff/lessons/modules",
            Body::None,
            staff(200, AnyStaff, 200),
        ),
        fun(
            "staff/lessons/draft",
            form(&[("id", &coord_draft)]),
            staff(200, AnyStaff, 200),
        ),
        fun(
            "staff/lessons/history",
            form(&[("module", &module), ("slug", &lessons[0])]),
            staff(200, AnyStaff, 200),
        ),
        // Only the author saves a draft.
        fun(
            "staff/lessons/autosave",
            form(&[
                ("id", &coord_draft),
                ("source", &valid),
                ("easy_source", ""),
            ]),
            staff(403, Coordinator, 200),
        ),
        fun("joint/home", Body::None, staff(200, AnyStaff, 200)),
        fun("joint/form", Body::None, staff(200, AnyStaff, 200)),
        fun(
            "joint/proposal",
            form(&[("id", &to_answer.to_string())]),
            staff(403, Coordinator, 200),
        ),
        fun(
            "joint/calendar",
            form(&[("view", "semaine"), ("day", "2099-07-01"), ("kind", "")]),
            staff(200, AnyStaff, 200),
        ),
        fun(
            "joint/unavailability",
            Body::None,
            staff(200, AnyStaff, 200),
        ),
        fun("staff/content", Body::None, staff(200, AnyStaff, 200)),
        fun(
            "workshops/staff-bookings",
            Body::None,
            staff(200, AnyStaff, 200),
        ),
        fun("workshops/trainings", Body::None, staff(200, AnyStaff, 200)),
        fun("help/staff", Body::None, staff(200, AnyStaff, 200)),
        fun(
            "dashboard/report",
            form(&[("grouping", "trimestre"), ("period", "")]),
            staff(200, AnyStaff, 200),
        ),
        fun(
            "help/entry",
            form(&[("id", &help_entry)]),
            staff(403, Coordinator, 200),
        ),
        fun(
            "help/directory",
            form(&[("need", "debt"), ("query", "banque")]),
            Expect::Public,
        ),
        fun(
            "help/page",
            form(&[("slug", "premier-rendez-vous")]),
            Expect::Public,
        ),
        fun(
            "self-check/advice",
            form(&[("yes", "retard,saisie"), ("no", "credit")]),
            Expect::Public,
        ),
        fun("staff/audit", Body::None, staff(403, Admin, 200)),
        fun("staff/accounts", Body::None, staff(403, Admin, 200)),
        fun("workshops/staff", Body::None, staff(403, Coordinator, 200)),
        fun(
            "workshops/manage",
            form(&[("id", &wid)]),
            staff(403, Coordinator, 200),
        ),
        fun(
            "workshops/form",
            form(&[("id", &wid), ("copy", "true")]),
            staff(403, Coordinator, 200),
        ),
        // Staff forms (the ones with lasting effects come last).
        post(
            "/espace-pro/comptes",
            "/espace-pro/comptes".into(),
            form(&[
                ("name", "Nouvelle Personne"),
                ("email", &format!("{}@ccas.example", unique("n"))),
                ("role", "trainer"),
                ("organisation", &s.ccas.to_string()),
            ]),
            staff(403, Admin, 303),
        ),
        post(
            "/espace-pro/organisations",
            "/espace-pro/organisations".into(),
            form(&[("name", &unique("Banque")), ("kind", "bank")]),
            staff(403, Admin, 303),
        ),
        post(
            "/espace-pro/lieux",
            "/espace-pro/lieux".into(),
            form(&[
                ("name", "Salle B"),
                ("address", "Adresse à compléter"),
                ("capacity", "20"),
            ]),
            staff(403, Admin, 303),
        ),
        post(
            "/espace-pro/comptes/{id}/mot-de-passe",
            format!("/espace-pro/comptes/{tid}/mot-de-passe"),
            form(&[]),
            staff(403, Admin, 303),
        ),
        post(
            "/espace-pro/comptes/{id}/actif",
            format!("/espace-pro/comptes/{tid}/actif"),
            form(&[("actif", "0")]),
            staff(403, Admin, 303),
        ),
        post(
            "/espace-pro/ateliers",
            "/espace-pro/ateliers".into(),
            workshop_form("2099-05-04"),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/ateliers/{id}/modifier",
            format!("/espace-pro/ateliers/{wid}/modifier"),
            workshop_form("2099-05-11"),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/ateliers/{id}/liste-attente",
            format!("/espace-pro/ateliers/{wid}/liste-attente"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/ateliers/{id}/presences",
            format!("/espace-pro/ateliers/{sid}/presences"),
            form(&[(&format!("presence-{kid}"), "oui")]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/reservations/{id}/annuler",
            format!("/espace-pro/reservations/{staff_booking}/annuler"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/reservations",
            "/espace-pro/reservations".into(),
            form(&[("atelier", &wid), ("first_name", "J. B."), ("seats", "1")]),
            staff(303, AnyStaff, 303),
        ),
        // The help directory: a new entry, and a change.
        post(
            "/espace-pro/aide",
            "/espace-pro/aide".into(),
            help_form("walk-new"),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/aide/{id}",
            format!("/espace-pro/aide/{help_entry}"),
            help_form("walk-changed"),
            staff(403, Coordinator, 303),
        ),
        // Any staff member signs up for a training, then withdraws.
        post(
            "/espace-pro/formations/{id}/inscription",
            format!("/espace-pro/formations/{training}/inscription"),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/formations/{id}/desinscription",
            format!("/espace-pro/formations/{training}/desinscription"),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/ateliers/{id}/annuler",
            format!("/espace-pro/ateliers/{wid}/annuler"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/seances/proposer",
            "/espace-pro/seances/proposer".into(),
            form(&[
                ("kind", "professional_training"),
                ("title", "Comprendre l'action sociale"),
                ("theme", "budget"),
                ("place", &s.place.to_string()),
                ("capacity", "10"),
                ("duration", "90"),
                ("slot_date_1", "2099-08-01"),
                ("slot_start_1", "10:00"),
                ("invitees", &guest),
            ]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/seances/propositions/{id}/reponse",
            format!("/espace-pro/seances/propositions/{to_answer}/reponse"),
            form(&[(&format!("slot-{answer_slot}"), "oui")]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/seances/propositions/{id}/confirmer",
            format!("/espace-pro/seances/propositions/{to_confirm}/confirmer"),
            form(&[("slot", &confirm_slot.to_string())]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/seances/propositions/{id}/retirer",
            format!("/espace-pro/seances/propositions/{to_withdraw}/retirer"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/seances/agenda",
            "/espace-pro/seances/agenda".into(),
            form(&[]),
            staff(200, AnyStaff, 200),
        ),
        post(
            "/espace-pro/seances/agenda-organisation",
            "/espace-pro/seances/agenda-organisation".into(),
            form(&[]),
            staff(403, Coordinator, 200),
        ),
        post(
            "/espace-pro/seances/agenda-organisation/revoquer",
            "/espace-pro/seances/agenda-organisation/revoquer".into(),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/seances/agenda/revoquer",
            "/espace-pro/seances/agenda/revoquer".into(),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/indisponibilites",
            "/espace-pro/indisponibilites".into(),
            form(&[
                ("repeat", "hebdomadaire"),
                ("weekday", "1"),
                ("start", "08:00"),
                ("end", "09:00"),
            ]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/indisponibilites/{id}/supprimer",
            format!("/espace-pro/indisponibilites/{block}/supprimer"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        // Lessons: trainers and coordinators write; someone other than the author
        // publishes or returns a draft; only the author saves, takes back or deletes it.
        post(
            "/espace-pro/lecons/brouillons",
            "/espace-pro/lecons/brouillons".into(),
            form(&[("module", &module), ("slug", &lessons[0])]),
            staff(303, AnyStaff, 303),
        ),
        // Bruno opens the draft; the same address a second time is refused (422).
        post(
            "/espace-pro/lecons/nouvelle",
            "/espace-pro/lecons/nouvelle".into(),
            form(&[
                ("module", &module),
                ("slug", "walk-new"),
                ("position", "30"),
            ]),
            staff(303, AnyStaff, 422),
        ),
        post(
            "/espace-pro/lecons/brouillons/{id}",
            format!("/espace-pro/lecons/brouillons/{coord_draft}"),
            form(&[("source", &valid), ("easy_source", ""), ("action", "save")]),
            staff(403, Coordinator, 303),
        ),
        // An image form without its file: refused to the author as incomplete (422).
        post(
            "/espace-pro/lecons/brouillons/{id}/image",
            format!("/espace-pro/lecons/brouillons/{coord_draft}/image"),
            form(&[("alt", "Un relevé")]),
            staff(403, Coordinator, 422),
        ),
        // Bruno publishes Léa's draft; the coordinator then finds it published.
        post(
            "/espace-pro/lecons/brouillons/{id}/publier",
            format!("/espace-pro/lecons/brouillons/{lea_submitted}/publier"),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/lecons/brouillons/{id}/renvoyer",
            format!("/espace-pro/lecons/brouillons/{bruno_submitted}/renvoyer"),
            form(&[("note", "À revoir")]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/lecons/brouillons/{id}/reprendre",
            format!("/espace-pro/lecons/brouillons/{coord_submitted}/reprendre"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/lecons/brouillons/{id}/supprimer",
            format!("/espace-pro/lecons/brouillons/{coord_discard}/supprimer"),
            form(&[]),
            staff(403, Coordinator, 303),
        ),
        post(
            "/espace-pro/lecons/historique/{module}/{lesson}/restaurer",
            format!(
                "/espace-pro/lecons/historique/{module}/{}/restaurer",
                lessons[1]
            ),
            form(&[("version", "1")]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/lecons/historique/{module}/{lesson}/depublier",
            format!(
                "/espace-pro/lecons/historique/{module}/{}/depublier",
                lessons[2]
            ),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        post(
            "/espace-pro/lecons/historique/{module}/{lesson}/republier",
            format!(
                "/espace-pro/lecons/historique/{module}/{}/republier",
                lessons[2]
            ),
            form(&[]),
            staff(303, AnyStaff, 303),
        ),
        // The JSON API's staff operation.
        Case {
            method: "POST",
            template: "/api/v1/workshops".into(),
            path: "/api/v1/workshops".into(),
            body: Body::Json(
                json!({"title": "Par l'API", "theme": "budget", "date": "2099-06-01", "start": "10:00", "end": "12:00", "place_id": s.place, "capacity": 10}),
            ),
            expect: staff(403, Coordinator, 201),
        },
        // Public server functions.
        fun("modules/list", Body::None, Expect::Public),
        fun("staff/reset-offered", Body::None, Expect::Public),
        fun(
            "staff/reset-link",
            form(&[("token", &token)]),
            Expect::Public,
        ),
        fun("modules/detail", form(&[("slug", &module)]), Expect::Public),
        fun(
            "lessons/view",
            form(&[("module", &module), ("slug", &lesson), ("easy", "false")]),
            Expect::Public,
        ),
        fun(
            "lessons/guide",
            form(&[("module", &module)]),
            Expect::Public,
        ),
        fun("glossary", Body::None, Expect::Public),
        fun(
            "lessons/search",
            form(&[("query", "budget")]),
            Expect::Public,
        ),
        fun("progress/mine", Body::None, Expect::Public),
        fun("progress/overview", Body::None, Expect::Public),
        fun("progress/messages", Body::None, Expect::Public),
        fun(
            "quizzes/form",
            form(&[("module", &module), ("lesson", "")]),
            Expect::Public,
        ),
        fun(
            "quizzes/submit",
            form(&[("module", &module), ("lesson", ""), ("answers", "")]),
            Expect::Public,
        ),
        fun(
            "quizzes/correction",
            form(&[("module", &module), ("lesson", "")]),
            Expect::Public,
        ),
        fun(
            "tools/kept",
            form(&[("tool", app::budget::tools::Tool::ALL[0].code())]),
            Expect::Public,
        ),
        fun("workshops/upcoming", Body::None, Expect::Public),
        fun("workshops/detail", form(&[("id", &wid)]), Expect::Public),
        fun(
            "workshops/registration",
            form(&[("token", &token)]),
            Expect::Public,
        ),
        // Public API operations.
        get("/api/v1/modules", "/api/v1/modules".into(), Expect::Public),
        get(
            "/api/v1/modules/{slug}",
            format!("/api/v1/modules/{module}"),
            Expect::Public,
        ),
        get(
            "/api/v1/workshops",
            "/api/v1/workshops".into(),
            Expect::Public,
        ),
        get(
            "/api/v1/workshops/{id}",
            format!("/api/v1/workshops/{sid}"),
            Expect::Public,
        ),
        Case {
            method: "POST",
            template: "/api/v1/workshops/{id}/registrations".into(),
            path: format!(
                "/api/v1/workshops/{}/registrations",
                new_workshop(&app, &s, 12, 0).await
            ),
            body: Body::Json(json!({"first_name": "Inès", "seats": 1})),
            expect: Expect::Public,
        },
        get(
            "/api/v1/registrations/{token}",
            format!("/api/v1/registrations/{token}"),
            Expect::Public,
        ),
        Case {
            method: "DELETE",
            template: "/api/v1/registrations/{token}".into(),
            path: format!("/api/v1/registrations/{token}"),
            body: Body::None,
            expect: Expect::Public,
        },
        // One's own password, then logging in with it (last: it changes who the
        // client is).
        post(
            "/espace-pro/mot-de-passe",
            "/espace-pro/mot-de-passe".into(),
            form(&[
                ("current", STAFF_PASSWORD),
                ("new", "une autre longue phrase"),
                ("confirm", "une autre longue phrase"),
            ]),
            staff(303, AnyStaff, 303),
        ),
        Case {
            method: "POST",
            template: "/api/v1/staff/session".into(),
            path: "/api/v1/staff/session".into(),
            body: Body::Json(
                json!({"email": "formateur@banque.example", "password": "une autre longue phrase"}),
            ),
            expect: Expect::Public,
        },
    ];

    // Nothing the routers list escapes the table.
    let listed: Vec<(String, String)> = cases
        .iter()
        .map(|c| (c.method.to_string(), c.template.clone()))
        .collect();
    let mut missing = Vec::new();
    for route in leptos_axum::generate_route_list(app::app::App) {
        if route.path().starts_with("/espace-pro")
            && !listed.contains(&("GET".into(), route.path().to_string()))
        {
            missing.push(format!("GET {}", route.path()));
        }
    }
    for (path, _) in server::form_routes() {
        if path.starts_with("/espace-pro") && !listed.contains(&("POST".into(), path.clone())) {
            missing.push(format!("POST {path}"));
        }
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        if !listed.contains(&(method.to_string(), path.to_string())) {
            missing.push(format!("server function {method} {path}"));
        }
    }
    let openapi: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, operations) in openapi["paths"].as_object().expect("paths") {
        for method in operations.as_object().expect("operations").keys() {
            let method = method.to_uppercase();
            if !listed.contains(&(method.clone(), path.clone())) {
                missing.push(format!("API {method} {path}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "routes with no expected status: {missing:#?}"
    );

    let anonymous = visitor(&app, None).await;
    let stranger = visitor(&app, Some("formateur@banque.example")).await;
    let admin = visitor(&app, Some("admin@ccas.example")).await;
    let coordinator = visitor(&app, Some("coord@ccas.example")).await;
    let mut wrong = Vec::new();
    for case in &cases {
        let what = format!("{} {}", case.method, case.path);
        match case.expect {
            Expect::Staff {
                stranger: expected,
                actor,
                ok,
            } => {
                let a = send(&anonymous, case).await;
                let st = send(&stranger, case).await;
                let right = match actor {
                    Admin => send(&admin, case).await,
                    Coordinator => send(&coordinator, case).await,
                    AnyStaff => send(&coordinator, case).await,
                };
                if (a, st, right) != (401, expected, ok) {
                    wrong.push(format!(
                        "{what}: got {a}/{st}/{right}, expected 401/{expected}/{ok}"
                    ));
                }
            }
            Expect::Public => {
                let a = send(&anonymous, case).await;
                let st = send(&stranger, case).await;
                let c = send(&coordinator, case).await;
                let refused = [a, st, c].iter().any(|s| *s == 401 || *s == 403);
                // A booking or a cancellation answers 201 then 200 on a replay: compare classes.
                if refused || a / 100 != st / 100 || st / 100 != c / 100 {
                    wrong.push(format!(
                        "{what}: got {a}/{st}/{c}, expected the same success for all"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
