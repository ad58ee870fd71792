//! Calendar files (iCalendar, RFC 5545) for the workshops: one `.ics` per workshop and a
//! feed of them all that calendar apps can subscribe to. The `icalendar` crate writes
//! the format (escaping, CRLF, folding); this module decides what goes in it. It lives in
//! the server crate so that the wasm bundle never carries it.
use app::{
    app::paths,
    error::AppError,
    i18n::{t, t_args, FluentArg, Lang},
    joint::{model::CalendarEntry, store::FeedOwner},
    lessons::model::Theme,
    state::{request_lang, unix_now, AppState},
    workshops::{model::Workshop, tokens},
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use std::sync::Arc;

/// Host used in UIDs when no public address is configured (local runs and tests).
const DEFAULT_HOST: &str = "reperes.local";
/// How often subscribed calendars should fetch the feed again (RFC 7986), so that a
/// cancellation reaches them the same day.
const REFRESH_INTERVAL: &str = "PT1H";
/// How long workshops stay in the feed after they end: a subscribed calendar drops
/// what leaves the feed, and nobody wants a workshop to vanish while they attend it.
pub const FEED_KEEPS_PAST_SECS: i64 = 30 * 24 * 3600;
/// RFC 5545 §3.1: content lines should not be longer than this many octets.
const MAX_LINE_OCTETS: usize = 75;

/// Where the site lives, for stable UIDs and links back to the workshop pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarSite {
    host: String,
    public_url: Option<String>,
}

impl CalendarSite {
    /// From `REPERES_PUBLIC_URL` (`https://reperes.example`), when configured.
    pub fn new(public_url: Option<&str>) -> CalendarSite {
        let public_url = public_url
            .map(|u| u.trim().trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty());
        let host = public_url
            .as_deref()
            .and_then(|u| u.parse::<axum::http::Uri>().ok())
            .and_then(|u| u.host().map(str::to_ascii_lowercase))
            .unwrap_or_else(|| DEFAULT_HOST.to_string());
        CalendarSite { host, public_url }
    }

    /// The UID of a workshop: the same in every file and feed, for as long as the
    /// workshop exists, so that calendars update the event instead of adding another.
    pub fn uid(&self, workshop_id: i64) -> String {
        format!("atelier-{workshop_id}@{}", self.host)
    }

    /// The public page of a workshop, when the public address is known.
    fn page_url(&self, workshop_id: i64) -> Option<String> {
        self.public_url
            .as_ref()
            .map(|base| format!("{base}{}/{workshop_id}", paths::WORKSHOPS))
    }
}

/// The calendar file of one workshop (cancelled or not).
pub fn workshop_file(workshop: &Workshop, site: &CalendarSite, lang: Lang, now: i64) -> String {
    let mut calendar = base_calendar();
    calendar.push(event(workshop, site, lang, now));
    write(&calendar)
}

