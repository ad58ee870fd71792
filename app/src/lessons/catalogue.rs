//! The module catalogue page and the server function behind it.
use super::model::ModuleSummary;
use crate::{
    error::AppError,
    i18n::{t, t_args, use_lang, FluentArg},
    pages::errors::ErrorPage,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// The published modules, in catalogue order.
#[server(endpoint = "modules/list")]
pub async fn list_modules() -> Result<Vec<ModuleSummary>, AppError> {
    let store = expect_context::<crate::db::Store>();
    Ok(store.list_modules().await?)
}

#[component]
pub fn CataloguePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "catalogue-title") />
        <div class="page">
            <h1>{t(lang, "catalogue-title")}</h1>
            <p class="lead">{t(lang, "catalogue-lead")}</p>
            <Suspense>
                {Suspend::new(async move {
                    match list_modules().await {
                        Ok(modules) if modules.is_empty() => {
                            view! { <p>{t(lang, "catalogue-empty")}</p> }.into_any()
                        }
                        Ok(modules) => view! { <ModuleList modules /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ModuleList(modules: Vec<ModuleSummary>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="cards modules">
            {modules
                .into_iter()
                .map(|m| {
                    let theme = t(lang, &m.theme.label_key());
                    let audience = t(lang, &m.audience.label_key());
                    view! {
                        <li class="card" id=format!("module-{}", m.slug)>
                            <h2>{m.title}</h2>
                            <p>{m.summary}</p>
                            <ul class="meta">
                                <li>{t_args(lang, "catalogue-theme", &[("theme", FluentArg::Text(theme))])}</li>
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
