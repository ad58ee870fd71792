//! Text normalisation for search, so that "découverts", "Decouvert" and "découvert" meet.
//!
//! Both engines first get the words with French plurals folded ([`singularize`]), since
//! the Snowball French stemmer alone gives "crédits" → "credit" but "crédit" → "cred".
//! Then SQLite's index gets [`normalize`] (accents removed, lowercase, Snowball French
//! stem, done here), and PostgreSQL applies its own `unaccent` dictionary and French
//! stemmer (the `reperes_fr` configuration of the migration).
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));

/// Folds a French plural to its singular form, well enough for search: `-eaux` → `-eau`,
/// `-aux` → `-al`, and a final `s` or `x` dropped from words of more than three letters.
fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    let count = lower.chars().count();
    if count <= 3 {
        lower
    } else if lower.ends_with("eaux") {
        lower[..lower.len() - 1].to_string()
    } else if lower.ends_with("aux") {
        format!("{}al", &lower[..lower.len() - 3])
    } else if lower.ends_with('s') || lower.ends_with('x') {
        lower[..lower.len() - 1].to_string()
    } else {
        lower
    }
}

/// The words of `text`, lowercased and singular, separated by spaces (accents kept).
pub fn singularize(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text`, each reduced to its unaccented stem, separated by spaces.
pub fn normalize(text: &str) -> String {
    let ascii = deunicode::deunicode(&singularize(text)).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| FRENCH.stem(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An FTS5 query matching documents that contain every word of `query` (in any form).
/// `None` when the query has no word at all.
pub fn fts_query(query: &str) -> Option<String> {
    let words: Vec<String> = normalize(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_plurals_meet() {
        for (a, b) in [
            ("découvert", "decouverts"),
            ("Crédits", "crédit"),
            ("épargne", "EPARGNE"),
            ("prélèvements", "prélèvement"),
            ("chèques", "cheque"),
            ("journaux", "journal"),
            ("bureaux", "bureau"),
            ("Agios", "agio"),
        ] {
            assert_eq!(normalize(a), normalize(b), "{a} / {b}");
        }
    }

    #[test]
    fn queries_are_safe_fts_expressions() {
        assert_eq!(fts_query("   "), None);
        assert_eq!(
            fts_query("\"); DROP TABLE lessons; --"),
            Some("\"drop\" \"tabl\" \"lesson\"".to_string())
        );
        assert_eq!(
            singularize("Les crédits, les journaux!"),
            "les crédit les journal"
        );
        assert!(fts_query("reste à vivre").unwrap().contains("\"rest\""));
    }
}