/// The feed: every workshop given, cancelled ones marked so (calendars then drop them).
pub fn feed(workshops: &[Workshop], site: &CalendarSite, lang: Lang, now: i64) -> String {
    let mut calendar = base_calendar();
    calendar
        .name(&t(lang, "ics-calendar-name"))
        .description(&t(lang, "ics-calendar-description"))
        .append_property(
            Property::new("REFRESH-INTERVAL", REFRESH_INTERVAL)
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", REFRESH_INTERVAL));
    calendar.extend(workshops.iter().map(|w| event(w, site, lang, now)));
    write(&calendar)
}

/// A staff feed: the sessions of one trainer or one organisation (both kinds, the
/// cancelled ones marked so), with the hosts and whether the session is joint.
pub fn sessions_feed(
    entries: &[CalendarEntry],
    name: &str,
    site: &CalendarSite,
    lang: Lang,
    now: i64,
) -> String {
    let mut calendar = base_calendar();
    calendar
        .name(name)
        .append_property(
            Property::new("REFRESH-INTERVAL", REFRESH_INTERVAL)
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", REFRESH_INTERVAL));
    calendar.extend(entries.iter().map(|e| session_event(e, site, lang, now)));
    write(&calendar)
}

fn session_event(e: &CalendarEntry, site: &CalendarSite, lang: Lang, now: i64) -> Event {
    let mut title = one_line(&e.title);
    if e.joint() {
        title = t_args(
            lang,
            "ics-joint-summary",
            &[("title", FluentArg::Text(title))],
        );
    }
    let summary = if e.cancelled {
        t_args(
            lang,
            "ics-cancelled-summary",
            &[("title", FluentArg::Text(title))],
        )
    } else {
        title
    };
    let hosts = e
        .hosts
        .iter()
        .map(|(_, n, _)| n.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let description = [
        t(lang, e.kind.label_key()),
        t_args(
            lang,
            "ics-hosts",
            &[("hosts", FluentArg::Text(one_line(&hosts)))],
        ),
        t_args(
            lang,
            "ics-organiser",
            &[("organisation", FluentArg::Text(e.organisation.clone()))],
        ),
    ]
    .join("\n");
    let mut event = Event::new();
    event
        .uid(&site.uid(e.id))
        .timestamp(utc(now))
        .starts(utc(e.starts_at))
        .ends(utc(e.ends_at))
        .summary(&summary)
        .location(&one_line(&e.place_name))
        .description(&description)
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .status(if e.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    event.done()
}

fn base_calendar() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Repères//Ateliers//FR"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"));
    calendar
}

fn utc(timestamp: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(timestamp, 0).unwrap_or_default()
}

fn event(w: &Workshop, site: &CalendarSite, lang: Lang, now: i64) -> Event {
    let title = one_line(&w.title);
    let summary = if w.cancelled {
        t_args(
            lang,
            "ics-cancelled-summary",
            &[("title", FluentArg::Text(title))],
        )
    } else {
        title
    };
    let location = one_line(&format!("{}, {}", w.place.name, w.place.address));
    let mut event = Event::new();
    event
        .uid(&site.uid(w.id))
        .timestamp(utc(now))
        .starts(utc(w.starts_at))
        .ends(utc(w.ends_at))
        .summary(&summary)
        .location(&location)
        .description(&description(w, site, lang))
        .sequence(u32::try_from(w.sequence).unwrap_or(0))
        .status(if w.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    if let Some(url) = site.page_url(w.id) {
        event.url(&url);
    }
    event.done()
}

/// The plain-text description: the organisers' text, then theme, organiser, access and
/// accessibility of the place, and the link to the page.
fn description(w: &Workshop, site: &CalendarSite, lang: Lang) -> String {
    let arg = |name: &'static str, value: String| [(name, FluentArg::Text(value))];
    let mut parts = Vec::new();
    if w.cancelled {
        parts.push(t(lang, "workshop-cancelled"));
    }
    let text = markdown_text(&w.description);
    if !text.is_empty() {
        parts.push(text);
    }
    let mut facts = Vec::new();
    if let Some(theme) = Theme::parse(&w.theme) {
        let name = t(lang, &theme.label_key());
        facts.push(t_args(lang, "ics-theme", &arg("theme", name)));
    }
    facts.push(t_args(
        lang,
        "ics-organiser",
        &arg("organisation", w.organisation.clone()),
    ));
    if !w.place.access.trim().is_empty() {
        let access = one_line(&w.place.access);
        facts.push(t_args(lang, "ics-access", &arg("access", access)));
    }
    let notes: Vec<String> = [
        w.place.step_free.then(|| t(lang, "place-step-free")),
        w.place.hearing_loop.then(|| t(lang, "place-hearing-loop")),
        Some(one_line(&w.place.accessibility)).filter(|n| !n.is_empty()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !notes.is_empty() {
        let notes = notes.join(" ; ");
        facts.push(t_args(lang, "ics-accessibility", &arg("notes", notes)));
    }
    parts.push(facts.join("\n"));
    if let Some(url) = site.page_url(w.id) {
        parts.push(t_args(lang, "ics-link", &arg("url", url)));
    }
    parts.join("\n\n")
}

/// Text fit for one content value: no control characters (the crate escapes the rest).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a markdown description, as plain text: paragraphs separated by a blank
/// line, list items on their own line, link targets in brackets; raw HTML is dropped.
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event as Md, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut links: Vec<String> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Md::Text(text) | Md::Code(text) => out.push_str(&text),
            Md::SoftBreak => out.push(' '),
            Md::HardBreak => out.push('\n'),
            Md::Start(Tag::Item) => out.push_str("- "),
            Md::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Md::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let external = ["https://", "http://", "mailto:"]
                    .iter()
                    .any(|s| url.starts_with(s));
                if external && !out.ends_with(url.as_str()) {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Md::End(TagEnd::Item) => out.push('\n'),
            Md::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_),
            ) => out.push_str("\n\n"),
            _ => {}
        }
    }
    let text = clean(&out);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    // At most one blank line in a row.
    let mut result: Vec<&str> = Vec::new();
    for line in lines {
        if line.is_empty() && result.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        result.push(line);
    }
    while result.last().is_some_and(|l| l.is_empty()) {
        result.pop();
    }
    result.join("\n")
}

/// Serialises with the crate, then makes sure no line exceeds 75 octets: icalendar
/// 0.17 folds the last piece of a long line without counting the leading space, so a
/// line of 150 octets (or 150 + 74 k) would end in a continuation of 76. Unfolding and
/// folding again on character boundaries keeps the content identical.
fn write(calendar: &Calendar) -> String {
    let text = calendar.to_string();
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        fold_into(&mut out, line);
        out.push_str("\r\n");
    }
    out
}

fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
}

