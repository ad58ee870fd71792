//! Server-side state shared by handlers and server functions, and the per-request
//! context (language, CSP nonce) that pages read.
use crate::{db::Store, i18n::Lang};
use axum::extract::FromRef;
use leptos::{config::LeptosOptions, prelude::*};

/// What every handler and server function can reach.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub settings: Settings,
    pub stylesheet: StylesheetHref,
}

/// The address pages link their stylesheet with: [`crate::app::paths::STYLESHEET`] with
/// a version drawn from the file's content (`?v=…`), so that browsers may keep it a year
/// and still fetch the new one as soon as it changes; the bare address when the file
/// could not be read when the server started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StylesheetHref(pub String);

impl Default for StylesheetHref {
    fn default() -> StylesheetHref {
        StylesheetHref(crate::app::paths::STYLESHEET.to_string())
    }
}

/// Rules set by the deployment (see `.env.example`), read by handlers and pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The site's public address without a trailing slash, for links in messages.
    pub site_url: String,
    /// Inside this many seconds before a workshop, a freed seat waits for a
    /// coordinator instead of going to the waitlist automatically.
    pub promotion_cutoff_secs: i64,
    /// Names and contacts of bookings are erased this many days after the workshop.
    pub contact_retention_days: i64,
    /// Whether e-mail goes out by SMTP (otherwise messages are only logged), which is
    /// what self-service password reset needs.
    pub mail_enabled: bool,
    /// Time a trainer needs between two sessions in different places.
    pub travel_buffer_secs: i64,
    /// Sign-ups without a staff account one client address may make in an hour; 0 for
    /// no limit.
    pub signup_limit_per_hour: i64,
    /// Whether the site's own cookies carry `Secure` (production: HTTPS only).
    pub secure_cookies: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            site_url: "http://127.0.0.1:3000".into(),
            promotion_cutoff_secs: 24 * 3600,
            contact_retention_days: 30,
            mail_enabled: false,
            travel_buffer_secs: 30 * 60,
            signup_limit_per_hour: 30,
            secure_cookies: false,
        }
    }
}

/// The CSP nonce minted for one response by the security middleware.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

/// The current time in Unix seconds (the clock of every stored timestamp).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Reads a cookie's value from request headers.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The language of a request: explicit choice first, then the browser's preference.
pub fn request_lang(headers: &http::HeaderMap) -> Lang {
    let accept = headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie(headers, crate::i18n::LANG_COOKIE), accept)
}

/// Provides the state and the request's language and nonce to the page being rendered.
pub fn provide_request_context(state: &AppState) {
    provide_context(state.store.clone());
    provide_context(state.settings.clone());
    provide_context(state.stylesheet.clone());
    if let Some(parts) = use_context::<http::request::Parts>() {
        provide_context(request_lang(&parts.headers));
        if let Some(CspNonce(nonce)) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(nonce.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            "a=1; reperes_lang=en; b=2".parse().unwrap(),
        );
        assert_eq!(cookie(&headers, "reperes_lang"), Some("en"));
        assert_eq!(cookie(&headers, "c"), None);
        assert_eq!(request_lang(&headers), Lang::En);
    }
}
