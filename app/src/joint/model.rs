//! Joint sessions ("séances communes") between CCAS and bank trainers: the pure rules.
//! A proposal offers one to five slots; invited trainers answer per slot; a slot can be
//! confirmed when its hosts include both sides of the partnership and nobody (nor the
//! place) is taken, counting a travel buffer between two places.
use crate::{staff::model::OrganisationKind, workshops::model::paris_timestamp};
use chrono::{Datelike as _, Timelike as _};
use serde::{Deserialize, Serialize};

/// Most candidate slots a proposal may offer.
pub const MAX_SLOTS: usize = 5;
/// Most trainers one proposal may invite.
pub const MAX_INVITEES: usize = 10;
/// Shortest and longest session, in minutes.
pub const DURATION_RANGE: (i64, i64) = (15, 8 * 60);

/// What a session is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SessionKind {
    /// Becomes a public workshop with sign-ups once confirmed.
    ResidentWorkshop,
    /// Staff of the partner organisations train each other; booked by staff only.
    ProfessionalTraining,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [
        SessionKind::ResidentWorkshop,
        SessionKind::ProfessionalTraining,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SessionKind::ResidentWorkshop => "resident_workshop",
            SessionKind::ProfessionalTraining => "professional_training",
        }
    }

    pub fn parse(code: &str) -> Option<SessionKind> {
        SessionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SessionKind::ResidentWorkshop => "session-kind-workshop",
            SessionKind::ProfessionalTraining => "session-kind-training",
        }
    }
}

/// Joint: at least one host from a CCAS and one from a bank.
pub fn is_joint(host_kinds: &[OrganisationKind]) -> bool {
    host_kinds.contains(&OrganisationKind::Ccas) && host_kinds.contains(&OrganisationKind::Bank)
}

/// A proposal form as typed (kept to show it again with the problems named).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    pub kind: String,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub place: String,
    pub capacity: String,
    /// Minutes.
    pub duration: String,
    /// (date, start time) of each candidate slot, as typed; empty rows are ignored.
    pub slots: Vec<(String, String)>,
    /// Staff ids of the trainers invited, as ticked.
    pub invitees: Vec<String>,
}

impl ProposalInput {
    /// Reads posted fields (`slot_date_N`, `slot_start_N` for N in 1..=5, repeated
    /// `invitees`), ignoring unknown ones.
    pub fn from_fields(fields: &[(String, String)]) -> ProposalInput {
        let mut input = ProposalInput {
            slots: vec![(String::new(), String::new()); MAX_SLOTS],
            ..Default::default()
        };
        for (name, value) in fields {
            let value: String = value.chars().take(5000).collect();
            let slot = |prefix: &str| {
                name.strip_prefix(prefix)
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| (1..=MAX_SLOTS).contains(n))
            };
            match name.as_str() {
                "kind" => input.kind = value,
                "title" => input.title = value,
                "theme" => input.theme = value,
                "description" => input.description = value,
                "place" => input.place = value,
                "capacity" => input.capacity = value,
                "duration" => input.duration = value,
                "invitees" if input.invitees.len() < 50 => input.invitees.push(value),
                _ => {
                    if let Some(n) = slot("slot_date_") {
                        input.slots[n - 1].0 = value;
                    } else if let Some(n) = slot("slot_start_") {
                        input.slots[n - 1].1 = value;
                    }
                }
            }
        }
        input
    }
}

/// A refused proposal field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalError {
    Kind,
    Title,
    Theme,
    Description,
    Place,
    Capacity,
    OverPlace,
    Duration,
    NoSlot,
    /// A slot whose day or time cannot be read (or half filled).
    SlotUnreadable,
    SlotInPast,
    /// No trainer invited, or one who cannot be invited.
    Invitees,
}

