//! The "Outils budget" page and its quick estimate island.
//!
//! Without JavaScript the form is posted to the same address and the server renders the
//! page again with the result (amounts never travel in a URL, and nothing is stored).
//! With JavaScript the island computes the same result as the person types.
use super::{
    money::AmountError,
    quick::{QuickBudget, QuickBudgetError, QuickBudgetInput},
};
use crate::{
    app::paths,
    format,
    i18n::{t, use_lang, Lang},
    islands::{flag, head, is_flag, island_data, use_island_data, IslandData},
};
use leptos::{either::EitherOf3, prelude::*};
use leptos_meta::Title;

/// The values posted by a browser without JavaScript, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedQuickBudget(pub QuickBudgetInput);

/// Every text the island shows, translated on the server (islands have no context).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuickBudgetLabels {
    pub income: String,
    pub charges: String,
    pub household: String,
    pub amount_hint: String,
    pub submit: String,
    pub result_title: String,
    pub per_month: String,
    pub per_day: String,
    pub per_person: String,
    pub shortfall: String,
    pub positive: String,
    pub empty: String,
    pub errors_title: String,
    pub error_not_a_number: String,
    pub error_negative: String,
    pub error_too_precise: String,
    pub error_too_large: String,
    pub error_household: String,
}

crate::texts_as_list!(QuickBudgetLabels {
    income,
    charges,
    household,
    amount_hint,
    submit,
    result_title,
    per_month,
    per_day,
    per_person,
    shortfall,
    positive,
    empty,
    errors_title,
    error_not_a_number,
    error_negative,
    error_too_precise,
    error_too_large,
    error_household,
});

impl QuickBudgetLabels {
    pub fn new(lang: Lang) -> Self {
        QuickBudgetLabels {
            income: t(lang, "quick-income"),
            charges: t(lang, "quick-charges"),
            household: t(lang, "quick-household"),
            amount_hint: t(lang, "quick-amount-hint"),
            submit: t(lang, "quick-submit"),
            result_title: t(lang, "quick-result-title"),
            per_month: t(lang, "quick-per-month"),
            per_day: t(lang, "quick-per-day"),
            per_person: t(lang, "quick-per-person"),
            shortfall: t(lang, "quick-shortfall"),
            positive: t(lang, "quick-positive"),
            empty: t(lang, "quick-empty"),
            errors_title: t(lang, "quick-errors-title"),
            error_not_a_number: t(lang, AmountError::NotANumber.message_key()),
            error_negative: t(lang, AmountError::Negative.message_key()),
            error_too_precise: t(lang, AmountError::TooPrecise.message_key()),
            error_too_large: t(lang, AmountError::TooLarge.message_key()),
            error_household: t(lang, "quick-household-error"),
        }
    }

    fn error(&self, error: QuickBudgetError) -> String {
        let amount = |e: AmountError| match e {
            AmountError::NotANumber => self.error_not_a_number.clone(),
            AmountError::Negative => self.error_negative.clone(),
            AmountError::TooPrecise => self.error_too_precise.clone(),
            AmountError::TooLarge => self.error_too_large.clone(),
        };
        match error {
            QuickBudgetError::Income(e) => format!("{} : {}", self.income, amount(e)),
            QuickBudgetError::Charges(e) => format!("{} : {}", self.charges, amount(e)),
            QuickBudgetError::Household => self.error_household.clone(),
        }
    }
}

