//! Module, lesson, mini-guide, glossary and search pages, and the server functions
//! behind them. Lesson HTML was sanitised when it was imported.
use super::model::{GlossaryTerm, LessonView, ModuleDetail, ModuleSummary, SearchHit, Source};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    pages::errors::loaded,
    progress::page::{my_progress, ReadControl},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[server(endpoint = "modules/detail")]
pub async fn get_module(slug: String) -> Result<ModuleDetail, AppError> {
    let store = expect_context::<crate::db::Store>();
    store.module_detail(&slug).await?.ok_or(AppError::NotFound)
}

#[server(endpoint = "lessons/view")]
pub async fn get_lesson(module: String, slug: String, easy: bool) -> Result<LessonView, AppError> {
    let store = expect_context::<crate::db::Store>();
    let view = store
        .lesson_view(&module, &slug, easy)
        .await?
        .ok_or(AppError::NotFound)?;
    store.count_later(
        crate::dashboard::model::metric::LESSON_VIEWED,
        &module,
        crate::state::unix_now(),
    );
    Ok(view)
}

#[server(endpoint = "lessons/guide")]
pub async fn get_guide(module: String) -> Result<(ModuleSummary, Vec<LessonView>), AppError> {
    let store = expect_context::<crate::db::Store>();
    store
        .module_lesson_views(&module)
        .await?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "glossary")]
pub async fn get_glossary() -> Result<Vec<GlossaryTerm>, AppError> {
    let store = expect_context::<crate::db::Store>();
    Ok(store.glossary().await?)
}

#[server(endpoint = "lessons/search")]
pub async fn search_lessons(query: String) -> Result<Vec<SearchHit>, AppError> {
    let store = expect_context::<crate::db::Store>();
    // Long queries are cut rather than refused: nobody types 200 characters on purpose.
    let query: String = query.chars().take(200).collect();
    Ok(store.search_lessons(&query).await?)
}

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn minutes(lang: Lang, minutes: i64) -> String {
    t_args(
        lang,
        "lesson-minutes",
        &[("minutes", FluentArg::Number(minutes))],
    )
}

fn lesson_href(module: &str, lesson: &str) -> String {
    format!("{}/{module}/{lesson}", paths::MODULES)
}

