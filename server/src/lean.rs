//! Keeps the wasm bundle off the pages that do not use it.
//!
//! Leptos' `HydrationScripts` puts in every page's `<head>` a `modulepreload` of the JS
//! glue, a `preload` of the wasm bundle and the islands' loader script. A browser
//! fetches a preload whatever happens next, even with JavaScript off, so every first
//! visit downloaded the whole bundle (≈ 250 KB, 93 % of a lesson's first view) although
//! most pages (lessons, catalogue, workshops, help) have no island at all. This layer
//! rewrites finished HTML pages (every page is rendered whole, `SsrMode::Async`):
//! - the two preloads are removed from every page: the loader script fetches the JS and
//!   the wasm itself when it runs, on idle, and only when JavaScript is on;
//! - on a page without `<leptos-island>`, the loader script and the empty hydration
//!   state scripts are removed too: nothing to hydrate, nothing to download.
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Largest page this layer reads to rewrite; a larger one is passed on untouched.
const MAX_PAGE: usize = 4 * 1024 * 1024;

/// The HTML of `page` without what a page of its kind does not need (see the module).
pub fn lean(page: &str) -> String {
    let mut out = page.to_string();
    remove_element(&mut out, "<link rel=\"modulepreload\" href=\"/pkg/", ">");
    remove_element(&mut out, "<link rel=\"preload\" href=\"/pkg/", ">");
    if !page.contains("<leptos-island") {
        // The loader (it holds `hydrateIslands`), then the hydration state scripts.
        remove_element_containing(
            &mut out,
            "<script type=\"module\"",
            "</script>",
            "hydrateIslands",
        );
        remove_element_containing(&mut out, "<script", "</script>", "__RESOLVED_RESOURCES=[]");
        remove_element_containing(&mut out, "<script", "</script>", "__INCOMPLETE_CHUNKS=[]");
    }
    out
}

/// Removes the first element that starts with `start` and ends at the next `end`.
fn remove_element(html: &mut String, start: &str, end: &str) {
    if let Some(from) = html.find(start) {
        if let Some(len) = html[from..].find(end) {
            html.replace_range(from..from + len + end.len(), "");
        }
    }
}

/// Removes the first element from `start` to `end` whose text holds `marker`.
fn remove_element_containing(html: &mut String, start: &str, end: &str, marker: &str) {
    let Some(at) = html.find(marker) else {
        return;
    };
    let Some(from) = html[..at].rfind(start) else {
        return;
    };
    if let Some(len) = html[from..].find(end) {
        html.replace_range(from..from + len + end.len(), "");
    }
}

/// The layer: rewrites `text/html` answers with [`lean`].
pub async fn lean_pages(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "page not rewritten: cannot read it");
            return Response::from_parts(
                parts,
                Body::from(
                    crate::pages::simple_page(
                        "Une erreur est survenue",
                        "La page n'a pas pu être affichée. Réessayez dans quelques instants.",
                    )
                    .0,
                ),
            );
        }
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let lean = lean(page);
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(length) = HeaderValue::from_str(&lean.len().to_string()) {
        parts.headers.insert(header::CONTENT_LENGTH, length);
    }
    Response::from_parts(parts, Body::from(lean))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<head><link rel=\"modulepreload\" href=\"/pkg/reperes.js\" crossorigin=\"n\">\
        <link rel=\"preload\" href=\"/pkg/reperes.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"n\">\
        <script type=\"module\" nonce=\"n\">(() => { async function hydrateIslands() {} })()</script>\
        <link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/reperes.css\"></head>";
    const TAIL: &str =
        "<script nonce=\"n\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];</script>\
        <script nonce=\"n\">__INCOMPLETE_CHUNKS=[];</script>";

    #[test]
    fn a_page_without_islands_loads_no_script_at_all() {
        let page = format!("<html>{HEAD}<body><main>Leçon</main></body></html>{TAIL}");
        let lean = lean(&page);
        assert!(!lean.contains("<script"), "{lean}");
        assert!(
            !lean.contains(".wasm") && !lean.contains("reperes.js"),
            "{lean}"
        );
        assert!(lean.contains("<link id=\"leptos\" rel=\"stylesheet\" href=\"/pkg/reperes.css\">"));
        assert!(lean.contains("<main>Leçon</main>"));
    }

    #[test]
    fn a_page_with_an_island_keeps_its_loader_but_preloads_nothing() {
        let page = format!(
            "<html>{HEAD}<body><leptos-island data-component=\"QuizForm_1\">…</leptos-island></body></html>{TAIL}"
        );
        let lean = lean(&page);
        assert!(lean.contains("hydrateIslands"));
        assert!(lean.contains("__RESOLVED_RESOURCES=[]"));
        assert!(!lean.contains("rel=\"preload\""));
        assert!(!lean.contains("rel=\"modulepreload\""));
    }

    #[test]
    fn text_that_only_mentions_the_markers_is_left_alone() {
        let page = "<html><body><p>hydrateIslands __RESOLVED_RESOURCES=[]</p></body></html>";
        assert_eq!(lean(page), page);
    }
}
