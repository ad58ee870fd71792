//! Markdown to safe HTML, on the server only: pulldown-cmark, then ammonia with an
//! allowlist. Whatever a lesson contains, no script, style attribute, event handler,
//! `javascript:`/`data:` URL, iframe or form reaches a page.
//!
//! On the way, headings get stable anchors (collected for the table of contents),
//! external links are marked, tables get a keyboard-scrollable wrapper, and the plain
//! text is collected for the search index.
pub use super::model::TocEntry;
use ammonia::Builder;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::{
    collections::{HashMap, HashSet},
    sync::LazyLock,
};

/// A rendered document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The words of the document, for the search index.
    pub text: String,
}

/// A URL-safe anchor or slug: lowercase ASCII, accents removed, dashes between words.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::empty();
    b.add_tags([
        "a",
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "aside",
        "span",
        "div",
        "sup",
        "sub",
    ]);
    b.add_tags(["img"]);
    b.add_tag_attributes("img", ["src", "alt"]);
    b.set_tag_attribute_value("img", "loading", "lazy");
    b.attribute_filter(|element, attribute, value| {
        if element == "img" && attribute == "src" && !super::images::is_local_image(value) {
            None
        } else {
            Some(value.into())
        }
    });
    b.add_tag_attributes("a", ["href"]);
    for h in ["h2", "h3", "h4"] {
        b.add_tag_attributes(h, ["id"]);
    }
    b.add_tag_attributes("ol", ["start"]);
    b.add_tag_attributes("aside", ["aria-label"]);
    b.add_tag_attributes("div", ["tabindex", "role", "aria-label"]);
    b.add_tag_attributes("th", ["scope"]);
    b.add_allowed_classes("a", ["external", "term"]);
    b.add_allowed_classes("span", ["visually-hidden"]);
    b.add_allowed_classes("aside", ["key-points"]);
    b.add_allowed_classes("div", ["table-scroll"]);
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.url_relative(ammonia::UrlRelative::PassThrough);
    b.link_rel(Some("noopener noreferrer"));
    b.strip_comments(true);
    b.clean_content_tags(HashSet::from([
        "script", "style", "template", "textarea", "title", "noscript",
    ]));
    b
});

/// Cleans any HTML fragment with the lesson allowlist.
pub fn sanitize(html: &str) -> String {
    without_foreign_images(&SANITIZER.clean(html).to_string())
}