#[component]
fn Breadcrumb(items: Vec<(String, Option<String>)>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="breadcrumb" aria-label=t(lang, "breadcrumb-label")>
            <ol>
                {items
                    .into_iter()
                    .map(|(label, href)| match href {
                        Some(href) => view! { <li><a href=href>{label}</a></li> }.into_any(),
                        None => view! { <li aria-current="page">{label}</li> }.into_any(),
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
pub fn ModulePage() -> impl IntoView {
    let lang = use_lang();
    let slug = param("module");
    let load = async move {
        let detail = get_module(slug).await?;
        let read = my_progress().await?.unwrap_or_default();
        Ok::<_, AppError>((detail, read))
    };
    loaded(
        load,
        move |(detail, read): (ModuleDetail, Vec<crate::progress::model::ReadLesson>)| {
            crate::pages::public_page(None);
            let m = detail.module;
            let guide = format!("{}/{}/imprimer", paths::MODULES, m.slug);
            let has_quiz = detail.lessons.iter().any(|l| l.has_quiz);
            view! {
                <Title text=m.title.clone() />
                <div class="page">
                    <Breadcrumb items=vec![(t(lang, "nav-modules"), Some(paths::MODULES.to_string())), (m.title.clone(), None)] />
                    <h1 lang=m.language.clone()>{m.title.clone()}</h1>
                    <p class="lead" lang=m.language.clone()>{m.summary}</p>
                    <h2>{t(lang, "module-lessons-title")}</h2>
                    <ol class="lesson-list">
                        {detail
                            .lessons
                            .into_iter()
                            .map(|l| {
                                let is_read = read.iter().any(|r| r.module_slug == m.slug && r.lesson_slug == l.slug);
                                view! {
                                    <li class="card">
                                        <h3 lang=m.language.clone()><a href=lesson_href(&m.slug, &l.slug)>{l.title}</a></h3>
                                        {is_read.then(|| view! { <p class="read-marker">"✓ " {t(lang, "progress-read")}</p> })}
                                        <p lang=m.language.clone()>{l.summary}</p>
                                        <p class="meta">
                                            {minutes(lang, l.reading_minutes)} " · " {t(lang, &format!("level-{}", l.level.code()))}
                                            {l.has_easy.then(|| view! { " · " {t(lang, "module-easy-available")} })}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    {has_quiz.then(|| view! {
                        <section class="quiz-cta" aria-labelledby="module-quiz-title">
                            <h2 id="module-quiz-title">{t(lang, "module-quiz-title")}</h2>
                            <p>{t(lang, "module-quiz-text")}</p>
                            <p><a class="button" href=format!("{}/{}/quiz", paths::MODULES, m.slug)>{t(lang, "quiz-take")}</a></p>
                        </section>
                    })}
                    <p><a href=guide>{t(lang, "module-guide-link")}</a></p>
                </div>
            }
        },
    )
}

#[component]
fn SourcesFooter(sources: Vec<Source>, last_reviewed: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="lesson-sources">
            <h2>{t(lang, "lesson-sources-title")}</h2>
            <p>{t_args(lang, "lesson-last-reviewed", &[("date", FluentArg::Text(format::iso_date(&last_reviewed, lang)))])}</p>
            <p>{t(lang, "lesson-sources-intro")}</p>
            <ul>
                {sources
                    .into_iter()
                    .map(|s| view! {
                        <li>
                            <a href=s.url class="external" rel="noopener noreferrer">
                                {s.title}<span class="visually-hidden">" (site externe)"</span>
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </footer>
    }
}

#[component]
fn TermList(terms: Vec<GlossaryTerm>, title: String) -> impl IntoView {
    (!terms.is_empty()).then(|| {
        view! {
            <section class="lesson-terms">
                <h2>{title}</h2>
                <dl>
                    {terms
                        .into_iter()
                        .map(|term| view! { <dt id=format!("mot-{}", term.slug)>{term.name}</dt><dd>{term.definition}</dd> })
                        .collect_view()}
                </dl>
            </section>
        }
    })
}

/// The body of a lesson: shared by the lesson page and the printable mini-guide.
#[component]
fn LessonBody(lesson: LessonView, heading_level: u8) -> impl IntoView {
    let lang = use_lang();
    let toc = (lesson.toc.len() >= 3).then(|| {
        view! {
            <nav class="toc" aria-label=t(lang, "lesson-toc-title")>
                <p class="toc__title">{t(lang, "lesson-toc-title")}</p>
                <ol>
                    {lesson.toc.iter().filter(|e| e.level == 2).map(|e| view! {
                        <li><a href=format!("#{}", e.id)>{e.title.clone()}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
        }
    });
    let title = lesson.title.clone();
    let heading = match heading_level {
        1 => view! { <h1>{title}</h1> }.into_any(),
        _ => view! { <h2 class="guide-lesson-title" id=format!("lecon-{}", lesson.slug)>{title}</h2> }.into_any(),
    };
    view! {
        <div lang=lesson.language.clone()>
            {heading}
            <p class="lead">{lesson.summary.clone()}</p>
        </div>
        <p class="meta">{minutes(lang, lesson.reading_minutes)} " · " {t(lang, &format!("level-{}", lesson.level.code()))}</p>
        {toc}
        <div class="lesson-body" lang=lesson.language.clone() inner_html=lesson.html.clone()></div>
        <TermList terms=lesson.terms.clone() title=t(lang, "lesson-terms-title") />
        <SourcesFooter sources=lesson.sources.clone() last_reviewed=lesson.last_reviewed.clone() />
    }
}

#[component]
pub fn LessonPage() -> impl IntoView {
    let lang = use_lang();
    let module = param("module");
    let slug = param("lesson");
    let easy = use_query_map().with_untracked(|q| q.get("version").as_deref() == Some("facile"));
    loaded(get_lesson(module, slug, easy), move |lesson: LessonView| {
        crate::pages::public_page(Some((
            crate::dashboard::model::metric::LESSON_VIEWED,
            &lesson.module_slug,
        )));
        let base = lesson_href(&lesson.module_slug, &lesson.slug);
        let switch = lesson.has_easy.then(|| {
            if lesson.easy {
                view! {
                    <p class="version-switch"><span class="badge">{t(lang, "lesson-easy-badge")}</span> " "
                    <a href=base.clone()>{t(lang, "lesson-standard-switch")}</a></p>
                }
                .into_any()
            } else {
                view! { <p class="version-switch"><a href=format!("{base}?version=facile")>{t(lang, "lesson-easy-switch")}</a></p> }.into_any()
            }
        });
        let module_href = format!("{}/{}", paths::MODULES, lesson.module_slug);
        let link = |key: &str, l: &Option<super::model::LessonLink>, rel: &'static str| {
            l.as_ref().map(|l| {
                let text = t_args(lang, key, &[("title", FluentArg::Text(l.title.clone()))]);
                view! { <li><a href=lesson_href(&lesson.module_slug, &l.slug) rel=rel>{text}</a></li> }
            })
        };
        let previous = link("lesson-previous", &lesson.previous, "prev");
        let next = link("lesson-next", &lesson.next, "next");
        view! {
            <Title text=lesson.title.clone() />
            <div class="page lesson">
                <Breadcrumb items=vec![
                    (t(lang, "nav-modules"), Some(paths::MODULES.to_string())),
                    (lesson.module_title.clone(), Some(module_href.clone())),
                    (lesson.title.clone(), None),
                ] />
                <article>
                    {switch}
                    <LessonBody lesson=lesson.clone() heading_level=1 />
                </article>
                <ReadControl module=lesson.module_slug.clone() lesson=lesson.slug.clone() />
                {lesson.has_quiz.then(|| view! {
                    <section class="quiz-cta" aria-labelledby="quiz-cta-title">
                        <h2 id="quiz-cta-title">{t(lang, "quiz-cta-title")}</h2>
                        <p>{t(lang, "quiz-cta-text")}</p>
                        <p><a class="button" href=format!("{base}/quiz")>{t(lang, "quiz-take")}</a></p>
                    </section>
                })}
                <nav class="lesson-nav" aria-label=t(lang, "lesson-nav-label")>
                    <ul>
                        {previous}
                        {next}
                        <li><a href=module_href>{t(lang, "lesson-back-to-module")}</a></li>
                    </ul>
                </nav>
            </div>
        }
    })
}

/// Every lesson of a module on one page, laid out for printing as a mini-guide:
/// title page, contents, lessons with their key points, and the words used.
#[component]
pub fn ModuleGuidePage() -> impl IntoView {
    let lang = use_lang();
    let module = param("module");
    loaded(
        get_guide(module),
        move |(m, lessons): (ModuleSummary, Vec<LessonView>)| {
            crate::pages::public_page(None);
            let mut terms: Vec<GlossaryTerm> = Vec::new();
            for term in lessons.iter().flat_map(|l| l.terms.iter()) {
                if !terms.iter().any(|t| t.slug == term.slug) {
                    terms.push(term.clone());
                }
            }
            terms.sort_by(|a, b| a.name.cmp(&b.name));
            let title = t_args(
                lang,
                "guide-title",
                &[("title", FluentArg::Text(m.title.clone()))],
            );
            view! {
                <Title text=title.clone() />
                <div class="page guide">
                    <Breadcrumb items=vec![
                        (t(lang, "nav-modules"), Some(paths::MODULES.to_string())),
                        (m.title.clone(), Some(format!("{}/{}", paths::MODULES, m.slug))),
                        (t(lang, "module-guide-link"), None),
                    ] />
                    <header class="guide-cover">
                        <p class="guide-cover__site">{t(lang, "site-name")} " — " {t(lang, "site-tagline")}</p>
                        <h1 lang=m.language.clone()>{title}</h1>
                        <p class="lead" lang=m.language.clone()>{m.summary.clone()}</p>
                        <p class="no-print">{t(lang, "guide-intro")} " " {t(lang, "guide-print-hint")}</p>
                    </header>
                    <nav class="guide-contents" aria-label=t(lang, "guide-contents")>
                        <h2>{t(lang, "guide-contents")}</h2>
                        <ol>
                            {lessons.iter().map(|l| view! {
                                <li><a href=format!("#lecon-{}", l.slug)>{l.title.clone()}</a></li>
                            }).collect_view()}
                        </ol>
                    </nav>
                    {lessons.into_iter().map(|mut lesson| {
                        // Definitions are gathered once at the end of the guide.
                        lesson.terms.clear();
                        view! { <section class="guide-lesson"><LessonBody lesson heading_level=2 /></section> }
                    }).collect_view()}
                    <TermList terms title=t(lang, "guide-glossary") />
                </div>
            }
        },
    )
}

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let lang = use_lang();
    loaded(get_glossary(), move |terms: Vec<GlossaryTerm>| {
        crate::pages::public_page(None);
        view! {
            <Title text=t(lang, "glossary-title") />
            <div class="page prose">
                <h1>{t(lang, "glossary-title")}</h1>
                <p class="lead">{t(lang, "glossary-lead")}</p>
                <dl class="glossary" lang="fr">
                    {terms.into_iter().map(|term| view! {
                        <dt id=format!("mot-{}", term.slug)>{term.name}</dt><dd>{term.definition}</dd>
                    }).collect_view()}
                </dl>
            </div>
        }
    })
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let form_query = query.clone();
    let results = (!query.trim().is_empty()).then(|| {
        let shown = query.clone();
        loaded(search_lessons(query.clone()), move |hits: Vec<SearchHit>| {
            let count = hits.len() as i64;
            view! {
                <h2 class="search-count">{t_args(lang, "search-results", &[("count", FluentArg::Number(count)), ("query", FluentArg::Text(shown))])}</h2>
                <ul class="search-results">
                    {hits.into_iter().map(|h| view! {
                        <li>
                            <h3><a href=lesson_href(&h.module_slug, &h.slug)>{h.title}</a></h3>
                            <p>{h.summary}</p>
                            <p class="meta">{t_args(lang, "search-in-module", &[("title", FluentArg::Text(h.module_title))])}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }
        })
    });
    view! {
        <Title text=t(lang, "search-title") />
        <div class="page">
            <h1>{t(lang, "search-title")}</h1>
            <form method="get" action=paths::SEARCH role="search" class="search-form">
                <label for="q">{t(lang, "search-label")}</label>
                <div class="search-form__row">
                    <input id="q" name="q" type="search" value=form_query maxlength="200" />
                    <button type="submit">{t(lang, "search-button")}</button>
                </div>
            </form>
            {results}
        </div>
    }
}
