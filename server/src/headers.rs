//! Response headers built from text that may come from a request: a redirect's
//! `Location` and a download's file name. These functions cannot fail and cannot build
//! an invalid header: every byte a header may not carry (CR, LF and other control
//! characters, spaces, quotes, non-ASCII) is percent-encoded or dropped. The server
//! redirects only through [`see_other`] (clippy refuses `axum::response::Redirect`, see
//! `clippy.toml`), so no path segment or form field can make a 500 or a second header.
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// What is percent-encoded in a `Location`: controls (CR and LF among them), non-ASCII
/// (always, by `utf8_percent_encode`) and the characters no URL may hold as they are.
/// `%`, `/`, `?`, `#`, `&` and `=` stay, so paths that are already encoded stay as they are.
const NOT_IN_A_LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `path` as a `Location` value on this site: a local path, encoded as needed. Anything
/// else (another site, `//host`, an empty text) becomes `/`.
pub fn location(path: &str) -> HeaderValue {
    let local = path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\");
    let target = if local { path } else { "/" };
    let encoded = utf8_percent_encode(target, NOT_IN_A_LOCATION).to_string();
    HeaderValue::from_str(&encoded).unwrap_or_else(|_| HeaderValue::from_static("/"))
}

/// A `303 See Other` to the local `path` (the answer to a form that was taken).
pub fn see_other(path: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location(path))]).into_response()
}

/// A `Content-Disposition` that offers the body as a file named `name`. The name keeps
/// its letters, digits, `-`, `_` and `.`; anything else becomes `_`.
pub fn attachment(name: &str) -> HeaderValue {
    disposition("attachment", name)
}

/// Like [`attachment`], for a file the browser may show itself (a calendar).
pub fn inline(name: &str) -> HeaderValue {
    disposition("inline", name)
}

fn disposition(kind: &'static str, name: &str) -> HeaderValue {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    HeaderValue::from_str(&format!("{kind}; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls_are_encoded_never_sent() {
        let value = location("/modules/a\r\nSet-Cookie: x=1/b");
        assert_eq!(value, "/modules/a%0D%0ASet-Cookie:%20x=1/b");
        for c in '\0'..=' ' {
            let value = location(&format!("/a{c}b"));
            assert!(value.as_bytes().iter().all(|b| b.is_ascii_graphic()));
        }
        assert_eq!(location("/a\u{7f}b"), "/a%7Fb");
    }

    #[test]
    fn local_paths_stay_as_they_are() {
        for path in [
            "/",
            "/modules/budget/01-bases#resultat",
            "/recherche?q=a%20b&x=1",
        ] {
            assert_eq!(location(path), path);
        }
        assert_eq!(location("/modules/épargne"), "/modules/%C3%A9pargne");
    }

    #[test]
    fn other_sites_become_the_home_page() {
        for path in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
        ] {
            assert_eq!(location(path), "/", "{path}");
        }
    }

    #[test]
    fn file_names_cannot_break_the_header() {
        assert_eq!(
            attachment("a\r\nb\"; x=.zip"),
            "attachment; filename=\"a__b___x_.zip\""
        );
        assert_eq!(inline("ateliers.ics"), "inline; filename=\"ateliers.ics\"");
        assert_eq!(
            attachment("budget-é.csv"),
            "attachment; filename=\"budget-_.csv\""
        );
    }

    #[test]
    fn a_redirect_is_a_see_other() {
        let response = see_other("/x\ny");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/x%0Ay");
    }
}
