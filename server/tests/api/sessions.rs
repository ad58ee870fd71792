use crate::helpers::spawn_app;
use server::sessions::AnySessionStore;
use tower_sessions::{
    cookie::time::{Duration, OffsetDateTime},
    session::{Id, Record},
    SessionStore,
};

#[tokio::test]
async fn sessions_are_kept_in_the_database_of_the_engine() {
    let app = spawn_app().await;
    let store = AnySessionStore::new(&app.store).await.unwrap();
    let mut record = Record {
        id: Id::default(),
        data: [("learner".to_string(), serde_json::json!("abc"))]
            .into_iter()
            .collect(),
        expiry_date: OffsetDateTime::now_utc() + Duration::days(1),
    };
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
