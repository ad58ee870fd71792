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
}
