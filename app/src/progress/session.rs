//! The learner and one-time messages, as kept in the visitor's session.
use super::model::Flash;
use tower_sessions::Session;

const LEARNER_KEY: &str = "learner_id";
const FLASH_KEY: &str = "flash";
const NEW_CODE_KEY: &str = "new_resume_code";

/// The session of the request being rendered, if the session layer gave one.
pub fn current_session() -> Option<Session> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<Session>().cloned())
}

/// The learner id kept in `session`, if the visitor ever saved something.
pub async fn learner_id(session: &Session) -> Option<String> {
    session.get::<String>(LEARNER_KEY).await.ok().flatten()
}

pub async fn set_learner_id(
    session: &Session,
    id: &str,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(LEARNER_KEY, id).await
}

/// The session's learner id, or a new one (not yet saved in the session: call
/// [`adopt_learner`] once its first row is written). The flag says whether it is new.
pub async fn learner_or_new(session: &Session) -> (String, bool) {
    match learner_id(session).await {
        Some(id) => (id, false),
        None => (super::store::new_learner_id(), true),
    }
}

/// Keeps a new learner id in the session once its first row was written.
pub async fn adopt_learner(
    session: &Session,
    id: &str,
    created: bool,
) -> Result<(), tower_sessions::session::Error> {
    if created {
        set_learner_id(session, id).await?;
    }
    Ok(())
}

pub async fn push_flash(session: &Session, flash: Flash) {
    let mut all: Vec<Flash> = session
        .get(FLASH_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    if !all.contains(&flash) {
        all.push(flash);
    }
    let _ = session.insert(FLASH_KEY, all).await;
}

/// Takes the pending messages (each is shown once). Without a session cookie this does
/// not touch the store and creates nothing.
pub async fn take_flashes(session: &Session) -> Vec<Flash> {
    session
        .remove::<Vec<Flash>>(FLASH_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Keeps a just-created resume code until the page shows it, once.
pub async fn set_new_code(
    session: &Session,
    code: &str,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(NEW_CODE_KEY, code).await
}

/// Takes the just-created resume code, if any (shown once, then gone from the session).
pub async fn take_new_code(session: &Session) -> Option<String> {
    session.remove::<String>(NEW_CODE_KEY).await.ok().flatten()
}
