//! Workshop types and the pure rules: what a sign-up form must hold, and whether a
//! booking fits or joins the waitlist.
use serde::{Deserialize, Serialize};

/// Seats one sign-up may take.
pub const MAX_SEATS: i64 = 3;
/// Longest first name or pseudonym accepted.
pub const MAX_NAME_CHARS: usize = 60;

/// A place where sessions happen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub access: String,
    pub accessibility: String,
    pub capacity: i64,
    pub step_free: bool,
    pub hearing_loop: bool,
}

/// A workshop as the public pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: i64,
    pub title: String,
    pub theme: String,
    pub description_html: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Place,
    pub organisation: String,
    pub capacity: i64,
    pub staff_reserved: i64,
    pub signup_deadline: i64,
    pub cancelled: bool,
    /// Seats taken by confirmed bookings.
    pub confirmed_seats: i64,
    /// Bookings waiting for a seat.
    pub waitlisted: i64,
    /// The description as the coordinator wrote it (markdown), for plain-text uses.
    pub description: String,
    /// iCalendar SEQUENCE: incremented at every change that calendars must pick up.
    pub sequence: i64,
    /// A training between professionals (booked by staff only), not a resident workshop.
    #[serde(default)]
    pub professional: bool,
}

impl Workshop {
    /// Seats residents can still book (staff-reserved seats excluded).
    pub fn public_seats_left(&self) -> i64 {
        (self.capacity - self.staff_reserved - self.confirmed_seats).max(0)
    }

    /// Whether sign-ups are open at `now`.
    pub fn open_at(&self, now: i64) -> bool {
        !self.cancelled && now < self.signup_deadline && now < self.starts_at
    }
}

/// A professional training a staff member signed up for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub training: Workshop,
    pub registration: i64,
    /// Place on the waitlist, or `None` when confirmed.
    pub position: Option<i64>,
    pub attended: Option<bool>,
}

/// A registration as its private page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub id: i64,
    pub session_id: i64,
    pub first_name: String,
    pub seats: i64,
    pub status: String,
    pub code: String,
    /// Position on the waitlist (1 = next), when waitlisted.
    pub position: Option<i64>,
    pub has_contact: bool,
    /// The staff member who booked for a household, "name (organisation)": the
    /// household's contact for this booking.
    pub booked_by: Option<String>,
}

/// A booking as the organisers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub id: i64,
    pub first_name: String,
    pub seats: i64,
    pub status: String,
    pub position: Option<i64>,
    pub code: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The staff member who booked for a household.
    pub booked_by: Option<String>,
    pub attended: Option<bool>,
    /// For a staff member signed up for a training: their organisation.
    #[serde(default)]
    pub participant_of: Option<String>,
}

/// Where a booking lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    Confirmed,
    Waitlisted,
}

/// Which waitlisted bookings (in waiting order: id, seats) get the seats freed, first
/// come first served, skipping a booking too big for what is left.
pub fn promotions(mut seats_left: i64, waiting: &[(i64, i64)]) -> Vec<i64> {
    let mut promoted = Vec::new();
    for (id, seats) in waiting {
        if *seats <= seats_left {
            seats_left -= seats;
            promoted.push(*id);
        }
    }
    promoted
}

/// What a resident typed in the sign-up form, kept as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUpInput {
    pub first_name: String,
    pub email: String,
    pub phone: String,
    pub seats: String,
    /// The tick box agreeing that the contact given is used for this workshop.
    pub consent: bool,
}

/// A validated sign-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignUp {
    pub first_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub seats: i64,
}

/// A refused field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignUpError {
    NameMissing,
    NameTooLong,
    BadEmail,
    BadPhone,
    Seats,
    /// A contact was given without ticking the box.
    ConsentMissing,
}

impl SignUpError {
    pub fn message_key(self) -> &'static str {
        match self {
            SignUpError::NameMissing => "signup-error-name",
            SignUpError::NameTooLong => "signup-error-name-long",
            SignUpError::BadEmail => "signup-error-email",
            SignUpError::BadPhone => "signup-error-phone",
            SignUpError::Seats => "signup-error-seats",
            SignUpError::ConsentMissing => "signup-error-consent",
        }
    }

    /// The form field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            SignUpError::NameMissing | SignUpError::NameTooLong => "first_name",
            SignUpError::BadEmail => "email",
            SignUpError::BadPhone => "phone",
            SignUpError::Seats => "seats",
            SignUpError::ConsentMissing => "consent",
        }
    }
}

/// A French phone number as people write it: 10 digits starting with 0, or +33 and
/// 9 digits; spaces, dots and dashes ignored. Returns the digits.
pub fn normalize_phone(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("+33") {
        format!("0{rest}")
    } else {
        digits
    };
    (national.len() == 10
        && national.starts_with('0')
        && national.chars().all(|c| c.is_ascii_digit()))
    .then_some(national)
}