/// The routes of the calendar files, added to the site's router.
pub fn routes(site: CalendarSite) -> Router<AppState> {
    Router::new()
        .route(paths::WORKSHOPS_CALENDAR, get(feed_handler))
        .route("/ateliers/{id}/atelier.ics", get(workshop_handler))
        .route("/agenda/{file}", get(staff_feed_handler))
        .layer(Extension(Arc::new(site)))
}

fn calendar_response(body: String, disposition: HeaderValue) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `GET /ateliers/{id}/atelier.ics`: one workshop, to add to one's calendar.
async fn workshop_handler(
    State(state): State<AppState>,
    Extension(site): Extension<Arc<CalendarSite>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return crate::pages::error_page(AppError::NotFound);
    };
    match state.store.workshop(id).await {
        Ok(Some(workshop)) => {
            let body = workshop_file(&workshop, &site, request_lang(&headers), unix_now());
            calendar_response(
                body,
                crate::headers::attachment(&format!("atelier-{id}.ics")),
            )
        }
        Ok(None) => crate::pages::error_page(AppError::NotFound),
        Err(error) => crate::pages::error_page(error.into()),
    }
}

/// `GET /ateliers.ics`: the feed of the workshops, for calendar subscriptions.
async fn feed_handler(
    State(state): State<AppState>,
    Extension(site): Extension<Arc<CalendarSite>>,
    headers: HeaderMap,
) -> Response {
    let now = unix_now();
    match state
        .store
        .calendar_workshops(now - FEED_KEEPS_PAST_SECS)
        .await
    {
        Ok(workshops) => {
            let body = feed(&workshops, &site, request_lang(&headers), now);
            calendar_response(body, crate::headers::inline("ateliers.ics"))
        }
        Err(error) => crate::pages::error_page(error.into()),
    }
}

