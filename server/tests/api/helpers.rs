//! Spawning the application for a test, on the engine chosen by `TEST_ENGINE`.
use app::db::Store;
use rand::Rng as _;
use server::config::Config;
use std::path::{Path, PathBuf};

/// The engine under test, from `TEST_ENGINE` (`sqlite` by default).
pub fn engine() -> &'static str {
    match std::env::var("TEST_ENGINE").as_deref() {
        Ok("postgres") => "postgres",
        Ok("sqlite") | Err(_) => "sqlite",
        Ok(other) => panic!("TEST_ENGINE must be sqlite or postgres, not {other}"),
    }
}

/// A database created for one test and dropped after it.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    /// No database of its own: for a second client of an app whose database another
    /// [`TestApp`] owns (dropping it drops nothing).
    pub fn borrowed() -> TestDb {
        TestDb {
            url: String::new(),
            _dir: None,
            pg_admin: None,
        }
    }

    pub async fn new() -> TestDb {
        match engine() {
            "postgres" => {
                let admin = std::env::var("TEST_POSTGRES_URL")
                    .expect("TEST_ENGINE=postgres needs TEST_POSTGRES_URL (for example postgres://postgres@127.0.0.1:5432/test)");
                let name = format!("reperes_t_{:016x}", rand::thread_rng().gen::<u64>());
                let pool = sqlx::PgPool::connect(&admin)
                    .await
                    .expect("cannot reach TEST_POSTGRES_URL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&pool)
                    .await
                    .expect("create test database");
                pool.close().await;
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                TestDb {
                    url: format!("{base}/{name}"),
                    _dir: None,
                    pg_admin: Some((admin, name)),
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("data/reperes.db").display());
                TestDb {
                    url,
                    _dir: Some(dir),
                    pg_admin: None,
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg_admin.take() {
            // Drop runs outside any async context: use a short-lived runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async move {
                    let pool = sqlx::PgPool::connect(&admin).await.ok()?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&pool)
                        .await
                        .ok()?;
                    pool.close().await;
                    Some(())
                })
            })
            .join();
        }
    }
}

/// The `content/` folder of the repository.
pub fn repo_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A running application and a client that keeps cookies and does not follow redirects.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Store,
    /// Kept so the database lives as long as the app.
    pub _db: TestDb,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    pub async fn get_html(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// A page fetched with one extra request header (`accept-language`…).
    pub async fn get_html_with(&self, path: &str, header: &str, value: &str) -> String {
        let response = self
            .client
            .get(self.url(path))
            .header(header, value)
            .send()
            .await
            .expect("request failed");
        response.text().await.expect("body")
    }

    /// The single integer a SQL query returns (`SELECT COUNT(*) …`), on either engine.
    pub async fn count(&self, sql: &str) -> i64 {
        match self.store.db() {
            app::db::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"),
            app::db::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"),
        }
    }

    /// The texts of the single column a SQL query returns, on either engine.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        match self.store.db() {
            app::db::Db::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await.expect("rows"),
            app::db::Db::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.expect("rows"),
        }
    }

    /// Runs one SQL statement that returns no rows (a change made behind the app's back),
    /// on either engine.
    pub async fn execute(&self, sql: &str) {
        app::on_pool!(self.store.db(), p => {
            sqlx::query(sql).execute(p).await.expect("statement");
        });
    }

    /// Posts a form as a browser on this site would (same-origin headers).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.address)
            .header("sec-fetch-site", "same-origin")
            .form(form)
            .send()
            .await
            .expect("request failed")
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Starts the application on a fresh database with the repository's content.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_content(&repo_content()).await
}

pub async fn spawn_app_with_content(content: &Path) -> TestApp {
    let db = TestDb::new().await;
    spawn_app_on(db, content).await
}

/// Starts the application on a fresh database with a configuration changed by `change`.
pub async fn spawn_app_configured(change: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_on_with(TestDb::new().await, &repo_content(), change).await
}

/// Starts the application on an existing test database (to restart on the same data).
pub async fn spawn_app_on(db: TestDb, content: &Path) -> TestApp {
    spawn_app_on_with(db, content, |_| {}).await
}