impl SignUpInput {
    /// Validates every field; returns every problem, in form order.
    pub fn validate(&self) -> Result<SignUp, Vec<SignUpError>> {
        let mut errors = Vec::new();
        let first_name = self.first_name.trim().to_string();
        if first_name.is_empty() {
            errors.push(SignUpError::NameMissing);
        } else if first_name.chars().count() > MAX_NAME_CHARS {
            errors.push(SignUpError::NameTooLong);
        }
        let email = self.email.trim().to_lowercase();
        let email = if email.is_empty() {
            None
        } else if crate::staff::model::valid_email(&email) {
            Some(email)
        } else {
            errors.push(SignUpError::BadEmail);
            None
        };
        let phone = if self.phone.trim().is_empty() {
            None
        } else {
            match normalize_phone(&self.phone) {
                Some(p) => Some(p),
                None => {
                    errors.push(SignUpError::BadPhone);
                    None
                }
            }
        };
        let seats = match self.seats.trim() {
            "" => 1,
            s => match s.parse::<i64>() {
                Ok(n) if (1..=MAX_SEATS).contains(&n) => n,
                _ => {
                    errors.push(SignUpError::Seats);
                    0
                }
            },
        };
        let gave_contact = !self.email.trim().is_empty() || !self.phone.trim().is_empty();
        if gave_contact && !self.consent {
            errors.push(SignUpError::ConsentMissing);
        }
        if errors.is_empty() {
            Ok(SignUp {
                first_name,
                email,
                phone,
                seats,
            })
        } else {
            Err(errors)
        }
    }
}

/// The short code quoted at the desk: 6 characters without look-alikes.
pub fn booking_code(bytes: [u8; 6]) -> String {
    crate::progress::resume::encode(&bytes)
}

/// A day and a time typed in a form (`2026-12-03`, `14:00`), in Paris, as Unix seconds.
/// `None` when either cannot be read or the time does not exist that day (clock change).
pub fn paris_timestamp(date: &str, time: &str) -> Option<i64> {
    use chrono::TimeZone as _;
    let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let time = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    chrono_tz::Europe::Paris
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|d| d.timestamp())
}

/// What a coordinator typed to create a workshop, kept as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkshopInput {
    pub title: String,
    pub theme: String,
    pub description: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
    pub capacity: String,
    pub reserved: String,
    /// Last day and time of sign-up (empty: until the start).
    pub deadline_date: String,
    pub deadline_time: String,
    /// Staff ids of the hosts, as ticked.
    pub hosts: Vec<String>,
}

impl WorkshopInput {
    /// Reads the posted fields (repeated `hosts` kept), ignoring unknown ones.
    pub fn from_fields(fields: &[(String, String)]) -> WorkshopInput {
        let mut input = WorkshopInput::default();
        for (name, value) in fields {
            let value = value.chars().take(5000).collect::<String>();
            match name.as_str() {
                "title" => input.title = value,
                "theme" => input.theme = value,
                "description" => input.description = value,
                "date" => input.date = value,
                "start" => input.start = value,
                "end" => input.end = value,
                "place" => input.place = value,
                "capacity" => input.capacity = value,
                "reserved" => input.reserved = value,
                "deadline_date" => input.deadline_date = value,
                "deadline_time" => input.deadline_time = value,
                "hosts" if input.hosts.len() < 20 => input.hosts.push(value),
                _ => {}
            }
        }
        input
    }

    /// The form of an existing workshop (to edit it, or to copy it without its date).
    pub fn from_workshop(
        w: &Workshop,
        description: &str,
        hosts: &[i64],
        with_date: bool,
    ) -> WorkshopInput {
        let local = |at: i64| {
            chrono::DateTime::from_timestamp(at, 0)
                .unwrap_or_default()
                .with_timezone(&chrono_tz::Europe::Paris)
        };
        let (start, end, deadline) = (
            local(w.starts_at),
            local(w.ends_at),
            local(w.signup_deadline),
        );
        let keep = |s: String| if with_date { s } else { String::new() };
        WorkshopInput {
            title: w.title.clone(),
            theme: w.theme.clone(),
            description: description.to_string(),
            date: keep(start.format("%Y-%m-%d").to_string()),
            start: start.format("%H:%M").to_string(),
            end: end.format("%H:%M").to_string(),
            place: w.place.id.to_string(),
            capacity: w.capacity.to_string(),
            reserved: w.staff_reserved.to_string(),
            deadline_date: if w.signup_deadline < w.starts_at {
                keep(deadline.format("%Y-%m-%d").to_string())
            } else {
                String::new()
            },
            deadline_time: if w.signup_deadline < w.starts_at && with_date {
                deadline.format("%H:%M").to_string()
            } else {
                String::new()
            },
            hosts: hosts.iter().map(i64::to_string).collect(),
        }
    }
}