/// `GET /agenda/{secret}.ics`: the sessions of the trainer or organisation whose
/// (revocable) secret this is. An unknown or revoked secret is a plain 404.
async fn staff_feed_handler(
    State(state): State<AppState>,
    Extension(site): Extension<Arc<CalendarSite>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = file.strip_suffix(".ics").filter(|t| tokens::well_formed(t)) else {
        return crate::pages::error_page(AppError::NotFound);
    };
    let now = unix_now();
    let lang = request_lang(&headers);
    let owner = match state.store.calendar_feed_owner(&tokens::hash(token)).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return crate::pages::error_page(AppError::NotFound),
        Err(error) => return crate::pages::error_page(error.into()),
    };
    let from = now - FEED_KEEPS_PAST_SECS;
    let to = now + 366 * 24 * 3600;
    let entries = match owner {
        FeedOwner::Staff(staff) => state.store.personal_calendar_entries(from, to, staff).await,
        FeedOwner::Organisation(organisation) => {
            state
                .store
                .calendar_entries(from, to, None, Some(organisation))
                .await
        }
    };
    match entries {
        Ok(entries) => {
            let body = sessions_feed(
                &entries,
                &t(lang, "ics-staff-calendar-name"),
                &site,
                lang,
                now,
            );
            calendar_response(body, crate::headers::inline("seances.ics"))
        }
        Err(error) => crate::pages::error_page(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::workshops::model::Place;

    fn workshop(description: &str) -> Workshop {
        Workshop {
            id: 42,
            title: "Faire son budget du mois".into(),
            theme: "budget".into(),
            description_html: String::new(),
            starts_at: 1_796_216_400, // 2026-12-02 13:00 UTC, 14:00 in Paris
            ends_at: 1_796_223_600,
            place: Place {
                id: 1,
                name: "Salle de démonstration 1".into(),
                address: "1 rue de l'Exemple, Besançon (adresse fictive)".into(),
                access: "Bus ligne 3; arrêt Exemple".into(),
                accessibility: "Toilettes adaptées".into(),
                capacity: 20,
                step_free: true,
                hearing_loop: false,
            },
            organisation: "CCAS de Besançon".into(),
            capacity: 12,
            staff_reserved: 0,
            signup_deadline: 1_796_216_400,
            cancelled: false,
            confirmed_seats: 0,
            waitlisted: 0,
            professional: false,
            description: description.into(),
            sequence: 0,
        }
    }

    fn unfolded(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn a_workshop_file_holds_one_event_with_stable_uid_and_utc_times() {
        let site = CalendarSite::new(Some("https://reperes.example/"));
        let ics = workshop_file(&workshop("Venez"), &site, Lang::Fr, 1_795_000_000);
        let text = unfolded(&ics);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in [
            "VERSION:2.0",
            "PRODID:-//Repères//Ateliers//FR",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:atelier-42@reperes.example",
            "DTSTAMP:20261118T110640Z",
            "DTSTART:20261202T130000Z",
            "DTEND:20261202T150000Z",
            "SUMMARY:Faire son budget du mois",
            "LOCATION:Salle de démonstration 1\\, 1 rue de l'Exemple\\, Besançon (adresse fictive)",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            "URL:https://reperes.example/ateliers/42",
            "END:VEVENT",
        ] {
            assert!(
                text.contains(&format!("\r\n{line}\r\n")),
                "{line} in\n{text}"
            );
        }
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(
            !text.contains("X-WR-CALNAME"),
            "a single file adds no calendar"
        );
    }

    #[test]
    fn the_description_is_plain_text_with_theme_access_and_link() {
        let site = CalendarSite::new(Some("https://reperes.example"));
        let ics = workshop_file(
            &workshop("Venez avec **vos questions**.\n\n<script>x</script>"),
            &site,
            Lang::Fr,
            0,
        );
        let text = unfolded(&ics);
        let line = text
            .lines()
            .find(|l| l.starts_with("DESCRIPTION:"))
            .unwrap();
        assert_eq!(
            line,
            "DESCRIPTION:Venez avec vos questions.\\n\\nThème : Budget\\nProposé par CCAS de \
             Besançon\\nAccès : Bus ligne 3\\; arrêt Exemple\\nAccessibilité : Accès de \
             plain-pied ou ascenseur \\; Toilettes adaptées\\n\\nDétails et inscription : \
             https://reperes.example/ateliers/42"
        );
    }

    #[test]
    fn without_a_public_address_the_uid_uses_a_local_host_and_there_is_no_link() {
        let site = CalendarSite::new(None);
        assert_eq!(site.uid(7), "atelier-7@reperes.local");
        let text = unfolded(&workshop_file(&workshop(""), &site, Lang::Fr, 0));
        assert!(!text.contains("URL:") && !text.contains("inscription :"));
        assert_eq!(
            CalendarSite::new(Some("https://Reperes.Example:8443/x")).uid(1),
            "atelier-1@reperes.example"
        );
    }

    #[test]
    fn a_cancelled_workshop_says_so_and_carries_its_sequence() {
        let mut w = workshop("");
        w.cancelled = true;
        w.sequence = 1;
        let text = unfolded(&feed(&[w], &CalendarSite::new(None), Lang::Fr, 0));
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(text.contains("\r\nSEQUENCE:1\r\n"));
        assert!(text.contains("\r\nSUMMARY:Annulé : Faire son budget du mois\r\n"));
        assert!(text.contains("\r\nX-WR-CALNAME:Ateliers Repères\r\n"));
        assert!(text.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
    }

    #[test]
    fn every_line_ends_with_crlf_and_fits_in_75_octets_whatever_the_length() {
        // 150 + 74 k octets is where the crate's own folding overflows by one.
        for n in 60..400 {
            let description = "é".repeat(n / 3) + &"a".repeat(n);
            let ics = workshop_file(
                &workshop(&description),
                &CalendarSite::new(None),
                Lang::Fr,
                0,
            );
            assert!(ics.ends_with("\r\n"));
            for line in ics.split("\r\n") {
                assert!(
                    line.len() <= MAX_LINE_OCTETS,
                    "{} octets: {line}",
                    line.len()
                );
                assert!(!line.contains('\n') && !line.contains('\r'));
            }
            assert!(
                unfolded(&ics).contains(&description),
                "folding loses nothing"
            );
        }
    }

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            markdown_text(
                "# Au programme\n\nUn *budget*\nsimple.\n\n- un\n- deux\n\n\
                 Voir [le site](https://exemple.fr) et <b>rien</b>\r\n"
            ),
            "Au programme\n\nUn budget simple.\n\n- un\n- deux\n\nVoir le site \
             (https://exemple.fr) et rien"
        );
        assert_eq!(markdown_text(""), "");
        assert_eq!(markdown_text("<script>alert(1)</script>"), "");
    }
}
