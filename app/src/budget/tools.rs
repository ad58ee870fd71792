//! The budget tools as a set: their names, addresses and form fields, and the pure
//! evaluation of typed values into figures and plain-language readings, shared by the
//! server (no JavaScript) and the islands (live results).
use super::{
    debt::{DebtRatioError, DebtRatioInput, REFERENCE_PERMILLE},
    monthly::{Category, MonthlyBudgetError, MonthlyBudgetInput, Reading, LINES},
    savings::{SavingsError, SavingsInput},
};
use crate::{app::paths, format, i18n::Lang};
use serde::{Deserialize, Serialize};

/// One of the budget tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tool {
    Monthly,
    Debt,
    Savings,
}

impl Tool {
    pub const ALL: [Tool; 3] = [Tool::Monthly, Tool::Debt, Tool::Savings];

    /// Stable name, stored with a kept budget and used in addresses.
    pub fn code(self) -> &'static str {
        match self {
            Tool::Monthly => "budget-mensuel",
            Tool::Debt => "endettement",
            Tool::Savings => "epargne",
        }
    }

    pub fn parse(code: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.code() == code)
    }

    /// Address of the tool's page.
    pub fn href(self) -> String {
        format!("{}/{}", paths::TOOLS, self.code())
    }

    /// Translation key of the tool's name.
    pub fn name_key(self) -> &'static str {
        match self {
            Tool::Monthly => "tool-monthly-title",
            Tool::Debt => "tool-debt-title",
            Tool::Savings => "tool-savings-title",
        }
    }
}

/// The link and name key of a kept tool, for "Mon parcours".
pub fn tool_link(code: &str) -> (String, &'static str) {
    match Tool::parse(code) {
        Some(tool) => (tool.href(), tool.name_key()),
        None => (paths::TOOLS.to_string(), "tools-title"),
    }
}

/// One field of a tool's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// Form field name.
    pub name: &'static str,
    pub label_key: &'static str,
    /// Translation key of the group (fieldset legend) the field belongs to.
    pub group_key: Option<&'static str>,
    /// A number of people rather than an amount.
    pub count: bool,
}

const fn field(name: &'static str, label_key: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        label_key,
        group_key: None,
        count: false,
    }
}

impl Tool {
    /// The fields of the tool's form, in order. Values travel as one string per field.
    pub fn fields(self) -> Vec<FieldSpec> {
        match self {
            Tool::Monthly => {
                let mut fields: Vec<FieldSpec> = Category::ALL
                    .iter()
                    .flat_map(|c| super::monthly::lines_of(*c))
                    .map(|(_, line)| FieldSpec {
                        name: line.id,
                        label_key: line.key,
                        group_key: Some(line.category.key()),
                        count: false,
                    })
                    .collect();
                fields.push(FieldSpec {
                    name: "household",
                    label_key: "quick-household",
                    group_key: None,
                    count: true,
                });
                fields
            }
            Tool::Debt => vec![
                field("income", "debt-income"),
                field("repayments", "debt-repayments"),
                field("new_repayment", "debt-new-repayment"),
            ],
            Tool::Savings => vec![
                field("target", "savings-target"),
                field("saved", "savings-saved"),
                field("monthly", "savings-monthly"),
            ],
        }
    }

