//! Sessions stored in the configured database, so that several instances on one
//! PostgreSQL share them. Cookies are created only when something is saved in a session.
use app::db::{Db, Store};
use async_trait::async_trait;
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
/// written by the group-commit writer ([`app::db::group_commit`]) with the sign-ups and
/// quiz answers arriving at the same moment (one `fsync` for all of them), in the table
/// and encoding of [`SqliteStore`], which reads them; their expiry purge waits for the
/// process's write turn ([`Store::write_turn`]) like every other write. On PostgreSQL,
/// [`PostgresStore`] reads and writes them, except a new session's first write, made in
/// one statement (see `create`).
#[derive(Clone, Debug)]
pub enum AnySessionStore {
    Sqlite(SqliteStore, Store),
    Postgres(PostgresStore, sqlx::PgPool),
}

impl AnySessionStore {
    /// Builds the store on the application's pool and creates its table.
    pub async fn new(store: &Store) -> Result<AnySessionStore, sqlx::Error> {
        let sessions = match store.db() {
            Db::Sqlite(pool) => {
                AnySessionStore::Sqlite(SqliteStore::new(pool.clone()), store.clone())
            }
            Db::Postgres(pool) => {
                AnySessionStore::Postgres(PostgresStore::new(pool.clone()), pool.clone())
            }
        };
        match &sessions {
            AnySessionStore::Sqlite(s, _) => s.migrate().await?,
            AnySessionStore::Postgres(s, _) => s.migrate().await?,
        }
        Ok(sessions)
    }
}

#[async_trait]
impl SessionStore for AnySessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            AnySessionStore::Sqlite(_, store) => {
                let mut new = record.clone();
                record.id = store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        Box::pin(async move {
                            // A new id in the (astronomically rare) case it is taken.
                            loop {
                                let written = sqlx::query(
                                    "INSERT OR ABORT INTO tower_sessions (id, data, expiry_date) VALUES ($1, $2, $3)",
                                )
                                .bind(new.id.to_string())
                                .bind(encode(&new)?)
                                .bind(new.expiry_date)
                                .execute(&mut *conn)
                                .await;
                                match written {
                                    Ok(_) => return Ok(new.id),
                                    Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                                        new.id = Id::default();
                                    }
                                    Err(e) => return Err(e.into()),
                                }
                            }
                        })
                    })
                    .await
                    .map_err(backend)?;
                Ok(())
            }
            // One statement, not the store's transaction (begin, look the id up, write,
            // commit: four round trips for each new visitor): the primary key refuses a
            // taken id, and a new one is drawn.
            AnySessionStore::Postgres(_, pool) => loop {
                let written = sqlx::query(
                        r#"INSERT INTO "tower_sessions"."session" (id, data, expiry_date) VALUES ($1, $2, $3)
                           ON CONFLICT (id) DO NOTHING"#,
                    )
                    .bind(record.id.to_string())
                    .bind(encode(record).map_err(backend)?)
                    .bind(record.expiry_date)
                    .execute(pool)
                    .await
                    .map_err(|e| session_store::Error::Backend(e.to_string()))?;
                if written.rows_affected() == 1 {
                    return Ok(());
                }
                record.id = Id::default();
            },
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            AnySessionStore::Sqlite(_, store) => {
                let (id, data, expiry) = (
                    record.id.to_string(),
                    encode(record).map_err(backend)?,
                    record.expiry_date,
                );
                store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        Box::pin(async move {
                            sqlx::query(
                                "INSERT INTO tower_sessions (id, data, expiry_date) VALUES ($1, $2, $3)
                                 ON CONFLICT (id) DO UPDATE SET data = excluded.data, expiry_date = excluded.expiry_date",
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
            AnySessionStore::Postgres(s, _) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            AnySessionStore::Sqlite(s, _) => s.load(id).await,
            AnySessionStore::Postgres(s, _) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            AnySessionStore::Sqlite(_, store) => {
                let id = id.to_string();
                store
                    .sqlite_writer()
                    .map_err(backend)?
                    .write_statement(move |conn| {
                        Box::pin(async move {
                            sqlx::query("DELETE FROM tower_sessions WHERE id = $1")
                                .bind(id)
                                .execute(&mut *conn)
                                .await?;
                            Ok(())
                        })
                    })
                    .await
                    .map_err(backend)
            }
            AnySessionStore::Postgres(s, _) => s.delete(id).await,
        }
    }
}

/// A session record in the encoding of [`SqliteStore`].
fn encode(record: &Record) -> Result<Vec<u8>, app::db::StoreError> {
    rmp_serde::to_vec(record)
        .map_err(|e| app::db::StoreError::NotSaved(format!("cannot encode a session: {e}")))
}

fn backend(error: app::db::StoreError) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait]
impl ExpiredDeletion for AnySessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            AnySessionStore::Sqlite(s, store) => {
                let _turn = store.write_turn().await;
                s.delete_expired().await
            }
            AnySessionStore::Postgres(s, _) => s.delete_expired().await,
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
