//! Logging staff in and out: argon2 hashing off the async runtime, the throttles, the
//! session keys and their time-outs. Every staff page, handler and server function
//! goes through [`current_staff`], which also ends the session of a deactivated account.
use super::model::{account_delay, normalize_email, session_alive, StaffMember, FREE_FAILURES};
use crate::{
    db::{RateDecision, Store},
    error::AppError,
};
use argon2::{
    password_hash::{rand_core::OsRng, SaltString},
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
};
use std::sync::OnceLock;
use tower_sessions::Session;

const STAFF_KEY: &str = "staff_id";
const LOGIN_AT_KEY: &str = "staff_login_at";
const SEEN_AT_KEY: &str = "staff_seen_at";
/// A digest of the password hash the session logged in with: a new password (changed,
/// reset by link or by an administrator) has a new hash, so every session that logged
/// in with the old one ends at its next request (ASVS V7.4.3).
const STAMP_KEY: &str = "staff_password_stamp";

/// What a session keeps of the password hash it logged in with (never the hash itself).
fn password_stamp(password_hash: &str) -> String {
    crate::hex::short_sha256_hex(format!("reperes-session:{password_hash}").as_bytes())
}

/// The cookie and the stored record of a staff session last as long as its idle
/// time-out (the learner's 13 months would keep a cookie alive long after the server
/// ended the session). tower-sessions gives every request's session the layer's expiry,
/// so the server's session middleware sets this one again on each request of a staff
/// session ([`keep_staff_expiry`]).
fn staff_expiry() -> tower_sessions::Expiry {
    tower_sessions::Expiry::OnInactivity(tower_sessions::cookie::time::Duration::seconds(
        super::model::IDLE_TIMEOUT_SECS,
    ))
}

/// Failed logins allowed per client and window, whatever the accounts (a successful
/// login gives its try back).
pub const CLIENT_MAX_TRIES: i64 = 20;
/// The per-client window, in seconds.
pub const CLIENT_WINDOW_SECS: i64 = 15 * 60;

/// Hashes a password with argon2id (default parameters) on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a password against a stored hash on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, checked when the e-mail is unknown so that a login
/// takes as long whether the account exists or not.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"decoy password never used", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// The throttle key of an account: a hash of its e-mail, so unknown addresses are
/// throttled too and no address is stored.
pub fn account_key(email: &str) -> String {
    crate::hex::short_sha256_hex(format!("reperes-login:{}", normalize_email(email)).as_bytes())
}

/// The outcome of a login attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    LoggedIn(StaffMember),
    /// Wrong e-mail or password, or a deactivated account: one message for all.
    Refused,
    /// Too many tries: wait this many seconds (429).
    Throttled {
        retry_after: i64,
    },
}

/// Checks the credentials under both throttles; on success cycles the session id and
/// records the staff member in it. Every attempt is audited.
pub async fn log_in(
    store: &Store,
    session: &Session,
    client: &str,
    email: &str,
    password: &str,
    now: i64,
) -> Result<LoginOutcome, AppError> {
    let email = normalize_email(email);
    if let RateDecision::Limited { retry_after } = store
        .hit_rate_limit(
            &format!("login:{client}"),
            CLIENT_WINDOW_SECS,
            CLIENT_MAX_TRIES,
            now,
        )
        .await?
    {
        store.audit(None, "login-throttled", "client", now).await?;
        return Ok(LoginOutcome::Throttled { retry_after });
    }
    let key = account_key(&email);
    let (failures, last) = store.login_failures(&key).await?;
    let wait = last + account_delay(failures) - now;
    if failures >= FREE_FAILURES && wait > 0 {
        store.audit(None, "login-throttled", "account", now).await?;
        return Ok(LoginOutcome::Throttled { retry_after: wait });
    }
    let credentials = store.staff_credentials(&email).await?;
    let hash = credentials
        .as_ref()
        .map(|c| c.password_hash.clone())
        .unwrap_or_else(|| decoy_hash().to_string());
    let password: String = password
        .chars()
        .take(super::model::MAX_PASSWORD_CHARS)
        .collect();
    let matches = verify_password(password, hash).await;
    match credentials {
        Some(c) if matches && c.member.active => {
            store.clear_login_failures(&key).await?;
            // Only failures use up the client's tries: staff of one office share an
            // address, and a morning of logins must not lock them out. The try was
            // counted before checking, so parallel guesses are still capped.
            store.refund_rate_limit(&format!("login:{client}")).await?;
            // A new session id: a cookie planted before login is worth nothing after it.
            session
                .cycle_id()
                .await
                .map_err(|_| AppError::Unavailable)?;
            for (k, v) in [
                (STAFF_KEY, c.member.id),
                (LOGIN_AT_KEY, now),
                (SEEN_AT_KEY, now),
            ] {
                session
                    .insert(k, v)
                    .await
                    .map_err(|_| AppError::Unavailable)?;
            }
            session
                .insert(STAMP_KEY, password_stamp(&c.password_hash))
                .await
                .map_err(|_| AppError::Unavailable)?;
            store.audit(Some(c.member.id), "login", "", now).await?;
            Ok(LoginOutcome::LoggedIn(c.member))
        }
        other => {
            store.record_login_failure(&key, now).await?;
            store
                .audit(other.map(|c| c.member.id), "login-failed", "", now)
                .await?;
            Ok(LoginOutcome::Refused)
        }
    }
}