async fn spawn_app_on_with(
    db: TestDb,
    content: &Path,
    change: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config::from_vars(|_| None).expect("default config");
    // Every test signs up from 127.0.0.1: the per-client limit is tested on its own.
    config.signup_limit = 0;
    change(&mut config);
    config.database_url = db.url.clone();
    config.content_dir = content.to_path_buf();
    config.site_addr = "127.0.0.1:0".parse().expect("address");
    let built = server::build(&config)
        .await
        .expect("the application starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let store = built.state.store.clone();
    tokio::spawn(server::serve(listener, built.router));
    TestApp {
        address,
        client: client(),
        store,
        _db: db,
    }
}

/// A local SMTP server that accepts every message and keeps it, for the tests of
/// e-mail. Its `url` is a `REPERES_SMTP_URL`.
pub struct SmtpSink {
    pub url: String,
    messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the SMTP sink");
        let url = format!("smtp://{}", listener.local_addr().expect("address"));
        let messages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(smtp_session(stream, kept.clone()));
            }
        });
        SmtpSink { url, messages }
    }

    /// Every message received so far: headers, then the body decoded from
    /// quoted-printable.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().expect("sink lock").clone()
    }
}

async fn smtp_session(
    stream: tokio::net::TcpStream,
    messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
) {
    use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _};
    let (read, mut write) = stream.into_split();
    let mut lines = tokio::io::BufReader::new(read).lines();
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    while let Ok(Some(line)) = lines.next_line().await {
        let command = line.to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if command.starts_with("DATA") {
            let _ = write.write_all(b"354 go ahead\r\n").await;
            let mut data = Vec::new();
            while let Ok(Some(l)) = lines.next_line().await {
                if l == "." {
                    break;
                }
                data.push(if l.starts_with("..") {
                    l[1..].to_string()
                } else {
                    l
                });
            }
            messages
                .lock()
                .expect("sink lock")
                .push(decode_qp(&data.join("\n")));
            b"250 queued\r\n"
        } else if command.starts_with("QUIT") {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 ok\r\n"
        };
        let _ = write.write_all(reply).await;
    }
}

