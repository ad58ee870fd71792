//! "Où en suis-je ?", pure: the questions on early warning signs, what a "yes" to each
//! points to (needs of the help directory, modules, urgent situations), and the result
//! level. Every question can be skipped; nothing here is stored.
use crate::help::model::{Need, Urgency};
use serde::{Deserialize, Serialize};

/// One question of the self-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    /// Form field name, and the stem of its Fluent keys (`self-check-q-{id}`).
    pub id: &'static str,
    /// How much a "yes" weighs towards the level.
    pub weight: u8,
    pub needs: &'static [Need],
    /// Modules (by slug) that fit a "yes".
    pub modules: &'static [&'static str],
    /// A "yes" is an urgent situation: its contacts come first.
    pub urgent: Option<Urgency>,
}

/// The questions, in the order they are asked.
pub const QUESTIONS: [Question; 10] = [
    Question {
        id: "retard",
        weight: 2,
        needs: &[Need::Budget, Need::Housing],
        modules: &["budget-au-quotidien"],
        urgent: None,
    },
    Question {
        id: "decouvert",
        weight: 2,
        needs: &[Need::Account, Need::Budget],
        modules: &["compte-bancaire"],
        urgent: None,
    },
    Question {
        id: "rejet",
        weight: 2,
        needs: &[Need::Account],
        modules: &["compte-bancaire", "moyens-de-paiement"],
        urgent: None,
    },
    Question {
        id: "credit",
        weight: 3,
        needs: &[Need::Debt],
        modules: &["credit", "surendettement"],
        urgent: None,
    },
    Question {
        id: "courrier",
        weight: 2,
        needs: &[Need::Debt],
        modules: &["surendettement"],
        urgent: None,
    },
    Question {
        id: "revenus",
        weight: 1,
        needs: &[Need::Budget, Need::Benefits],
        modules: &["budget-au-quotidien", "epargne"],
        urgent: None,
    },
    Question {
        id: "evenement",
        weight: 1,
        needs: &[Need::Benefits],
        modules: &["evenements-de-la-vie"],
        urgent: None,
    },
    Question {
        id: "expulsion",
        weight: 3,
        needs: &[Need::Housing],
        modules: &["surendettement"],
        urgent: Some(Urgency::Eviction),
    },
    Question {
        id: "coupure",
        weight: 3,
        needs: &[Need::Energy],
        modules: &["budget-au-quotidien"],
        urgent: Some(Urgency::Cutoff),
    },
    Question {
        id: "saisie",
        weight: 3,
        needs: &[Need::Debt],
        modules: &["surendettement"],
        urgent: Some(Urgency::Seizure),
    },
];

/// What a result says, without judgement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// "Vous gérez."
    Managing,
    /// "Restez attentif."
    Watchful,
    /// "Parlez-en vite."
    TalkSoon,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Managing, Level::Watchful, Level::TalkSoon];

    pub fn code(self) -> &'static str {
        match self {
            Level::Managing => "managing",
            Level::Watchful => "watchful",
            Level::TalkSoon => "talk-soon",
        }
    }

    pub fn parse(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The stem of its Fluent keys (`…-title`, `…-text`).
    pub fn key(self) -> &'static str {
        match self {
            Level::Managing => "self-check-level-managing",
            Level::Watchful => "self-check-level-watchful",
            Level::TalkSoon => "self-check-level-talk-soon",
        }
    }
}

/// An answer; a question left unanswered is skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    No,
}

/// The answers given, by question id (skipped ones absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(pub Vec<(String, Answer)>);

impl Answers {
    /// Reads posted fields: `{id}` = `oui` or `non`; anything else is a skipped question.
    pub fn from_fields(fields: &[(String, String)]) -> Answers {
        Answers(
            QUESTIONS
                .iter()
                .filter_map(|q| {
                    let value = fields.iter().find(|(k, _)| k == q.id)?.1.as_str();
                    let answer = match value {
                        "oui" => Answer::Yes,
                        "non" => Answer::No,
                        _ => return None,
                    };
                    Some((q.id.to_string(), answer))
                })
                .collect(),
        )
    }

    /// The form fields that give these answers back (to keep the result).
    pub fn to_fields(&self) -> Vec<(String, &'static str)> {
        self.0
            .iter()
            .map(|(id, a)| (id.clone(), if *a == Answer::Yes { "oui" } else { "non" }))
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<Answer> {
        self.0.iter().find(|(q, _)| q == id).map(|(_, a)| *a)
    }

    /// The questions answered "yes", in order.
    pub fn yes(&self) -> Vec<&'static Question> {
        QUESTIONS
            .iter()
            .filter(|q| self.get(q.id) == Some(Answer::Yes))
            .collect()
    }
}

