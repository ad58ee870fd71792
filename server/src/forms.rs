//! Handlers for forms that must work without JavaScript: they read the posted form,
//! then either redirect (Post/Redirect/Get) or render the page with the result.
use crate::render::render_page_with;
use app::{
    app::paths,
    error::AppError,
    progress::{
        model::Flash,
        page::{PostedRestore, RestoreError},
        resume,
        session::{self as progress_session, LearnerWriteError},
    },
    quizzes::{
        model::{QuizKey, QuizOutcome},
        pages::PostedQuiz,
        service as quiz_service,
    },
};
use app::{
    budget::{
        page::PostedQuickBudget,
        quick::QuickBudgetInput,
        tool_pages::{self, PostedTool},
        tools::{evaluate, tool_values, Tool},
    },
    i18n::{Lang, LANG_COOKIE},
    state::AppState,
};
use axum::{
    body::{to_bytes, Body},
    extract::{Path, Request, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use serde::{de::DeserializeOwned, Deserialize};
use tower_sessions::Session;

/// Largest form body these handlers read.
const FORM_LIMIT: usize = 64 * 1024;

/// Reads a urlencoded body; a malformed one gives the default (an empty form), so that
/// the page comes back and names what is missing instead of failing.
pub(crate) async fn read_form<T: DeserializeOwned + Default>(body: Body) -> T {
    match to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => T::default(),
    }
}

/// Reads a urlencoded body as its fields in order, repeated names kept (checkboxes).
/// A malformed or too large body reads as no field at all.
pub(crate) async fn read_fields(body: Body) -> Vec<(String, String)> {
    read_form(body).await
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
pub async fn switch_language(State(state): State<AppState>, request: Request) -> Response {
    let form: LanguageForm = read_form(request.into_body()).await;
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    let back = safe_back_path(&form.back);
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=34128000; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    let mut response = crate::headers::see_other(back);
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `POST /outils-budget`: the quick estimate without JavaScript. Nothing is stored;
/// the page is rendered again with the values and the result or the problems.
pub async fn quick_budget(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let input: QuickBudgetInput = read_form(body).await;
    if input.compute().is_ok() {
        count_tool_use(&state, "quick");
    }
    render_page_with(state, parts, move || {
        provide_context(PostedQuickBudget(input.clone()))
    })
    .await
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub(crate) fn unavailable() -> Response {
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
    let (learner, created) = progress_session::learner_or_new(&session).await;
    let flashes = progress_session::messages_after(created, Flash::MarkedRead);
    // An unknown lesson writes nothing (`None`): back to its address, which answers 404
    // in French.
    let read = async {
        match state
            .store
            .mark_read(&learner, &module, &lesson, now())
            .await
        {
            Ok(true) => Ok(()),
            Ok(false) => Err(None),
            Err(error) => Err(Some(error)),
        }
    };
    match progress_session::write_for_learner(&session, &learner, created, &flashes, read).await {
        Ok(()) | Err(LearnerWriteError::Write(None)) => crate::headers::see_other(&back),
        Err(LearnerWriteError::Write(Some(error))) => {
            tracing::error!(%error, "cannot record a read");
            unavailable()
        }
        Err(LearnerWriteError::Session(error)) => {
            tracing::error!(%error, "cannot keep the learner in the session");
            unavailable()
        }
    }
}

/// `POST /modules/{module}/{lesson}/quiz`: a lesson's quiz, without JavaScript.
pub async fn lesson_quiz(
    State(state): State<AppState>,
    session: Session,
    Path((module, lesson)): Path<(String, String)>,
    request: Request,
) -> Response {
    let key = QuizKey {
        module,
        lesson: Some(lesson),
    };
    answer_quiz(state, session, key, request).await
}

/// `POST /modules/{module}/quiz`: a module's final quiz, without JavaScript.
pub async fn module_quiz(
    State(state): State<AppState>,
    session: Session,
    Path(module): Path<String>,
    request: Request,
) -> Response {
    let key = QuizKey {
        module,
        lesson: None,
    };
    answer_quiz(state, session, key, request).await
}

/// Scores and keeps the attempt, then redirects to the page showing its correction
/// (Post/Redirect/Get); refused answers bring the form back with them and the problems.
async fn answer_quiz(
    state: AppState,
    session: Session,
    key: QuizKey,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    match quiz_service::submit(&state.store, &session, &key, &fields, now(), true).await {
        Ok(QuizOutcome::Graded { .. }) => crate::headers::see_other(&key.correction_href()),
        Ok(QuizOutcome::Refused(errors)) => {
            render_page_with(state, parts, move || {
                provide_context(PostedQuiz {
                    fields: fields.clone(),
                    errors: errors.clone(),
                })
            })
            .await
        }
        // No such quiz: its address answers 404 in French.
        Err(AppError::NotFound) => crate::headers::see_other(&key.href()),
        Err(_) => unavailable(),
    }
}

/// A learner's write or their session that could not be saved ([`write_for_learner`]):
/// logged, and answered 503 with the page saying so.
///
/// [`write_for_learner`]: progress_session::write_for_learner
pub(crate) fn not_kept<E: std::fmt::Display>(error: LearnerWriteError<E>, what: &str) -> Response {
    match error {
        LearnerWriteError::Write(error) => tracing::error!(%error, "{what}"),
        LearnerWriteError::Session(error) => {
            tracing::error!(%error, "cannot keep the learner in the session")
        }
    }
    unavailable()
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
    crate::headers::see_other(&format!("{}?efface=1", paths::PROGRESS))
}

/// `POST /outils-budget/{tool}`: a budget tool without JavaScript. "Calculer" renders
/// the page with the result and stores nothing; "garder dans mon parcours" keeps the
/// values in the anonymous progress and redirects to the tool (Post/Redirect/Get).
pub async fn budget_tool(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let code = request.uri().path().rsplit('/').next().unwrap_or_default();
    let Some(tool) = Tool::parse(code) else {
        return crate::headers::see_other(paths::TOOLS);
    };
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let keep = fields.iter().any(|(n, v)| n == "action" && v == "garder");
    let values = tool_values(tool, &fields);
    let lang = app::state::request_lang(&parts.headers);
    let valid = evaluate(tool, &values, &tool_pages::labels(tool, lang), lang).is_valid();
    if valid {
        count_tool_use(&state, tool.code());
    }
    if keep && valid {
        let (learner, created) = progress_session::learner_or_new(&session).await;
        let flashes = progress_session::messages_after(created, Flash::BudgetKept);
        let kept = state
            .store
            .keep_budget(&learner, tool.code(), &values, now());
        if let Err(error) =
            progress_session::write_for_learner(&session, &learner, created, &flashes, kept).await
        {
            return not_kept(error, "cannot keep a budget");
        }
        return crate::headers::see_other(&format!("{}#resultat", tool.href()));
    }
    render_page_with(state, parts, move || {
        provide_context(PostedTool {
            tool,
            values: values.clone(),
        })
    })
    .await
}

/// Counts a budget tool used on the server (computed without JavaScript, or kept), in
/// memory: written every few seconds with the other frequent figures.
fn count_tool_use(state: &AppState, tool: &str) {
    let metric = app::dashboard::model::metric::BUDGET_TOOL;
    state.store.count_later(metric, tool, now());
}

/// `POST /mon-parcours/code`: creates a resume code (stored hashed) and shows it once.
pub async fn resume_code(State(state): State<AppState>, session: Session) -> Response {
    let (learner, created) = progress_session::learner_or_new(&session).await;
    let mut code = None;
    // A clash between two random 50-bit codes is next to impossible; try again if so.
    for _ in 0..3 {
        let candidate = resume::generate();
        match state
            .store
            .set_resume_code(&learner, &resume::hash(&candidate), now())
            .await
        {
            Ok(true) => {
                code = Some(candidate);
                break;
            }
            Ok(false) => continue,
            Err(error) => {
                tracing::error!(%error, "cannot keep a resume code");
                return unavailable();
            }
        }
    }
    let Some(code) = code else {
        return unavailable();
    };
    if progress_session::adopt_learner(&session, &learner, created)
        .await
        .is_err()
        || progress_session::set_new_code(&session, &code)
            .await
            .is_err()
    {
        return unavailable();
    }
    if created {
        progress_session::push_flash(&session, Flash::LearnerCreated).await;
    }
    crate::headers::see_other(paths::PROGRESS)
}

#[derive(Deserialize, Default)]
struct RestoreForm {
    #[serde(default)]
    code: String,
}

/// Attempts at a resume code allowed per client and window.
pub const RESTORE_MAX_TRIES: i64 = 10;
/// The rate-limit window of resume codes, in seconds.
pub const RESTORE_WINDOW_SECS: i64 = 15 * 60;

/// `POST /mon-parcours/reprendre`: restores the progress a resume code belongs to.
/// Limited per client (shared by every instance); a refused code brings the form back
/// with the code kept and the problem named.
pub async fn restore(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let form: RestoreForm = read_form(body).await;
    // A refused code brings back the "Mon parcours" page, where the form is.
    parts.uri = axum::http::Uri::from_static(paths::PROGRESS);
    let client = crate::client::key_in(&parts.extensions);
    let refuse = |error: RestoreError, code: String, parts: axum::http::request::Parts| {
        render_page_with(state.clone(), parts, move || {
            provide_context(PostedRestore {
                code: code.clone(),
                error: error.clone(),
            })
        })
    };
    let code = form.code.chars().take(40).collect::<String>();
    match state
        .store
        .hit_rate_limit(
            &format!("restore:{client}"),
            RESTORE_WINDOW_SECS,
            RESTORE_MAX_TRIES,
            now(),
        )
        .await
    {
        Ok(app::db::RateDecision::Allowed) => {}
        Ok(app::db::RateDecision::Limited { retry_after }) => {
            let minutes = crate::client::minutes_to_wait(retry_after);
            let mut response = refuse(RestoreError::TooMany { minutes }, code, parts).await;
            crate::client::set_retry_after(&mut response, retry_after);
            return response;
        }
        Err(error) => {
            tracing::error!(%error, "rate limit unavailable");
            return unavailable();
        }
    }
    let normalized = match resume::normalize(&code) {
        Ok(c) => c,
        Err(e) => return refuse(RestoreError::Code(e), code, parts).await,
    };
    let learner = match state
        .store
        .learner_by_resume_code(&resume::hash(&normalized))
        .await
    {
        Ok(Some(learner)) => learner,
        Ok(None) => return refuse(RestoreError::Unknown, code, parts).await,
        Err(error) => {
            tracing::error!(%error, "cannot look a resume code up");
            return unavailable();
        }
    };
    // A new session id for the restored progress: nothing from before carries over.
    if session.cycle_id().await.is_err()
        || progress_session::set_learner_id(&session, &learner)
            .await
            .is_err()
    {
        return unavailable();
    }
    if let Err(error) = state.store.touch_learner(&learner, now()).await {
        tracing::warn!(%error, "cannot note the learner's visit");
    }
    progress_session::push_flash(&session, Flash::Restored).await;
    crate::headers::see_other(paths::PROGRESS)
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
