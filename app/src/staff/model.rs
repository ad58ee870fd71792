//! Staff types and the pure rules around them: roles, password policy, login throttle
//! delays and session time-outs.
use serde::{Deserialize, Serialize};

/// What a staff member may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Leads sessions, writes lessons.
    Trainer,
    /// Workshops and sessions of their organisation.
    Coordinator,
    /// Accounts, organisations, places.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Coordinator, Role::Trainer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::Trainer => "trainer",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this role writes, reviews and publishes lessons: trainers and
    /// coordinators (admins manage accounts, not content).
    pub fn writes_lessons(self) -> bool {
        self != Role::Admin
    }

    /// Whether this role adds and changes entries of the help directory: coordinators
    /// and administrators (trainers read it).
    pub fn manages_help(self) -> bool {
        self != Role::Trainer
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Coordinator => "role-coordinator",
            Role::Trainer => "role-trainer",
        }
    }
}

/// Which side of the partnership an organisation is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    Ccas,
    Bank,
}

impl OrganisationKind {
    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Ccas => "ccas",
            OrganisationKind::Bank => "bank",
        }
    }

    pub fn parse(code: &str) -> Option<OrganisationKind> {
        match code {
            "ccas" => Some(OrganisationKind::Ccas),
            "bank" => Some(OrganisationKind::Bank),
            _ => None,
        }
    }
}

/// A staff member as the pages see them (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub must_change_password: bool,
    pub active: bool,
}

/// Shortest password accepted (ANSSI and CNIL recommend long passphrases over rules).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted, so hashing cannot be used to tie up the server.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Why a new password is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PasswordError {
    TooShort,
    TooLong,
    /// The new password is the e-mail address or contains it.
    LooksLikeEmail,
    /// The two typed copies differ.
    Mismatch,
}

impl PasswordError {
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password-error-short",
            PasswordError::TooLong => "password-error-long",
            PasswordError::LooksLikeEmail => "password-error-email",
            PasswordError::Mismatch => "password-error-mismatch",
        }
    }
}

/// Checks a new password against the policy.
pub fn check_new_password(password: &str, confirm: &str, email: &str) -> Result<(), PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PasswordError::TooLong);
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    let lower = password.to_lowercase();
    if lower == email.to_lowercase() || (local.len() >= 4 && lower.contains(&local)) {
        return Err(PasswordError::LooksLikeEmail);
    }
    if password != confirm {
        return Err(PasswordError::Mismatch);
    }
    Ok(())
}

/// Turns 16 random bytes into a temporary password people can copy by hand:
/// four groups of four characters without look-alikes (≈ 79 bits).
pub fn temporary_password(bytes: [u8; 16]) -> String {
    let chars: Vec<char> = crate::progress::resume::encode(&bytes).chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Why a new account or organisation is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountError {
    BadEmail,
    NameMissing,
    UnknownOrganisation,
    UnknownRole,
    EmailTaken,
    NameTaken,
    /// An administrator may not deactivate their own account.
    OwnAccount,
}

impl AccountError {
    pub fn message_key(self) -> &'static str {
        match self {
            AccountError::BadEmail => "account-error-email",
            AccountError::NameMissing => "account-error-name",
            AccountError::UnknownOrganisation => "account-error-organisation",
            AccountError::UnknownRole => "account-error-role",
            AccountError::EmailTaken => "account-error-email-taken",
            AccountError::NameTaken => "account-error-name-taken",
            AccountError::OwnAccount => "account-error-own",
        }
    }
}

/// A plausible e-mail address: something, one `@`, a domain with a dot, no spaces.
pub fn valid_email(email: &str) -> bool {
    let mut parts = email.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254
        }
        _ => false,
    }
}

/// E-mail addresses are compared trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Failed logins on one account before any delay.
pub const FREE_FAILURES: i64 = 5;
/// The longest wait imposed on an account: growing delays, never a lockout, so that a
/// stranger typing wrong passwords can only slow a coordinator down by this much.
pub const MAX_ACCOUNT_DELAY_SECS: i64 = 60;

/// Seconds to wait after the last failure before the next try on an account:
/// nothing for the first [`FREE_FAILURES`], then 5, 10, 20, 40, then
/// [`MAX_ACCOUNT_DELAY_SECS`] at most.
pub fn account_delay(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(16) as u32;
    (5i64 << doublings).min(MAX_ACCOUNT_DELAY_SECS)
}

/// A staff session ends after this long without a request.
pub const IDLE_TIMEOUT_SECS: i64 = 30 * 60;
/// …and in any case this long after login.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 3600;

/// Whether a staff session that began at `login_at` and was last used at `seen_at` is
/// still valid at `now`.
pub fn session_alive(login_at: i64, seen_at: i64, now: i64) -> bool {
    now - seen_at <= IDLE_TIMEOUT_SECS && now - login_at <= ABSOLUTE_TIMEOUT_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_must_be_long_and_not_the_email() {
        let email = "claire.martin@ccas.example";
        assert_eq!(
            check_new_password("court", "court", email),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_new_password("claire.martin-2026!", "claire.martin-2026!", email),
            Err(PasswordError::LooksLikeEmail)
        );
        assert_eq!(
            check_new_password("une phrase assez longue", "une phrase assez longe", email),
            Err(PasswordError::Mismatch)
        );
        assert_eq!(
            check_new_password(&"x".repeat(129), &"x".repeat(129), email),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            check_new_password("une phrase assez longue", "une phrase assez longue", email),
            Ok(())
        );
    }

    #[test]
    fn account_delays_grow_but_never_become_a_lockout() {
        assert_eq!(account_delay(0), 0);
        assert_eq!(account_delay(4), 0);
        assert_eq!(account_delay(5), 5);
        assert_eq!(account_delay(6), 10);
        assert_eq!(account_delay(8), 40);
        assert_eq!(account_delay(9), 60);
        assert_eq!(account_delay(10_000), MAX_ACCOUNT_DELAY_SECS);
    }

    #[test]
    fn sessions_end_when_idle_or_too_old() {
        let login = 1_000_000;
        assert!(session_alive(
            login,
            login + 100,
            login + 100 + IDLE_TIMEOUT_SECS
        ));
        assert!(!session_alive(
            login,
            login + 100,
            login + 101 + IDLE_TIMEOUT_SECS
        ));
        assert!(!session_alive(
            login,
            login + ABSOLUTE_TIMEOUT_SECS,
            login + ABSOLUTE_TIMEOUT_SECS + 1
        ));
    }

    #[test]
    fn temporary_passwords_are_readable_and_long_enough() {
        let p = temporary_password([7; 16]);
        assert_eq!(p.len(), 19);
        assert_eq!(p.matches('-').count(), 3);
        assert!(p.chars().count() >= MIN_PASSWORD_CHARS);
    }

    #[test]
    fn only_plausible_emails_are_accepted() {
        assert!(valid_email("claire@ccas.example"));
        for bad in [
            "", "claire", "claire@", "@ccas.fr", "a@b", "a b@c.fr", "a@b@c.fr", "a@.fr",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn roles_and_emails_are_read_back() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(
            normalize_email("  Claire@CCAS.example "),
            "claire@ccas.example"
        );
    }
}
