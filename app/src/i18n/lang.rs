//! The two languages of the site and how a request picks one.
use serde::{Deserialize, Serialize};
use unic_langid::{langid, LanguageIdentifier};

/// Name of the cookie that remembers an explicit language choice.
pub const LANG_COOKIE: &str = "reperes_lang";

/// A language the site is written in. French is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 code used in `<html lang>` and in the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown on the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    pub fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Fr => langid!("fr"),
            Lang::En => langid!("en"),
        }
    }

    /// Parses a code such as `fr`, `en-GB` or `FR`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the language of a request: an explicit choice (cookie) first, then the
    /// browser's `Accept-Language` preferences by weight, then French.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie.and_then(Lang::parse) {
            return lang;
        }
        let Some(header) = accept_language else {
            return Lang::default();
        };
        let mut best: Option<(f32, usize, Lang)> = None;
        for (index, item) in header.split(',').enumerate() {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight <= 0.0 {
                continue;
            }
            if let Some(lang) = Lang::parse(tag) {
                // Highest weight wins; on a tie, the earlier entry.
                let better = match best {
                    None => true,
                    Some((w, i, _)) => weight > w || (weight == w && index < i),
                };
                if better {
                    best = Some((weight, index, lang));
                }
            }
        }
        best.map(|(_, _, lang)| lang).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_the_default_without_any_hint() {
        assert_eq!(Lang::negotiate(None, None), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("de-DE,de;q=0.9")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("")), Lang::Fr);
    }

    #[test]
    fn the_cookie_beats_the_browser_preference() {
        assert_eq!(Lang::negotiate(Some("en"), Some("fr-FR")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr"), Some("en-US")), Lang::Fr);
    }

    #[test]
    fn an_unknown_cookie_falls_back_to_the_browser() {
        assert_eq!(
            Lang::negotiate(Some("xx"), Some("en-GB,en;q=0.9")),
            Lang::En
        );
    }

    #[test]
    fn accept_language_weights_are_respected() {
        assert_eq!(Lang::negotiate(None, Some("en;q=0.5, fr;q=0.8")), Lang::Fr);
        assert_eq!(
            Lang::negotiate(None, Some("de, en;q=0.7, fr;q=0.3")),
            Lang::En
        );
        assert_eq!(Lang::negotiate(None, Some("fr;q=0, en")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("en-US,en;q=0.9,fr;q=0.9")),
            Lang::En
        );
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("FR-ca"), Some(Lang::Fr));
        assert_eq!(Lang::parse("english"), None);
    }
}
