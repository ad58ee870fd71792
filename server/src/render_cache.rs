//! The render cache: finished public pages kept in memory, compressed once, for visitors
//! without a session.
//!
//! Rendering a lesson and compressing it took about a millisecond of CPU, which capped a
//! two-core server well below what it can send (see `bench/README.md`). A page opts in
//! with [`app::pages::public_page`] when it shows only public content; for a visitor
//! with no cookie but the language one, such a page depends on nothing but:
//! - its address (path and query),
//! - the language (cookie or `Accept-Language`),
//! - the content, whose version the database keeps (triggers bump it on every change
//!   of modules, lessons, glossary, images or help pages).
//!
//! The cache keys on exactly these. It reads the version at most once a second, and
//! at once after any write request this instance served, so that a change is seen
//! here at once and on the other instances sharing the database within a second. A
//! copy also expires after [`MAX_AGE`], which bounds any staleness not tied to content.
//! A page that also shows live figures (the workshops and their seats left; see
//! [`app::pages::live_public_page`]) is kept [`LIVE_MAX_AGE`], and dropped as soon as
//! this instance serves a write: current here after a sign-up. When such a copy has
//! just expired, one request renders the next one while the others still get the
//! expired copy, for [`LIVE_GRACE`] at most: without that, every request arriving
//! during the render rendered the page too (64 at once under load, a p99 of 41 ms for
//! the workshop list). Its figures are thus at most `LIVE_MAX_AGE + LIVE_GRACE` old
//! on the other instances.
//! Nothing of a visitor is kept: requests with a session cookie are never answered from
//! the cache nor stored, neither are answers that set a cookie or carry a nonce.
//! Views of a cached page still count: the page names its counter in a header.
use crate::security::SecurityConfig;
use app::{
    db::{versioned::RecentVersion, Store},
    pages::{LIVE_PUBLIC_PAGE, PUBLIC_PAGE_HEADER, VIEW_COUNT_HEADER},
    state::{cookie, request_lang},
};
use axum::{
    body::{Body, Bytes, HttpBody},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::{
    io::Write,
    sync::{
        atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

/// How long a copy is served at most.
pub const MAX_AGE: Duration = Duration::from_secs(10 * 60);
/// How long a live page (see the module) is served at most.
pub const LIVE_MAX_AGE: Duration = Duration::from_secs(2);
/// Once a live page has expired, how long its copy may still be served to the others
/// while one request renders the next (see the module).
pub const LIVE_GRACE: Duration = Duration::from_secs(1);
/// How often the content version is read from the database at most.
const RECHECK: Duration = Duration::from_secs(1);
/// Memory the copies may take, all encodings counted.
const CAPACITY_BYTES: u64 = 24 * 1024 * 1024;
/// Largest page kept; a larger one is sent as it comes, not kept.
const MAX_PAGE: usize = 1024 * 1024;
/// Header telling whether the cache answered (`hit`; `stale`: an expired live page
/// while another request renders it) or stored the page (`miss`).
pub const CACHE_STATUS_HEADER: &str = "x-reperes-cache";

/// One page in its three encodings, each with the headers of its answer.
struct Page {
    status: StatusCode,
    /// Identity, gzip, brotli (see [`Encoding::index`]).
    bodies: [Bytes; 3],
    headers: [HeaderMap; 3],
    /// The counter a view adds to: (metric, dimension).
    count: Option<(String, String)>,
    stored_at: Instant,
    /// For a live page, the number of writes this instance had served when it began
    /// rendering it (see [`RenderCache::writes`]); `None` for a content page.
    live_since_writes: Option<u64>,
    /// Set by the request that renders the next copy of this expired live page.
    renewing: AtomicBool,
}

/// What a request may do with a kept copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Serve it.
    Fresh,
    /// Serve it although it has expired: another request is rendering the next copy.
    WhileRenewed,
    /// Render the page (this request renews an expired live page, or the copy is
    /// stale: content too old, or a write served since).
    Render,
}

impl Page {
    /// What may be done with this copy when `age` old, this instance having served
    /// `writes` write requests so far. Of the requests finding a live page just
    /// expired, the first renders it, the others get this copy meanwhile.
    fn usable(&self, age: Duration, writes: u64) -> Use {
        match self.live_since_writes {
            None if age < MAX_AGE => Use::Fresh,
            None => Use::Render,
            Some(since) if since != writes => Use::Render,
            Some(_) if age < LIVE_MAX_AGE => Use::Fresh,
            Some(_) if age < LIVE_MAX_AGE + LIVE_GRACE => {
                if self.renewing.swap(true, Ordering::AcqRel) {
                    Use::WhileRenewed
                } else {
                    Use::Render
                }
            }
            Some(_) => Use::Render,
        }
    }
}

#[derive(Clone)]
struct PageWeight;

impl quick_cache::Weighter<String, Arc<Page>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        let bodies: usize = page.bodies.iter().map(Bytes::len).sum();
        (key.len() + bodies + 1536) as u64
    }
}