/// Drops every `<img>` left without an address (the sanitiser removed any that is not
/// an image of this site), so that only the site's own images remain.
fn without_foreign_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<img") {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        // The end of the tag: the first `>` outside a quoted value.
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        if tag[..end].contains(" src=\"/images/") {
            out.push_str(&tag[..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// Escapes a value for a double-quoted attribute (ammonia then re-checks the URL).
fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        // A `#` title inside a lesson would compete with the page title: it becomes a h2.
        HeadingLevel::H1 | HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

/// Renders lesson markdown to sanitised HTML. `external_label` is the visually hidden
/// text added to external links (« site externe »).
pub fn render_markdown(markdown: &str, external_label: &str) -> Rendered {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut text = String::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    // Inside a heading: its level, and the events and text collected so far.
    let mut heading: Option<(u8, Vec<Event>, String)> = None;

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), Vec::new(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner, title)) = heading.take() {
                    let base = match slugify(&title) {
                        s if s.is_empty() => "section".to_string(),
                        s => s,
                    };
                    let n = used_ids.entry(base.clone()).or_insert(0);
                    *n += 1;
                    let id = if *n == 1 { base } else { format!("{base}-{n}") };
                    events.push(Event::Html(CowStr::from(format!("<h{level} id=\"{id}\">"))));
                    events.extend(inner);
                    events.push(Event::Html(CowStr::from(format!("</h{level}>"))));
                    text.push_str(&title);
                    text.push('\n');
                    toc.push(TocEntry {
                        level,
                        id,
                        title: title.trim().to_string(),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if is_external(&dest_url) => {
                // The matching End event writes the closing `</a>`.
                let tag = format!(
                    "<a href=\"{}\" class=\"external\">",
                    escape_attribute(&dest_url)
                );
                push(&mut heading, &mut events, Event::Html(CowStr::from(tag)));
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html(CowStr::from("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tableau\">")));
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(t);
                } else {
                    text.push_str(t);
                }
                push(&mut heading, &mut events, event);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                push(&mut heading, &mut events, event);
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                text.push('\n');
                push(&mut heading, &mut events, event);
            }
            other => push(&mut heading, &mut events, other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let html = mark_external_links(&html, external_label);
    Rendered {
        html: sanitize(&html),
        toc,
        text: text.trim().to_string(),
    }
}

fn push<'a>(
    heading: &mut Option<(u8, Vec<Event<'a>>, String)>,
    events: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading {
        Some((_, inner, _)) => inner.push(event),
        None => events.push(event),
    }
}

/// Adds the hidden « site externe » text before the end of each external link.
fn mark_external_links(html: &str, label: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("class=\"external\">") {
        let (before, after) = rest.split_at(start);
        out.push_str(before);
        match after.find("</a>") {
            Some(end) => {
                out.push_str(&after[..end]);
                out.push_str(&format!(
                    "<span class=\"visually-hidden\"> ({label})</span></a>"
                ));
                rest = &after[end + 4..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render_markdown(md, "site externe").html
    }

    #[test]
    fn commonmark_and_tables_render() {
        let out =
            html("Un **budget** clair.\n\n| Poste | Montant |\n|---|--:|\n| Loyer | 520 € |\n");
        assert!(out.contains("<strong>budget</strong>"));
        assert!(out.contains("<table>"));
        assert!(out.contains("<td>520 €</td>"));
        assert!(out.contains("class=\"table-scroll\" tabindex=\"0\" role=\"region\""));
        assert!(
            !out.contains("style="),
            "alignment styles are dropped: {out}"
        );
    }

    #[test]
    fn headings_get_unique_anchors_and_a_table_of_contents() {
        let r = render_markdown(
            "# Titre\n\n## Calculer son reste à vivre\n\ntexte\n\n### Exemple\n\n## Exemple\n",
            "x",
        );
        assert!(r.html.contains("<h2 id=\"titre\">Titre</h2>"));
        assert!(r.html.contains("<h2 id=\"calculer-son-reste-a-vivre\">"));
        assert!(r.html.contains("<h3 id=\"exemple\">"));
        assert!(r.html.contains("<h2 id=\"exemple-2\">"));
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "titre",
                "calculer-son-reste-a-vivre",
                "exemple",
                "exemple-2"
            ]
        );
        assert_eq!(r.toc[1].title, "Calculer son reste à vivre");
    }

    #[test]
    fn external_links_are_marked_and_isolated() {
        let out =
            html("Voir [le site](https://www.service-public.fr/x?a=1&b=2) et [la page](/modules).");
        assert!(
            out.contains("href=\"https://www.service-public.fr/x?a=1&amp;b=2\""),
            "{out}"
        );
        assert!(out.contains("class=\"external\""));
        assert!(out.contains("rel=\"noopener noreferrer\""));
        assert!(
            out.contains("le site<span class=\"visually-hidden\"> (site externe)</span></a>"),
            "{out}"
        );
        assert!(
            out.contains("<a href=\"/modules\" rel=\"noopener noreferrer\">la page</a>"),
            "{out}"
        );
    }

    #[test]
    fn only_the_sites_own_images_are_shown_with_their_text() {
        let hash = "ab".repeat(32);
        let out = html(&format!(
            "![Un relevé > de compte](/images/{hash}.png) ![chat](https://example.com/c.png) <img src=\"/images/{hash}.png\" onerror=\"x()\">"
        ));
        assert!(
            out.contains(&format!("<img src=\"/images/{hash}.png\" alt=\"Un relevé &gt; de compte\" loading=\"lazy\">"))
                || out.contains(&format!("<img src=\"/images/{hash}.png\" alt=\"Un relevé > de compte\" loading=\"lazy\">")),
            "{out}"
        );
        assert!(
            !out.contains("example.com") && !out.contains("onerror"),
            "{out}"
        );
        assert_eq!(out.matches("<img").count(), 2, "{out}");
    }

    #[test]
    fn plain_text_is_collected_for_search() {
        let r = render_markdown("## Le découvert\n\nUn *découvert* coûte des agios.", "x");
        assert!(r.text.contains("Le découvert"));
        assert!(r.text.contains("découvert coûte des agios"));
    }

    #[test]
    fn slugs_drop_accents_and_punctuation() {
        assert_eq!(
            slugify("Calculer son reste à vivre !"),
            "calculer-son-reste-a-vivre"
        );
        assert_eq!(
            slugify("  L'épargne de précaution  "),
            "l-epargne-de-precaution"
        );
        assert_eq!(slugify("Œuvre — 2025"), "oeuvre-2025");
        assert_eq!(slugify("!!!"), "");
    }

    /// The classic payloads: none of them may survive in an active form.
    const XSS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<p onclick=\"alert(1)\">clic</p>",
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<!-- <script>alert(1)</script> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "![x](javascript:alert(1))",
        "<details open ontoggle=alert(1)>",
        "<h2 id=\"contenu\" onmouseover=\"alert(1)\">x</h2>",
    ];

    /// Whether any tag carries an `on…=` attribute.
    fn has_event_handler(html: &str) -> bool {
        html.split('<')
            .skip(1)
            .filter_map(|t| t.split('>').next())
            .any(|tag| {
                tag.split(|c: char| c.is_whitespace() || c == '/')
                    .skip(1)
                    .any(|attr| attr.starts_with("on") && attr.contains('='))
            })
    }

    #[test]
    fn the_event_handler_detector_works() {
        assert!(has_event_handler("<img src=x onerror=alert(1)>"));
        assert!(has_event_handler("<p class=a\tonclick=\"x\">"));
        assert!(!has_event_handler(
            "<p>onclick=1</p><a href=\"x%20onerror=1\">"
        ));
    }

    #[test]
    fn classic_xss_payloads_never_survive() {
        for payload in XSS {
            let out = html(&format!("Texte.\n\n{payload}\n\nFin [lien]({payload})."));
            let lower = out.to_ascii_lowercase();
            assert!(
                !has_event_handler(&lower),
                "{payload:?} left an event handler in {out}"
            );
            for url in lower
                .split("href=\"")
                .skip(1)
                .chain(lower.split("src=\"").skip(1))
            {
                let url = url.split('"').next().unwrap_or_default().trim();
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(
                        !url.starts_with(scheme),
                        "{payload:?} left a {scheme} URL in {out}"
                    );
                }
            }
            for forbidden in [
                "<script", "<iframe", "<svg", "<math", "<form", "<input", "style=", "<style",
                "<object", "<embed", "<meta", "<base", "<!--", "<img", "<details",
            ] {
                assert!(
                    !lower.contains(forbidden),
                    "{payload:?} left {forbidden:?} in {out}"
                );
            }
        }
    }
}