/// What the answers suggest and point to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub level: Level,
    pub urgent: Vec<Urgency>,
    pub needs: Vec<Need>,
    /// Module slugs, in order of the questions, without repeats.
    pub modules: Vec<String>,
    pub answered: usize,
}

/// The level: any urgent situation, or a weight of 5 or more, says "talk about it
/// soon"; 2 to 4 "stay watchful"; less, "you are managing".
pub fn assess(answers: &Answers) -> Outcome {
    let yes = answers.yes();
    let weight: u32 = yes.iter().map(|q| u32::from(q.weight)).sum();
    let urgent: Vec<Urgency> = yes.iter().filter_map(|q| q.urgent).collect();
    let level = if !urgent.is_empty() || weight >= 5 {
        Level::TalkSoon
    } else if weight >= 2 {
        Level::Watchful
    } else {
        Level::Managing
    };
    let mut needs: Vec<Need> = Vec::new();
    let mut modules: Vec<String> = Vec::new();
    for q in &yes {
        for n in q.needs {
            if !needs.contains(n) {
                needs.push(*n);
            }
        }
        for m in q.modules {
            if !modules.iter().any(|x| x == m) {
                modules.push((*m).to_string());
            }
        }
    }
    // Nothing flagged: budget is where everyone can start.
    if needs.is_empty() {
        needs.push(Need::Budget);
        modules.push("budget-au-quotidien".into());
    }
    Outcome {
        level,
        urgent,
        needs,
        modules,
        answered: answers.0.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        Answers::from_fields(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn no_answer_at_all_is_managing_and_points_to_the_budget() {
        let o = assess(&Answers::default());
        assert_eq!(o.level, Level::Managing);
        assert_eq!(o.needs, vec![Need::Budget]);
        assert_eq!(o.modules, vec!["budget-au-quotidien"]);
        assert_eq!(o.answered, 0);
    }

    #[test]
    fn the_level_follows_the_weight_of_the_yes_answers() {
        assert_eq!(
            assess(&answers(&[("evenement", "oui"), ("retard", "non")])).level,
            Level::Managing
        );
        assert_eq!(
            assess(&answers(&[("retard", "oui")])).level,
            Level::Watchful
        );
        assert_eq!(
            assess(&answers(&[("credit", "oui"), ("evenement", "oui")])).level,
            Level::Watchful
        );
        assert_eq!(
            assess(&answers(&[("credit", "oui"), ("retard", "oui")])).level,
            Level::TalkSoon
        );
    }

    #[test]
    fn an_urgent_situation_always_says_talk_soon_and_is_named() {
        let o = assess(&answers(&[("coupure", "oui")]));
        assert_eq!(o.level, Level::TalkSoon);
        assert_eq!(o.urgent, vec![Urgency::Cutoff]);
        assert!(o.needs.contains(&Need::Energy));
    }

    #[test]
    fn skipped_and_unknown_answers_count_for_nothing() {
        let a = answers(&[("retard", "peut-être"), ("inconnue", "oui"), ("rejet", "")]);
        assert!(a.0.is_empty());
        assert_eq!(assess(&a).answered, 0);
    }

    #[test]
    fn needs_and_modules_follow_the_questions_without_repeats() {
        let o = assess(&answers(&[
            ("decouvert", "oui"),
            ("rejet", "oui"),
            ("saisie", "oui"),
        ]));
        assert_eq!(o.needs, vec![Need::Account, Need::Budget, Need::Debt]);
        assert_eq!(
            o.modules,
            vec!["compte-bancaire", "moyens-de-paiement", "surendettement"]
        );
    }

    #[test]
    fn answers_round_trip_through_the_form_fields() {
        let a = answers(&[("retard", "oui"), ("saisie", "non")]);
        let fields: Vec<(String, String)> = a
            .to_fields()
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        assert_eq!(Answers::from_fields(&fields), a);
    }

    #[test]
    fn every_module_named_exists_in_the_content_folder() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        for q in QUESTIONS {
            for m in q.modules {
                assert!(
                    content.join(m).join("module.toml").exists(),
                    "{m} ({})",
                    q.id
                );
            }
        }
    }
}
