//! Minimal French pages for answers produced outside the Leptos renderer (refusals,
//! panics, time-outs), so that even these never show a technical message.
use axum::response::Html;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A complete, accessible page with a title, one paragraph and a link home.
pub fn simple_page(title: &str, text: &str) -> Html<String> {
    let (title, text) = (escape(title), escape(text));
    Html(format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Repères</title><link rel=\"stylesheet\" href=\"/pkg/reperes.css\"></head>\
         <body><main id=\"contenu\" class=\"page error\"><h1>{title}</h1><p>{text}</p>\
         <p><a href=\"/\">Retourner à l'accueil</a></p></main></body></html>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        let Html(page) = simple_page("<b>", "a & b");
        assert!(page.contains("&lt;b&gt;"));
        assert!(page.contains("a &amp; b"));
        assert!(page.starts_with("<!DOCTYPE html><html lang=\"fr\">"));
    }
}
