//! The learner and one-time messages, as kept in the visitor's session.
use super::model::Flash;
use tower_sessions::Session;

const LEARNER_KEY: &str = "learner_id";
const FLASH_KEY: &str = "flash";

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
