//! Notifications: messages are queued with the change they announce and sent once by
//! the outbox worker to a local SMTP sink; contacts are erased after the retention
//! period while the anonymous counts remain.
use crate::helpers::{
    new_workshop as workshop, spawn_app, workshop_setup as setup, SmtpSink, TestApp,
};
use app::state::{unix_now, Settings};
use server::mail::{deliver_once, Mailer};

fn settings() -> Settings {
    Settings {
        site_url: "https://reperes.example".into(),
        ..Settings::default()
    }
}

async fn sign_up(app: &TestApp, id: i64, form: &[(&str, &str)]) -> String {
    let response = app
        .post_form(&format!("/ateliers/{id}/inscription"), form)
        .await;
    assert_eq!(response.status(), 303, "sign-up accepted");
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn send_all(app: &TestApp, sink: &SmtpSink) -> server::mail::Delivered {
    let mailer = Mailer::new(Some(&sink.url), "Repères <ne-pas-repondre@reperes.example>").unwrap();
    deliver_once(&app.store, &mailer, &settings(), unix_now())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sign_up_with_an_email_gets_its_confirmation_with_the_private_link() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    let with_mail = sign_up(
        &app,
        id,
        &[
            ("first_name", "Samia"),
            ("email", "samia@exemple.fr"),
            ("consent", "oui"),
            ("seats", "2"),
        ],
    )
    .await;
    sign_up(&app, id, &[("first_name", "Karim")]).await;
    let sink = SmtpSink::start().await;
    let done = send_all(&app, &sink).await;
    assert_eq!(done.sent, 1, "only the person who left an e-mail gets one");
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert!(m.contains("To: samia@exemple.fr"), "{m}");
    assert!(m.contains("Bonjour Samia"), "{m}");
    assert!(
        m.contains(&format!("https://reperes.example{with_mail}")),
        "the private link: {m}"
    );
    assert!(
        m.contains("Faire son budget du mois") && m.contains("Places : 2"),
        "{m}"
    );
    // Sent once: the next pass sends nothing, and the link is no longer stored.
    assert_eq!(send_all(&app, &sink).await.sent, 0);
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE payload <> ''")
            .await,
        0
    );
}

#[tokio::test]
async fn cancelling_a_confirmed_booking_promotes_the_first_waiting_and_queues_exactly_one_message()
{
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 2, 0).await;
    let first = sign_up(&app, id, &[("first_name", "A")]).await;
    sign_up(&app, id, &[("first_name", "X")]).await;
    sign_up(
        &app,
        id,
        &[
            ("first_name", "B"),
            ("email", "b@exemple.fr"),
            ("consent", "oui"),
        ],
    )
    .await;
    sign_up(
        &app,
        id,
        &[
            ("first_name", "C"),
            ("email", "c@exemple.fr"),
            ("consent", "oui"),
        ],
    )
    .await;
    let sink = SmtpSink::start().await;
    assert_eq!(
        send_all(&app, &sink).await.sent,
        2,
        "two 'waitlisted' messages"
    );
    assert!(sink
        .messages()
        .iter()
        .all(|m| m.contains("liste d'attente")));

    app.post_form(&format!("{first}/annuler"), &[]).await;
    let promoted = app
        .count("SELECT COUNT(*) FROM outbox WHERE kind = 'promoted'")
        .await;
    assert_eq!(promoted, 1, "exactly one message queued");
    let to_b = app
        .count("SELECT COUNT(*) FROM outbox o JOIN registrations r ON r.id = o.registration_id WHERE o.kind = 'promoted' AND r.first_name = 'B'")
        .await;
    assert_eq!(to_b, 1, "to the first on the waitlist");
    assert_eq!(send_all(&app, &sink).await.sent, 1);
    let last = sink.messages().last().cloned().unwrap();
    assert!(
        last.contains("To: b@exemple.fr") && last.contains("une place s'est libérée"),
        "{last}"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM registrations WHERE first_name = 'C' AND status = 'waitlisted'"
        )
        .await,
        1,
        "one seat freed: the second person still waits"
    );
}

