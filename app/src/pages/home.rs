//! The home page: what Repères is for and who runs it.
use crate::{
    app::paths,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    super::public_page(None);
    let cards = [
        (
            paths::MODULES,
            "home-card-modules-title",
            "home-card-modules-text",
        ),
        (
            paths::TOOLS,
            "home-card-tools-title",
            "home-card-tools-text",
        ),
        (
            paths::WORKSHOPS,
            "home-card-workshops-title",
            "home-card-workshops-text",
        ),
        (
            paths::PROGRESS,
            "home-card-progress-title",
            "home-card-progress-text",
        ),
    ];
    view! {
        <Title text="" />
        <div class="page home">
            <h1>{t(lang, "home-title")}</h1>
            <p class="lead">{t(lang, "home-lead")}</p>
            <section aria-labelledby="what">
                <h2 id="what">{t(lang, "home-what-title")}</h2>
                <ul class="cards">
                    {cards
                        .into_iter()
                        .map(|(href, title, text)| {
                            view! {
                                <li class="card">
                                    <h3><a href=href>{t(lang, title)}</a></h3>
                                    <p>{t(lang, text)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section aria-labelledby="who">
                <h2 id="who">{t(lang, "home-who-title")}</h2>
                <p>{t(lang, "home-who-text")}</p>
            </section>
            <section class="callout" aria-labelledby="help">
                <h2 id="help">{t(lang, "home-help-title")}</h2>
                <p>{t(lang, "home-help-text")}</p>
                <ul>
                    <li><a href=paths::SELF_CHECK>{t(lang, "home-help-self-check")}</a></li>
                    <li><a href=paths::HELP>{t(lang, "home-help-directory")}</a></li>
                </ul>
            </section>
        </div>
    }
}
