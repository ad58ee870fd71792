use crate::helpers::spawn_app;
use server::sessions::AnySessionStore;
use tower_sessions::{
    cookie::time::{Duration, OffsetDateTime},
    session::{Id, Record},
    SessionStore,
};

/// A new record holding `data`, expiring in a day.
fn new_record(data: &[(&str, serde_json::Value)]) -> Record {
    Record {
        id: Id::default(),
        data: data
            .iter()
            .map(|(key, value)| (key.to_string(), value.clone()))
            .collect(),
        expiry_date: OffsetDateTime::now_utc() + Duration::days(1),
    }
}

#[tokio::test]
async fn sessions_are_kept_in_the_database_of_the_engine() {
    let app = spawn_app().await;
    let store = AnySessionStore::new(&app.store).await.unwrap();
    let mut record = new_record(&[("learner", serde_json::json!("abc"))]);
    store.create(&mut record).await.unwrap();
    let loaded = store
        .load(&record.id)
        .await
        .unwrap()
        .expect("the session is found");
    assert_eq!(loaded.data["learner"], "abc");
    // A second store on the same database sees it (what a second instance would do).
    let other = AnySessionStore::new(&app.store).await.unwrap();
    assert!(other.load(&record.id).await.unwrap().is_some());
    store.delete(&record.id).await.unwrap();
    assert!(other.load(&record.id).await.unwrap().is_none());
}

/// The session layer saves a session modified during the request; one that a form
/// created a moment ago with the same data ([`app::progress::session::write_for_learner`])
/// is not written again. Seen here by taking the row away behind the store's back.
#[tokio::test]
async fn a_record_just_created_is_not_written_again_unchanged() {
    let app = spawn_app().await;
    let store = AnySessionStore::new(&app.store).await.unwrap();
    let mut record = new_record(&[("learner_id", serde_json::json!("abc"))]);
    store.create(&mut record).await.unwrap();
    // The row taken away behind the store's back.
    {
        let id = record.id.to_string();
        match app.store.db() {
            app::db::Db::Sqlite(pool) => {
                sqlx::query("DELETE FROM tower_sessions WHERE id = $1")
                    .bind(id)
                    .execute(pool)
                    .await
                    .unwrap();
            }
            app::db::Db::Postgres(pool) => {
                sqlx::query(r#"DELETE FROM "tower_sessions"."session" WHERE id = $1"#)
                    .bind(id)
                    .execute(pool)
                    .await
                    .unwrap();
            }
        }
    }
    // The same data, a later expiry (the layer recomputes it): not written.
    record.expiry_date += Duration::seconds(1);
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none());
    // Saved again: written, since only the save right after the creation is skipped.
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_some());

    // Changed data is always written.
    let mut other = new_record(&[]);
    store.create(&mut other).await.unwrap();
    other
        .data
        .insert("flash".to_string(), serde_json::json!(["QuizSaved"]));
    store.save(&other).await.unwrap();
    let loaded = store.load(&other.id).await.unwrap().expect("written");
    assert_eq!(loaded.data["flash"], serde_json::json!(["QuizSaved"]));
}