#[component]
pub fn BudgetToolsPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedQuickBudget>();
    let submitted = posted.is_some();
    let initial = posted.map(|p| p.0).unwrap_or_default();
    view! {
        <Title text=t(lang, "tools-title") />
        <div class="page">
            <h1>{t(lang, "tools-title")}</h1>
            <p class="lead">{t(lang, "tools-lead")}</p>
            <section aria-labelledby="quick-title" class="tool">
                <h2 id="quick-title">{t(lang, "quick-title")}</h2>
                <p>{t(lang, "quick-intro")}</p>
                {island_data(QuickBudgetData { labels: QuickBudgetLabels::new(lang), lang, initial, submitted })}
                <QuickBudgetForm />
            </section>
            <section aria-labelledby="more-tools-title">
                <h2 id="more-tools-title">{t(lang, "tools-more-title")}</h2>
                <ul class="cards">
                    {super::tools::Tool::ALL.into_iter().map(|tool| {
                        let card = match tool {
                            super::tools::Tool::Monthly => "tool-monthly-card",
                            super::tools::Tool::Debt => "tool-debt-card",
                            super::tools::Tool::Savings => "tool-savings-card",
                        };
                        view! {
                            <li class="card">
                                <h3><a href=tool.href()>{t(lang, tool.name_key())}</a></h3>
                                <p>{t(lang, card)}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

/// What [`QuickBudgetForm`] needs from its page (see [`crate::islands`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuickBudgetData {
    pub labels: QuickBudgetLabels,
    pub lang: Lang,
    pub initial: QuickBudgetInput,
    /// Whether the form was posted (show errors) or is blank (show a hint).
    pub submitted: bool,
}

impl IslandData for QuickBudgetData {
    const ID: &'static str = "donnees-estimation";

    fn to_texts(&self) -> Vec<String> {
        let mut texts = vec![
            self.lang.code().to_string(),
            flag(self.submitted),
            self.initial.income.clone(),
            self.initial.charges.clone(),
            self.initial.household.clone(),
        ];
        texts.extend(Vec::from(self.labels.clone()));
        texts
    }

    fn from_texts(texts: Vec<String>) -> Self {
        let mut texts = texts.into_iter();
        let [lang, submitted, income, charges, household] = head(&mut texts);
        QuickBudgetData {
            lang: Lang::parse(&lang).unwrap_or_default(),
            submitted: is_flag(&submitted),
            initial: QuickBudgetInput {
                income,
                charges,
                household,
            },
            labels: QuickBudgetLabels::from(texts.collect::<Vec<_>>()),
        }
    }
}

/// The quick estimate form. Server-rendered with the posted values (no JavaScript), then
/// hydrated to update the result live.
#[island]
pub fn QuickBudgetForm() -> impl IntoView {
    let QuickBudgetData {
        labels,
        lang,
        initial,
        submitted,
    } = use_island_data();
    let income = RwSignal::new(initial.income);
    let charges = RwSignal::new(initial.charges);
    let household = RwSignal::new(initial.household);
    let touched = RwSignal::new(submitted);
    let input = move || QuickBudgetInput {
        income: income.get(),
        charges: charges.get(),
        household: household.get(),
    };
    let outcome = Memo::new(move |_| input().compute());
    let has_error = move |pick: fn(&QuickBudgetError) -> bool| {
        move || {
            touched.get()
                && outcome.with(|o| o.as_ref().err().is_some_and(|errs| errs.iter().any(pick)))
        }
    };
    let income_invalid = has_error(|e| matches!(e, QuickBudgetError::Income(_)));
    let charges_invalid = has_error(|e| matches!(e, QuickBudgetError::Charges(_)));
    let household_invalid = has_error(|e| matches!(e, QuickBudgetError::Household));
    let labels = StoredValue::new(labels);
    let label = move |f: fn(&QuickBudgetLabels) -> String| labels.with_value(f);
    let result = move || {
        let l = labels.get_value();
        if !touched.get() {
            return EitherOf3::A(view! { <p>{l.empty}</p> });
        }
        match outcome.get() {
            Ok(QuickBudget {
                per_month,
                per_day,
                per_person,
            }) => {
                let reading = if per_month < 0 {
                    l.shortfall
                } else {
                    l.positive
                };
                EitherOf3::B(view! {
                    <dl class="figures">
                        <div><dt>{l.per_month}</dt><dd>{format::money(per_month, lang)}</dd></div>
                        <div><dt>{l.per_day}</dt><dd>{format::money(per_day, lang)}</dd></div>
                        <div><dt>{l.per_person}</dt><dd>{format::money(per_person, lang)}</dd></div>
                    </dl>
                    <p>{reading}</p>
                })
            }
            Err(errors) => EitherOf3::C(view! {
                <p class="error-title">{l.errors_title.clone()}</p>
                <ul class="errors">
                    {errors.into_iter().map(|e| view! { <li>{l.error(e)}</li> }).collect_view()}
                </ul>
            }),
        }
    };
    let mark_touched = move || touched.set(true);
    view! {
        <form
            class="quick-budget"
            method="post"
            action=paths::TOOLS
            on:submit=move |ev| {
                ev.prevent_default();
                mark_touched();
            }
        >
            <div class="field">
                <label for="qb-income">{label(|l| l.income.clone())}</label>
                <span class="hint" id="qb-hint">{label(|l| l.amount_hint.clone())}</span>
                <input
                    id="qb-income"
                    name="income"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-describedby="qb-hint"
                    aria-invalid=move || income_invalid().then_some("true")
                    prop:value=move || income.get()
                    value=income.get_untracked()
                    on:input=move |ev| {
                        income.set(event_target_value(&ev));
                        mark_touched();
                    }
                />
            </div>
            <div class="field">
                <label for="qb-charges">{label(|l| l.charges.clone())}</label>
                <input
                    id="qb-charges"
                    name="charges"
                    inputmode="decimal"
                    autocomplete="off"
                    aria-describedby="qb-hint"
                    aria-invalid=move || charges_invalid().then_some("true")
                    prop:value=move || charges.get()
                    value=charges.get_untracked()
                    on:input=move |ev| {
                        charges.set(event_target_value(&ev));
                        mark_touched();
                    }
                />
            </div>
            <div class="field">
                <label for="qb-household">{label(|l| l.household.clone())}</label>
                <input
                    id="qb-household"
                    name="household"
                    inputmode="numeric"
                    autocomplete="off"
                    aria-invalid=move || household_invalid().then_some("true")
                    prop:value=move || household.get()
                    value=household.get_untracked()
                    on:input=move |ev| {
                        household.set(event_target_value(&ev));
                        mark_touched();
                    }
                />
            </div>
            <button type="submit">{label(|l| l.submit.clone())}</button>
            <div class="result" role="status" aria-live="polite" aria-atomic="true">
                <h3>{label(|l| l.result_title.clone())}</h3>
                {result}
            </div>
        </form>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_island_gets_its_labels_and_values_as_the_page_wrote_them() {
        for lang in Lang::ALL {
            let data = QuickBudgetData {
                labels: QuickBudgetLabels::new(lang),
                lang,
                initial: QuickBudgetInput {
                    income: "1 200,50".into(),
                    charges: String::new(),
                    household: "3".into(),
                },
                submitted: true,
            };
            let back = QuickBudgetData::from_texts(data.to_texts());
            assert_eq!(back, data);
            assert_eq!(
                back.labels.error_household,
                t(lang, "quick-household-error")
            );
        }
        assert_eq!(
            QuickBudgetData::from_texts(vec![]),
            QuickBudgetData::default()
        );
    }
}
