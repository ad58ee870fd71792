//! Rendering Leptos pages from plain axum handlers, with extra context.
use app::{
    app::shell,
    state::{provide_request_context, AppState},
};
use axum::{
    body::Body,
    http::request::Parts,
    response::{IntoResponse, Response},
};

/// Renders the page at the request's path (complete HTML, no streaming), with the
/// request context and whatever `extra` provides.
pub async fn render_page_with(
    state: AppState,
    parts: Parts,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_request_context(&state);
            extra();
        },
        move || shell(options.clone()),
    );
    handler(axum::http::Request::from_parts(parts, Body::empty()))
        .await
        .into_response()
}
