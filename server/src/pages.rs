//! Minimal French pages for answers produced outside the Leptos renderer (refusals,
//! panics, time-outs), so that even these never show a technical message.
use axum::response::Html;

pub(crate) fn escape(text: &str) -> String {
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

/// The French page (and status) of an error met by a form handler.
pub fn error_page(error: app::error::AppError) -> axum::response::Response {
    use app::error::AppError;
    use axum::{http::StatusCode, response::IntoResponse};
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (title, text) = match error {
        AppError::NotFound => (
            "Page introuvable",
            "Cette page n'existe pas ou a été déplacée.",
        ),
        AppError::Unauthorized => (
            "Connexion nécessaire",
            "Connectez-vous à l'espace professionnel pour faire cette action.",
        ),
        AppError::Forbidden => ("Accès refusé", "Votre compte ne permet pas cette action."),
        _ => (
            "Service momentanément indisponible",
            "Votre demande n'a pas pu être enregistrée. Réessayez dans quelques minutes.",
        ),
    };
    (status, simple_page(title, text)).into_response()
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
