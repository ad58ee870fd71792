//! Handlers for forms that must work without JavaScript: they read the posted form,
//! then either redirect (Post/Redirect/Get) or render the page with the result.
use crate::render::render_page_with;
use app::{
    app::paths,
    progress::{model::Flash, session as progress_session, store::new_learner_id},
};
use app::{
    budget::{page::PostedQuickBudget, quick::QuickBudgetInput},
    i18n::{Lang, LANG_COOKIE},
    state::AppState,
};
use axum::{
    body::{to_bytes, Body},
    extract::{Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use leptos::prelude::provide_context;
use serde::{de::DeserializeOwned, Deserialize};
use tower_sessions::Session;

/// Largest form body these handlers read.
const FORM_LIMIT: usize = 64 * 1024;

/// Reads a urlencoded body; a malformed one gives the default (an empty form), so that
/// the page comes back and names what is missing instead of failing.
async fn read_form<T: DeserializeOwned + Default>(body: Body) -> T {
    match to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => T::default(),
    }
}

#[derive(Deserialize, Default)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// Keeps only local paths, so that the switch cannot be used to send people elsewhere.
pub fn safe_back_path(back: &str) -> &str {
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.contains("://");
    if local && !back.chars().any(char::is_control) {
        back
    } else {
        "/"
    }
}

/// `POST /langue`: remembers the chosen language for 13 months and goes back.
pub async fn switch_language(request: Request) -> Response {
    let form: LanguageForm = read_form(request.into_body()).await;
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    let back = safe_back_path(&form.back);
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=34128000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(location), Ok(cookie)) =
        (HeaderValue::from_str(back), HeaderValue::from_str(&cookie))
    {
        headers.insert(header::LOCATION, location);
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /outils-budget`: the quick estimate without JavaScript. Nothing is stored;
/// the page is rendered again with the values and the result or the problems.
pub async fn quick_budget(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let input: QuickBudgetInput = read_form(body).await;
    render_page_with(state, parts, move || {
        provide_context(PostedQuickBudget(input.clone()))
    })
    .await
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        crate::pages::simple_page(
            "Service momentanément indisponible",
            "Votre demande n'a pas pu être enregistrée. Réessayez dans quelques minutes.",
        ),
    )
        .into_response()
}

/// `POST /modules/{module}/{lesson}/lue`: the first explicit action that saves
/// something. Creates the anonymous learner if needed (this is when the session cookie
/// appears), records the read, and goes back to the lesson with a one-time message.
pub async fn mark_read(
    State(state): State<AppState>,
    session: Session,
    Path((module, lesson)): Path<(String, String)>,
) -> Response {
    let back = format!("{}/{module}/{lesson}", paths::MODULES);
    let (learner, created) = match progress_session::learner_id(&session).await {
        Some(id) => (id, false),
        None => (new_learner_id(), true),
    };
    match state
        .store
        .mark_read(&learner, &module, &lesson, now())
        .await
    {
        Ok(true) => {}
        // An unknown lesson: back to its address, which answers 404 in French.
        Ok(false) => return Redirect::to(&back).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot record a read");
            return unavailable();
        }
    }
    if created {
        if progress_session::set_learner_id(&session, &learner)
            .await
            .is_err()
        {
            return unavailable();
        }
        progress_session::push_flash(&session, Flash::LearnerCreated).await;
    }
    progress_session::push_flash(&session, Flash::MarkedRead).await;
    Redirect::to(&back).into_response()
}

/// `POST /mon-parcours/oublier`: erases the learner's rows and the session, for real.
pub async fn forget(State(state): State<AppState>, session: Session) -> Response {
    if let Some(learner) = progress_session::learner_id(&session).await {
        if let Err(error) = state.store.forget_learner(&learner).await {
            tracing::error!(%error, "cannot erase a learner");
            return unavailable();
        }
    }
    // Deletes the session record and expires the cookie.
    if session.flush().await.is_err() {
        return unavailable();
    }
    Redirect::to(&format!("{}?efface=1", paths::PROGRESS)).into_response()
}

#[cfg(test)]
mod tests {
    use super::safe_back_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(
            safe_back_path("/modules?theme=budget"),
            "/modules?theme=budget"
        );
        assert_eq!(safe_back_path("https://evil.example"), "/");
        assert_eq!(safe_back_path("//evil.example"), "/");
        assert_eq!(safe_back_path("/\\evil.example"), "/");
        assert_eq!(safe_back_path(""), "/");
        assert_eq!(safe_back_path("/a\r\nSet-Cookie: x"), "/");
    }
}