/// The cache and the content version it keys on. Shared by all requests.
pub struct RenderCache {
    enabled: bool,
    store: Store,
    pages: quick_cache::sync::Cache<String, Arc<Page>, PageWeight>,
    /// The content version as last read; marked stale by every write request, so that
    /// the next page request reads it again.
    recent: RecentVersion,
    /// The version the copies kept were made at.
    version: AtomicI64,
    /// Write requests served by this instance so far: a live page rendered before the
    /// last of them is stale.
    writes: AtomicU64,
    /// Headers every answer from the cache carries: the security headers (with a
    /// policy without nonce, since a kept page has none), `Vary`.
    shared_headers: HeaderMap,
}

impl RenderCache {
    pub fn new(store: Store, enabled: bool, security: &SecurityConfig) -> RenderCache {
        let mut shared_headers = crate::security::fixed_headers(security);
        shared_headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::security::POLICY_WITHOUT_NONCE),
        );
        shared_headers.insert(header::CACHE_CONTROL, crate::security::NOT_KEPT);
        shared_headers.insert(
            header::VARY,
            HeaderValue::from_static("accept-encoding, accept-language, cookie"),
        );
        RenderCache {
            shared_headers,
            enabled,
            store,
            pages: quick_cache::sync::Cache::with_weighter(4096, CAPACITY_BYTES, PageWeight),
            recent: RecentVersion::default(),
            version: AtomicI64::new(0),
            writes: AtomicU64::new(0),
        }
    }

    /// The content version, read again when a second has passed or this instance
    /// served a write since; `None` when the database cannot say (the page is then
    /// rendered as usual, and shows the database's trouble).
    async fn content_version(&self) -> Option<i64> {
        match self
            .recent
            .get_or_read(RECHECK, self.store.content_version())
            .await
        {
            Ok(version) => {
                if self.version.swap(version, Ordering::AcqRel) != version {
                    self.pages.clear();
                }
                Some(version)
            }
            Err(error) => {
                tracing::debug!(%error, "render cache: content version unknown");
                None
            }
        }
    }
}

/// The page kept for this request, if any: a GET from a visitor without a session
/// whose copy is fresh and of the current content.
/// (The request comes in parts: its body may not be shared across threads.)
async fn kept_page(
    cache: &RenderCache,
    method: &Method,
    headers: &HeaderMap,
    uri: &axum::http::Uri,
) -> Option<(Arc<Page>, &'static str)> {
    if method != Method::GET || !anonymous(headers) {
        return None;
    }
    let version = cache.content_version().await?;
    let page = cache.pages.get(&key(version, headers, uri))?;
    match page.usable(
        page.stored_at.elapsed(),
        cache.writes.load(Ordering::Acquire),
    ) {
        Use::Fresh => Some((page, "hit")),
        Use::WhileRenewed => Some((page, "stale")),
        Use::Render => None,
    }
}

fn key(version: i64, headers: &HeaderMap, uri: &axum::http::Uri) -> String {
    format!("{version}|{}|{uri}", request_lang(headers).code())
}

/// The outermost layer: answers from the cache, before any other layer runs. An answer
/// from here carries the security headers itself (see [`RenderCache::shared_headers`]);
/// whatever it does not answer goes on to [`keep`], through the other layers.
pub async fn answer_kept(
    State(cache): State<Arc<RenderCache>>,
    request: Request,
    next: Next,
) -> Response {
    if cache.enabled {
        if let Some((page, status)) =
            kept_page(&cache, request.method(), request.headers(), request.uri()).await
        {
            if let Some((metric, dimension)) = &page.count {
                cache
                    .store
                    .count_later(metric, dimension, app::state::unix_now());
            }
            return answer(&page, Encoding::accepted(request.headers()), status);
        }
    }
    next.run(request).await
}

