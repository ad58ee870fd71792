//! "Où en suis-je ?": the questions (a plain form, every question can be skipped) and
//! the result page the server renders from the posted answers (nothing is stored unless
//! the person keeps it in "Mon parcours"). Urgent situations show their contacts
//! first. The form posts to server/src/forms.rs.
use super::model::{assess, Answer, Answers, Level, Outcome, QUESTIONS};
use crate::{
    app::paths,
    error::AppError,
    format,
    help::{model::HelpEntry, pages::HelpCard},
    i18n::{t, t_args, use_lang, FluentArg},
    pages::errors::ErrorPage,
    workshops::page::span_text,
};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// Posted answers, provided as context by the server: the page shows the result.
#[derive(Clone, Debug, Default)]
pub struct PostedSelfCheck(pub Answers);

/// What the result points to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub outcome: Outcome,
    /// (slug, title) of the fitting modules.
    pub modules: Vec<(String, String)>,
    /// Upcoming workshops on their themes: (id, title, starts at, ends at).
    pub workshops: Vec<(i64, String, i64, i64)>,
    /// Contacts that fit: urgent ones first.
    pub help: Vec<HelpEntry>,
}

/// What the answers point to: modules, upcoming workshops and contacts. `yes` holds
/// the ids of the questions answered "yes", comma-separated, and `no` those answered
/// "no" (unknown ids are ignored). Reads only.
#[server(endpoint = "self-check/advice")]
pub async fn self_check_advice(yes: String, no: String) -> Result<Advice, AppError> {
    async move {
        let store = expect_context::<crate::db::Store>();
        let fields: Vec<(String, String)> = [(yes, "oui"), (no, "non")]
            .iter()
            .flat_map(|(ids, value)| ids.split(',').map(|id| (id.to_string(), value.to_string())))
            .collect();
        let outcome = assess(&Answers::from_fields(&fields));
        let all = store.list_modules().await?;
        let modules: Vec<_> = outcome
            .modules
            .iter()
            .filter_map(|slug| all.iter().find(|m| &m.slug == slug))
            .collect();
        let themes: Vec<String> = modules.iter().map(|m| m.theme.code().to_string()).collect();
        let workshops = store
            .upcoming_workshops(crate::state::unix_now())
            .await?
            .into_iter()
            .filter(|w| themes.contains(&w.theme))
            .take(3)
            .map(|w| (w.id, w.title, w.starts_at, w.ends_at))
            .collect();
        let entries = store.help_entries().await?;
        let help = crate::help::model::fitting(&entries, &outcome.needs, &outcome.urgent)
            .into_iter()
            .take(6)
            .cloned()
            .collect();
        Ok(Advice {
            modules: modules
                .into_iter()
                .map(|m| (m.slug.clone(), m.title.clone()))
                .collect(),
            workshops,
            help,
            outcome,
        })
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn SelfCheckPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedSelfCheck>();
    view! {
        <Title text=t(lang, "self-check-title") />
        <div class="page self-check">
            <h1>{t(lang, "self-check-title")}</h1>
            {match posted {
                Some(PostedSelfCheck(answers)) => view! { <SelfCheckResult answers /> }.into_any(),
                None => view! { <SelfCheckForm answers=Answers::default() /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn SelfCheckForm(answers: Answers) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="lead">{t(lang, "self-check-lead")}</p>
        <p>{t(lang, "self-check-private")}</p>
        <form method="post" action=paths::SELF_CHECK class="self-check-form">
            {QUESTIONS.iter().enumerate().map(|(i, q)| {
                let given = answers.get(q.id);
                let choice = |value: &'static str, key: &'static str, checked: bool| {
                    let id = format!("q-{}-{}", q.id, if value.is_empty() { "passe" } else { value });
                    view! {
                        <p class="option"><input type="radio" id=id.clone() name=q.id value=value checked=checked />
                            <label for=id>{t(lang, key)}</label></p>
                    }
                };
                view! {
                    <fieldset>
                        <legend>{format!("{}. ", i + 1)} {t(lang, &format!("self-check-q-{}", q.id))}</legend>
                        <p class="hint">{t(lang, &format!("self-check-q-{}-hint", q.id))}</p>
                        {choice("oui", "self-check-yes", given == Some(Answer::Yes))}
                        {choice("non", "self-check-no", given == Some(Answer::No))}
                        {choice("", "self-check-skip", given.is_none())}
                    </fieldset>
                }
            }).collect_view()}
            <button type="submit">{t(lang, "self-check-submit")}</button>
        </form>
    }
}

#[component]
fn SelfCheckResult(answers: Answers) -> impl IntoView {
    let lang = use_lang();
    let fields = answers.to_fields();
    let yes: Vec<_> = answers.yes();
    view! {
        <Suspense>
            {Suspend::new({
                let (answers, fields, yes) = (answers.clone(), fields.clone(), yes.clone());
                async move {
                let ids = |wanted: Answer| answers.0.iter().filter(|(_, a)| *a == wanted).map(|(q, _)| q.clone()).collect::<Vec<_>>().join(",");
                match self_check_advice(ids(Answer::Yes), ids(Answer::No)).await {
                    Ok(advice) => {
                        let level = advice.outcome.level;
                        let (urgent_help, other_help): (Vec<HelpEntry>, Vec<HelpEntry>) = advice
                            .help
                            .into_iter()
                            .partition(|e| e.urgent.iter().any(|u| advice.outcome.urgent.contains(u)));
                        view! {
                            <section id="resultat" aria-labelledby="result-title" tabindex="-1">
                                {(!advice.outcome.urgent.is_empty()).then(|| view! {
                                    <div class="urgent-box" role="alert">
                                        <h2>{t(lang, "self-check-urgent-title")}</h2>
                                        <ul>
                                            {advice.outcome.urgent.iter().map(|u| view! {
                                                <li>{t(lang, &format!("self-check-urgent-{}", u.code()))}</li>
                                            }).collect_view()}
                                        </ul>
                                        <ul class="cards">
                                            {urgent_help.into_iter().map(|entry| view! { <HelpCard entry level=3 /> }).collect_view()}
                                        </ul>
                                    </div>
                                })}
                                <h2 id="result-title" class=format!("level level-{}", level.code())>{t(lang, &format!("{}-title", level.key()))}</h2>
                                <p>{t(lang, &format!("{}-text", level.key()))}</p>
                                <h3>{t(lang, "self-check-your-answers")}</h3>
                                {if yes.is_empty() {
                                    view! { <p>{t_args(lang, "self-check-no-yes", &[("count", FluentArg::Number(advice.outcome.answered as i64))])}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul>
                                            {yes.iter().map(|q| view! { <li>{t(lang, &format!("self-check-q-{}-short", q.id))}</li> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                {(!other_help.is_empty()).then(|| view! {
                                    <h3>{t(lang, "self-check-who-helps")}</h3>
                                    <ul class="cards">
                                        {other_help.into_iter().map(|entry| view! { <HelpCard entry level=4 /> }).collect_view()}
                                    </ul>
                                })}
                                <p><a href=paths::HELP>{t(lang, "self-check-all-help")}</a></p>
                                <h3>{t(lang, "self-check-learn")}</h3>
                                <ul>
                                    {advice.modules.into_iter().map(|(slug, title)| view! {
                                        <li><a href=format!("{}/{slug}", paths::MODULES)>{title}</a></li>
                                    }).collect_view()}
                                    <li><a href=crate::budget::tools::Tool::Monthly.href()>{t(lang, "self-check-tool-monthly")}</a></li>
                                    {advice.outcome.needs.contains(&crate::help::model::Need::Debt).then(|| view! {
                                        <li><a href=crate::budget::tools::Tool::Debt.href()>{t(lang, "self-check-tool-debt")}</a></li>
                                    })}
                                </ul>
                                <h3>{t(lang, "self-check-workshops")}</h3>
                                {if advice.workshops.is_empty() {
                                    view! { <p>{t(lang, "self-check-no-workshop")} " " <a href=paths::WORKSHOPS>{t(lang, "progress-workshops-link")}</a></p> }.into_any()
                                } else {
                                    view! {
                                        <ul>
                                            {advice.workshops.into_iter().map(|(id, title, start, end)| view! {
                                                <li><a href=format!("{}/{id}", paths::WORKSHOPS)>{title}</a> " — " {span_text(start, end, lang)}</li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <div class="no-print">
                                    <h3>{t(lang, "self-check-next")}</h3>
                                    <p>{t(lang, "self-check-print")}</p>
                                    <p>{t(lang, "self-check-nothing-stored")}</p>
                                    <form method="post" action=format!("{}/garder", paths::SELF_CHECK)>
                                        {fields.iter().map(|(name, value)| view! { <input type="hidden" name=name.clone() value=*value /> }).collect_view()}
                                        <button type="submit">{t(lang, "self-check-keep")}</button>
                                    </form>
                                    <p><a href=paths::SELF_CHECK>{t(lang, "self-check-again")}</a></p>
                                </div>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            }})}
        </Suspense>
    }
}

/// The kept result as "Mon parcours" shows it: its level, when, and a button to see it
/// again (posted answers, not counted twice).
#[component]
pub fn KeptSelfCheck(answers: Answers, kept_at: i64) -> impl IntoView {
    let lang = use_lang();
    let level: Level = assess(&answers).level;
    view! {
        <section aria-labelledby="self-check-kept-title" id="auto-diagnostic">
            <h2 id="self-check-kept-title">{t(lang, "self-check-title")}</h2>
            <p>{t_args(lang, "self-check-kept-on", &[
                ("level", FluentArg::Text(t(lang, &format!("{}-title", level.key())))),
                ("date", FluentArg::Text(format::unix_date(kept_at, lang))),
            ])}</p>
            <form method="post" action=paths::SELF_CHECK>
                <input type="hidden" name="revoir" value="1" />
                {answers.to_fields().into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
                <button type="submit" class="secondary">{t(lang, "self-check-see-again")}</button>
            </form>
        </section>
    }
}