/// A refused workshop field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopError {
    Title,
    Theme,
    When,
    InThePast,
    EndBeforeStart,
    Place,
    Capacity,
    /// More people than the place holds.
    OverPlace,
    Reserved,
    /// The sign-up deadline cannot be read or is after the start.
    Deadline,
    /// A host who is not an active staff member.
    Hosts,
    /// Fewer seats than already confirmed (when editing).
    BelowConfirmed,
    /// A host or the place is taken at that time (the conflicts are listed apart).
    Taken,
}

impl WorkshopError {
    pub fn message_key(self) -> &'static str {
        match self {
            WorkshopError::Title => "workshop-error-title",
            WorkshopError::Theme => "workshop-error-theme",
            WorkshopError::When => "workshop-error-when",
            WorkshopError::InThePast => "workshop-error-past",
            WorkshopError::EndBeforeStart => "workshop-error-end",
            WorkshopError::Place => "workshop-error-place",
            WorkshopError::Capacity => "workshop-error-capacity",
            WorkshopError::OverPlace => "workshop-error-over-place",
            WorkshopError::Reserved => "workshop-error-reserved",
            WorkshopError::Deadline => "workshop-error-deadline",
            WorkshopError::Hosts => "workshop-error-hosts",
            WorkshopError::BelowConfirmed => "workshop-error-below-confirmed",
            WorkshopError::Taken => "workshop-error-taken",
        }
    }
}

/// A validated workshop: (title, theme, description, start, end, place id, capacity, reserved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidWorkshop {
    pub title: String,
    pub theme: String,
    pub description: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place_id: i64,
    pub capacity: i64,
    pub reserved: i64,
    pub signup_deadline: i64,
    /// Hosts ticked (may be empty: the handler then makes the author the host).
    pub hosts: Vec<i64>,
}

