//! The partnership's dashboard against a scenario played through HTTP whose counts are
//! known: lesson reads, quizzes, a budget tool, self-checks, sign-ups with a waitlist,
//! attendance (changed once), a joint session. Figures from 1 to 4 show as "< 5";
//! "forget me" afterwards changes nothing; each CSV file, read by a standard CSV
//! reader, holds the rows of its table on the page.
use crate::{
    helpers::{as_anonymous, as_user, new_workshop, spawn_app, workshop_setup, TestApp},
    quizzes::{post_fields, right_answers},
};
use app::{
    dashboard::model::Report,
    quizzes::model::QuizKey,
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
};

const LESSON: &str = "/modules/budget-au-quotidien/le-reste-a-vivre";

async fn report(staff: &TestApp) -> Report {
    staff
        .client
        .post(staff.url("/api/dashboard/report"))
        .form(&[("grouping", "mois"), ("period", "tout")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The row of table `table` whose label is `label`, as shown.
fn row(report: &Report, table: &str, label: &str) -> Vec<String> {
    let t = report.tables.iter().find(|t| t.id == table).expect(table);
    t.rows
        .iter()
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("{label} in {table}: {:?}", t.rows))
        .clone()
}

fn strs(row: &[&str]) -> Vec<String> {
    row.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn the_dashboard_counts_a_known_scenario_hides_small_figures_and_survives_forget_me() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let coordinator = as_user(&app, "coord@ccas.example").await;

    // Lessons: 7 page views by two people, 2 of them mark the lesson read (twice for A).
    let (a, b) = (as_anonymous(&app), as_anonymous(&app));
    for _ in 0..6 {
        assert_eq!(a.get(LESSON).await.status(), 200);
    }
    assert_eq!(b.get(LESSON).await.status(), 200);
    for v in [&a, &a, &b] {
        assert_eq!(
            v.post_form(&format!("{LESSON}/lue"), &[]).await.status(),
            303
        );
    }

    // Quizzes: 5 right attempts, 1 with one question wrong.
    let key = QuizKey {
        module: "budget-au-quotidien".into(),
        lesson: Some("le-reste-a-vivre".into()),
    };
    let right = right_answers(&app, &key).await;
    for _ in 0..5 {
        assert_eq!(
            post_fields(&a, &format!("{LESSON}/quiz"), &right)
                .await
                .status(),
            303
        );
    }
    let quiz = app.store.load_quiz(&key).await.unwrap().unwrap();
    // The first choice question, answered with a wrong choice.
    let (index, wrong_choice) = quiz
        .questions
        .iter()
        .enumerate()
        .find_map(|(i, q)| {
            q.question
                .choices
                .iter()
                .position(|c| !c.correct)
                .map(|c| (i, c))
        })
        .expect("a question with a wrong choice");
    let field = format!("q{index}");
    let mut wrong = right.clone();
    wrong.retain(|(k, _)| *k != field);
    wrong.push((field, wrong_choice.to_string()));
    assert_eq!(
        post_fields(&b, &format!("{LESSON}/quiz"), &wrong)
            .await
            .status(),
        303
    );

    // A budget tool opened 6 times and computed 5 times without JavaScript (the page
    // shown again after a post is not an opening), one refused form not counted.
    for _ in 0..6 {
        assert_eq!(a.get("/outils-budget/endettement").await.status(), 200);
    }
    for _ in 0..5 {
        let r = a
            .post_form(
                "/outils-budget/endettement",
                &[("income", "2000"), ("repayments", "300")],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    let r = a
        .post_form(
            "/outils-budget/endettement",
            &[("income", ""), ("repayments", "300")],
        )
        .await;
    assert_eq!(r.status(), 422);

    // Self-checks: 5 "restez attentif", 1 "vous gérez".
    for _ in 0..5 {
        b.post_form("/ou-en-suis-je", &[("retard", "oui")]).await;
    }
    b.post_form("/ou-en-suis-je", &[]).await;

    // A 6-seat workshop: 7 sign-ups (6 confirmed, 1 waiting); once started, attendance
    // 4 present and 2 absent, then one absent corrected to present.
    let w = new_workshop(&app, &s, 6, 0).await;
    for i in 0..7 {
        let name = format!("Personne {i}");
        let r = as_anonymous(&app)
            .post_form(
                &format!("/ateliers/{w}/inscription"),
                &[("first_name", &name), ("seats", "1")],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    crate::helpers::move_session_to_past(&app, w).await;
    let ids: Vec<i64> = {
        let mut ids = Vec::new();
        for i in 0..6 {
            ids.push(
                app.count(&format!(
                    "SELECT id FROM registrations WHERE first_name = 'Personne {i}'"
                ))
                .await,
            );
        }
        ids
    };
    let marks: Vec<(String, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("presence-{id}"), if i < 4 { "oui" } else { "non" }))
        .collect();
    let form: Vec<(&str, &str)> = marks.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let manage = format!("/espace-pro/ateliers/{w}/presences");
    assert_eq!(coordinator.post_form(&manage, &form).await.status(), 303);
    let fix = format!("presence-{}", ids[4]);
    assert_eq!(
        coordinator
            .post_form(&manage, &[(fix.as_str(), "oui")])
            .await
            .status(),
        303
    );

    // A joint session between the CCAS and a bank.
    let bank = app
        .store
        .ensure_organisation("Banque du Doubs", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let hash = hash_password(crate::helpers::STAFF_PASSWORD.into())
        .await
        .unwrap();
    let bruno = app
        .store
        .create_staff(
            bank,
            "bruno@banque.example",
            "Bruno",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    // Soon, so that every event of the scenario falls in the same month.
    let start = app::state::unix_now() + 3600;
    let proposal = app::joint::model::ValidProposal {
        kind: app::joint::model::SessionKind::ResidentWorkshop,
        title: "Budget à deux voix".into(),
        theme: "budget".into(),
        description: String::new(),
        place_id: s.place,
        capacity: 10,
        slots: vec![(start, start + 3600)],
        invitees: vec![bruno],
    };
    let p = app
        .store
        .create_proposal(s.ccas, s.coordinator, &proposal, 0)
        .await
        .unwrap();
    let slot = app.store.proposal(p).await.unwrap().unwrap().slots[0].id;
    app.store
        .answer_proposal(p, bruno, &[(slot, true)], 0)
        .await
        .unwrap();
    let confirmed = app
        .store
        .confirm_slot(p, slot, s.coordinator, 0, 0)
        .await
        .unwrap();
    assert!(matches!(
        confirmed,
        app::joint::store::Confirmation::Confirmed { .. }
    ));

    // The figures.
    let r = report(&coordinator).await;
    let module = "Tenir son budget au quotidien";
    assert_eq!(row(&r, "lecons", module), strs(&[module, "7", "< 5"]));
    let quiz_row = r.tables.iter().find(|t| t.id == "quiz").unwrap().rows[0].clone();
    assert_eq!(
        quiz_row[1], "—",
        "the total would give the hidden band away"
    );
    assert_eq!(quiz_row[4], "5", "proficient");
    let questions = &r.tables.iter().find(|t| t.id == "questions").unwrap().rows;
    assert_eq!(questions.len(), 1, "one question was failed");
    assert_eq!(questions[0][1..], strs(&["6", "< 5", "—"]));
    assert!(questions[0][0].contains(&format!("question {}", index + 1)));
    assert_eq!(
        row(&r, "outils", "Mon taux d'endettement"),
        strs(&["Mon taux d'endettement", "6", "5"])
    );
    assert_eq!(
        row(&r, "outils", "Mon budget du mois"),
        strs(&["Mon budget du mois", "0", "0"])
    );
    assert_eq!(
        row(&r, "outils", "Estimation rapide"),
        strs(&["Estimation rapide", "—", "0"])
    );
    assert_eq!(
        row(&r, "auto-diagnostic", "Restez attentif"),
        strs(&["Restez attentif", "5"])
    );
    assert_eq!(
        row(&r, "auto-diagnostic", "Vous gérez"),
        strs(&["Vous gérez", "< 5"])
    );
    assert_eq!(
        row(&r, "auto-diagnostic", "Parlez-en vite"),
        strs(&["Parlez-en vite", "0"])
    );
    // held, seats, booked, waiting, present, absent, confirmed sign-ups, waiting sign-ups, fill.
    assert_eq!(
        row(&r, "ateliers", "Atelier pour les habitants")[1..],
        strs(&["< 5", "6", "—", "< 5", "5", "< 5", "6", "< 5", "—"]),
        "booked seats would give the hidden absences away"
    );
    assert_eq!(
        row(&r, "seances-communes", "CCAS de Besançon"),
        strs(&["CCAS de Besançon", "< 5"])
    );
    assert_eq!(
        row(&r, "seances-communes", "Banque du Doubs"),
        strs(&["Banque du Doubs", "< 5"])
    );

    // The last absence corrected too: nothing is hidden any more, so the booked seats
    // and the fill rate show.
    let last = format!("presence-{}", ids[5]);
    assert_eq!(
        coordinator
            .post_form(&manage, &[(last.as_str(), "oui")])
            .await
            .status(),
        303
    );
    let r = report(&coordinator).await;
    assert_eq!(
        row(&r, "ateliers", "Atelier pour les habitants")[1..],
        strs(&["< 5", "6", "6", "< 5", "6", "0", "6", "< 5", "100 %"])
    );

    // The page shows the same cells; each CSV file holds the same rows.
    let (status, html) = coordinator
        .get_html("/espace-pro/tableau-de-bord?vue=mois&periode=tout")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg"), "charts");
    for table in &r.tables {
        for cells in &table.rows {
            for cell in &cells[1..] {
                let escaped = cell.replace('<', "&lt;");
                assert!(
                    html.contains(&format!("<td>{escaped}</td>")),
                    "{cell} of {} on the page",
                    table.id
                );
            }
        }
        let response = coordinator
            .get(&format!(
                "/espace-pro/tableau-de-bord/{}.csv?vue=mois&periode=tout",
                table.id
            ))
            .await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let text = response.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers, table.columns);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows, table.rows, "{} as CSV", table.id);
    }
    assert_eq!(
        coordinator
            .get("/espace-pro/tableau-de-bord/inconnu.csv")
            .await
            .status(),
        404
    );
    assert_eq!(
        as_anonymous(&app)
            .get("/espace-pro/tableau-de-bord/lecons.csv")
            .await
            .status(),
        401
    );

    // By quarter, the same figures; "forget me" changes none of them.
    let quarter: Report = coordinator
        .client
        .post(coordinator.url("/api/dashboard/report"))
        .form(&[("grouping", "trimestre"), ("period", "")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(quarter.period.contains("-T"));
    assert_eq!(quarter.tables, r.tables);
    for v in [&a, &b] {
        assert_eq!(
            v.post_form("/mon-parcours/oublier", &[]).await.status(),
            303
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM learners").await, 0);
    assert_eq!(report(&coordinator).await.tables, r.tables);
}
