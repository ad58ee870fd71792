//! Calendar files: one `.ics` per workshop and the feed, checked line by line and read
//! back with the `icalendar` crate's parser; SEQUENCE and STATUS follow a cancellation.
use crate::helpers::{
    new_workshop, new_workshop_at, spawn_app, workshop_setup, TestApp, WorkshopSetup, DAY,
};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime};

/// Fetches a calendar file: (status, content type, content disposition, body).
async fn fetch(app: &TestApp, path: &str) -> (u16, String, String, String) {
    let response = app.get(path).await;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    let status = response.status().as_u16();
    (
        status,
        content_type,
        disposition,
        response.text().await.unwrap(),
    )
}

/// The checks every calendar file must pass, then the file parsed.
fn valid_calendar(body: &str) -> icalendar::Calendar {
    assert!(
        body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{body}"
    );
    assert!(body.ends_with("END:VCALENDAR\r\n"), "{body}");
    assert_eq!(
        body.matches("BEGIN:VEVENT\r\n").count(),
        body.matches("END:VEVENT\r\n").count()
    );
    let lines: Vec<&str> = body.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains('\n'), "a bare LF ends a line: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    body.parse::<icalendar::Calendar>()
        .expect("the icalendar parser reads the file")
}

fn utc(timestamp: i64) -> DatePerhapsTime {
    DatePerhapsTime::DateTime(CalendarDateTime::Utc(
        chrono::DateTime::from_timestamp(timestamp, 0).unwrap(),
    ))
}

/// The feed's events: (UID, SEQUENCE, STATUS).
fn feed_events(calendar: &icalendar::Calendar) -> Vec<(String, u32, String)> {
    calendar
        .events()
        .map(|e| {
            (
                e.get_uid().unwrap_or_default().to_string(),
                e.get_sequence().unwrap_or(99),
                e.property_value("STATUS").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

async fn cancel(app: &TestApp, s: &WorkshopSetup, id: i64) {
    assert!(app
        .store
        .cancel_workshop(id, s.ccas, app::state::unix_now())
        .await
        .unwrap());
}

#[tokio::test]
async fn a_workshop_calendar_file_holds_the_workshop_at_its_exact_times() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 12, 0).await;
    let workshop = app.store.workshop(id).await.unwrap().unwrap();
    let (status, content_type, disposition, body) =
        fetch(&app, &format!("/ateliers/{id}/atelier.ics")).await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    assert_eq!(
        disposition,
        format!("attachment; filename=\"atelier-{id}.ics\"")
    );
    let calendar = valid_calendar(&body);
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    assert_eq!(
        event.get_uid(),
        Some(format!("atelier-{id}@reperes.local").as_str())
    );
    assert_eq!(event.get_start(), Some(utc(workshop.starts_at)));
    assert_eq!(event.get_end(), Some(utc(workshop.ends_at)));
    assert!(event.get_timestamp().is_some(), "DTSTAMP");
    assert_eq!(event.get_summary(), Some("Faire son budget du mois"));
    assert_eq!(event.get_sequence(), Some(0));
    assert_eq!(event.property_value("STATUS"), Some("CONFIRMED"));
    let unfolded = body.replace("\r\n ", "");
    assert!(unfolded.contains("\r\nLOCATION:Salle du CCAS\\, Adresse à compléter\r\n"));
    assert!(
        unfolded.contains("DESCRIPTION:Venez avec vos questions.\\n\\nThème : Budget"),
        "plain text, no HTML: {unfolded}"
    );
    assert!(!unfolded.contains("<p>"));
}

#[tokio::test]
async fn the_feed_lists_every_upcoming_workshop_and_not_old_ones() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let now = app::state::unix_now();
    let mut upcoming = Vec::new();
    for days in [3, 8, 15] {
        upcoming.push(new_workshop_at(&app, &s, now + days * DAY, 12, 0).await);
    }
    let old = new_workshop_at(&app, &s, now - 60 * DAY, 12, 0).await;
    let (status, content_type, _, body) = fetch(&app, "/ateliers.ics").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/calendar; charset=utf-8");
    let calendar = valid_calendar(&body);
    let uids: Vec<String> = feed_events(&calendar).into_iter().map(|e| e.0).collect();
    let expected: Vec<String> = upcoming
        .iter()
        .map(|id| format!("atelier-{id}@reperes.local"))
        .collect();
    assert_eq!(uids, expected, "by date, the old one left out");
    assert!(!body.contains(&format!("atelier-{old}@")));
    assert_eq!(calendar.get_name(), Some("Ateliers Repères"));
}

#[tokio::test]
async fn cancelling_a_workshop_raises_its_sequence_and_the_feed_marks_it_cancelled() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let kept = new_workshop(&app, &s, 12, 0).await;
    let cancelled = new_workshop(&app, &s, 12, 0).await;
    let (_, _, _, before) = fetch(&app, "/ateliers.ics").await;
    assert_eq!(
        feed_events(&valid_calendar(&before)),
        vec![
            (
                format!("atelier-{kept}@reperes.local"),
                0,
                "CONFIRMED".into()
            ),
            (
                format!("atelier-{cancelled}@reperes.local"),
                0,
                "CONFIRMED".into()
            ),
        ]
    );

    cancel(&app, &s, cancelled).await;
    let (_, _, _, after) = fetch(&app, "/ateliers.ics").await;
    assert_eq!(
        feed_events(&valid_calendar(&after)),
        vec![
            (
                format!("atelier-{kept}@reperes.local"),
                0,
                "CONFIRMED".into()
            ),
            (
                format!("atelier-{cancelled}@reperes.local"),
                1,
                "CANCELLED".into()
            ),
        ],
        "the cancelled workshop stays in the feed, so calendars drop it"
    );
    let (status, _, _, file) = fetch(&app, &format!("/ateliers/{cancelled}/atelier.ics")).await;
    assert_eq!(status, 200);
    let calendar = valid_calendar(&file);
    let event = calendar.events().next().unwrap();
    assert_eq!(event.get_sequence(), Some(1));
    assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(
        event.get_uid(),
        Some(format!("atelier-{cancelled}@reperes.local").as_str()),
        "same UID: calendars update the event they have"
    );
}

