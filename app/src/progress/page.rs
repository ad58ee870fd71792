//! The "Mon parcours" page, the one-time messages, and the read markers that lesson and
//! module pages show.
use super::{
    model::{
        struggled_themes, suggestions, Flash, ModuleProgress, ProgressOverview, ReadLesson,
        SuggestionReason,
    },
    resume::CodeError,
};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    pages::errors::set_status,
    quizzes::model::{mastery_key, mastery_of},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// What this browser has read, or `None` when it never saved anything (no cookie).
#[server(endpoint = "progress/mine")]
pub async fn my_progress() -> Result<Option<Vec<ReadLesson>>, AppError> {
    let Some(session) = super::session::current_session() else {
        return Ok(None);
    };
    let Some(learner) = super::session::learner_id(&session).await else {
        return Ok(None);
    };
    let store = expect_context::<crate::db::Store>();
    Ok(Some(store.read_lessons(&learner).await?))
}

/// What "Mon parcours" shows: the overview (none without a learner) and a resume code
/// just created, shown once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressData {
    pub overview: Option<ProgressOverview>,
    pub new_code: Option<String>,
    /// Upcoming workshops on the themes where a quiz is below 70 %: (id, title, start).
    pub workshops: Vec<(i64, String, i64)>,
    /// The self-check result kept, with when.
    #[serde(default)]
    pub self_check: Option<(crate::selfcheck::model::Answers, i64)>,
}

#[server(endpoint = "progress/overview")]
pub async fn progress_page_data() -> Result<ProgressData, AppError> {
    let Some(session) = super::session::current_session() else {
        return Ok(ProgressData::default());
    };
    let Some(learner) = super::session::learner_id(&session).await else {
        return Ok(ProgressData::default());
    };
    let store = expect_context::<crate::db::Store>();
    store
        .touch_learner(&learner, crate::state::unix_now())
        .await?;
    let overview = store.progress_overview(&learner).await?;
    let themes: Vec<&str> = struggled_themes(&overview)
        .into_iter()
        .map(|th| th.code())
        .collect();
    let workshops = if themes.is_empty() {
        Vec::new()
    } else {
        store
            .upcoming_workshops(crate::state::unix_now())
            .await?
            .into_iter()
            .filter(|w| themes.contains(&w.theme.as_str()))
            .take(3)
            .map(|w| (w.id, w.title, w.starts_at))
            .collect()
    };
    Ok(ProgressData {
        overview: Some(overview),
        new_code: super::session::take_new_code(&session).await,
        workshops,
        self_check: store.kept_self_check(&learner).await?,
    })
}

/// The messages left by the last form, shown once.
#[server(endpoint = "progress/messages")]
pub async fn take_messages() -> Result<Vec<Flash>, AppError> {
    Ok(match super::session::current_session() {
        Some(session) => super::session::take_flashes(&session).await,
        None => Vec::new(),
    })
}

/// Where the "marquer comme lue" form posts.
pub fn mark_read_action(module: &str, lesson: &str) -> String {
    format!("{}/{module}/{lesson}/lue", paths::MODULES)
}

/// Shows the pending one-time messages in a status region.
#[component]
pub fn FlashMessages() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let flashes = take_messages().await.unwrap_or_default();
                (!flashes.is_empty()).then(|| view! {
                    <div class="flash" role="status">
                        {flashes.into_iter().map(|f| {
                            let privacy = (f == Flash::LearnerCreated).then(|| view! {
                                " " <a href=paths::PRIVACY>{t(lang, "flash-learn-more")}</a>
                            });
                            view! { <p>{t(lang, f.message_key())} {privacy}</p> }
                        }).collect_view()}
                    </div>
                })
            })}
        </Suspense>
    }
}

/// The "read" marker or the "marquer comme lue" button of a lesson page.
#[component]
pub fn ReadControl(module: String, lesson: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let read = my_progress().await.ok().flatten().unwrap_or_default();
                if read.iter().any(|r| r.module_slug == module && r.lesson_slug == lesson) {
                    view! { <p class="read-marker">"✓ " {t(lang, "progress-read")}</p> }.into_any()
                } else {
                    view! {
                        <form class="mark-read" method="post" action=mark_read_action(&module, &lesson)>
                            <button type="submit">{t(lang, "progress-mark-read")}</button>
                            <p class="hint">{t(lang, "progress-mark-read-hint")}</p>
                        </form>
                    }
                    .into_any()
                }
            })}
        </Suspense>
    }
}

/// Why a resume code was not accepted, as the page names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestoreError {
    Code(CodeError),
    /// Well formed, but no progress has this code.
    Unknown,
    /// Too many tries from this connection: wait this many minutes.
    TooMany {
        minutes: i64,
    },
}

/// A refused resume code, provided as context by the server when the form comes back.
#[derive(Clone, Debug)]
pub struct PostedRestore {
    pub code: String,
    pub error: RestoreError,
}