    /// Every translation key [`evaluate`] and the form may show, with the names of the
    /// placeholders each one takes.
    pub fn label_keys(self) -> Vec<(&'static str, &'static [&'static str])> {
        let mut keys: Vec<(&'static str, &'static [&'static str])> = vec![
            ("amount-error-not-a-number", &[]),
            ("amount-error-negative", &[]),
            ("amount-error-too-precise", &[]),
            ("amount-error-too-large", &[]),
            ("tool-errors-title", &[]),
            ("tool-result-title", &[]),
            ("tool-empty", &[]),
            ("tool-calculate", &[]),
            ("tool-keep", &[]),
            ("tool-keep-hint", &[]),
            ("quick-amount-hint", &[]),
            ("workshops-title", &[]),
        ];
        for f in self.fields() {
            keys.push((f.label_key, &[]));
            if let Some(g) = f.group_key {
                if !keys.iter().any(|(k, _)| *k == g) {
                    keys.push((g, &[]));
                }
            }
        }
        let specific: &[(&'static str, &'static [&'static str])] = match self {
            Tool::Monthly => &[
                ("quick-household-error", &[]),
                ("monthly-income", &[]),
                ("monthly-compulsory", &[]),
                ("monthly-reste", &[]),
                ("monthly-per-day", &[]),
                ("monthly-per-person", &[]),
                ("monthly-everyday", &[]),
                ("monthly-irregular", &[]),
                ("monthly-balance", &[]),
                ("monthly-debt-ratio", &[]),
                ("budget-reading-shortfall", &[]),
                ("budget-reading-tight", &[]),
                ("budget-reading-room", &[]),
                ("monthly-debt-above", &[]),
                ("link-lesson-reste", &[]),
                ("link-lesson-signs", &[]),
                ("link-lesson-irregular", &[]),
                ("link-lesson-precaution", &[]),
                ("link-module-credit", &[]),
                ("link-who-helps", &[]),
                ("budget-irregular-hint", &[]),
            ],
            Tool::Debt => &[
                ("debt-no-income-error", &[]),
                ("debt-current", &[]),
                ("debt-with-new", &[]),
                ("debt-room", &[]),
                ("debt-reference", &["percent"]),
                ("debt-above", &[]),
                ("debt-below", &[]),
                ("debt-new-above", &[]),
                ("debt-new-below", &[]),
                ("link-module-credit", &[]),
                ("link-lesson-reste", &[]),
                ("debt-new-hint", &[]),
            ],
            Tool::Savings => &[
                ("savings-target-missing-error", &[]),
                ("savings-no-monthly-error", &[]),
                ("savings-months", &[]),
                ("savings-duration", &["months", "years", "rest"]),
                ("savings-remaining", &[]),
                ("savings-last", &[]),
                ("savings-reached", &[]),
                ("savings-note", &[]),
                ("link-lesson-precaution", &[]),
                ("link-lesson-little", &[]),
                ("savings-saved-hint", &[]),
            ],
        };
        keys.extend_from_slice(specific);
        keys
    }
}

/// Translated texts by key, built on the server and handed to the island.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels(pub Vec<(String, String)>);

impl Labels {
    pub fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// A label with its `{name}` placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, String)]) -> String {
        values.iter().fold(self.get(key), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
    }
}

/// One figure of a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// The figure the tool is for, shown larger.
    pub main: bool,
}

/// A sentence reading the result, with an optional link to what helps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
    pub link: Option<(String, String)>,
}

/// What a tool shows for the values typed: figures and notes, or the refused fields
/// (index in [`Tool::fields`], message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub figures: Vec<Figure>,
    pub notes: Vec<Note>,
    pub errors: Vec<(usize, String)>,
}

impl Evaluation {
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Lessons and pages the readings point to.
pub mod links {
    pub const LESSON_RESTE: &str = "/modules/budget-au-quotidien/le-reste-a-vivre";
    pub const LESSON_IRREGULAR: &str = "/modules/budget-au-quotidien/les-depenses-irregulieres";
    pub const LESSON_SIGNS: &str = "/modules/surendettement/les-signes-qui-alertent";
    pub const LESSON_WHO_HELPS: &str = "/modules/surendettement/qui-peut-aider";
    pub const LESSON_PRECAUTION: &str = "/modules/epargne/lepargne-de-precaution";
    pub const LESSON_LITTLE: &str = "/modules/epargne/epargner-petit-a-petit";
    pub const MODULE_CREDIT: &str = "/modules/credit";
    /// Every link above, for the test that checks they all lead to a page.
    pub const ALL: [&str; 7] = [
        LESSON_RESTE,
        LESSON_IRREGULAR,
        LESSON_SIGNS,
        LESSON_WHO_HELPS,
        LESSON_PRECAUTION,
        LESSON_LITTLE,
        MODULE_CREDIT,
    ];
}

fn value_of(values: &[(String, String)], name: &str) -> String {
    values
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn note(labels: &Labels, key: &str, link: Option<(&str, &str)>) -> Note {
    Note {
        text: labels.get(key),
        link: link.map(|(href, key)| (href.to_string(), labels.get(key))),
    }
}

/// Reads the typed values (field name, text) and computes the tool's result. Pure, run
/// the same way on the server (no JavaScript) and in the island (live).
pub fn evaluate(
    tool: Tool,
    values: &[(String, String)],
    labels: &Labels,
    lang: Lang,
) -> Evaluation {
    let fields = tool.fields();
    let index_of = |name: &str| fields.iter().position(|f| f.name == name).unwrap_or(0);
    let money = |cents: i64| format::money(cents, lang);
    let figure = |key: &str, value: String, main: bool| Figure {
        label: labels.get(key),
        value,
        main,
    };
    let amount_error = |e: super::money::AmountError| labels.get(e.message_key());
    match tool {
        Tool::Monthly => {
            let input = MonthlyBudgetInput {
                amounts: LINES.iter().map(|l| value_of(values, l.id)).collect(),
                household: value_of(values, "household"),
            };
            match input.compute() {
                Ok(b) => {
                    let mut figures = vec![
                        figure("monthly-income", money(b.income), false),
                        figure("monthly-compulsory", money(b.compulsory), false),
                        figure("monthly-reste", money(b.reste_a_vivre), true),
                        figure("monthly-per-day", money(b.reste_per_day), false),
                        figure("monthly-per-person", money(b.reste_per_person), false),
                        figure("monthly-everyday", money(b.everyday), false),
                        figure("monthly-irregular", money(b.irregular_per_month), false),
                        figure("monthly-balance", money(b.balance), true),
                    ];
                    if let Some(ratio) = b.debt_ratio_permille {
                        figures.push(figure(
                            "monthly-debt-ratio",
                            format::permille(ratio, lang),
                            false,
                        ));
                    }
                    let mut notes = vec![match b.reading {
                        Reading::Shortfall => note(
                            labels,
                            "budget-reading-shortfall",
                            Some((links::LESSON_SIGNS, "link-lesson-signs")),
                        ),
                        Reading::Tight => note(
                            labels,
                            "budget-reading-tight",
                            Some((links::LESSON_IRREGULAR, "link-lesson-irregular")),
                        ),
                        Reading::Room => note(
                            labels,
                            "budget-reading-room",
                            Some((links::LESSON_PRECAUTION, "link-lesson-precaution")),
                        ),
                    }];
                    if b.debt_above_reference {
                        notes.push(note(
                            labels,
                            "monthly-debt-above",
                            Some((links::MODULE_CREDIT, "link-module-credit")),
                        ));
                    }
                    if b.reading == Reading::Shortfall || b.debt_above_reference {
                        notes.push(Note {
                            text: String::new(),
                            link: Some((
                                links::LESSON_WHO_HELPS.to_string(),
                                labels.get("link-who-helps"),
                            )),
                        });
                    }
                    notes.push(Note {
                        text: String::new(),
                        link: Some((
                            links::LESSON_RESTE.to_string(),
                            labels.get("link-lesson-reste"),
                        )),
                    });
                    notes.push(Note {
                        text: String::new(),
                        link: Some((
                            crate::app::paths::WORKSHOPS.to_string(),
                            labels.get("workshops-title"),
                        )),
                    });
                    Evaluation {
                        figures,
                        notes,
                        errors: Vec::new(),
                    }
                }
                Err(errors) => Evaluation {
                    errors: errors
                        .into_iter()
                        .map(|e| match e {
                            MonthlyBudgetError::Line(i, a) => {
                                (index_of(LINES[i].id), amount_error(a))
                            }
                            MonthlyBudgetError::Household => {
                                (index_of("household"), labels.get(e.message_key()))
                            }
                        })
                        .collect(),
                    ..Default::default()
                },
            }
        }
        Tool::Debt => {
            let input = DebtRatioInput {
                income: value_of(values, "income"),
                repayments: value_of(values, "repayments"),
                new_repayment: value_of(values, "new_repayment"),
            };
            match input.compute() {
                Ok(d) => {
                    let mut figures = vec![figure(
                        "debt-current",
                        format::permille(d.current_permille, lang),
                        true,
                    )];
                    if let Some(p) = d.with_new_permille {
                        figures.push(figure("debt-with-new", format::permille(p, lang), true));
                    }
                    figures.push(figure("debt-room", money(d.room_before_reference), false));
                    let mut notes = vec![Note {
                        text: labels.fill(
                            "debt-reference",
                            &[("percent", format::permille(REFERENCE_PERMILLE, lang))],
                        ),
                        link: None,
                    }];
                    notes.push(note(
                        labels,
                        if d.current_above {
                            "debt-above"
                        } else {
                            "debt-below"
                        },
                        None,
                    ));
                    if let Some(above) = d.with_new_above {
                        notes.push(note(
                            labels,
                            if above {
                                "debt-new-above"
                            } else {
                                "debt-new-below"
                            },
                            Some((links::MODULE_CREDIT, "link-module-credit")),
                        ));
                    }
                    notes.push(Note {
                        text: String::new(),
                        link: Some((
                            links::LESSON_RESTE.to_string(),
                            labels.get("link-lesson-reste"),
                        )),
                    });
                    Evaluation {
                        figures,
                        notes,
                        errors: Vec::new(),
                    }
                }
                Err(errors) => Evaluation {
                    errors: errors
                        .into_iter()
                        .map(|e| match e {
                            DebtRatioError::Income(a) => (0, amount_error(a)),
                            DebtRatioError::Repayments(a) => (1, amount_error(a)),
                            DebtRatioError::NewRepayment(a) => (2, amount_error(a)),
                            DebtRatioError::NoIncome => (0, labels.get(e.message_key())),
                        })
                        .collect(),
                    ..Default::default()
                },
            }
        }
        Tool::Savings => {
            let input = SavingsInput {
                target: value_of(values, "target"),
                saved: value_of(values, "saved"),
                monthly: value_of(values, "monthly"),
            };
            match input.compute() {
                Ok(plan) if plan.months == 0 => Evaluation {
                    notes: vec![note(
                        labels,
                        "savings-reached",
                        Some((links::LESSON_PRECAUTION, "link-lesson-precaution")),
                    )],
                    ..Default::default()
                },
                Ok(plan) => Evaluation {
                    figures: vec![
                        figure(
                            "savings-months",
                            labels.fill(
                                "savings-duration",
                                &[
                                    ("months", plan.months.to_string()),
                                    ("years", plan.years.to_string()),
                                    ("rest", plan.rest_months.to_string()),
                                ],
                            ),
                            true,
                        ),
                        figure("savings-remaining", money(plan.remaining), false),
                        figure("savings-last", money(plan.last_payment), false),
                    ],
                    notes: vec![
                        note(
                            labels,
                            "savings-note",
                            Some((links::LESSON_LITTLE, "link-lesson-little")),
                        ),
                        Note {
                            text: String::new(),
                            link: Some((
                                links::LESSON_PRECAUTION.to_string(),
                                labels.get("link-lesson-precaution"),
                            )),
                        },
                    ],
                    errors: Vec::new(),
                },
                Err(errors) => Evaluation {
                    errors: errors
                        .into_iter()
                        .map(|e| match e {
                            SavingsError::Target(a) => (0, amount_error(a)),
                            SavingsError::Saved(a) => (1, amount_error(a)),
                            SavingsError::Monthly(a) => (2, amount_error(a)),
                            SavingsError::TargetMissing => (0, labels.get(e.message_key())),
                            SavingsError::NoMonthlySaving => (2, labels.get(e.message_key())),
                        })
                        .collect(),
                    ..Default::default()
                },
            }
        }
    }
}

/// Keeps only the tool's own fields from posted or stored pairs, in form order.
pub fn tool_values(tool: Tool, pairs: &[(String, String)]) -> Vec<(String, String)> {
    tool.fields()
        .iter()
        .map(|f| {
            let value: String = value_of(pairs, f.name).chars().take(40).collect();
            (f.name.to_string(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        Labels(vec![
            ("monthly-reste".into(), "Reste à vivre".into()),
            ("debt-current".into(), "Taux".into()),
            ("savings-duration".into(), "{months} mois".into()),
            ("savings-months".into(), "Durée".into()),
            ("amount-error-negative".into(), "négatif".into()),
        ])
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn every_tool_gives_figures_for_good_values_and_names_bad_fields() {
        let l = labels();
        let e = evaluate(
            Tool::Monthly,
            &pairs(&[("salaire", "1500"), ("loyer", "600"), ("household", "2")]),
            &l,
            Lang::Fr,
        );
        assert!(e.is_valid());
        assert!(e
            .figures
            .iter()
            .any(|f| f.label == "Reste à vivre" && f.value == "900,00\u{a0}€"));
        let e = evaluate(Tool::Monthly, &pairs(&[("salaire", "-3")]), &l, Lang::Fr);
        assert_eq!(e.errors, vec![(0, "négatif".to_string())]);
        let e = evaluate(
            Tool::Debt,
            &pairs(&[("income", "2000"), ("repayments", "700")]),
            &l,
            Lang::Fr,
        );
        assert_eq!(e.figures[0].value, "35\u{a0}%");
        let e = evaluate(
            Tool::Savings,
            &pairs(&[("target", "1000"), ("monthly", "100")]),
            &l,
            Lang::Fr,
        );
        assert_eq!(e.figures[0].value, "10 mois");
        let e = evaluate(
            Tool::Savings,
            &pairs(&[("target", "1000"), ("saved", "-1"), ("monthly", "100")]),
            &l,
            Lang::Fr,
        );
        assert_eq!(e.errors[0].0, 1);
    }

    #[test]
    fn only_the_tools_own_fields_are_kept_and_long_values_are_cut() {
        let kept = tool_values(
            Tool::Debt,
            &pairs(&[("income", &"9".repeat(100)), ("nom", "Dupont")]),
        );
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].1.len(), 40);
        assert!(!kept.iter().any(|(_, v)| v == "Dupont"));
    }

    #[test]
    fn every_field_of_every_tool_has_a_distinct_name() {
        for tool in Tool::ALL {
            let fields = tool.fields();
            for (i, f) in fields.iter().enumerate() {
                assert!(
                    !fields[i + 1..].iter().any(|g| g.name == f.name),
                    "{}",
                    f.name
                );
            }
        }
        assert_eq!(Tool::Monthly.fields().len(), LINES.len() + 1);
    }
}
