//! Sessions stored in the configured database, so that several instances on one
//! PostgreSQL share them. Cookies are created only when something is saved in a session.
use app::db::{rusqlite, Db, Store, StoreError};
use async_trait::async_trait;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Instant,
};
use time::format_description::well_known::Rfc3339;
use tower_sessions::{
    cookie::{time::Duration, SameSite},
    session::{Id, Record},
    session_store::{self, ExpiredDeletion},
    Expiry, SessionManagerLayer, SessionStore,
};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "reperes_session";
/// Anonymous learners keep their progress 13 months after their last visit (CNIL).
pub const LEARNER_INACTIVITY: Duration = Duration::days(395);

/// The session store of whichever engine the site runs on. On SQLite, sessions are
/// written by the SQLite writer ([`app::db::sqlite_writer`]) with the sign-ups and
/// quiz answers arriving at the same moment (one `fsync` for all of them), in the table
/// and encoding of [`SqliteStore`], which reads them; their expiry purge waits for the
/// process's write turn ([`Store::write_turn`]) like every other write. On PostgreSQL,
/// [`PostgresStore`] reads them, deletes them and purges the expired ones; they are
/// written by the instance's writers ([`app::db::group_commit::Writers`]) in its table
/// and encoding, one statement each, committed with the sign-ups and quiz answers of the
/// same moment.
///
/// A record written during a request and saved again unchanged by the session layer at
/// its end is not written twice (see [`JustWritten`]).
#[derive(Clone, Debug)]
pub struct AnySessionStore {
    engine: Engine,
    just_written: JustWritten,
}

#[derive(Clone, Debug)]
enum Engine {
    Sqlite(SqliteStore, Store),
    Postgres(PostgresStore, Store),
}

/// The data of the records this process wrote a moment ago. A form that saves a
/// learner's row saves their session while that row is written
/// ([`app::progress::session::write_for_learner`]), so that both share a commit; the
/// session layer then saves the session again, since it was modified during the
/// request. That save finds the record here, written less than a second ago with the
/// same data, and writes nothing (the expiry date written a moment before stands). Only
/// the latest records are kept: a record that left this memory is written again, which
/// is only a wasted write.
#[derive(Clone, Debug, Default)]
struct JustWritten(Arc<Mutex<HashMap<Id, (Data, Instant)>>>);

/// A record's data, as tower-sessions keeps it.
type Data = HashMap<String, serde_json::Value>;

/// How many records [`JustWritten`] remembers, and for how long; the save it waits for
/// comes at the end of the same request, microseconds later.
const JUST_WRITTEN: usize = 1024;
const JUST_WRITTEN_FOR: std::time::Duration = std::time::Duration::from_secs(1);

impl JustWritten {
    fn remember(&self, record: &Record) {
        let mut written = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if written.len() >= JUST_WRITTEN {
            written.clear();
        }
        written.insert(record.id, (record.data.clone(), Instant::now()));
    }

    /// Whether `record` was written a moment ago with the same data (forgotten either
    /// way: the next save writes).
    fn unchanged(&self, record: &Record) -> bool {
        let mut written = self.0.lock().unwrap_or_else(|e| e.into_inner());
        written
            .remove(&record.id)
            .is_some_and(|(data, at)| at.elapsed() < JUST_WRITTEN_FOR && data == record.data)
    }

    fn forget(&self, id: &Id) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }
}

impl AnySessionStore {
    /// Builds the store on the application's pool and creates its table.
    pub async fn new(store: &Store) -> Result<AnySessionStore, sqlx::Error> {
        let engine = match store.db() {
            Db::Sqlite(pool) => Engine::Sqlite(SqliteStore::new(pool.clone()), store.clone()),
            Db::Postgres(pool) => Engine::Postgres(PostgresStore::new(pool.clone()), store.clone()),
        };
        match &engine {
            Engine::Sqlite(s, _) => s.migrate().await?,
            Engine::Postgres(s, _) => s.migrate().await?,
        }
        Ok(AnySessionStore {
            engine,
            just_written: JustWritten::default(),
        })
    }
}

#[async_trait]
impl SessionStore for AnySessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.write_new(record).await?;
        self.just_written.remember(record);
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if self.just_written.unchanged(record) {
            return Ok(());
        }
        self.write(record).await?;
        self.just_written.remember(record);
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match &self.engine {
            Engine::Sqlite(s, _) => s.load(id).await,
            Engine::Postgres(s, _) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.just_written.forget(id);
        match &self.engine {
            Engine::Sqlite(_, store) => {
                let id = id.to_string();
                store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        conn.prepare_cached("DELETE FROM tower_sessions WHERE id = ?1")?
                            .execute([id])?;
                        Ok(())
                    })
                    .await
                    .map_err(backend)
            }
            Engine::Postgres(s, _) => s.delete(id).await,
        }
    }
}

