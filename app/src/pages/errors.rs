//! Error pages: they answer with the right HTTP status and a plain French message.
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, use_lang},
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the HTTP status of the response being rendered.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            response.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound /> }
}

/// Shows an [`AppError`] as a page (or a page section) and sets the status code.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let lang = use_lang();
    set_status(error.status());
    let (title, text) = error.message_keys();
    view! {
        <Title text=t(lang, title) />
        <div class="page error">
            <h1>{t(lang, title)}</h1>
            <p>{t(lang, text)}</p>
            {(error == AppError::Unauthorized).then(|| view! { <p><a href=paths::LOGIN>{t(lang, "login-title")}</a></p> })}
            <p><a href=paths::HOME>{t(lang, "not-found-home")}</a></p>
        </div>
    }
}

/// Shows the result of `load` once it is there, or the error page.
pub fn loaded<T, V>(
    load: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load.await {
                    Ok(data) => render(data).into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
