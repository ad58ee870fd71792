//! "Où en suis-je ?" without JavaScript: the answers are posted, the result page is
//! rendered from them (they never travel in a URL) and only the level is counted,
//! anonymously; "garder" keeps the result in the anonymous progress (Post/Redirect/Get).
use crate::{forms::read_fields, render::render_page_with};
use app::{
    app::paths,
    progress::{model::Flash, session as progress_session},
    selfcheck::{
        model::{assess, Answers},
        pages::PostedSelfCheck,
    },
    state::{unix_now, AppState},
};
use axum::{
    extract::{Request, State},
    response::Response,
};
use leptos::prelude::provide_context;
use tower_sessions::Session;

/// The counter of self-check result levels (one per level and month).
pub const LEVEL_METRIC: &str = app::dashboard::model::metric::SELF_CHECK;

/// `POST /ou-en-suis-je`: shows the result; counts its level unless it is a kept
/// result seen again (`revoir`).
pub async fn answer(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let answers = Answers::from_fields(&fields);
    let again = fields.iter().any(|(k, _)| k == "revoir");
    if !again {
        let level = assess(&answers).level;
        // In memory, written every few seconds: the result never waits on the figure.
        state
            .store
            .count_later(LEVEL_METRIC, level.code(), unix_now());
    }
    render_page_with(state, parts, move || {
        provide_context(PostedSelfCheck(answers.clone()))
    })
    .await
}

/// `POST /ou-en-suis-je/garder`: keeps the result in "Mon parcours".
pub async fn keep(State(state): State<AppState>, session: Session, request: Request) -> Response {
    let answers = Answers::from_fields(&read_fields(request.into_body()).await);
    let (learner, created) = progress_session::learner_or_new(&session).await;
    let level = assess(&answers).level;
    let flashes = progress_session::messages_after(created, Flash::SelfCheckKept);
    let kept = state
        .store
        .keep_self_check(&learner, level, &answers, unix_now());
    if let Err(error) =
        progress_session::write_for_learner(&session, &learner, created, &flashes, kept).await
    {
        return crate::forms::not_kept(error, "cannot keep a self-check result");
    }
    crate::headers::see_other(&format!("{}#auto-diagnostic", paths::PROGRESS))
}
