//! Fuzzes the lesson pipeline with arbitrary UTF-8: the markdown renderer and its
//! sanitiser, the lesson file parser (front matter, `:::points-cles` and `:::quiz`
//! blocks, glossary terms), the module, glossary and quiz parsers, and the search
//! normalisation. The same text reaches these functions from `content/`, from a
//! module zip and from the lesson editor in the browser (trainers' text), so none may
//! panic, and what they render must be safe to put in a page.
//!
//! Invariants checked on every HTML they produce (`check_html`):
//! - every tag is one of the sanitiser's allowlist, with only its allowed attributes
//!   (so no `<script>`, `<style>`, `<iframe>`, `<form>`, event handler or `style=`);
//! - every `href` (and `cite`) is relative or http(s)/mailto/tel (no `javascript:`,
//!   `data:`…), as a browser would read it (tabs and new lines removed, leading spaces
//!   ignored);
//! - every `src` is an image of this site (`/images/…`);
//! - no comment, doctype or other markup slips through.
//!
//! Run: `cd fuzz && cargo +nightly fuzz run content -- -max_total_time=60`
//! (or `bash scripts/bench.sh --fuzz 60`).
#![no_main]

use app::lessons::{
    content::parse_module,
    glossary::Glossary,
    lesson_file::{parse_body, parse_lesson},
    render::{render_markdown, sanitize},
    search::fts_query,
};
use app::quizzes::format::parse_quiz;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// The real glossary, so that `[[terms]]` in fuzzed text can resolve and be linked.
static GLOSSARY: LazyLock<Glossary> = LazyLock::new(|| {
    Glossary::parse("glossary.toml", include_str!("../../content/glossary.toml"))
        .expect("content/glossary.toml parses")
});

/// Tags the sanitiser keeps (app/src/lessons/render.rs), with the attributes it allows
/// on them: those render.rs adds, plus the ones ammonia allows by default, which
/// `Builder::empty()` keeps (it only empties the tag list): `title` and `lang` on every
/// tag, and presentational or URL attributes such as `colspan` or `cite` on some.
fn allowed_attributes(tag: &str) -> Option<&'static [&'static str]> {
    Some(match tag {
        "a" => &["href", "class", "rel", "hreflang"],
        "h2" | "h3" | "h4" => &["id"],
        "ol" => &["start"],
        "aside" => &["aria-label", "class"],
        "div" => &["tabindex", "role", "aria-label", "class"],
        "span" => &["class"],
        "img" => &["src", "alt", "loading", "align", "height", "width"],
        "blockquote" => &["cite"],
        "del" => &["cite", "datetime"],
        "hr" => &["align", "size", "width"],
        "table" => &["align", "char", "charoff", "summary"],
        "thead" | "tbody" | "tr" => &["align", "char", "charoff"],
        "td" => &["align", "char", "charoff", "colspan", "headers", "rowspan"],
        "th" => &[
            "align", "char", "charoff", "colspan", "headers", "rowspan", "scope",
        ],
        "p" | "br" | "ul" | "li" | "strong" | "em" | "code" | "pre" | "sup" | "sub" => &[],
        _ => return None,
    })
}

/// Attributes ammonia allows on every tag by default.
const GENERIC_ATTRIBUTES: &[&str] = &["title", "lang"];

/// Whether a browser following this `href` stays on a harmless scheme.
fn safe_url(value: &str) -> bool {
    // The serialiser escapes `&` and `"` in attribute values; a browser unescapes them.
    let decoded = value
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    // The URL parser of browsers drops tabs and new lines anywhere, and leading C0
    // controls and spaces: `java\tscript:` is `javascript:`.
    let cleaned: String = decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c <= ' ');
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // Not a scheme (e.g. `a/b:c`, `?x:y`): a relative address on this site.
    !is_scheme || ["http", "https", "mailto", "tel"].contains(&scheme.to_ascii_lowercase().as_str())
}

/// Panics, naming the problem and the HTML, if `html` breaks an invariant above.
fn check_html(origin: &str, html: &str) {
    let fail = |why: String| -> ! { panic!("{origin}: {why}\n--- html ---\n{html}") };
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let tag = &html[start..i];
        if tag.is_empty() || !tag.as_bytes()[0].is_ascii_alphabetic() {
            fail(format!(
                "markup that is not an allowed tag at byte {}",
                start - 1
            ));
        }
        let Some(attributes) = allowed_attributes(tag) else {
            fail(format!("tag <{tag}> is not in the allowlist"));
        };
        // Attributes: ` name="value"` (the serialiser always double-quotes values).
        loop {
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            match bytes.get(i) {
                None => fail(format!("unterminated <{tag}>")),
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) if closing => fail(format!("attributes on </{tag}>")),
                Some(_) => {}
            }
            let name_start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b' ' | b'>') {
                i += 1;
            }
            let name = &html[name_start..i];
            if !attributes.contains(&name) && !GENERIC_ATTRIBUTES.contains(&name) {
                fail(format!("attribute {name:?} on <{tag}>"));
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                if bytes.get(i + 1) != Some(&b'"') {
                    fail(format!("unquoted value of {name} on <{tag}>"));
                }
                let value_start = i + 2;
                let Some(len) = html[value_start..].find('"') else {
                    fail(format!("unterminated value of {name} on <{tag}>"));
                };
                value = &html[value_start..value_start + len];
                i = value_start + len + 1;
            }
            match name {
                "href" | "cite" if !safe_url(value) => fail(format!("unsafe {name} {value:?}")),
                "src" if !value.starts_with("/images/") => fail(format!("foreign src {value:?}")),
                _ => {}
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    // The renderer and the sanitiser alone (the editor preview and pages use both).
    let rendered = render_markdown(text, "site externe");
    check_html("render_markdown", &rendered.html);
    for entry in &rendered.toc {
        assert!((2..=4).contains(&entry.level), "toc level {}", entry.level);
        assert!(!entry.id.is_empty(), "empty heading anchor");
    }
    check_html("sanitize", &sanitize(text));

    // A whole lesson file (front matter + body), and the body alone, which passes the
    // front matter and reaches the blocks and the glossary links more often.
    if let Ok(lesson) = parse_lesson(
        "01-fuzz.md",
        "01-fuzz.md",
        text,
        Some(("01-fuzz.facile.md", text)),
        &GLOSSARY,
    ) {
        check_html("parse_lesson", &lesson.body.html);
        if let Some(easy) = &lesson.easy {
            check_html("parse_lesson (easy-read)", &easy.html);
        }
    }
    if let Ok(body) = parse_body("01-fuzz.md", text, 1, &GLOSSARY) {
        check_html("parse_body", &body.html);
    }

    // The other parsers of the content tree: errors are fine, panics are not.
    let lines: Vec<&str> = text.lines().collect();
    let _ = parse_quiz(&lines, 1);
    let _ = parse_module("module.toml", "fuzz", text);
    let _ = Glossary::parse("glossary.toml", text);
    let _ = fts_query(text);
});
