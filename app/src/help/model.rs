//! The help directory ("Qui peut m'aider ?"), pure: the needs and urgent situations an
//! entry serves, the entry itself, the seed file of `content/aide/annuaire.toml`, the
//! staff form, and the search. A detail nobody could check stays empty: the page
//! shows "à vérifier", never a guessed number.
use serde::{Deserialize, Serialize};

/// What a person needs help with (the directory's filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Need {
    Budget,
    Debt,
    Account,
    Benefits,
    Housing,
    Energy,
}

impl Need {
    pub const ALL: [Need; 6] = [
        Need::Budget,
        Need::Debt,
        Need::Account,
        Need::Benefits,
        Need::Housing,
        Need::Energy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Need::Budget => "budget",
            Need::Debt => "debt",
            Need::Account => "account",
            Need::Benefits => "benefits",
            Need::Housing => "housing",
            Need::Energy => "energy",
        }
    }

    pub fn parse(code: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Need::Budget => "need-budget",
            Need::Debt => "need-debt",
            Need::Account => "need-account",
            Need::Benefits => "need-benefits",
            Need::Housing => "need-housing",
            Need::Energy => "need-energy",
        }
    }
}

/// A situation that cannot wait: its contacts come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Urgency {
    /// A threatened eviction.
    Eviction,
    /// A notice that electricity, gas or water will be cut off.
    Cutoff,
    /// A seizure of wages or of the bank account.
    Seizure,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Eviction, Urgency::Cutoff, Urgency::Seizure];

    pub fn code(self) -> &'static str {
        match self {
            Urgency::Eviction => "eviction",
            Urgency::Cutoff => "cutoff",
            Urgency::Seizure => "seizure",
        }
    }

    pub fn parse(code: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|n| n.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Urgency::Eviction => "urgency-eviction",
            Urgency::Cutoff => "urgency-cutoff",
            Urgency::Seizure => "urgency-seizure",
        }
    }
}

/// The kinds of service the directory lists.
pub const KINDS: [&str; 7] = [
    "ccas",
    "point-passerelle",
    "pcb",
    "banque-de-france",
    "france-services",
    "association",
    "emergency",
];

/// Whether an appointment is needed.
pub const APPOINTMENTS: [&str; 3] = ["yes", "no", "unknown"];

/// A page the entry's details were checked against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// One service of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpEntry {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub needs: Vec<Need>,
    pub urgent: Vec<Urgency>,
    pub what: String,
    pub for_whom: String,
    /// Empty when not checked: the page says "à vérifier".
    pub address: String,
    pub hours: String,
    pub phone: String,
    pub website: String,
    /// "yes", "no" or "unknown".
    pub appointment: String,
    pub accessibility: String,
    /// The day the details were last checked, `YYYY-MM-DD`.
    pub last_checked: String,
    pub sources: Vec<Source>,
    /// Shown on the public page.
    pub active: bool,
}

impl HelpEntry {
    #[cfg(feature = "ssr")]
    /// Whether the entry serves `need` (all entries with `None`) and contains every
    /// word of `query` in its name, what it does or who it is for (accents and plurals
    /// ignored).
    pub fn matches(&self, need: Option<Need>, query: &str) -> bool {
        if need.is_some_and(|n| !self.needs.contains(&n)) {
            return false;
        }
        let words = fold(query);
        if words.is_empty() {
            return true;
        }
        let text = fold(&format!(
            "{} {} {} {}",
            self.name, self.what, self.for_whom, self.address
        ));
        words
            .iter()
            .all(|w| text.iter().any(|t| t.starts_with(w.as_str())))
    }

    /// A `tel:` address for the phone number, when it has one.
    pub fn tel_href(&self) -> Option<String> {
        let digits: String = self
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        (!digits.is_empty()).then(|| format!("tel:{digits}"))
    }
}

