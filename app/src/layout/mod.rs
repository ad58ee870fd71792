//! The parts every page shares: skip link, header with navigation and language switch,
//! footer with the legal links.
use crate::{
    app::paths,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    // Where the language switch brings the person back to.
    let back = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    let other = lang.other();
    view! {
        <a class="skip-link" href="#contenu">{t(lang, "skip-to-content")}</a>
        <header class="site-header">
            <div class="site-header__top">
                <a class="site-name" href=paths::HOME>
                    <span class="site-name__title">{t(lang, "site-name")}</span>
                    <span class="site-name__tagline">{t(lang, "site-tagline")}</span>
                </a>
                <form class="lang-switch" method="post" action=paths::LANGUAGE>
                    <input type="hidden" name="lang" value=other.code() />
                    <input type="hidden" name="back" value=back />
                    <button type="submit" lang=other.code() title=t(lang, "lang-switch-hint")>
                        {t(lang, "lang-switch-button")}
                    </button>
                </form>
            </div>
            <nav class="site-nav" aria-label=t(lang, "nav-label")>
                <ul>
                    <li><A href=paths::HOME exact=true>{t(lang, "nav-home")}</A></li>
                    <li><A href=paths::MODULES>{t(lang, "nav-modules")}</A></li>
                    <li><A href=paths::TOOLS>{t(lang, "nav-tools")}</A></li>
                    <li><A href=paths::WORKSHOPS>{t(lang, "nav-workshops")}</A></li>
                    <li><A href=paths::HELP>{t(lang, "nav-help")}</A></li>
                    <li><A href=paths::PROGRESS>{t(lang, "nav-progress")}</A></li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <p>{t(lang, "footer-about")}</p>
            <ul class="site-footer__links">
                <li><a href=paths::ACCESSIBILITY>{t(lang, "footer-accessibility")}</a></li>
                <li><a href=paths::PRIVACY>{t(lang, "footer-privacy")}</a></li>
                <li><a href=paths::LEGAL>{t(lang, "footer-legal")}</a></li>
                <li><a href=paths::SITEMAP>{t(lang, "footer-sitemap")}</a></li>
                <li><a href=paths::STAFF>{t(lang, "footer-staff")}</a></li>
            </ul>
        </footer>
    }
}

/// A value the city still has to supply, marked so that nobody mistakes it for a fact.
#[component]
pub fn Placeholder() -> impl IntoView {
    let lang = use_lang();
    view! { <span class="placeholder">"[" {t(lang, "placeholder-marker")} "]"</span> }
}