/// Undoes quoted-printable (soft line breaks and `=XX` bytes).
fn decode_qp(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if let Some(b) = joined
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A fresh client with no session, on the same app.
pub fn as_anonymous(app: &TestApp) -> TestApp {
    TestApp {
        address: app.address.clone(),
        client: client(),
        store: app.store.clone(),
        _db: TestDb::borrowed(),
    }
}

/// A fresh client logged in as `email` (password [`STAFF_PASSWORD`]), on the same app.
pub async fn as_user(app: &TestApp, email: &str) -> TestApp {
    let other = TestApp {
        address: app.address.clone(),
        client: client(),
        store: app.store.clone(),
        _db: TestDb::borrowed(),
    };
    let response = other
        .post_form(
            "/connexion",
            &[("email", email), ("password", STAFF_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 303, "{email} logs in");
    other
}

/// A staff account of `organisation` (password [`STAFF_PASSWORD`], nothing to change at
/// first login). Returns its id.
pub async fn new_staff(
    app: &TestApp,
    organisation: i64,
    email: &str,
    role: app::staff::model::Role,
) -> i64 {
    let hash = app::staff::auth::hash_password(STAFF_PASSWORD.into())
        .await
        .unwrap();
    app.store
        .create_staff(
            organisation,
            email,
            "Personne de test",
            role,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .expect("a new account")
}

/// A resident's sign-up to `workshop` through the form; returns their private booking
/// page's address.
pub async fn book_by_form(app: &TestApp, workshop: i64, first_name: &str) -> String {
    let booked = app
        .post_form(
            &format!("/ateliers/{workshop}/inscription"),
            &[("first_name", first_name), ("seats", "1")],
        )
        .await;
    assert_eq!(booked.status(), 303, "{first_name} books");
    location(&booked)
}

/// A day, in seconds.
pub const DAY: i64 = 24 * 3600;

/// The password of the accounts made by the helpers.
pub const STAFF_PASSWORD: &str = "une longue phrase de passe";

/// What workshop tests start from: the CCAS, one of its coordinators and a place.
pub struct WorkshopSetup {
    pub coordinator: i64,
    pub ccas: i64,
    pub place: i64,
}

/// Creates the CCAS, a coordinator (`coord@ccas.example`, password
/// `une longue phrase de passe`) and a 30-seat step-free place.
pub async fn workshop_setup(app: &TestApp) -> WorkshopSetup {
    use app::staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    };
    let ccas = app
        .store
        .ensure_organisation("CCAS de Besançon", OrganisationKind::Ccas, 0)
        .await
        .unwrap();
    let hash = hash_password("une longue phrase de passe".into())
        .await
        .unwrap();
    let coordinator = app
        .store
        .create_staff(
            ccas,
            "coord@ccas.example",
            "Nadia Coordinatrice",
            Role::Coordinator,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let place = app
        .store
        .create_place(
            ccas,
            "Salle du CCAS",
            "Adresse à compléter",
            "",
            "",
            30,
            true,
            false,
            0,
        )
        .await
        .unwrap();
    WorkshopSetup {
        coordinator,
        ccas,
        place,
    }
}

/// A two-hour budget workshop in a week. Returns its id.
pub async fn new_workshop(app: &TestApp, s: &WorkshopSetup, capacity: i64, reserved: i64) -> i64 {
    let start = app::state::unix_now() + 7 * DAY;
    new_workshop_at(app, s, start, capacity, reserved).await
}

/// A two-hour budget workshop starting at `start` (Unix seconds). Returns its id.
pub async fn new_workshop_at(
    app: &TestApp,
    s: &WorkshopSetup,
    start: i64,
    capacity: i64,
    reserved: i64,
) -> i64 {
    app.store
        .create_workshop(
            &app::workshops::store::NewWorkshop {
                organisation_id: s.ccas,
                title: "Faire son budget du mois".into(),
                theme: "budget".into(),
                description: "Venez avec vos questions.".into(),
                description_html: "<p>Venez avec vos questions.</p>".into(),
                starts_at: start,
                ends_at: start + 7200,
                place_id: s.place,
                capacity,
                staff_reserved: reserved,
                signup_deadline: start,
                created_by: s.coordinator,
                hosts: vec![s.coordinator],
            },
            0,
        )
        .await
        .unwrap()
}

/// The stored workshop as a NewWorkshop, to change it in tests.
pub async fn workshop_as_new(
    app: &TestApp,
    id: i64,
    s: &WorkshopSetup,
) -> app::workshops::store::NewWorkshop {
    let w = app.store.workshop(id).await.unwrap().unwrap();
    app::workshops::store::NewWorkshop {
        organisation_id: s.ccas,
        title: w.title,
        theme: w.theme,
        description: String::new(),
        description_html: w.description_html,
        starts_at: w.starts_at,
        ends_at: w.ends_at,
        place_id: w.place.id,
        capacity: w.capacity,
        staff_reserved: w.staff_reserved,
        signup_deadline: w.signup_deadline,
        created_by: s.coordinator,
        hosts: vec![s.coordinator],
    }
}

/// The `Location` header of a response ("" when there is none).
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Moves a session (workshop or training) so that it started three hours ago and
/// ended an hour ago, with sign-ups closed.
pub async fn move_session_to_past(app: &TestApp, id: i64) {
    let start = app::state::unix_now() - 3 * 3600;
    let sql = "UPDATE training_sessions SET starts_at = $1, ends_at = $2, signup_deadline = $1 WHERE id = $3";
    match app.store.db() {
        app::db::Db::Sqlite(pool) => {
            sqlx::query(sql)
                .bind(start)
                .bind(start + 7200)
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
        }
        app::db::Db::Postgres(pool) => {
            sqlx::query(sql)
                .bind(start)
                .bind(start + 7200)
                .bind(id)
                .execute(pool)
                .await
                .unwrap();
        }
    }
}

/// `text` with every byte but ASCII letters and digits percent-encoded, for paths.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A route template of the router or the OpenAPI document with its `{placeholders}`
/// filled with 1.
pub fn with_ids(template: &str) -> String {
    template
        .split('/')
        .map(|part| if part.starts_with('{') { "1" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}