/// The words of `text` as the lesson search reduces them (unaccented, singular, stem).
#[cfg(feature = "ssr")]
fn fold(text: &str) -> Vec<String> {
    crate::lessons::search::normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The entries serving any of `urgent`, then those serving any of `needs`, without
/// repeats, in the directory's order. Urgent contacts always come first.
pub fn fitting<'a>(
    entries: &'a [HelpEntry],
    needs: &[Need],
    urgent: &[Urgency],
) -> Vec<&'a HelpEntry> {
    let mut found: Vec<&HelpEntry> = entries
        .iter()
        .filter(|e| e.active && e.urgent.iter().any(|u| urgent.contains(u)))
        .collect();
    for e in entries.iter().filter(|e| e.active) {
        if e.needs.iter().any(|n| needs.contains(n)) && !found.iter().any(|f| f.id == e.id) {
            found.push(e);
        }
    }
    found
}

/// Sources as the form writes them, one a line: `title | https://…` (what
/// [`HelpInput::parse`] reads back).
pub fn sources_text(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| format!("{} | {}", s.title, s.url))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A typed entry of the form or of the seed file, before it is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HelpInput {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub needs: Vec<String>,
    pub urgent: Vec<String>,
    pub what: String,
    pub for_whom: String,
    pub address: String,
    pub hours: String,
    pub phone: String,
    pub website: String,
    pub appointment: String,
    pub accessibility: String,
    pub last_checked: String,
    /// One source a line: `title | https://…`.
    pub sources: String,
    pub active: bool,
}

/// A refused field of the help entry form (a Fluent key each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HelpError {
    Slug,
    Name,
    Kind,
    Needs,
    What,
    ForWhom,
    Website,
    Phone,
    Appointment,
    LastChecked,
    Sources,
    TooLong,
}

impl HelpError {
    pub fn key(self) -> &'static str {
        match self {
            HelpError::Slug => "help-error-slug",
            HelpError::Name => "help-error-name",
            HelpError::Kind => "help-error-kind",
            HelpError::Needs => "help-error-needs",
            HelpError::What => "help-error-what",
            HelpError::ForWhom => "help-error-for-whom",
            HelpError::Website => "help-error-website",
            HelpError::Phone => "help-error-phone",
            HelpError::Appointment => "help-error-appointment",
            HelpError::LastChecked => "help-error-last-checked",
            HelpError::Sources => "help-error-sources",
            HelpError::TooLong => "help-error-too-long",
        }
    }
}

const MAX_TEXT: usize = 2000;

fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

fn valid_url(url: &str) -> bool {
    url.starts_with("https://") && url.len() > 8 && !url.chars().any(char::is_whitespace)
}

fn valid_date(date: &str) -> bool {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
}