#[tokio::test]
async fn an_unknown_workshop_has_no_calendar_file() {
    let app = spawn_app().await;
    for path in [
        "/ateliers/999999/atelier.ics",
        "/ateliers/abc/atelier.ics",
        "/ateliers/-1/atelier.ics",
    ] {
        let (status, page) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains("Page introuvable"), "the French 404 page");
    }
    // An empty feed is still a valid calendar.
    let (status, _, _, body) = fetch(&app, "/ateliers.ics").await;
    assert_eq!(status, 200);
    assert_eq!(valid_calendar(&body).events().count(), 0);
}

#[tokio::test]
async fn the_pages_link_to_the_calendar_files() {
    let app = spawn_app().await;
    let s = workshop_setup(&app).await;
    let id = new_workshop(&app, &s, 12, 0).await;
    let (_, list) = app.get_html("/ateliers").await;
    assert!(list.contains("href=\"/ateliers.ics\""));
    assert!(
        list.contains("S&#x27;abonner au calendrier des ateliers (.ics)")
            || list.contains("S'abonner au calendrier des ateliers (.ics)")
    );
    let link = format!("href=\"/ateliers/{id}/atelier.ics\"");
    let (_, page) = app.get_html(&format!("/ateliers/{id}")).await;
    assert!(page.contains(&link) && page.contains("Ajouter à mon agenda (.ics)"));
    let booked = app
        .post_form(
            &format!("/ateliers/{id}/inscription"),
            &[("first_name", "Samia"), ("seats", "1")],
        )
        .await;
    let location = booked.headers()["location"].to_str().unwrap().to_string();
    let (_, confirmation) = app.get_html(&location).await;
    assert!(
        confirmation.contains(&link),
        "the booking page links to the file"
    );
}
