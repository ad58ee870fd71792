//! Who is asking, for rate limits only: the peer address, or behind a trusted reverse
//! proxy the address it forwarded. Only a salted hash of it is ever stored, and only
//! for the length of a rate-limit window; it is never tied to a learner.
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use std::{net::SocketAddr, sync::Arc};

/// A hash naming the client of a request, added to its extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKey(pub String);

/// Whether to believe `X-Forwarded-For`.
#[derive(Clone, Copy, Debug)]
pub struct ClientConfig {
    pub behind_proxy: bool,
}

/// The address the request comes from, as text.
pub fn client_address(request: &Request, behind_proxy: bool) -> String {
    if behind_proxy {
        // The last entry is the one our own proxy appended; earlier ones are the
        // client's claims and can be forged.
        if let Some(last) = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
        {
            return last.to_string();
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The network a client address stands for in rate limits: an IPv4 address itself, an
/// IPv6 address's /64 (one household's or one phone's prefix: a client can rotate
/// through its 2^64 addresses at will). Text that is not an address is kept as it is.
pub fn network_of(address: &str) -> String {
    // A proxy may forward the port too (`203.0.113.9:5555`, `[2001:db8::1]:443`).
    let ip = address
        .parse::<SocketAddr>()
        .map(|socket| socket.ip())
        .or_else(|_| address.trim_matches(['[', ']']).parse::<std::net::IpAddr>());
    match ip {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(prefix))
            }
        },
        Ok(std::net::IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => address.to_string(),
    }
}

/// Hashes an address so that the database never holds it.
pub fn key_of(address: &str) -> String {
    app::hex::short_sha256_hex(format!("reperes-client:{address}").as_bytes())
}

/// The [`ClientKey`] the middleware added to a request ("" if none, as in unit tests).
pub fn key_in(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<ClientKey>()
        .map(|k| k.0.clone())
        .unwrap_or_default()
}

/// Whole minutes to tell a person for a wait of `seconds` (rounded up).
pub fn minutes_to_wait(seconds: i64) -> i64 {
    (seconds + 59) / 60
}

/// Adds `Retry-After: seconds` to a refusal by a rate limit.
pub fn set_retry_after(response: &mut Response, seconds: i64) {
    if let Ok(value) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
}

/// Middleware: adds the [`ClientKey`] of every request (its address's network, hashed).
pub async fn add_client_key(
    State(config): State<Arc<ClientConfig>>,
    mut request: Request,
    next: Next,
) -> Response {
    let key = key_of(&network_of(&client_address(&request, config.behind_proxy)));
    request.extensions_mut().insert(ClientKey(key));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(forwarded: &[&str]) -> Request {
        let mut builder = axum::http::Request::builder().uri("/");
        for f in forwarded {
            builder = builder.header("x-forwarded-for", *f);
        }
        let mut r = builder.body(Body::empty()).unwrap();
        r.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))));
        r
    }

    #[test]
    fn the_forwarded_address_is_used_only_behind_a_proxy() {
        let r = request(&["203.0.113.9, 198.51.100.7"]);
        assert_eq!(client_address(&r, true), "198.51.100.7");
        assert_eq!(client_address(&r, false), "10.0.0.1");
        assert_eq!(client_address(&request(&[]), true), "10.0.0.1");
    }

    #[test]
    fn an_ipv6_client_is_its_64_prefix_and_an_ipv4_one_its_address() {
        let a = network_of("2001:db8:1:2:aaaa::1");
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(network_of("2001:db8:1:2:ffff:ffff:ffff:ffff"), a);
        assert_ne!(network_of("2001:db8:1:3::1"), a);
        assert_eq!(network_of("203.0.113.9"), "203.0.113.9");
        assert_eq!(network_of("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(network_of("unknown"), "unknown");
        assert_eq!(network_of("203.0.113.9:5555"), "203.0.113.9");
        assert_eq!(network_of("[2001:db8:1:2::7]:443"), a);
        assert_eq!(network_of("[2001:db8:1:2::7]"), a);
    }

    #[test]
    fn the_key_is_a_hash_not_the_address() {
        let key = key_of("203.0.113.9");
        assert!(!key.contains("203"));
        assert_eq!(key.len(), 32);
        assert_ne!(key, key_of("203.0.113.10"));
    }
}