impl HelpInput {
    /// Checks every field; the entry, or each problem found.
    pub fn parse(&self) -> Result<HelpEntry, Vec<HelpError>> {
        let mut errors = Vec::new();
        let t = |s: &str| s.trim().to_string();
        let (slug, name, what, for_whom) = (
            t(&self.slug),
            t(&self.name),
            t(&self.what),
            t(&self.for_whom),
        );
        if !valid_slug(&slug) {
            errors.push(HelpError::Slug);
        }
        if name.is_empty() {
            errors.push(HelpError::Name);
        }
        if !KINDS.contains(&self.kind.as_str()) {
            errors.push(HelpError::Kind);
        }
        let needs: Vec<Need> = self.needs.iter().filter_map(|n| Need::parse(n)).collect();
        if needs.is_empty() || needs.len() != self.needs.len() {
            errors.push(HelpError::Needs);
        }
        let urgent: Vec<Urgency> = self
            .urgent
            .iter()
            .filter_map(|u| Urgency::parse(u))
            .collect();
        if urgent.len() != self.urgent.len() {
            errors.push(HelpError::Needs);
        }
        if what.is_empty() {
            errors.push(HelpError::What);
        }
        if for_whom.is_empty() {
            errors.push(HelpError::ForWhom);
        }
        let website = t(&self.website);
        if !website.is_empty() && !valid_url(&website) {
            errors.push(HelpError::Website);
        }
        let phone = t(&self.phone);
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +.()-".contains(c))
        {
            errors.push(HelpError::Phone);
        }
        if !APPOINTMENTS.contains(&self.appointment.as_str()) {
            errors.push(HelpError::Appointment);
        }
        let last_checked = t(&self.last_checked);
        if !valid_date(&last_checked) {
            errors.push(HelpError::LastChecked);
        }
        let mut sources = Vec::new();
        for line in self
            .sources
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match line.rsplit_once('|') {
                Some((title, url)) if !title.trim().is_empty() && valid_url(url.trim()) => sources
                    .push(Source {
                        title: title.trim().to_string(),
                        url: url.trim().to_string(),
                    }),
                _ => {
                    errors.push(HelpError::Sources);
                    break;
                }
            }
        }
        let texts = [
            &name,
            &what,
            &for_whom,
            &self.address,
            &self.hours,
            &phone,
            &website,
            &self.accessibility,
            &self.sources,
        ];
        if texts.iter().any(|s| s.chars().count() > MAX_TEXT) {
            errors.push(HelpError::TooLong);
        }
        errors.dedup();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HelpEntry {
            id: 0,
            slug,
            name,
            kind: self.kind.clone(),
            needs,
            urgent,
            what,
            for_whom,
            address: t(&self.address),
            hours: t(&self.hours),
            phone,
            website,
            appointment: self.appointment.clone(),
            accessibility: t(&self.accessibility),
            last_checked,
            sources,
            active: self.active,
        })
    }

    /// The form pre-filled with a stored entry.
    pub fn of(e: &HelpEntry) -> HelpInput {
        HelpInput {
            slug: e.slug.clone(),
            name: e.name.clone(),
            kind: e.kind.clone(),
            needs: e.needs.iter().map(|n| n.code().to_string()).collect(),
            urgent: e.urgent.iter().map(|u| u.code().to_string()).collect(),
            what: e.what.clone(),
            for_whom: e.for_whom.clone(),
            address: e.address.clone(),
            hours: e.hours.clone(),
            phone: e.phone.clone(),
            website: e.website.clone(),
            appointment: e.appointment.clone(),
            accessibility: e.accessibility.clone(),
            last_checked: e.last_checked.clone(),
            sources: sources_text(&e.sources),
            active: e.active,
        }
    }

    /// Reads the posted form fields (`needs` and `urgent` repeat).
    pub fn from_fields(fields: &[(String, String)]) -> HelpInput {
        let one = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| {
            fields
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        HelpInput {
            slug: one("slug"),
            name: one("name"),
            kind: one("kind"),
            needs: all("needs"),
            urgent: all("urgent"),
            what: one("what"),
            for_whom: one("for_whom"),
            address: one("address"),
            hours: one("hours"),
            phone: one("phone"),
            website: one("website"),
            appointment: one("appointment"),
            accessibility: one("accessibility"),
            last_checked: one("last_checked"),
            sources: one("sources"),
            active: one("active") == "oui",
        }
    }
}

