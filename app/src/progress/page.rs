//! The "Mon parcours" page, the one-time messages, and the read markers that lesson and
//! module pages show.
use super::model::{Flash, ReadLesson};
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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

#[component]
pub fn ProgressPage() -> impl IntoView {
    let lang = use_lang();
    let erased = use_query_map().with_untracked(|q| q.get("efface").is_some());
    view! {
        <Title text=t(lang, "progress-title") />
        <div class="page">
            <h1>{t(lang, "progress-title")}</h1>
            <p class="lead">{t(lang, "progress-lead")}</p>
            {erased.then(|| view! { <div class="flash" role="status"><p>{t(lang, "flash-forgotten")}</p></div> })}
            <Suspense>
                {Suspend::new(async move {
                    match my_progress().await {
                        Ok(Some(read)) => view! { <Progress read /> }.into_any(),
                        Ok(None) => view! {
                            <p>{t(lang, "progress-empty")}</p>
                            <p>{t(lang, "progress-how")}</p>
                        }
                        .into_any(),
                        Err(error) => view! { <crate::pages::errors::ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Progress(read: Vec<ReadLesson>) -> impl IntoView {
    let lang = use_lang();
    let mut modules: Vec<(String, String, Vec<ReadLesson>)> = Vec::new();
    for r in read {
        match modules
            .iter_mut()
            .find(|(slug, _, _)| *slug == r.module_slug)
        {
            Some((_, _, list)) => list.push(r),
            None => modules.push((r.module_slug.clone(), r.module_title.clone(), vec![r])),
        }
    }
    view! {
        <h2>{t(lang, "progress-read-title")}</h2>
        {if modules.is_empty() {
            view! { <p>{t(lang, "progress-nothing-read")}</p> }.into_any()
        } else {
            modules.into_iter().map(|(slug, title, lessons)| view! {
                <h3><a href=format!("{}/{slug}", paths::MODULES)>{title}</a></h3>
                <ul>
                    {lessons.into_iter().map(|l| view! {
                        <li><a href=format!("{}/{}/{}", paths::MODULES, l.module_slug, l.lesson_slug)>{l.lesson_title}</a></li>
                    }).collect_view()}
                </ul>
            }).collect_view().into_any()
        }}
        <section class="forget" aria-labelledby="forget-title">
            <h2 id="forget-title">{t(lang, "progress-forget-title")}</h2>
            <p>{t(lang, "progress-forget-text")}</p>
            <form method="post" action=paths::FORGET>
                <button type="submit">{t(lang, "progress-forget-button")}</button>
            </form>
        </section>
    }
}