#[tokio::test]
async fn inside_the_cut_off_a_freed_seat_waits_for_a_coordinator() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 1, 0).await;
    let first = sign_up(&app, id, &[("first_name", "A")]).await;
    sign_up(&app, id, &[("first_name", "B")]).await;
    // The workshop is in 7 days: with a 8-day cut-off, we are inside it.
    let token_hash = app::workshops::tokens::hash(first.rsplit('/').next().unwrap());
    let promoted = app
        .store
        .cancel_registration(&token_hash, unix_now(), 8 * 24 * 3600)
        .await
        .unwrap()
        .unwrap();
    assert!(promoted.is_empty());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE status = 'waitlisted'")
            .await,
        1
    );
    // The coordinator of another organisation cannot; theirs can.
    assert_eq!(
        app.store
            .promote_waitlist(id, s.ccas + 999, unix_now())
            .await
            .unwrap(),
        None
    );
    let promoted = app
        .store
        .promote_waitlist(id, s.ccas, unix_now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(promoted.len(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'")
            .await,
        1
    );
}

#[tokio::test]
async fn reminders_go_out_once_the_day_before_and_changes_and_cancellations_are_announced() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    sign_up(
        &app,
        id,
        &[
            ("first_name", "Samia"),
            ("email", "samia@exemple.fr"),
            ("consent", "oui"),
        ],
    )
    .await;
    let starts_at = app
        .count(&format!(
            "SELECT starts_at FROM training_sessions WHERE id = {id}"
        ))
        .await;
    let sink = SmtpSink::start().await;
    send_all(&app, &sink).await;
    assert_eq!(
        app.store.queue_reminders(unix_now()).await.unwrap(),
        0,
        "not yet: 7 days ahead"
    );
    let day_before = starts_at - 20 * 3600;
    assert_eq!(app.store.queue_reminders(day_before).await.unwrap(), 1);
    assert_eq!(
        app.store.queue_reminders(day_before + 600).await.unwrap(),
        0,
        "once"
    );
    let mailer = Mailer::new(Some(&sink.url), "ne-pas-repondre@reperes.example").unwrap();
    deliver_once(&app.store, &mailer, &settings(), day_before)
        .await
        .unwrap();
    assert!(sink
        .messages()
        .last()
        .unwrap()
        .contains("votre atelier a lieu demain"));

    // Cancelled by the organisers: everyone who left an e-mail is told.
    assert!(app
        .store
        .cancel_workshop(id, s.ccas, unix_now())
        .await
        .unwrap());
    assert_eq!(send_all(&app, &sink).await.sent, 1);
    assert!(sink
        .messages()
        .last()
        .unwrap()
        .contains("ont dû annuler cet atelier"));
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_once() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 50, 0).await;
    for i in 0..30 {
        let name = format!("P{i}");
        let email = format!("p{i}@exemple.fr");
        sign_up(
            &app,
            id,
            &[("first_name", &name), ("email", &email), ("consent", "oui")],
        )
        .await;
    }
    let sink = SmtpSink::start().await;
    // A second instance: its own pool on the same database.
    let other = app::db::Store::connect(&app._db.url).await.unwrap();
    let mailer = Mailer::new(Some(&sink.url), "ne-pas-repondre@reperes.example").unwrap();
    let settings = settings();
    let (a, b) = tokio::join!(
        deliver_once(&app.store, &mailer, &settings, unix_now()),
        deliver_once(&other, &mailer, &settings, unix_now())
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 30);
    let mut to: Vec<String> = sink
        .messages()
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.starts_with("To: "))
                .map(str::to_string)
        })
        .collect();
    to.sort();
    let before = to.len();
    to.dedup();
    assert_eq!(
        (before, to.len()),
        (30, 30),
        "thirty messages, no duplicate"
    );
}

#[tokio::test]
async fn a_failing_server_is_retried_later_then_given_up() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    sign_up(
        &app,
        id,
        &[
            ("first_name", "Samia"),
            ("email", "samia@exemple.fr"),
            ("consent", "oui"),
        ],
    )
    .await;
    // Nothing listens on this port.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let mailer = Mailer::new(Some(&url), "ne-pas-repondre@reperes.example").unwrap();
    let mut now = unix_now();
    let first = deliver_once(&app.store, &mailer, &settings(), now)
        .await
        .unwrap();
    assert_eq!(first.retried, 1);
    assert_eq!(
        deliver_once(&app.store, &mailer, &settings(), now)
            .await
            .unwrap(),
        Default::default(),
        "not before its retry time"
    );
    let mut given_up = 0;
    for _ in 0..10 {
        now += 3600;
        given_up += deliver_once(&app.store, &mailer, &settings(), now)
            .await
            .unwrap()
            .failed;
    }
    assert_eq!(given_up, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND payload = ''")
            .await,
        1
    );
}

#[tokio::test]
async fn names_and_contacts_are_erased_after_the_retention_period_and_the_counts_remain() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let id = workshop(&app, &s, 12, 0).await;
    sign_up(
        &app,
        id,
        &[
            ("first_name", "Samia"),
            ("email", "samia@exemple.fr"),
            ("phone", "0612345678"),
            ("consent", "oui"),
            ("seats", "2"),
        ],
    )
    .await;
    sign_up(&app, id, &[("first_name", "Karim")]).await;
    let ends_at = app
        .count(&format!(
            "SELECT ends_at FROM training_sessions WHERE id = {id}"
        ))
        .await;
    // 29 days after the workshop: still there.
    let purged = server::jobs::purge_once(&app.store, 30, ends_at + 29 * 24 * 3600)
        .await
        .unwrap();
    assert_eq!(purged.contacts, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE contact_email IS NOT NULL")
            .await,
        1
    );
    // 31 days after: gone, names too, and the messages about them.
    let purged = server::jobs::purge_once(&app.store, 30, ends_at + 31 * 24 * 3600)
        .await
        .unwrap();
    assert_eq!(purged.contacts, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registrations WHERE contact_email IS NOT NULL OR contact_phone IS NOT NULL OR first_name <> ''").await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
    // The anonymous counts remain.
    assert_eq!(
        app.count(&format!("SELECT CAST(SUM(seats) AS BIGINT) FROM registrations WHERE session_id = {id} AND status = 'confirmed'")).await,
        3
    );
    assert_eq!(
        server::jobs::purge_once(&app.store, 30, ends_at + 40 * 24 * 3600)
            .await
            .unwrap()
            .contacts,
        0,
        "idempotent"
    );
}
