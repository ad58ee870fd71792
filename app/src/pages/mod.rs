//! Pages that belong to no particular domain: home, site map, legal pages, errors.
pub mod about;
pub mod errors;
pub mod home;
pub mod sitemap;

#[cfg(feature = "ssr")]
use leptos::prelude::use_context;

/// Header by which a page tells the server's render cache that, for a visitor without
/// a session, it shows only public content: it depends on nothing but its address, the
/// language and the content (see `server/src/render_cache.rs`). The cache removes it.
pub const PUBLIC_PAGE_HEADER: &str = "x-reperes-public";

/// The value of [`PUBLIC_PAGE_HEADER`] for a page that also shows live figures (seats
/// left): the cache keeps it a moment only (see [`live_public_page`]).
pub const LIVE_PUBLIC_PAGE: &str = "live";

/// Header naming the counter one view of a public page adds to (`metric dimension`),
/// so that the views the cache answers are counted too. The cache removes it.
pub const VIEW_COUNT_HEADER: &str = "x-reperes-count";

/// Marks the page being rendered as public (see [`PUBLIC_PAGE_HEADER`]); `count` is the
/// counter a view adds to (metric, dimension), if any. Call it only where the page has
/// loaded its content and reads nothing that belongs to a visitor but through the
/// session (which the cache never serves).
pub fn public_page(count: Option<(&str, &str)>) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use http::{HeaderName, HeaderValue};
        response.insert_header(
            HeaderName::from_static(PUBLIC_PAGE_HEADER),
            HeaderValue::from_static("1"),
        );
        if let Some(value) =
            count.and_then(|(m, d)| HeaderValue::from_str(&format!("{m} {d}")).ok())
        {
            response.insert_header(HeaderName::from_static(VIEW_COUNT_HEADER), value);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = count;
}

/// Marks the page being rendered as public but live: besides its content, it shows
/// figures that any sign-up changes (seats left). The cache keeps such a page a couple
/// of seconds at most, and drops it at once when this instance serves a write, so that
/// a resident who has just signed up sees the new figures. Same conditions as
/// [`public_page`].
pub fn live_public_page() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use http::{HeaderName, HeaderValue};
        response.insert_header(
            HeaderName::from_static(PUBLIC_PAGE_HEADER),
            HeaderValue::from_static(LIVE_PUBLIC_PAGE),
        );
    }
}