impl AnySessionStore {
    /// Writes `record` over the one with its id, or as a new one.
    async fn write(&self, record: &Record) -> session_store::Result<()> {
        match &self.engine {
            Engine::Sqlite(_, store) => {
                let (id, data, expiry) = (
                    record.id.to_string(),
                    encode(record).map_err(backend)?,
                    expiry_of(record).map_err(backend)?,
                );
                store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        conn.prepare_cached(
                            "INSERT INTO tower_sessions (id, data, expiry_date) VALUES (?1, ?2, ?3)
                             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expiry_date = excluded.expiry_date",
                        )?
                        .execute(rusqlite::params![id, data, expiry])?;
                        Ok(())
                    })
                    .await
                    .map_err(backend)
            }
            Engine::Postgres(_, store) => {
                let (id, data, expiry) = (
                    record.id.to_string(),
                    encode(record).map_err(backend)?,
                    record.expiry_date,
                );
                store
                    .postgres_writer()
                    .map_err(backend)?
                    .write(move |conn| {
                        Box::pin(async move {
                            sqlx::query(
                                r#"INSERT INTO "tower_sessions"."session" (id, data, expiry_date) VALUES ($1, $2, $3)
                                   ON CONFLICT (id) DO UPDATE SET data = excluded.data, expiry_date = excluded.expiry_date"#,
                            )
                            .bind(id)
                            .bind(data)
                            .bind(expiry)
                            .execute(&mut *conn)
                            .await?;
                            Ok(())
                        })
                    })
                    .await
                    .map_err(backend)
            }
        }
    }

    /// Writes a new record, under a new id should its own be taken.
    async fn write_new(&self, record: &mut Record) -> session_store::Result<()> {
        match &self.engine {
            Engine::Sqlite(_, store) => {
                let mut new = record.clone();
                let expiry = expiry_of(record).map_err(backend)?;
                record.id = store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        let mut insert = conn.prepare_cached(
                            "INSERT OR ABORT INTO tower_sessions (id, data, expiry_date) VALUES (?1, ?2, ?3)",
                        )?;
                        // A new id in the (astronomically rare) case it is taken.
                        loop {
                            let data = encode(&new)?;
                            let written =
                                insert.execute(rusqlite::params![new.id.to_string(), data, expiry]);
                            match written.map_err(StoreError::from) {
                                Ok(_) => return Ok(new.id),
                                Err(e) if e.is_unique_violation() => new.id = Id::default(),
                                Err(e) => return Err(e),
                            }
                        }
                    })
                    .await
                    .map_err(backend)?;
                Ok(())
            }
            // One statement, not the store's transaction (begin, look the id up, write,
            // commit: four round trips for each new visitor), in the next group commit of
            // the instance's writer: the primary key refuses a taken id, and a new one is
            // drawn.
            Engine::Postgres(_, store) => {
                let writer = store.postgres_writer().map_err(backend)?;
                loop {
                    let (id, data, expiry) = (
                        record.id.to_string(),
                        encode(record).map_err(backend)?,
                        record.expiry_date,
                    );
                    let written = writer
                        .write(move |conn| {
                            Box::pin(async move {
                                let done = sqlx::query(
                                    r#"INSERT INTO "tower_sessions"."session" (id, data, expiry_date) VALUES ($1, $2, $3)
                                       ON CONFLICT (id) DO NOTHING"#,
                                )
                                .bind(id)
                                .bind(data)
                                .bind(expiry)
                                .execute(&mut *conn)
                                .await?;
                                Ok(done.rows_affected())
                            })
                        })
                        .await
                        .map_err(backend)?;
                    if written == 1 {
                        return Ok(());
                    }
                    record.id = Id::default();
                }
            }
        }
    }
}

/// A session record in the encoding of [`SqliteStore`].
fn encode(record: &Record) -> Result<Vec<u8>, StoreError> {
    rmp_serde::to_vec(record)
        .map_err(|e| StoreError::NotSaved(format!("cannot encode a session: {e}")))
}

/// A record's expiry as [`SqliteStore`] writes it and compares it (sqlx's encoding of an
/// `OffsetDateTime` on SQLite: RFC 3339 text).
fn expiry_of(record: &Record) -> Result<String, StoreError> {
    record
        .expiry_date
        .format(&Rfc3339)
        .map_err(|e| StoreError::NotSaved(format!("cannot write a session's expiry: {e}")))
}

fn backend(error: StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait]
impl ExpiredDeletion for AnySessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match &self.engine {
            Engine::Sqlite(s, store) => {
                let _turn = store.write_turn().await;
                s.delete_expired().await
            }
            Engine::Postgres(s, _) => s.delete_expired().await,
        }
    }
}

/// The session layer: HttpOnly, SameSite=Lax, Secure in production, sliding expiry.
pub fn layer(store: AnySessionStore, production: bool) -> SessionManagerLayer<AnySessionStore> {
    SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(production)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(LEARNER_INACTIVITY))
}

/// Middleware inside the session layer: a staff session's cookie and record last its
/// idle time-out, not the learner's 13 months ([`app::staff::auth::keep_staff_expiry`]).
pub async fn staff_expiry(
    session: tower_sessions::Session,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let response = next.run(request).await;
    app::staff::auth::keep_staff_expiry(&session).await;
    response
}
