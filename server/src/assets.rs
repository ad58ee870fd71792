//! How long browsers may keep the files of `/pkg`, and the stylesheet's versioned address.
//!
//! A browser draws nothing before it has the stylesheet. When it had to ask again
//! whether the file had changed, every page view on a phone with a slow connection
//! waited one more round trip. Pages now link it as `/pkg/reperes.css?v=<hash of its
//! content>`, which browsers may keep a year (`immutable`): a new build changes the
//! content, so the address, and the next page fetches the new file. Only the current
//! version is kept that long: the bare address, an old or unknown version (another
//! instance during a deployment) and the other files of `/pkg` (the islands' JS and
//! wasm, whose addresses Leptos writes without a version) are `no-cache`: browsers keep
//! them but check them each time (`Last-Modified`, answered 304 when unchanged).
//!
//! `/pkg` is served by a `ServeDir` of its own ([`crate::router`]): Leptos' fallback
//! handler passes only `Accept-Encoding` on to the one it calls, so a browser's
//! `If-Modified-Since` never got a 304 and every check downloaded the file again.
use app::{app::paths, state::StylesheetHref};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
};
use sha2::{Digest, Sha256};
use std::{path::Path, sync::Arc};

/// For the stylesheet at its current versioned address.
pub const KEEP_A_YEAR: &str = "public, max-age=31536000, immutable";
/// For everything else under `/pkg`.
pub const CHECK_EACH_TIME: &str = "no-cache";

/// The stylesheet's address with the version of the file under `site_root` (the first 12
/// hexadecimal digits of its SHA-256), or the bare address when it cannot be read (the
/// site is not built: pages still link it, without a version).
pub fn stylesheet_href(site_root: &Path) -> StylesheetHref {
    let file = site_root.join(paths::STYLESHEET.trim_start_matches('/'));
    match std::fs::read(&file) {
        Ok(bytes) => StylesheetHref(format!("{}?v={}", paths::STYLESHEET, version(&bytes))),
        Err(error) => {
            tracing::warn!(%error, file = %file.display(), "the stylesheet cannot be read: pages link it without a version");
            StylesheetHref::default()
        }
    }
}

fn version(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sets `Cache-Control` on what `/pkg` answers (see the module).
pub async fn cache_static(
    State(stylesheet): State<Arc<StylesheetHref>>,
    request: Request,
    next: Next,
) -> Response {
    let uri = request.uri();
    if !uri.path().starts_with("/pkg/") {
        return next.run(request).await;
    }
    let current = stylesheet.0.contains("?v=")
        && uri.path_and_query().map(|p| p.as_str()) == Some(stylesheet.0.as_str());
    let mut response = next.run(request).await;
    if matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED) {
        let value = if current {
            KEEP_A_YEAR
        } else {
            CHECK_EACH_TIME
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// A file of `/pkg` that is not there: the French "page introuvable".
pub async fn not_found() -> Response {
    crate::pages::error_page(app::error::AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_follows_the_content_and_a_missing_file_gives_the_bare_address() {
        let site = tempfile::tempdir().unwrap();
        assert_eq!(stylesheet_href(site.path()), StylesheetHref::default());
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let file = site.path().join("pkg/reperes.css");
        std::fs::write(&file, "body { color: #222; }").unwrap();
        let first = stylesheet_href(site.path()).0;
        let version = first.strip_prefix("/pkg/reperes.css?v=").unwrap();
        assert_eq!(version.len(), 12);
        assert!(version.bytes().all(|b| b.is_ascii_hexdigit()), "{version}");
        assert_eq!(
            stylesheet_href(site.path()).0,
            first,
            "same content, same address"
        );
        std::fs::write(&file, "body { color: #111; }").unwrap();
        assert_ne!(
            stylesheet_href(site.path()).0,
            first,
            "new content, new address"
        );
    }
}
