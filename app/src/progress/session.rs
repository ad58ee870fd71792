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

/// The messages a form leaves after saving: `saved`, after the note on what a new
/// learner is when this save created one.
pub fn messages_after(created: bool, saved: Flash) -> Vec<Flash> {
    if created {
        vec![Flash::LearnerCreated, saved]
    } else {
        vec![saved]
    }
}

/// Why [`write_for_learner`] failed: the learner's write, or the session's.
#[derive(Debug)]
pub enum LearnerWriteError<E> {
    Write(E),
    Session(tower_sessions::session::Error),
}

/// Runs `write`, a write of `learner`'s rows, and keeps the learner (when `created`) and
/// `flashes` in the session, as the forms of "Mon parcours" do after each save.
///
/// The session record is saved while `write` runs, not after it as the session layer
/// would (which waited for a second commit once the first was on disk): on SQLite both
/// go to the same group commit, on PostgreSQL the two commits wait for the disk side by
/// side. The session layer then finds the record saved and unchanged, and does not
/// write it again (the server's session store skips that write).
///
/// Should either fail, the session is put back as it was: a new visitor's record is
/// deleted (no session points at a learner that was never written, and no cookie is
/// sent), a known visitor's record is saved again without the learner or the messages
/// this added (never "saved" for a write that was not).
pub async fn write_for_learner<T, E>(
    session: &Session,
    learner: &str,
    created: bool,
    flashes: &[Flash],
    write: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, LearnerWriteError<E>> {
    let had_record = session.id().is_some();
    let flashes_before = session.get_value(FLASH_KEY).await.ok().flatten();
    if created {
        set_learner_id(session, learner)
            .await
            .map_err(LearnerWriteError::Session)?;
    }
    for flash in flashes {
        push_flash(session, *flash).await;
    }
    if !created && flashes.is_empty() {
        return write.await.map_err(LearnerWriteError::Write);
    }
    let (written, saved) = tokio::join!(write, session.save());
    let failed = match (written, saved) {
        (Ok(written), Ok(())) => return Ok(written),
        (Err(error), _) => LearnerWriteError::Write(error),
        (Ok(_), Err(error)) => LearnerWriteError::Session(error),
    };
    if had_record {
        if created {
            let _ = session.remove_value(LEARNER_KEY).await;
        }
        let _ = match flashes_before {
            Some(before) => session.insert_value(FLASH_KEY, before).await.map(|_| ()),
            None => session.remove_value(FLASH_KEY).await.map(|_| ()),
        };
        if let Err(error) = session.save().await {
            tracing::warn!(%error, "cannot put a session back after a failed write");
        }
    } else {
        // Back to a visitor without a session: the record (if written) is deleted, and
        // the session layer, finding it empty, neither saves it again nor sends a cookie.
        let _ = session.flush().await;
    }
    Err(failed)
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

#[cfg(test)]
mod tests {
    use super::*;
    use async_trait::async_trait;
    use std::{
        collections::HashMap,
        sync::{Arc, Mutex},
    };
    use tower_sessions::{
        session::{Id, Record},
        session_store, SessionStore,
    };

    /// A session store in memory that says what was asked of it.
    #[derive(Debug, Default)]
    struct Recording {
        records: Mutex<HashMap<Id, Record>>,
        calls: Mutex<Vec<&'static str>>,
    }

    #[async_trait]
    impl SessionStore for Recording {
        async fn create(&self, record: &mut Record) -> session_store::Result<()> {
            self.calls.lock().unwrap().push("create");
            self.records
                .lock()
                .unwrap()
                .insert(record.id, record.clone());
            Ok(())
        }
        async fn save(&self, record: &Record) -> session_store::Result<()> {
            self.calls.lock().unwrap().push("save");
            self.records
                .lock()
                .unwrap()
                .insert(record.id, record.clone());
            Ok(())
        }
        async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
            Ok(self.records.lock().unwrap().get(id).cloned())
        }
        async fn delete(&self, id: &Id) -> session_store::Result<()> {
            self.calls.lock().unwrap().push("delete");
            self.records.lock().unwrap().remove(id);
            Ok(())
        }
    }

    fn new_visitor() -> (Arc<Recording>, Session) {
        let store = Arc::new(Recording::default());
        let session = Session::new(None, store.clone(), None);
        (store, session)
    }

    #[tokio::test]
    async fn a_new_visitors_session_is_created_while_their_first_row_is_written() {
        let (store, session) = new_visitor();
        let flashes = messages_after(true, Flash::QuizSaved);
        let seen = store.clone();
        let written = write_for_learner(&session, "learner-1", true, &flashes, async move {
            // The record is created while the row is written, not after.
            tokio::task::yield_now().await;
            let calls = seen.calls.lock().unwrap().clone();
            Ok::<_, ()>(calls)
        })
        .await
        .unwrap();
        assert_eq!(written, vec!["create"]);
        let id = session.id().expect("the session has its record");
        let record = store.records.lock().unwrap()[&id].clone();
        assert_eq!(record.data[LEARNER_KEY], "learner-1");
        assert_eq!(
            serde_json::from_value::<Vec<Flash>>(record.data[FLASH_KEY].clone()).unwrap(),
            vec![Flash::LearnerCreated, Flash::QuizSaved]
        );
    }

    #[tokio::test]
    async fn a_failed_first_write_leaves_no_session_behind() {
        let (store, session) = new_visitor();
        let flashes = messages_after(true, Flash::MarkedRead);
        let failed = write_for_learner(&session, "learner-2", true, &flashes, async {
            Err::<(), _>("disk")
        })
        .await;
        assert!(matches!(failed, Err(LearnerWriteError::Write("disk"))));
        assert_eq!(*store.calls.lock().unwrap(), vec!["create", "delete"]);
        assert!(store.records.lock().unwrap().is_empty());
        // Empty and without an id: the session layer neither saves it nor sends a cookie.
        assert!(session.is_empty().await);
        assert_eq!(learner_id(&session).await, None);
    }

    #[tokio::test]
    async fn a_known_learners_messages_are_saved_while_the_row_is_written() {
        let (store, session) = new_visitor();
        set_learner_id(&session, "learner-3").await.unwrap();
        session.save().await.unwrap();
        let flashes = messages_after(false, Flash::BudgetKept);
        let seen = store.clone();
        let written = write_for_learner(&session, "learner-3", false, &flashes, async move {
            tokio::task::yield_now().await;
            Ok::<_, ()>(seen.calls.lock().unwrap().clone())
        })
        .await
        .unwrap();
        assert_eq!(written, vec!["create", "save"]);
        let id = session.id().unwrap();
        let stored = store.records.lock().unwrap()[&id].data[FLASH_KEY].clone();
        assert_eq!(stored, serde_json::json!(["BudgetKept"]));
        assert_eq!(take_flashes(&session).await, vec![Flash::BudgetKept]);
    }

    #[tokio::test]
    async fn a_failed_write_puts_a_known_session_back_as_it_was() {
        let (store, session) = new_visitor();
        // A visitor with a record and a message not shown yet, but no learner.
        push_flash(&session, Flash::Restored).await;
        session.save().await.unwrap();
        let flashes = messages_after(true, Flash::QuizSaved);
        let failed = write_for_learner(&session, "learner-4", true, &flashes, async {
            Err::<(), _>(())
        })
        .await;
        assert!(matches!(failed, Err(LearnerWriteError::Write(()))));
        let id = session.id().unwrap();
        let stored = store.records.lock().unwrap()[&id].data.clone();
        assert_eq!(stored.get(LEARNER_KEY), None);
        assert_eq!(stored[FLASH_KEY], serde_json::json!(["Restored"]));
        assert_eq!(learner_id(&session).await, None);
        assert_eq!(take_flashes(&session).await, vec![Flash::Restored]);
    }

    #[tokio::test]
    async fn a_write_without_news_for_the_session_does_not_save_it() {
        let (store, session) = new_visitor();
        set_learner_id(&session, "learner-5").await.unwrap();
        session.save().await.unwrap();
        write_for_learner(&session, "learner-5", false, &[], async { Ok::<_, ()>(()) })
            .await
            .unwrap();
        assert_eq!(*store.calls.lock().unwrap(), vec!["create"]);
    }
}
