//! The public workshops page.
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "workshops-title") />
        <div class="page">
            <h1>{t(lang, "workshops-title")}</h1>
            <p class="lead">{t(lang, "workshops-lead")}</p>
            <p>{t(lang, "workshops-none")}</p>
        </div>
    }
}