impl ProposalError {
    pub fn message_key(self) -> &'static str {
        match self {
            ProposalError::Kind => "proposal-error-kind",
            ProposalError::Title => "workshop-error-title",
            ProposalError::Theme => "workshop-error-theme",
            ProposalError::Description => "proposal-error-description",
            ProposalError::Place => "workshop-error-place",
            ProposalError::Capacity => "workshop-error-capacity",
            ProposalError::OverPlace => "workshop-error-over-place",
            ProposalError::Duration => "proposal-error-duration",
            ProposalError::NoSlot => "proposal-error-no-slot",
            ProposalError::SlotUnreadable => "proposal-error-slot",
            ProposalError::SlotInPast => "proposal-error-slot-past",
            ProposalError::Invitees => "proposal-error-invitees",
        }
    }
}

/// A validated proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProposal {
    pub kind: SessionKind,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub place_id: i64,
    pub capacity: i64,
    /// (start, end) of each slot, in Unix seconds, in the order typed.
    pub slots: Vec<(i64, i64)>,
    pub invitees: Vec<i64>,
}

impl ProposalInput {
    /// Validates against the places (id, capacity) and the staff who may be invited,
    /// at `now`.
    pub fn validate(
        &self,
        places: &[(i64, i64)],
        can_invite: &[i64],
        now: i64,
    ) -> Result<ValidProposal, Vec<ProposalError>> {
        let mut errors = Vec::new();
        let kind = SessionKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(ProposalError::Kind);
        }
        let title = self.title.trim().to_string();
        if title.is_empty() || title.chars().count() > 120 {
            errors.push(ProposalError::Title);
        }
        let theme = self.theme.trim().to_string();
        if crate::lessons::model::Theme::parse(&theme).is_none() {
            errors.push(ProposalError::Theme);
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > 4000 {
            errors.push(ProposalError::Description);
        }
        let place = self
            .place
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| places.iter().find(|(p, _)| *p == id).copied());
        if place.is_none() {
            errors.push(ProposalError::Place);
        }
        let capacity = self
            .capacity
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|c| (1..=500).contains(c));
        match (capacity, place) {
            (None, _) => errors.push(ProposalError::Capacity),
            (Some(c), Some((_, room))) if c > room => errors.push(ProposalError::OverPlace),
            _ => {}
        }
        let duration = self
            .duration
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (DURATION_RANGE.0..=DURATION_RANGE.1).contains(d));
        if duration.is_none() {
            errors.push(ProposalError::Duration);
        }
        let mut slots = Vec::new();
        let (mut unreadable, mut past) = (false, false);
        for (date, start) in self.slots.iter().take(MAX_SLOTS) {
            if date.trim().is_empty() && start.trim().is_empty() {
                continue;
            }
            match paris_timestamp(date, start) {
                Some(at) if at <= now => past = true,
                Some(at) => {
                    if let Some(minutes) = duration {
                        if !slots.iter().any(|(s, _)| *s == at) {
                            slots.push((at, at + minutes * 60));
                        }
                    }
                }
                None => unreadable = true,
            }
        }
        if unreadable {
            errors.push(ProposalError::SlotUnreadable);
        }
        if past {
            errors.push(ProposalError::SlotInPast);
        }
        if slots.is_empty() && !unreadable && !past && duration.is_some() {
            errors.push(ProposalError::NoSlot);
        }
        let mut invitees = Vec::new();
        for raw in &self.invitees {
            match raw.trim().parse::<i64>() {
                Ok(id) if can_invite.contains(&id) => {
                    if !invitees.contains(&id) {
                        invitees.push(id);
                    }
                }
                _ => {
                    errors.push(ProposalError::Invitees);
                    break;
                }
            }
        }
        if (invitees.is_empty() || invitees.len() > MAX_INVITEES)
            && !errors.contains(&ProposalError::Invitees)
        {
            errors.push(ProposalError::Invitees);
        }
        match (kind, place, capacity) {
            (Some(kind), Some((place_id, _)), Some(capacity)) if errors.is_empty() => {
                Ok(ValidProposal {
                    kind,
                    title,
                    theme,
                    description,
                    place_id,
                    capacity,
                    slots,
                    invitees,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A weekly unavailability: a weekday (1 = Monday) and minutes of the day, in Paris.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weekly {
    pub weekday: i64,
    pub start_minute: i64,
    pub end_minute: i64,
}

/// Whether the weekly block overlaps `[starts_at, ends_at)` (Unix seconds), on any
/// day the interval touches, in Paris time.
pub fn weekly_overlaps(block: Weekly, starts_at: i64, ends_at: i64) -> bool {
    let local = |at: i64| {
        chrono::DateTime::from_timestamp(at, 0)
            .unwrap_or_default()
            .with_timezone(&chrono_tz::Europe::Paris)
            .naive_local()
    };
    let (start, end) = (local(starts_at), local(ends_at));
    let mut day = start.date();
    while day <= end.date() {
        if i64::from(day.weekday().number_from_monday()) == block.weekday {
            let at = |minute: i64| {
                day.and_hms_opt(0, 0, 0).unwrap_or_default() + chrono::Duration::minutes(minute)
            };
            if start < at(block.end_minute) && at(block.start_minute) < end {
                return true;
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    false
}

/// An unavailability form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnavailabilityInput {
    /// "ponctuelle" or "hebdomadaire".
    pub repeat: String,
    pub date: String,
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub note: String,
}

/// A validated unavailability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unavailable {
    OneOff { starts_at: i64, ends_at: i64 },
    Weekly(Weekly),
}

/// A refused unavailability field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnavailabilityError {
    Repeat,
    Date,
    Weekday,
    Times,
    Note,
}

impl UnavailabilityError {
    pub fn message_key(self) -> &'static str {
        match self {
            UnavailabilityError::Repeat => "unavailability-error-repeat",
            UnavailabilityError::Date => "unavailability-error-date",
            UnavailabilityError::Weekday => "unavailability-error-weekday",
            UnavailabilityError::Times => "unavailability-error-times",
            UnavailabilityError::Note => "unavailability-error-note",
        }
    }
}

fn minute_of_day(time: &str) -> Option<i64> {
    let t = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(i64::from(t.hour()) * 60 + i64::from(t.minute()))
}

impl UnavailabilityInput {
    pub fn from_fields(fields: &[(String, String)]) -> UnavailabilityInput {
        let mut input = UnavailabilityInput::default();
        for (name, value) in fields {
            let value: String = value.chars().take(500).collect();
            match name.as_str() {
                "repeat" => input.repeat = value,
                "date" => input.date = value,
                "weekday" => input.weekday = value,
                "start" => input.start = value,
                "end" => input.end = value,
                "note" => input.note = value,
                _ => {}
            }
        }
        input
    }

    /// Validates the form (a one-off block must end after it starts; a block may not
    /// cross midnight: two blocks say it better).
    pub fn validate(&self) -> Result<(Unavailable, String), Vec<UnavailabilityError>> {
        let mut errors = Vec::new();
        let note = self.note.trim().to_string();
        if note.chars().count() > 120 {
            errors.push(UnavailabilityError::Note);
        }
        let (start, end) = (minute_of_day(&self.start), minute_of_day(&self.end));
        let times = match (start, end) {
            (Some(s), Some(e)) if e > s => Some((s, e)),
            _ => {
                errors.push(UnavailabilityError::Times);
                None
            }
        };
        let found = match self.repeat.as_str() {
            "ponctuelle" => {
                let starts = paris_timestamp(&self.date, &self.start);
                let ends = paris_timestamp(&self.date, &self.end);
                match (starts, ends) {
                    (Some(s), Some(e)) if e > s => Some(Unavailable::OneOff {
                        starts_at: s,
                        ends_at: e,
                    }),
                    (None, _) | (_, None) if times.is_some() => {
                        errors.push(UnavailabilityError::Date);
                        None
                    }
                    _ => None,
                }
            }
            "hebdomadaire" => match self.weekday.trim().parse::<i64>() {
                Ok(d) if (1..=7).contains(&d) => times.map(|(s, e)| {
                    Unavailable::Weekly(Weekly {
                        weekday: d,
                        start_minute: s,
                        end_minute: e,
                    })
                }),
                _ => {
                    errors.push(UnavailabilityError::Weekday);
                    None
                }
            },
            _ => {
                errors.push(UnavailabilityError::Repeat);
                None
            }
        };
        match found {
            Some(u) if errors.is_empty() => Ok((u, note)),
            _ => Err(errors),
        }
    }
}

/// Something that keeps a slot from being confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The host's name, or the place's.
    pub subject: String,
    /// Whether the subject is the place.
    pub place: bool,
    /// The other session's title, or `None` for a declared unavailability.
    pub other: Option<String>,
    /// When the other session (or the one-off unavailability) is; 0 for weekly ones.
    pub starts_at: i64,
    pub ends_at: i64,
    /// Only the travel buffer between two places makes it conflict.
    pub travel: bool,
}

/// A person on a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub kind: OrganisationKind,
}

/// One candidate slot of a proposal, with the answers and what blocks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// "open", "confirmed" or "released".
    pub status: String,
    /// (invitee id, available?) for those who answered.
    pub answers: Vec<(i64, bool)>,
    /// For open slots: what would block confirming it now.
    pub conflicts: Vec<Conflict>,
    /// Whether the proposer and the invitees available make a joint team.
    pub joint: bool,
}

