//! Security layers: response headers with a per-response CSP nonce, and the refusal of
//! cross-origin state-changing requests.
use crate::pages::simple_page;
use app::state::CspNonce;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine as _;
use rand::RngCore as _;
use std::sync::Arc;

/// What the security layers need to know about the deployment.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    pub production: bool,
    /// Origins accepted for unsafe requests besides the request's own host.
    pub public_origin: Option<String>,
}

fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The Content-Security-Policy for a response: scripts only from this site or carrying
/// this response's nonce, wasm allowed to compile, nothing inline otherwise, no framing.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of a page that carries no nonce (the render cache's copies, shared by
/// every visitor): the same, without any inline script at all.
pub const POLICY_WITHOUT_NONCE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The security headers every response carries besides its Content-Security-Policy.
pub fn fixed_headers(config: &SecurityConfig) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if config.production {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    headers
}

/// What a response that does not say otherwise may be kept: nowhere. Staff pages show
/// names, e-mails and phones, a booking page holds its private token, the progress
/// page a resume code; a page that forgets to say so must not be kept by the browser or
/// a proxy, so keeping is what must be asked for (the versioned stylesheet, lesson
/// images), never the other way round.
pub const NOT_KEPT: HeaderValue = HeaderValue::from_static("no-store");

/// Whether `path` is one of the site's own files (the islands' JS and wasm, the
/// favicon), which the static file handler answers with validators of its own.
fn is_site_file(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/favicon.svg"
}

/// Adds `Cache-Control: no-store` to a response to `path` that sets no Cache-Control.
pub fn default_cache_control(path: &str, headers: &mut HeaderMap) {
    if !is_site_file(path) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, NOT_KEPT);
    }
}

/// What the header layer needs, made once.
pub struct SecurityHeaders {
    fixed: HeaderMap,
}

impl SecurityHeaders {
    pub fn new(config: &SecurityConfig) -> SecurityHeaders {
        SecurityHeaders {
            fixed: fixed_headers(config),
        }
    }
}

/// Mints the nonce, hands it to the page renderer and sets the security headers on
/// every response (pages, API, static files, errors), `Cache-Control: no-store` included
/// where the response asks for no other.
pub async fn security_headers(
    State(security): State<Arc<SecurityHeaders>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = new_nonce();
    let csp = HeaderValue::from_str(&content_security_policy(&nonce));
    request.extensions_mut().insert(CspNonce(nonce));
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    default_cache_control(&path, headers);
    if let Ok(csp) = csp {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    for (name, value) in &security.fixed {
        headers.insert(name.clone(), value.clone());
    }
    response
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// The scheme and the `host[:port]` part of an origin such as `https://example.org:8443`.
fn origin_parts(origin: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = origin.split_once("://")?;
    Some((scheme, rest.split('/').next().unwrap_or(rest)))
}

/// Decides whether an unsafe request comes from another site: its `Origin` must be the
/// public URL, or the request's own host; in production with `https` only (a page served
/// over plain HTTP on the same host, which anyone on the network can forge, is another
/// origin).
/// Requests with neither an `Origin` nor a `Sec-Fetch-Site` header (curl, API clients)
/// are not browser cross-site requests and pass.
pub fn is_cross_origin(
    headers: &axum::http::HeaderMap,
    public_origin: Option<&str>,
    production: bool,
) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site.eq_ignore_ascii_case("cross-site") {
            return true;
        }
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    if public_origin.is_some_and(|p| p.eq_ignore_ascii_case(origin)) {
        return false;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin_parts(origin), host) {
        (Some((scheme, authority)), Some(host)) => {
            let scheme_ok = if production {
                scheme.eq_ignore_ascii_case("https")
            } else {
                scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
            };
            !(scheme_ok && authority.eq_ignore_ascii_case(host))
        }
        // "null" origins (sandboxed frames, some redirects) and missing hosts are refused.
        _ => true,
    }
}

/// Refuses, with 403, every unsafe request (POST, PUT, PATCH, DELETE, server functions
/// included) that a browser sent from another site.
pub async fn refuse_cross_origin(
    State(config): State<Arc<SecurityConfig>>,
    request: Request,
    next: Next,
) -> Response {
    if is_unsafe(request.method())
        && is_cross_origin(
            request.headers(),
            config.public_origin.as_deref(),
            config.production,
        )
    {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-origin request refused");
        if request.uri().path().starts_with("/api/") {
            return crate::api_v1::ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Requête refusée : elle vient d'un autre site.",
            )
            .into_response();
        }
        return (
            StatusCode::FORBIDDEN,
            simple_page(
                "Requête refusée",
                "Cette demande vient d'un autre site et a été refusée pour votre sécurité. \
                 Revenez sur Repères et recommencez depuis ses pages.",
            ),
        )
            .into_response();
    }
    next.run(request).await
}