/// The layer that fills the cache (see the module). It sits inside the compression
/// layer, which leaves the already-compressed answers alone, and outside `lean_pages`,
/// so it keeps lean pages.
pub async fn keep(State(cache): State<Arc<RenderCache>>, request: Request, next: Next) -> Response {
    if !cache.enabled {
        return strip_markers(next.run(request).await);
    }
    let method = request.method().clone();
    if method != Method::GET {
        let response = next.run(request).await;
        if method != Method::HEAD {
            cache.recent.stale();
            cache.writes.fetch_add(1, Ordering::AcqRel);
        }
        return strip_markers(response);
    }
    if !anonymous(request.headers()) {
        return strip_markers(next.run(request).await);
    }
    let Some(version) = cache.content_version().await else {
        return strip_markers(next.run(request).await);
    };
    let key = key(version, request.headers(), request.uri());
    let encoding = Encoding::accepted(request.headers());
    // Read before rendering: a write served meanwhile makes the copy stale at once.
    let writes = cache.writes.load(Ordering::Acquire);
    let response = next.run(request).await;
    let live = response
        .headers()
        .get(PUBLIC_PAGE_HEADER)
        .is_some_and(|v| v.as_bytes() == LIVE_PUBLIC_PAGE.as_bytes());
    let keep = response.status() == StatusCode::OK
        && response.headers().contains_key(PUBLIC_PAGE_HEADER)
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING);
    if !keep {
        return strip_markers(response);
    }
    let (mut parts, body) = response.into_parts();
    if body
        .size_hint()
        .upper()
        .is_none_or(|size| size > MAX_PAGE as u64)
    {
        remove_markers(&mut parts.headers);
        return Response::from_parts(parts, body);
    }
    let identity = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "render cache: page not read");
            return page_unavailable();
        }
    };
    // A nonce written into the page belongs to this answer only: such a page is sent
    // (compressed by the outer layer) but neither compressed here nor kept.
    if carries_nonce(&identity) {
        remove_markers(&mut parts.headers);
        return Response::from_parts(parts, Body::from(identity));
    }
    let mut headers = parts.headers;
    let count = headers
        .get(VIEW_COUNT_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .map(|(m, d)| (m.to_string(), d.to_string()));
    remove_markers(&mut headers);
    headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &cache.shared_headers {
        headers.insert(name.clone(), value.clone());
    }
    let encoded = |name: &'static str| {
        let mut headers = headers.clone();
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        headers
    };
    let page = Page {
        status: parts.status,
        bodies: [
            identity.clone(),
            compress_gzip(&identity),
            compress_brotli(&identity),
        ],
        headers: [headers.clone(), encoded("gzip"), encoded("br")],
        count,
        stored_at: Instant::now(),
        live_since_writes: live.then_some(writes),
        renewing: AtomicBool::new(false),
    };
    let response = answer(&page, encoding, "miss");
    cache.pages.insert(key, Arc::new(page));
    response
}

/// A request from a visitor without a session: no cookie but the language one, no
/// credentials.
fn anonymous(headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    let cookies = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter(|pair| !pair.trim().is_empty())
        .count();
    let lang = usize::from(cookie(headers, app::i18n::LANG_COOKIE).is_some());
    cookies == lang
}