/// The seed file, `content/aide/annuaire.toml` (server only).
#[cfg(feature = "ssr")]
mod seed {
    use super::{HelpEntry, HelpInput, Source};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct EntryFile {
        slug: String,
        name: String,
        kind: String,
        needs: Vec<String>,
        #[serde(default)]
        urgent: Vec<String>,
        what: String,
        for_whom: String,
        #[serde(default)]
        address: String,
        #[serde(default)]
        hours: String,
        #[serde(default)]
        phone: String,
        #[serde(default)]
        website: String,
        appointment: String,
        #[serde(default)]
        accessibility: String,
        last_checked: toml::value::Datetime,
        #[serde(default)]
        sources: Vec<Source>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct DirectoryFile {
        #[serde(default)]
        entry: Vec<EntryFile>,
    }

    /// Parses the seed file: the valid entries, and a message for each refused one.
    pub fn parse_directory(text: &str) -> Result<(Vec<HelpEntry>, Vec<String>), String> {
        let file: DirectoryFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut entries: Vec<HelpEntry> = Vec::new();
        let mut problems = Vec::new();
        for e in file.entry {
            let input = HelpInput {
                slug: e.slug.clone(),
                name: e.name,
                kind: e.kind,
                needs: e.needs,
                urgent: e.urgent,
                what: e.what,
                for_whom: e.for_whom,
                address: e.address,
                hours: e.hours,
                phone: e.phone,
                website: e.website,
                appointment: e.appointment,
                accessibility: e.accessibility,
                last_checked: e.last_checked.to_string(),
                sources: super::sources_text(&e.sources),
                active: true,
            };
            match input.parse() {
                Ok(entry) if entries.iter().any(|x| x.slug == entry.slug) => {
                    problems.push(format!("« {} » : cette adresse est déjà utilisée", e.slug));
                }
                Ok(entry) => entries.push(entry),
                Err(errors) => problems.push(format!(
                    "« {} » : {}",
                    e.slug,
                    errors
                        .iter()
                        .map(|e| e.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        Ok((entries, problems))
    }
}
#[cfg(feature = "ssr")]
pub use seed::parse_directory;

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> HelpInput {
        HelpInput {
            slug: "ccas-besancon".into(),
            name: "CCAS de Besançon".into(),
            kind: "ccas".into(),
            needs: vec!["budget".into(), "debt".into()],
            urgent: vec![],
            what: "Un travailleur social fait le point avec vous.".into(),
            for_whom: "Les habitants de Besançon.".into(),
            appointment: "unknown".into(),
            last_checked: "2026-11-30".into(),
            active: true,
            ..HelpInput::default()
        }
    }

    #[test]
    fn a_complete_entry_parses_and_empty_details_stay_empty() {
        let e = input().parse().unwrap();
        assert_eq!(e.needs, vec![Need::Budget, Need::Debt]);
        assert!(e.phone.is_empty() && e.address.is_empty());
        assert_eq!(e.tel_href(), None);
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = HelpInput {
            slug: "CCAS Besançon".into(),
            name: " ".into(),
            kind: "banque".into(),
            needs: vec!["argent".into()],
            website: "http://exemple.fr".into(),
            phone: "appelez-nous".into(),
            appointment: "peut-être".into(),
            last_checked: "30/11/2026".into(),
            sources: "sans adresse".into(),
            ..input()
        };
        let errors = bad.parse().unwrap_err();
        for e in [
            HelpError::Slug,
            HelpError::Name,
            HelpError::Kind,
            HelpError::Needs,
            HelpError::Website,
            HelpError::Phone,
            HelpError::Appointment,
            HelpError::LastChecked,
            HelpError::Sources,
        ] {
            assert!(errors.contains(&e), "{e:?} in {errors:?}");
        }
    }

    #[test]
    fn the_form_round_trips_an_entry() {
        let mut i = input();
        i.sources =
            "Service-Public.fr | https://www.service-public.gouv.fr/particuliers/vosdroits/F134"
                .into();
        i.phone = "34 14".into();
        let e = i.parse().unwrap();
        assert_eq!(HelpInput::of(&e).parse().unwrap(), e);
        assert_eq!(e.tel_href().as_deref(), Some("tel:3414"));
    }

    #[test]
    fn search_ignores_accents_case_and_plurals_and_filters_by_need() {
        let e = HelpEntry {
            id: 1,
            ..input().parse().unwrap()
        };
        assert!(e.matches(None, "besancon"));
        assert!(e.matches(Some(Need::Debt), "TRAVAILLEURS sociaux"));
        assert!(!e.matches(Some(Need::Energy), ""));
        assert!(!e.matches(None, "électricité"));
        assert!(e.matches(None, "  "));
    }

    #[test]
    fn urgent_contacts_come_first_without_repeats() {
        let mk = |id: i64, needs: Vec<Need>, urgent: Vec<Urgency>| HelpEntry {
            id,
            needs,
            urgent,
            ..input().parse().unwrap()
        };
        let entries = vec![
            mk(1, vec![Need::Budget], vec![]),
            mk(2, vec![Need::Housing], vec![Urgency::Eviction]),
            mk(3, vec![Need::Budget, Need::Housing], vec![]),
        ];
        let ids = |v: Vec<&HelpEntry>| v.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(
            ids(fitting(
                &entries,
                &[Need::Budget, Need::Housing],
                &[Urgency::Eviction]
            )),
            vec![2, 1, 3]
        );
        assert_eq!(ids(fitting(&entries, &[Need::Budget], &[])), vec![1, 3]);
    }

    #[test]
    fn the_seed_file_of_the_repository_parses_without_problems() {
        let text = include_str!("../../../content/aide/annuaire.toml");
        let (entries, problems) = parse_directory(text).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(entries.len() >= 8);
        assert!(
            entries.iter().any(|e| !e.urgent.is_empty()),
            "emergency contacts exist"
        );
    }
}
