//! The site map: the second way to reach every page (RGAA 12.1).
use crate::{
    app::paths,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Every public page, with the key of its name. Kept here so that the browser tests
/// can also walk the whole site from this list.
pub const MAIN_PAGES: [(&str, &str); 9] = [
    (paths::HOME, "nav-home"),
    (paths::MODULES, "nav-modules"),
    (paths::GLOSSARY, "glossary-title"),
    (paths::SEARCH, "search-title"),
    (paths::TOOLS, "nav-tools"),
    (paths::WORKSHOPS, "nav-workshops"),
    (paths::SELF_CHECK, "self-check-title"),
    (paths::HELP, "help-title"),
    (paths::PROGRESS, "nav-progress"),
];
pub const ABOUT_PAGES: [(&str, &str); 5] = [
    (paths::ACCESSIBILITY, "a11y-title"),
    (paths::PRIVACY, "privacy-title"),
    (paths::LEGAL, "legal-title"),
    (paths::SITEMAP, "sitemap-title"),
    (paths::LOGIN, "login-title"),
];

#[component]
pub fn SitemapPage() -> impl IntoView {
    let lang = use_lang();
    let list = move |pages: &[(&'static str, &'static str)]| {
        pages
            .iter()
            .map(|(href, key)| view! { <li><a href=*href>{t(lang, key)}</a></li> })
            .collect_view()
    };
    view! {
        <Title text=t(lang, "sitemap-title") />
        <div class="page">
            <h1>{t(lang, "sitemap-title")}</h1>
            <p class="lead">{t(lang, "sitemap-lead")}</p>
            <h2>{t(lang, "sitemap-main")}</h2>
            <ul>{list(&MAIN_PAGES)}</ul>
            <h2>{t(lang, "tools-title")}</h2>
            <ul>
                {crate::budget::tools::Tool::ALL
                    .into_iter()
                    .map(|tool| view! { <li><a href=tool.href()>{t(lang, tool.name_key())}</a></li> })
                    .collect_view()}
            </ul>
            <h2>{t(lang, "sitemap-about")}</h2>
            <ul>{list(&ABOUT_PAGES)}</ul>
        </div>
    }
}