fn carries_nonce(page: &[u8]) -> bool {
    page.windows(7).any(|w| w == b"nonce=\"")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn index(self) -> usize {
        match self {
            Encoding::Identity => 0,
            Encoding::Gzip => 1,
            Encoding::Brotli => 2,
        }
    }

    /// The best encoding the client accepts (`q=0` refuses one).
    fn accepted(headers: &HeaderMap) -> Encoding {
        let mut brotli = false;
        let mut gzip = false;
        for item in headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
        {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            if name.eq_ignore_ascii_case("br") {
                brotli = true;
            } else if name.eq_ignore_ascii_case("gzip") {
                gzip = true;
            }
        }
        if brotli {
            Encoding::Brotli
        } else if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

fn answer(page: &Page, encoding: Encoding, status: &'static str) -> Response {
    let i = encoding.index();
    let mut response = Response::new(Body::from(page.bodies[i].clone()));
    *response.status_mut() = page.status;
    *response.headers_mut() = page.headers[i].clone();
    response.headers_mut().insert(
        HeaderName::from_static(CACHE_STATUS_HEADER),
        HeaderValue::from_static(status),
    );
    response
}

fn compress_gzip(bytes: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    Bytes::from(encoder.finish().unwrap_or_default())
}

fn compress_brotli(bytes: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 9, 22);
        let _ = writer.write_all(bytes);
    }
    Bytes::from(out)
}

fn remove_markers(headers: &mut HeaderMap) {
    headers.remove(PUBLIC_PAGE_HEADER);
    headers.remove(VIEW_COUNT_HEADER);
}

fn strip_markers(mut response: Response) -> Response {
    remove_markers(response.headers_mut());
    response
}

fn page_unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        crate::pages::simple_page(
            "Service momentanément indisponible",
            "La page n'a pas pu être préparée. Réessayez dans quelques instants.",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn page(live_since_writes: Option<u64>) -> Page {
        Page {
            status: StatusCode::OK,
            bodies: Default::default(),
            headers: Default::default(),
            count: None,
            stored_at: Instant::now(),
            live_since_writes,
            renewing: AtomicBool::new(false),
        }
    }

    #[test]
    fn an_expired_live_page_is_renewed_by_one_request_while_the_others_get_it() {
        let second = Duration::from_secs(1);
        let live = page(Some(7));
        assert_eq!(live.usable(Duration::ZERO, 7), Use::Fresh);
        assert_eq!(live.usable(LIVE_MAX_AGE - second / 10, 7), Use::Fresh);
        // A write served here since: never served again, not even while renewed.
        assert_eq!(live.usable(Duration::ZERO, 8), Use::Render);
        // Just expired: the first request renders, the others get the copy meanwhile.
        let just_expired = LIVE_MAX_AGE + second / 10;
        assert_eq!(live.usable(just_expired, 7), Use::Render);
        assert_eq!(live.usable(just_expired, 7), Use::WhileRenewed);
        assert_eq!(live.usable(just_expired, 7), Use::WhileRenewed);
        assert_eq!(live.usable(just_expired, 8), Use::Render);
        // Beyond the grace (the renewal failed or is slow): everyone renders.
        assert_eq!(live.usable(LIVE_MAX_AGE + LIVE_GRACE, 7), Use::Render);
        // Content pages: kept their age, never served older.
        let content = page(None);
        assert_eq!(content.usable(MAX_AGE - second, 0), Use::Fresh);
        assert_eq!(content.usable(MAX_AGE, 0), Use::Render);
        assert_eq!(content.usable(MAX_AGE, 0), Use::Render);
    }

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        let pick = |v| Encoding::accepted(&headers(&[("accept-encoding", v)]));
        assert_eq!(pick("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(pick("gzip"), Encoding::Gzip);
        assert_eq!(pick("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(pick("identity"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn only_the_language_cookie_keeps_a_visitor_anonymous() {
        assert!(anonymous(&HeaderMap::new()));
        assert!(anonymous(&headers(&[("cookie", "reperes_lang=en")])));
        assert!(!anonymous(&headers(&[(
            "cookie",
            "reperes_lang=en; id=abc"
        )])));
        assert!(!anonymous(&headers(&[("cookie", "id=abc")])));
        assert!(!anonymous(&headers(&[("authorization", "Bearer x")])));
    }

    #[test]
    fn compressed_copies_decode_to_the_page() {
        use std::io::Read;
        let page = "<p>Bonjour</p>".repeat(200);
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&compress_gzip(page.as_bytes())[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, page);
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&compress_brotli(page.as_bytes())[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, page.as_bytes());
    }

    #[test]
    fn a_nonce_in_the_page_is_seen() {
        assert!(carries_nonce(b"<script nonce=\"abc\">"));
        assert!(!carries_nonce(b"<p>nonce</p>"));
    }
}