fn restore_message(lang: Lang, error: &RestoreError) -> String {
    match error {
        RestoreError::Code(CodeError::BadCharacter(c)) => t_args(
            lang,
            "resume-error-character",
            &[("character", FluentArg::Text(c.to_string()))],
        ),
        RestoreError::Code(e) => t(lang, e.message_key()),
        RestoreError::Unknown => t(lang, "resume-error-unknown"),
        RestoreError::TooMany { minutes } => t_args(
            lang,
            "resume-error-too-many",
            &[("minutes", FluentArg::Number(*minutes))],
        ),
    }
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    let lang = use_lang();
    let erased = use_query_map().with_untracked(|q| q.get("efface").is_some());
    let posted = use_context::<PostedRestore>();
    if let Some(p) = &posted {
        set_status(match p.error {
            RestoreError::TooMany { .. } => 429,
            _ => 422,
        });
    }
    view! {
        <Title text=t(lang, "progress-title") />
        <div class="page progress-page">
            <h1>{t(lang, "progress-title")}</h1>
            <p class="lead">{t(lang, "progress-lead")}</p>
            {erased.then(|| view! { <div class="flash" role="status"><p>{t(lang, "flash-forgotten")}</p></div> })}
            <Suspense>
                {Suspend::new(async move {
                    match progress_page_data().await {
                        Ok(ProgressData { overview: Some(overview), new_code, workshops, self_check }) => view! {
                            <Progress overview new_code workshops />
                            {self_check.map(|(answers, kept_at)| view! {
                                <crate::selfcheck::pages::KeptSelfCheck answers kept_at />
                            })}
                            <RestoreForm posted has_progress=true />
                            <ForgetForm />
                        }
                        .into_any(),
                        Ok(ProgressData { overview: None, .. }) => view! {
                            <p>{t(lang, "progress-empty")}</p>
                            <p>{t(lang, "progress-how")}</p>
                            <RestoreForm posted has_progress=false />
                        }
                        .into_any(),
                        Err(error) => view! { <crate::pages::errors::ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn lesson_href(module: &str, lesson: &str) -> String {
    format!("{}/{module}/{lesson}", paths::MODULES)
}

fn score_text(lang: Lang, best: (i64, i64)) -> String {
    t_args(
        lang,
        "progress-quiz-score",
        &[
            (
                "band",
                FluentArg::Text(t(lang, mastery_key(mastery_of(best)))),
            ),
            ("correct", FluentArg::Number(best.0)),
            ("total", FluentArg::Number(best.1)),
        ],
    )
}

#[component]
fn Progress(
    overview: ProgressOverview,
    new_code: Option<String>,
    workshops: Vec<(i64, String, i64)>,
) -> impl IntoView {
    let lang = use_lang();
    let next = suggestions(&overview);
    let themes = struggled_themes(&overview);
    view! {
        {new_code.map(|code| view! {
            <div class="flash resume-code" role="status">
                <p>{t(lang, "resume-new-code")}</p>
                <p class="code" translate="no"><strong>{super::resume::display(&code)}</strong></p>
                <p>{t(lang, "resume-new-code-hint")}</p>
            </div>
        })}
        <section aria-labelledby="next-title">
            <h2 id="next-title">{t(lang, "progress-next-title")}</h2>
            {if next.is_empty() {
                view! { <p>{t(lang, "progress-next-none")}</p> }.into_any()
            } else {
                view! {
                    <ol class="suggestions">
                        {next.into_iter().map(|s| {
                            let href = lesson_href(&s.module_slug, &s.lesson_slug);
                            let (reason, target) = match s.reason {
                                SuggestionReason::Review(m) => (
                                    t_args(lang, "progress-why-review", &[("band", FluentArg::Text(t(lang, mastery_key(m))))]),
                                    href.clone(),
                                ),
                                SuggestionReason::NotRead => (t(lang, "progress-why-unread"), href.clone()),
                                SuggestionReason::QuizNotTaken => (t(lang, "progress-why-quiz"), format!("{href}/quiz")),
                            };
                            view! { <li><a href=target>{s.lesson_title}</a> " — " {reason}</li> }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
        {(!themes.is_empty()).then(|| {
            let names = themes.iter().map(|th| t(lang, &th.label_key())).collect::<Vec<_>>().join(", ");
            view! {
                <section aria-labelledby="help-title">
                    <h2 id="help-title">{t(lang, "progress-workshops-title")}</h2>
                    <p>{t_args(lang, "progress-workshops-text", &[("themes", FluentArg::Text(names))])}</p>
                    {(!workshops.is_empty()).then(|| view! {
                        <ul>
                            {workshops.into_iter().map(|(id, title, at)| view! {
                                <li><a href=format!("{}/{id}", paths::WORKSHOPS)>{title}</a> " — " {format::unix_date(at, lang)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    <p><a href=paths::WORKSHOPS>{t(lang, "progress-workshops-link")}</a></p>
                </section>
            }
        })}
        <section aria-labelledby="modules-title">
            <h2 id="modules-title">{t(lang, "progress-modules-title")}</h2>
            {if overview.modules.is_empty() {
                view! { <p>{t(lang, "progress-nothing-read")}</p> }.into_any()
            } else {
                overview.modules.into_iter().map(|m| view! { <ModuleBlock m /> }).collect_view().into_any()
            }}
        </section>
        <KeptBudgets kept=overview.kept_budgets />
        <section aria-labelledby="resume-title">
            <h2 id="resume-title">{t(lang, "resume-title")}</h2>
            <p>{t(lang, "resume-text")}</p>
            {overview.has_resume_code.then(|| view! { <p>{t(lang, "resume-has-code")}</p> })}
            <form method="post" action=paths::RESUME_CODE>
                <button type="submit">{t(lang, if overview.has_resume_code { "resume-new-button" } else { "resume-get-button" })}</button>
            </form>
        </section>
    }
}

#[component]
fn ModuleBlock(m: ModuleProgress) -> impl IntoView {
    let lang = use_lang();
    let status = if m.finished() {
        t(lang, "progress-module-finished")
    } else {
        t_args(
            lang,
            "progress-module-count",
            &[
                ("read", FluentArg::Number(m.read_count() as i64)),
                ("total", FluentArg::Number(m.lessons.len() as i64)),
            ],
        )
    };
    let module_href = format!("{}/{}", paths::MODULES, m.slug);
    let module_quiz = match m.module_quiz {
        Some(best) => score_text(lang, best),
        None => t(lang, "progress-quiz-none"),
    };
    let caption = t_args(
        lang,
        "progress-table-caption",
        &[("title", FluentArg::Text(m.title.clone()))],
    );
    view! {
        <div class="module-progress">
            <h3><a href=module_href.clone()>{m.title.clone()}</a></h3>
            <p><strong>{status}</strong></p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=caption.clone()>
                <table>
                    <caption class="visually-hidden">{caption.clone()}</caption>
                    <thead><tr>
                        <th scope="col">{t(lang, "progress-col-lesson")}</th>
                        <th scope="col">{t(lang, "progress-col-read")}</th>
                        <th scope="col">{t(lang, "progress-col-quiz")}</th>
                    </tr></thead>
                    <tbody>
                        {m.lessons.into_iter().map(|l| {
                            let href = lesson_href(&m.slug, &l.slug);
                            let quiz = match (l.best, l.has_quiz) {
                                (Some(best), _) => view! { <a href=format!("{href}/quiz/correction")>{score_text(lang, best)}</a> }.into_any(),
                                (None, true) => view! { <a href=format!("{href}/quiz")>{t(lang, "progress-quiz-none")}</a> }.into_any(),
                                (None, false) => view! { <span>"—"</span> }.into_any(),
                            };
                            view! {
                                <tr>
                                    <th scope="row"><a href=href.clone()>{l.title}</a></th>
                                    <td>{if l.read { t(lang, "progress-yes") } else { t(lang, "progress-no") }}</td>
                                    <td>{quiz}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p>{t(lang, "progress-module-quiz")} " " <a href=format!("{module_href}/quiz")>{module_quiz}</a></p>
        </div>
    }
}

#[component]
fn KeptBudgets(kept: Vec<(String, i64)>) -> impl IntoView {
    let lang = use_lang();
    (!kept.is_empty()).then(|| {
        view! {
            <section aria-labelledby="kept-title">
                <h2 id="kept-title">{t(lang, "progress-kept-title")}</h2>
                <ul>
                    {kept.into_iter().map(|(tool, at)| {
                        let (href, name) = crate::budget::tools::tool_link(&tool);
                        view! {
                            <li><a href=href>{t(lang, name)}</a> " — " {t_args(lang, "progress-kept-on", &[("date", FluentArg::Text(format::unix_date(at, lang)))])}</li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn RestoreForm(posted: Option<PostedRestore>, has_progress: bool) -> impl IntoView {
    let lang = use_lang();
    let (value, error) = match posted {
        Some(p) => (p.code, Some(restore_message(lang, &p.error))),
        None => (String::new(), None),
    };
    let invalid = error.is_some().then_some("true");
    view! {
        <section aria-labelledby="restore-title">
            <h2 id="restore-title">{t(lang, "resume-restore-title")}</h2>
            <p>{t(lang, if has_progress { "resume-restore-replace" } else { "resume-restore-text" })}</p>
            <form method="post" action=paths::RESTORE class="restore">
                {error.map(|e| view! { <p class="form-error" id="code-erreur" role="alert">{e}</p> })}
                <p>
                    <label for="code">{t(lang, "resume-code-label")}</label>
                    <span class="hint" id="code-aide">{t(lang, "resume-code-hint")}</span>
                    <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        value=value aria-invalid=invalid aria-describedby="code-aide code-erreur" />
                </p>
                <button type="submit">{t(lang, "resume-restore-button")}</button>
            </form>
        </section>
    }
}

#[component]
fn ForgetForm() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="forget" aria-labelledby="forget-title">
            <h2 id="forget-title">{t(lang, "progress-forget-title")}</h2>
            <p>{t(lang, "progress-forget-text")}</p>
            <form method="post" action=paths::FORGET>
                <button type="submit">{t(lang, "progress-forget-button")}</button>
            </form>
        </section>
    }
}
