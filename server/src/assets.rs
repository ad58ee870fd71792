//! The stylesheet at a versioned address that browsers keep a year.
//!
//! A browser draws nothing before it has the stylesheet. When it had to ask again
//! whether the file had changed, every page view on a phone with a slow connection
//! waited one more round trip. At start-up the server reads `pkg/reperes.css` once;
//! pages link it as `/pkg/reperes.css?v=<hash of that content>`, and that address is
//! answered from those very bytes with `Cache-Control: public, max-age=31536000,
//! immutable`: what is sent under a version is always what the version was computed
//! from, even if the site folder is replaced before the server restarts. A new build
//! changes the content, so the address, and the next page fetches the new file.
//!
//! Every other address under `/pkg` (the bare stylesheet, another version: an instance
//! not yet updated during a deployment, the islands' JS and wasm, whose addresses
//! Leptos writes) is left to Leptos' static file handler as before, without a
//! `Cache-Control` of ours.
use app::{app::paths, state::StylesheetHref};
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::Response,
};
use std::{path::Path, sync::Arc};

/// For the stylesheet at its versioned address.
pub const KEEP_A_YEAR: &str = "public, max-age=31536000, immutable";

/// The stylesheet as read at start-up.
#[derive(Clone, Debug, Default)]
pub struct Stylesheet {
    /// The address pages link it with.
    pub href: StylesheetHref,
    /// Its content, answered at the versioned address; `None` when it could not be
    /// read (the site is not built: pages link the bare address).
    bytes: Option<Bytes>,
}

impl Stylesheet {
    /// Reads the stylesheet under `site_root` and derives its address: the first 12
    /// hexadecimal digits of its SHA-256 as `?v=`.
    pub fn read(site_root: &Path) -> Stylesheet {
        let file = site_root.join(paths::STYLESHEET.trim_start_matches('/'));
        match std::fs::read(&file) {
            Ok(bytes) => Stylesheet {
                href: StylesheetHref(format!("{}?v={}", paths::STYLESHEET, version(&bytes))),
                bytes: Some(Bytes::from(bytes)),
            },
            Err(error) => {
                tracing::warn!(%error, file = %file.display(), "the stylesheet cannot be read: pages link it without a version");
                Stylesheet::default()
            }
        }
    }
}

/// The first 12 hexadecimal digits of the SHA-256 of `bytes`.
fn version(bytes: &[u8]) -> String {
    let mut hex = app::lessons::images::hash_bytes(bytes);
    hex.truncate(12);
    hex
}

/// Answers the stylesheet's versioned address (see the module); passes on the rest.
pub async fn versioned_stylesheet(
    State(stylesheet): State<Arc<Stylesheet>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(bytes) = &stylesheet.bytes else {
        return next.run(request).await;
    };
    let asked = request.uri().path_and_query().map(|p| p.as_str());
    if asked != Some(stylesheet.href.0.as_str())
        || !matches!(*request.method(), Method::GET | Method::HEAD)
    {
        return next.run(request).await;
    }
    let mut response = Response::new(Body::from(bytes.clone()));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(KEEP_A_YEAR));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_content_and_a_missing_file_gives_the_bare_address() {
        let site = tempfile::tempdir().unwrap();
        let missing = Stylesheet::read(site.path());
        assert_eq!(missing.href, StylesheetHref::default());
        assert!(missing.bytes.is_none());
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let file = site.path().join("pkg/reperes.css");
        std::fs::write(&file, "body { color: #222; }").unwrap();
        let first = Stylesheet::read(site.path());
        let version = first.href.0.strip_prefix("/pkg/reperes.css?v=").unwrap();
        assert_eq!(version.len(), 12);
        assert!(version.bytes().all(|b| b.is_ascii_hexdigit()), "{version}");
        assert_eq!(first.bytes.as_deref(), Some(&b"body { color: #222; }"[..]));
        assert_eq!(
            Stylesheet::read(site.path()).href,
            first.href,
            "same content, same address"
        );
        std::fs::write(&file, "body { color: #111; }").unwrap();
        assert_ne!(
            Stylesheet::read(site.path()).href,
            first.href,
            "new content, new address"
        );
    }
}