impl WorkshopInput {
    /// Validates against the known places (id, capacity) and possible hosts at `now`.
    pub fn validate(
        &self,
        places: &[(i64, i64)],
        known_hosts: &[i64],
        now: i64,
    ) -> Result<ValidWorkshop, Vec<WorkshopError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() || title.chars().count() > 120 {
            errors.push(WorkshopError::Title);
        }
        let theme = self.theme.trim().to_string();
        if crate::lessons::model::Theme::parse(&theme).is_none() {
            errors.push(WorkshopError::Theme);
        }
        let start = paris_timestamp(&self.date, &self.start);
        let end = paris_timestamp(&self.date, &self.end);
        match (start, end) {
            (Some(s), Some(e)) => {
                if s <= now {
                    errors.push(WorkshopError::InThePast);
                }
                if e <= s {
                    errors.push(WorkshopError::EndBeforeStart);
                }
            }
            _ => errors.push(WorkshopError::When),
        }
        let place = self
            .place
            .parse::<i64>()
            .ok()
            .and_then(|id| places.iter().find(|(p, _)| *p == id).copied());
        if place.is_none() {
            errors.push(WorkshopError::Place);
        }
        let capacity = self
            .capacity
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|c| (1..=500).contains(c));
        match (capacity, place) {
            (None, _) => errors.push(WorkshopError::Capacity),
            (Some(c), Some((_, room))) if c > room => errors.push(WorkshopError::OverPlace),
            _ => {}
        }
        let reserved = match self.reserved.trim() {
            "" => Some(0),
            r => r
                .parse::<i64>()
                .ok()
                .filter(|r| *r >= 0 && capacity.is_none_or(|c| *r <= c)),
        };
        if reserved.is_none() {
            errors.push(WorkshopError::Reserved);
        }
        let deadline = match (self.deadline_date.trim(), self.deadline_time.trim(), start) {
            ("", "", start) => start,
            (date, time, Some(s)) => {
                let time = if time.is_empty() { "23:59" } else { time };
                paris_timestamp(date, time).filter(|d| *d <= s)
            }
            _ => None,
        };
        if deadline.is_none() && start.is_some() {
            errors.push(WorkshopError::Deadline);
        }
        let hosts: Option<Vec<i64>> = self
            .hosts
            .iter()
            .map(|h| {
                h.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|id| known_hosts.contains(id))
            })
            .collect();
        let hosts = hosts.map(|mut h| {
            h.sort_unstable();
            h.dedup();
            h
        });
        if hosts.is_none() {
            errors.push(WorkshopError::Hosts);
        }
        match (
            errors.is_empty(),
            start,
            end,
            place,
            capacity,
            reserved,
            deadline,
            hosts,
        ) {
            (
                true,
                Some(starts_at),
                Some(ends_at),
                Some((place_id, _)),
                Some(capacity),
                Some(reserved),
                Some(signup_deadline),
                Some(hosts),
            ) => Ok(ValidWorkshop {
                signup_deadline,
                hosts,
                title,
                theme,
                description: self.description.chars().take(5000).collect(),
                starts_at,
                ends_at,
                place_id,
                capacity,
                reserved,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str, phone: &str, seats: &str, consent: bool) -> SignUpInput {
        SignUpInput {
            first_name: name.into(),
            email: email.into(),
            phone: phone.into(),
            seats: seats.into(),
            consent,
        }
    }

    #[test]
    fn a_first_name_alone_is_enough() {
        let s = input(" Samia ", "", "", "", false).validate().unwrap();
        assert_eq!(
            (s.first_name.as_str(), s.seats, s.email, s.phone),
            ("Samia", 1, None, None)
        );
    }

    #[test]
    fn a_contact_needs_the_tick_box_and_a_valid_form() {
        assert_eq!(
            input("Samia", "samia@example.org", "", "2", false)
                .validate()
                .unwrap_err(),
            vec![SignUpError::ConsentMissing]
        );
        let s = input("Samia", "", "06 12 34 56 78", "2", true)
            .validate()
            .unwrap();
        assert_eq!(s.phone.as_deref(), Some("0612345678"));
        assert_eq!(
            normalize_phone("+33 6 12 34 56 78").as_deref(),
            Some("0612345678")
        );
        assert_eq!(
            input("", "pas-un-mail", "123", "4", true)
                .validate()
                .unwrap_err(),
            vec![
                SignUpError::NameMissing,
                SignUpError::BadEmail,
                SignUpError::BadPhone,
                SignUpError::Seats
            ]
        );
    }

    #[test]
    fn seats_freed_go_to_the_first_bookings_that_fit() {
        assert_eq!(promotions(2, &[(1, 3), (2, 1), (3, 1), (4, 1)]), vec![2, 3]);
        assert_eq!(promotions(0, &[(1, 1)]), Vec::<i64>::new());
    }

    #[test]
    fn times_are_read_in_paris_whatever_the_season() {
        // 3 December 2026, 14:00 in Paris is 13:00 UTC (winter time).
        assert_eq!(paris_timestamp("2026-12-03", "14:00"), Some(1_796_302_800));
        // 3 July 2026, 14:00 in Paris is 12:00 UTC (summer time).
        assert_eq!(paris_timestamp("2026-07-03", "14:00"), Some(1_783_080_000));
        assert_eq!(
            paris_timestamp("2026-03-29", "02:30"),
            None,
            "does not exist that day"
        );
        assert_eq!(paris_timestamp("03/12/2026", "14:00"), None);
    }

    #[test]
    fn a_workshop_form_names_every_problem() {
        let places = [(1, 20)];
        let good = WorkshopInput {
            title: "Faire son budget".into(),
            theme: "budget".into(),
            description: String::new(),
            date: "2026-12-03".into(),
            start: "14:00".into(),
            end: "16:00".into(),
            place: "1".into(),
            capacity: "12".into(),
            reserved: "2".into(),
            hosts: vec!["4".into()],
            ..Default::default()
        };
        let w = good.validate(&places, &[4], 0).unwrap();
        assert_eq!((w.hosts.clone(), w.signup_deadline), (vec![4], w.starts_at));
        assert_eq!(
            (w.capacity, w.reserved, w.ends_at - w.starts_at),
            (12, 2, 7200)
        );
        let mut bad = good.clone();
        bad.capacity = "25".into();
        bad.end = "13:00".into();
        assert_eq!(
            bad.validate(&places, &[4], 0).unwrap_err(),
            vec![WorkshopError::EndBeforeStart, WorkshopError::OverPlace]
        );
        assert_eq!(
            good.validate(&places, &[4], 2_000_000_000).unwrap_err(),
            vec![WorkshopError::InThePast]
        );
        let mut late = good.clone();
        late.deadline_date = "2026-12-04".into();
        late.hosts = vec!["5".into()];
        assert_eq!(
            late.validate(&places, &[4], 0).unwrap_err(),
            vec![WorkshopError::Deadline, WorkshopError::Hosts]
        );
        let mut early = good.clone();
        early.deadline_date = "2026-12-01".into();
        let w = early.validate(&places, &[4], 0).unwrap();
        assert_eq!(
            w.signup_deadline,
            paris_timestamp("2026-12-01", "23:59").unwrap()
        );
        let fields: Vec<(String, String)> =
            [("title", "T"), ("hosts", "1"), ("hosts", "2"), ("x", "y")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let read = WorkshopInput::from_fields(&fields);
        assert_eq!((read.title.as_str(), read.hosts.len()), ("T", 2));
    }

    #[test]
    fn booking_codes_are_short_and_readable() {
        let code = booking_code([0, 1, 2, 3, 250, 30]);
        assert_eq!(code.len(), 6);
        assert!(!code.contains('0') && !code.contains('O'));
    }
}
