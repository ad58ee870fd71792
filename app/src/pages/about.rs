//! Accessibility statement, privacy notice and legal notice. Details only the city can
//! give (addresses, names, host) are shown as clearly marked placeholders.
use crate::{
    i18n::{t, t_args, use_lang, FluentArg},
    layout::Placeholder,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// A titled section of paragraphs, each a translation key.
#[component]
fn Section(title: &'static str, paragraphs: Vec<&'static str>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section>
            <h2>{t(lang, title)}</h2>
            {paragraphs.into_iter().map(|key| view! { <p>{t(lang, key)}</p> }).collect_view()}
        </section>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "a11y-title") />
        <div class="page prose">
            <h1>{t(lang, "a11y-title")}</h1>
            <p>{t(lang, "a11y-intro")}</p>
            <p>{t(lang, "a11y-scope")}</p>
            <Section title="a11y-status-title" paragraphs=vec!["a11y-status"] />
            <Section title="a11y-tests-title" paragraphs=vec!["a11y-tests"] />
            <section>
                <h2>{t(lang, "a11y-contact-title")}</h2>
                <p>{t(lang, "a11y-contact")}</p>
                <p>{t(lang, "a11y-contact-channel")} " " <Placeholder /></p>
            </section>
            <section>
                <h2>{t(lang, "a11y-remedy-title")}</h2>
                <p>{t(lang, "a11y-remedy")}</p>
                <ul>
                    <li>{t(lang, "a11y-remedy-online")}</li>
                    <li>{t(lang, "a11y-remedy-delegate")}</li>
                    <li>{t(lang, "a11y-remedy-post")}</li>
                </ul>
            </section>
            <p>{t(lang, "a11y-date")}</p>
        </div>
    }
}

/// Days after a workshop when booking contacts are erased, as this deployment is set
/// (`REPERES_CONTACT_RETENTION_DAYS`). The page is rendered on the server only.
fn retention_days() -> i64 {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::Settings>()
            .unwrap_or_default()
            .contact_retention_days
    }
    // Not an island: the browser never renders this page.
    #[cfg(not(feature = "ssr"))]
    {
        0
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "privacy-title") />
        <div class="page prose">
            <h1>{t(lang, "privacy-title")}</h1>
            <p class="lead">{t(lang, "privacy-intro")}</p>
            <section>
                <h2>{t(lang, "privacy-controller-title")}</h2>
                <p>{t(lang, "privacy-controller")}</p>
                <p>{t(lang, "privacy-dpo")} " " <Placeholder /></p>
            </section>
            <Section title="privacy-basis-title" paragraphs=vec!["privacy-basis"] />
            <section>
                <h2>{t(lang, "privacy-kept-title")}</h2>
                <ul>
                    {["privacy-visit", "privacy-lang", "privacy-progress", "privacy-tools", "privacy-resume", "privacy-forget"]
                        .into_iter()
                        .map(|key| view! { <li>{t(lang, key)}</li> })
                        .collect_view()}
                    <li>{t_args(lang, "privacy-workshops", &[("days", FluentArg::Number(retention_days()))])}</li>
                    {["privacy-counts", "privacy-logs", "privacy-no-tracking"]
                        .into_iter()
                        .map(|key| view! { <li>{t(lang, key)}</li> })
                        .collect_view()}
                </ul>
            </section>
            <Section title="privacy-rights-title" paragraphs=vec!["privacy-rights"] />
        </div>
    }
}

#[component]
pub fn LegalPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "legal-title") />
        <div class="page prose">
            <h1>{t(lang, "legal-title")}</h1>
            <section>
                <h2>{t(lang, "legal-publisher-title")}</h2>
                <p>{t(lang, "legal-publisher")}</p>
                <p>{t(lang, "legal-address")} " " <Placeholder /></p>
                <p>{t(lang, "legal-director")} " " <Placeholder /></p>
            </section>
            <section>
                <h2>{t(lang, "legal-host-title")}</h2>
                <p>{t(lang, "legal-host")} " " <Placeholder /></p>
            </section>
            <Section title="legal-partnership-title" paragraphs=vec!["legal-partnership"] />
            <Section title="legal-content-title" paragraphs=vec!["legal-content"] />
        </div>
    }
}