/// One line of a proposal's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub detail: String,
}

/// A proposal as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: i64,
    pub kind: SessionKind,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub place_id: i64,
    pub place_name: String,
    pub capacity: i64,
    pub proposer: Person,
    pub organisation_id: i64,
    /// "open", "confirmed" or "cancelled".
    pub status: String,
    pub session_id: Option<i64>,
    pub slots: Vec<SlotView>,
    pub invitees: Vec<Person>,
    pub events: Vec<EventView>,
}

impl ProposalView {
    /// The hosts a slot would have: the proposer and the invitees available for it.
    pub fn hosts_for(&self, slot: &SlotView) -> Vec<&Person> {
        std::iter::once(&self.proposer)
            .chain(
                self.invitees
                    .iter()
                    .filter(|p| slot.answers.contains(&(p.id, true))),
            )
            .collect()
    }
}

/// A confirmed session in the staff calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub id: i64,
    pub kind: SessionKind,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place_id: i64,
    pub place_name: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub cancelled: bool,
    pub sequence: i64,
    /// (staff id, name, organisation kind) of each host.
    pub hosts: Vec<(i64, String, OrganisationKind)>,
}

impl CalendarEntry {
    pub fn joint(&self) -> bool {
        let kinds: Vec<OrganisationKind> = self.hosts.iter().map(|(_, _, k)| *k).collect();
        is_joint(&kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> i64 {
        paris_timestamp(date, time).unwrap()
    }

    fn form(slots: &[(&str, &str)]) -> ProposalInput {
        let mut input = ProposalInput {
            kind: "resident_workshop".into(),
            title: "Budget à deux voix".into(),
            theme: "budget".into(),
            place: "1".into(),
            capacity: "12".into(),
            duration: "120".into(),
            invitees: vec!["7".into()],
            ..Default::default()
        };
        input.slots = slots
            .iter()
            .map(|(d, t)| (d.to_string(), t.to_string()))
            .collect();
        input
    }

    #[test]
    fn a_proposal_keeps_its_slots_in_order_and_drops_empty_rows() {
        let now = at("2026-11-01", "09:00");
        let valid = form(&[("2026-12-03", "14:00"), ("", ""), ("2026-12-05", "09:30")])
            .validate(&[(1, 20)], &[7], now)
            .unwrap();
        assert_eq!(
            valid.slots,
            vec![
                (at("2026-12-03", "14:00"), at("2026-12-03", "16:00")),
                (at("2026-12-05", "09:30"), at("2026-12-05", "11:30"))
            ]
        );
        assert_eq!(valid.invitees, vec![7]);
        assert_eq!(valid.kind, SessionKind::ResidentWorkshop);
    }

    #[test]
    fn a_proposal_names_each_problem() {
        let now = at("2026-11-01", "09:00");
        let mut input = form(&[("2026-10-03", "14:00"), ("demain", "14h")]);
        input.capacity = "30".into();
        input.invitees = vec!["99".into()];
        input.kind = "fête".into();
        let errors = input.validate(&[(1, 20)], &[7], now).unwrap_err();
        for e in [
            ProposalError::Kind,
            ProposalError::OverPlace,
            ProposalError::SlotUnreadable,
            ProposalError::SlotInPast,
            ProposalError::Invitees,
        ] {
            assert!(errors.contains(&e), "{e:?} missing from {errors:?}");
        }
        let errors = form(&[]).validate(&[(1, 20)], &[7], now).unwrap_err();
        assert_eq!(errors, vec![ProposalError::NoSlot]);
        let mut nobody = form(&[("2026-12-03", "14:00")]);
        nobody.invitees.clear();
        assert_eq!(
            nobody.validate(&[(1, 20)], &[7], now).unwrap_err(),
            vec![ProposalError::Invitees]
        );
    }

    #[test]
    fn posted_fields_fill_the_numbered_slots() {
        let fields: Vec<(String, String)> = [
            ("slot_date_2", "2026-12-03"),
            ("slot_start_2", "14:00"),
            ("slot_date_9", "2026-12-04"),
            ("invitees", "3"),
            ("invitees", "4"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let input = ProposalInput::from_fields(&fields);
        assert_eq!(input.slots.len(), MAX_SLOTS);
        assert_eq!(input.slots[1], ("2026-12-03".into(), "14:00".into()));
        assert_eq!(input.invitees, vec!["3", "4"]);
    }

    #[test]
    fn joint_needs_both_sides() {
        use OrganisationKind::*;
        assert!(is_joint(&[Ccas, Bank]));
        assert!(is_joint(&[Bank, Bank, Ccas]));
        assert!(!is_joint(&[Ccas, Ccas]));
        assert!(!is_joint(&[]));
    }

    #[test]
    fn weekly_blocks_follow_paris_time() {
        // Thursdays 13:30–17:00, Paris time, in winter and in summer.
        let block = Weekly {
            weekday: 4,
            start_minute: 13 * 60 + 30,
            end_minute: 17 * 60,
        };
        assert!(weekly_overlaps(
            block,
            at("2026-12-03", "14:00"),
            at("2026-12-03", "16:00")
        ));
        assert!(weekly_overlaps(
            block,
            at("2026-07-02", "16:30"),
            at("2026-07-02", "18:00")
        ));
        // Ends as the block starts: no overlap. Friday: none.
        assert!(!weekly_overlaps(
            block,
            at("2026-12-03", "11:30"),
            at("2026-12-03", "13:30")
        ));
        assert!(!weekly_overlaps(
            block,
            at("2026-12-04", "14:00"),
            at("2026-12-04", "16:00")
        ));
    }

    #[test]
    fn unavailability_forms() {
        let one_off = UnavailabilityInput {
            repeat: "ponctuelle".into(),
            date: "2026-12-03".into(),
            start: "09:00".into(),
            end: "12:00".into(),
            note: "Formation".into(),
            ..Default::default()
        };
        assert_eq!(
            one_off.validate().unwrap(),
            (
                Unavailable::OneOff {
                    starts_at: at("2026-12-03", "09:00"),
                    ends_at: at("2026-12-03", "12:00")
                },
                "Formation".to_string()
            )
        );
        let weekly = UnavailabilityInput {
            repeat: "hebdomadaire".into(),
            weekday: "3".into(),
            start: "08:00".into(),
            end: "12:00".into(),
            ..Default::default()
        };
        assert!(matches!(
            weekly.validate().unwrap().0,
            Unavailable::Weekly(Weekly {
                weekday: 3,
                start_minute: 480,
                end_minute: 720
            })
        ));
        let backwards = UnavailabilityInput {
            end: "07:00".into(),
            ..weekly.clone()
        };
        assert_eq!(
            backwards.validate().unwrap_err(),
            vec![UnavailabilityError::Times]
        );
        let no_day = UnavailabilityInput {
            weekday: "8".into(),
            ..weekly
        };
        assert_eq!(
            no_day.validate().unwrap_err(),
            vec![UnavailabilityError::Weekday]
        );
    }
}
