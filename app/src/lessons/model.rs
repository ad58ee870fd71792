//! Domain types of the catalogue, shared by the server and the pages.
use serde::{Deserialize, Serialize};

/// The themes of the catalogue (the topics of DOMAIN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    Budget,
    Account,
    Payment,
    Credit,
    Savings,
    Fraud,
    LifeEvents,
    Debt,
}

impl Theme {
    pub const ALL: [Theme; 8] = [
        Theme::Budget,
        Theme::Account,
        Theme::Payment,
        Theme::Credit,
        Theme::Savings,
        Theme::Fraud,
        Theme::LifeEvents,
        Theme::Debt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Theme::Budget => "budget",
            Theme::Account => "account",
            Theme::Payment => "payment",
            Theme::Credit => "credit",
            Theme::Savings => "savings",
            Theme::Fraud => "fraud",
            Theme::LifeEvents => "life-events",
            Theme::Debt => "debt",
        }
    }

    pub fn parse(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Translation key of the theme's name.
    pub fn label_key(self) -> String {
        format!("theme-{}", self.code())
    }
}

/// Who a module is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Residents,
    Professionals,
    Everyone,
}

impl Audience {
    pub const ALL: [Audience; 3] = [
        Audience::Residents,
        Audience::Professionals,
        Audience::Everyone,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Audience::Residents => "residents",
            Audience::Professionals => "professionals",
            Audience::Everyone => "everyone",
        }
    }

    pub fn parse(code: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("audience-{}", self.code())
    }
}

/// A module as the catalogue lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub theme: Theme,
    pub audience: Audience,
    pub lesson_count: i64,
    /// Language the module is written in (`fr` or `en`), for `lang` attributes.
    pub language: String,
}

/// Difficulty of a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Debutant,
    Intermediaire,
    Confirme,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Debutant, Level::Intermediaire, Level::Confirme];

    pub fn code(self) -> &'static str {
        match self {
            Level::Debutant => "debutant",
            Level::Intermediaire => "intermediaire",
            Level::Confirme => "confirme",
        }
    }

    pub fn parse(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// An official page a lesson's facts come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// A term of the glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryTerm {
    pub slug: String,
    pub name: String,
    pub definition: String,
}

/// One entry of a lesson's table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A lesson as a module page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reading_minutes: i64,
    pub level: Level,
    pub has_easy: bool,
    pub has_quiz: bool,
}

/// A module with its published lessons, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleDetail {
    pub module: ModuleSummary,
    pub lessons: Vec<LessonSummary>,
}

/// A neighbouring lesson, for the previous/next links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonLink {
    pub slug: String,
    pub title: String,
}

/// Everything a lesson page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    pub module_slug: String,
    pub module_title: String,
    pub language: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub reading_minutes: i64,
    pub level: Level,
    pub last_reviewed: String,
    pub sources: Vec<Source>,
    /// Sanitised HTML of the version shown (standard or easy-read).
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub terms: Vec<GlossaryTerm>,
    pub easy: bool,
    pub has_easy: bool,
    pub has_quiz: bool,
    pub previous: Option<LessonLink>,
    pub next: Option<LessonLink>,
}

/// A search hit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub module_slug: String,
    pub module_title: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
}
