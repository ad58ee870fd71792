//! The "Mon parcours" page.
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProgressPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "progress-title") />
        <div class="page">
            <h1>{t(lang, "progress-title")}</h1>
            <p class="lead">{t(lang, "progress-lead")}</p>
            <p>{t(lang, "progress-empty")}</p>
            <p>{t(lang, "progress-how")}</p>
        </div>
    }
}