/// The staff member of this session, if it is logged in, not idle for more than 30
/// minutes, less than 12 hours old, the account is still active and its password has
/// not changed since the login. Otherwise the staff part of the session is removed.
pub async fn current_staff(
    store: &Store,
    session: &Session,
    now: i64,
) -> Result<Option<StaffMember>, AppError> {
    let Some(id) = session.get::<i64>(STAFF_KEY).await.ok().flatten() else {
        return Ok(None);
    };
    let login_at = session
        .get::<i64>(LOGIN_AT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    let seen_at = session
        .get::<i64>(SEEN_AT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0);
    let stamp = session
        .get::<String>(STAMP_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let member = if session_alive(login_at, seen_at, now) {
        store
            .staff_account(id)
            .await?
            .filter(|c| c.member.active && password_stamp(&c.password_hash) == stamp)
            .map(|c| c.member)
    } else {
        None
    };
    match member {
        Some(member) => {
            session
                .insert(SEEN_AT_KEY, now)
                .await
                .map_err(|_| AppError::Unavailable)?;
            Ok(Some(member))
        }
        None => {
            end_staff_session(session).await;
            Ok(None)
        }
    }
}

/// Gives a logged-in staff session its own expiry (see [`staff_expiry`]); other sessions
/// keep the layer's. Called after the handler, before the session is saved. Only a
/// session that will be saved is looked at: an unchanged one sends no cookie, and reading
/// it would cost a database read on every request that carries a cookie.
pub async fn keep_staff_expiry(session: &Session) {
    if !session.is_modified() {
        return;
    }
    if let Ok(Some(_)) = session.get::<i64>(STAFF_KEY).await {
        session.set_expiry(Some(staff_expiry()));
    }
}

/// After this session's own member changed their password: the session stays logged in
/// under a new id, with the new password's stamp (every other session of the account
/// ends at its next request).
pub async fn keep_after_password_change(
    session: &Session,
    new_password_hash: &str,
) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|_| AppError::Unavailable)?;
    session
        .insert(STAMP_KEY, password_stamp(new_password_hash))
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Logs out: the whole session is deleted (server side) and its cookie expired.
pub async fn log_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|_| AppError::Unavailable)
}

async fn end_staff_session(session: &Session) {
    for key in [STAFF_KEY, LOGIN_AT_KEY, SEEN_AT_KEY] {
        let _ = session.remove::<i64>(key).await;
    }
    let _ = session.remove::<String>(STAMP_KEY).await;
}

const TEMP_PASSWORD_KEY: &str = "staff_temporary_password";

/// A new random temporary password (to be changed at first login).
pub fn new_temporary_password() -> String {
    use rand::RngCore as _;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    super::model::temporary_password(bytes)
}

/// Keeps a temporary password in the admin's session until the page shows it, once.
pub async fn keep_temporary_password(
    session: &Session,
    name: &str,
    password: &str,
) -> Result<(), AppError> {
    session
        .insert(TEMP_PASSWORD_KEY, (name, password))
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Takes the temporary password to show, if any.
pub async fn take_temporary_password(session: &Session) -> Option<(String, String)> {
    session
        .remove::<(String, String)>(TEMP_PASSWORD_KEY)
        .await
        .ok()
        .flatten()
}
