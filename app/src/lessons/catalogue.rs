//! The module catalogue page and the server function behind it.
use super::model::{Audience, ModuleSummary, Theme};
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, t_args, use_lang, FluentArg},
    pages::errors::ErrorPage,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The published modules, in catalogue order.
#[server(endpoint = "modules/list")]
pub async fn list_modules() -> Result<Vec<ModuleSummary>, AppError> {
    let store = expect_context::<crate::db::Store>();
    Ok(store.list_modules().await?)
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    let (theme, audience) = use_query_map().with_untracked(|q| {
        (
            q.get("theme").and_then(|t| Theme::parse(&t)),
            q.get("audience").and_then(|a| Audience::parse(&a)),
        )
    });
    view! {
        <Title text=t(lang, "catalogue-title") />
        <div class="page">
            <h1>{t(lang, "catalogue-title")}</h1>
            <p class="lead">{t(lang, "catalogue-lead")}</p>
            <Filters theme audience />
            <Suspense>
                {Suspend::new(async move {
                    match list_modules().await {
                        Ok(modules) if modules.is_empty() => {
                            crate::pages::public_page(None);
                            view! { <p>{t(lang, "catalogue-empty")}</p> }.into_any()
                        }
                        Ok(modules) => {
                            crate::pages::public_page(None);
                            let shown: Vec<ModuleSummary> = modules
                                .into_iter()
                                .filter(|m| theme.is_none_or(|t| m.theme == t))
                                .filter(|m| audience.is_none_or(|a| m.audience == a || m.audience == Audience::Everyone))
                                .collect();
                            if shown.is_empty() {
                                view! { <p>{t(lang, "filter-none")}</p> }.into_any()
                            } else {
                                view! { <ModulesByTheme modules=shown /> }.into_any()
                            }
                        }
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p>
                <a href=paths::GLOSSARY>{t(lang, "glossary-title")}</a>
                " · "
                <a href=paths::SEARCH>{t(lang, "search-title")}</a>
            </p>
        </div>
    }
}

/// The theme and audience filters: a plain GET form, so it works without JavaScript
/// and the filtered list has its own address.
#[component]
fn Filters(theme: Option<Theme>, audience: Option<Audience>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form class="filters" method="get" action=paths::MODULES>
            <fieldset>
                <legend>{t(lang, "filter-title")}</legend>
                <div class="field">
                    <label for="f-theme">{t(lang, "filter-theme")}</label>
                    <select id="f-theme" name="theme">
                        <option value="" selected=theme.is_none()>{t(lang, "filter-all")}</option>
                        {Theme::ALL.into_iter().map(|th| view! {
                            <option value=th.code() selected=theme == Some(th)>{t(lang, &th.label_key())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-audience">{t(lang, "filter-audience")}</label>
                    <select id="f-audience" name="audience">
                        <option value="" selected=audience.is_none()>{t(lang, "filter-all")}</option>
                        {[Audience::Residents, Audience::Professionals].into_iter().map(|a| view! {
                            <option value=a.code() selected=audience == Some(a)>{t(lang, &a.label_key())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit">{t(lang, "filter-apply")}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn ModulesByTheme(modules: Vec<ModuleSummary>) -> impl IntoView {
    let lang = use_lang();
    Theme::ALL
        .into_iter()
        .filter_map(|theme| {
            let in_theme: Vec<ModuleSummary> = modules
                .iter()
                .filter(|m| m.theme == theme)
                .cloned()
                .collect();
            (!in_theme.is_empty()).then(|| {
                view! {
                    <section class="theme" aria-labelledby=format!("theme-{}", theme.code())>
                        <h2 id=format!("theme-{}", theme.code())>{t(lang, &theme.label_key())}</h2>
                        <ModuleList modules=in_theme />
                    </section>
                }
            })
        })
        .collect_view()
}

#[component]
fn ModuleList(modules: Vec<ModuleSummary>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="cards modules">
            {modules
                .into_iter()
                .map(|m| {
                    let audience = t(lang, &m.audience.label_key());
                    view! {
                        <li class="card" id=format!("module-{}", m.slug)>
                            <h3 lang=m.language.clone()><a href=format!("{}/{}", paths::MODULES, m.slug)>{m.title}</a></h3>
                            <p lang=m.language.clone()>{m.summary}</p>
                            <ul class="meta">
                                <li>{t_args(lang, "catalogue-audience", &[("audience", FluentArg::Text(audience))])}</li>
                                <li>{t_args(lang, "catalogue-lesson-count", &[("count", FluentArg::Number(m.lesson_count))])}</li>
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