/// The answer to a body over the limit: JSON for the API, a page elsewhere.
pub fn too_large(path: &str) -> Response {
    if path.starts_with("/api/") {
        return crate::api_v1::ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "Le corps de la requête est trop volumineux.",
        )
        .into_response();
    }
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        simple_page(
            "Envoi trop volumineux",
            "Ce que vous avez envoyé est trop long. Raccourcissez-le puis réessayez.",
        ),
    )
        .into_response()
}

/// Middleware: the body limits of tower-http answer 413 in plain English text; a person
/// gets the French page instead, an API client JSON ([`too_large`]).
pub async fn explain_too_large(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/plain"));
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE && plain {
        return too_large(&path);
    }
    response
}

/// How a body or a query string encodes its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/x-www-form-urlencoded` bodies and query strings.
    Form,
    Json,
    Plain,
}

/// True when `bytes` carry a NUL character: raw, or percent-encoded (`%00`) in a form or
/// a query string, or escaped (`\u0000`) in JSON. No text of this site may hold one, and
/// PostgreSQL refuses it in text columns.
pub fn carries_nul(bytes: &[u8], encoding: Encoding) -> bool {
    bytes.contains(&0)
        || match encoding {
            Encoding::Form => bytes.windows(3).any(|w| w == b"%00"),
            Encoding::Json => bytes
                .windows(6)
                .any(|w| w[0] == b'\\' && w[1] == b'u' && &w[2..] == b"0000"),
            Encoding::Plain => false,
        }
}

/// `bytes` without their NUL characters (raw, and `%00` in a form or query string).
pub fn without_nul(bytes: &[u8], encoding: Encoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if encoding == Encoding::Form && bytes[i..].starts_with(b"%00") {
            i += 3;
            continue;
        }
        if bytes[i] != 0 {
            out.push(bytes[i]);
        }
        i += 1;
    }
    out
}

/// Keeps NUL characters out of every text the handlers read. A path with one is
/// answered 404 (no address of the site holds one). In a form or a query string
/// (no one types one: it comes from a broken or hostile client) they are dropped, so the
/// page answers as for the rest of the input, values kept; a JSON body carrying one is
/// refused with 400, since an API client must learn that its data was not taken as sent.
pub async fn keep_nul_out(request: Request, next: Next) -> Response {
    let encoding = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|kind| {
            let kind = kind.to_ascii_lowercase();
            if kind.starts_with("application/x-www-form-urlencoded") {
                Some(Encoding::Form)
            } else if kind.starts_with("application/json") {
                Some(Encoding::Json)
            } else if kind.starts_with("text/") {
                Some(Encoding::Plain)
            } else {
                // Multipart uploads carry binary files: their handlers check them.
                None
            }
        });
    let (mut parts, body) = request.into_parts();
    // No address of this site holds one: such a path names nothing (and PostgreSQL
    // would refuse it in a query).
    if carries_nul(parts.uri.path().as_bytes(), Encoding::Form) {
        if parts.uri.path().starts_with("/api/") {
            return crate::api_v1::ApiError::not_found("Cette adresse n'existe pas.")
                .into_response();
        }
        return crate::pages::error_page(app::error::AppError::NotFound);
    }
    if let Some(query) = parts
        .uri
        .query()
        .filter(|q| carries_nul(q.as_bytes(), Encoding::Form))
    {
        let query =
            String::from_utf8_lossy(&without_nul(query.as_bytes(), Encoding::Form)).into_owned();
        let target = format!("{}?{query}", parts.uri.path());
        if let Ok(uri) = target.parse() {
            parts.uri = uri;
        }
    }
    let Some(encoding) = encoding else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let bytes = match axum::body::to_bytes(body, crate::BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return too_large(parts.uri.path()),
    };
    if !carries_nul(&bytes, encoding) {
        return next
            .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
            .await;
    }
    if encoding == Encoding::Json {
        if parts.uri.path().starts_with("/api/") {
            return crate::api_v1::ApiError::bad_request(
                "Le corps JSON contient un caractère nul (U+0000), refusé dans tout texte.",
            )
            .into_response();
        }
        return (
            StatusCode::BAD_REQUEST,
            simple_page(
                "Envoi refusé",
                "Ce que vous avez envoyé contient un caractère invalide. Retapez le texte puis réessayez.",
            ),
        )
            .into_response();
    }
    let cleaned = without_nul(&bytes, encoding);
    next.run(Request::from_parts(parts, axum::body::Body::from(cleaned)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn nul_characters_are_found_in_every_encoding_and_only_there() {
        assert!(carries_nul(b"first_name=a%00b", Encoding::Form));
        assert!(carries_nul(b"{\"first_name\":\"\\u0000\"}", Encoding::Json));
        assert!(carries_nul(b"a\0b", Encoding::Plain));
        // "%00" typed in a form is sent as %2500; in JSON it is just text.
        assert!(!carries_nul(b"note=100%2500", Encoding::Form));
        assert!(!carries_nul(b"{\"note\":\"100%00\"}", Encoding::Json));
        assert!(!carries_nul(b"first_name=Samia&seats=1", Encoding::Form));
        assert_eq!(
            without_nul(b"first_name=a%00b\0c&x=%2500", Encoding::Form),
            b"first_name=abc&x=%2500"
        );
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_posts_pass() {
        let h = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ]);
        assert!(!is_cross_origin(&h, None, false));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(is_cross_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "https://evil.example")
            ]),
            None,
            false
        ));
        assert!(is_cross_origin(
            &headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]),
            None,
            false
        ));
        assert!(is_cross_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3001")
            ]),
            None,
            false
        ));
        assert!(is_cross_origin(
            &headers(&[("host", "a.fr"), ("sec-fetch-site", "cross-site")]),
            None,
            false
        ));
    }

    #[test]
    fn the_same_host_under_another_scheme_is_another_origin() {
        let http = headers(&[("host", "reperes.fr"), ("origin", "http://reperes.fr")]);
        let https = headers(&[("host", "reperes.fr"), ("origin", "https://reperes.fr")]);
        assert!(is_cross_origin(&http, None, true));
        assert!(!is_cross_origin(&https, None, true));
        assert!(!is_cross_origin(&http, None, false));
        assert!(!is_cross_origin(&https, None, false));
        let ftp = headers(&[("host", "reperes.fr"), ("origin", "ftp://reperes.fr")]);
        assert!(is_cross_origin(&ftp, None, false));
    }

    #[test]
    fn clients_without_browser_headers_pass() {
        assert!(!is_cross_origin(
            &headers(&[("host", "127.0.0.1:3000")]),
            None,
            false
        ));
    }

    #[test]
    fn the_public_url_is_accepted_behind_a_proxy() {
        let h = headers(&[
            ("host", "10.0.0.5:3000"),
            ("origin", "https://reperes.besancon.fr"),
        ]);
        assert!(!is_cross_origin(
            &h,
            Some("https://reperes.besancon.fr"),
            true
        ));
        assert!(is_cross_origin(&h, None, true));
    }

    #[test]
    fn the_policy_has_the_nonce_and_no_unsafe_inline() {
        let csp = content_security_policy("abc");
        assert!(csp.contains("'nonce-abc'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
