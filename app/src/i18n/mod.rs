//! Translation catalogue: French first, English complete.
//!
//! Strings live in Fluent files under `app/locales/{fr,en}`. Pages are rendered on the
//! server, so lookups happen there; islands receive their already translated labels
//! as props (context does not cross into islands).
mod lang;

pub use lang::{Lang, LANG_COOKIE};

use fluent_templates::{fluent_bundle::FluentValue, Loader};
use std::{borrow::Cow, collections::HashMap};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks would end up inside HTML attributes and e-mails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Looks a message up in the catalogue of `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(&lang.id(), key)
}

/// Looks a message up with named arguments (`{ $count }` in the Fluent file).
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, FluentArg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                FluentArg::Text(s) => FluentValue::from(s.clone()),
                FluentArg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    LOCALES.lookup_with_args(&lang.id(), key, &map)
}

/// An argument for [`t_args`].
#[derive(Clone, Debug)]
pub enum FluentArg {
    Text(String),
    Number(i64),
}

/// The language of the page being rendered, provided as context on the server.
#[cfg(feature = "ssr")]
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// Outside the server there is no request to read: islands get their language as a prop.
#[cfg(not(feature = "ssr"))]
pub fn use_lang() -> Lang {
    Lang::default()
}

/// Makes a struct of translated texts (an island's labels) travel to the island as a
/// plain JSON list of strings, in the order of the fields listed here: decoding a list
/// takes a few hundred bytes of wasm, where serde's derived decoder for a struct of
/// 16 named fields took about 10 KB. Listing every field is checked by the compiler.
/// The struct derives `Serialize, Deserialize` with
/// `#[serde(from = "Vec<String>", into = "Vec<String>")]` and `Clone`.
#[macro_export]
macro_rules! texts_as_list {
    ($name:ident { $($field:ident),+ $(,)? }) => {
        impl From<Vec<String>> for $name {
            fn from(texts: Vec<String>) -> Self {
                let mut texts = texts.into_iter();
                $name { $($field: texts.next().unwrap_or_default()),+ }
            }
        }

        impl From<$name> for Vec<String> {
            fn from(texts: $name) -> Self {
                vec![$(texts.$field),+]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(file: &str) -> Vec<String> {
        file.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap_or_default().trim().to_string())
            .collect()
    }

    /// Messages that need arguments cannot be checked without them.
    fn has_arguments(key: &str) -> bool {
        let fr = include_str!("../../locales/fr/main.ftl");
        fr.lines()
            .skip_while(|l| !l.starts_with(&format!("{key} =")))
            .take_while(|l| l.starts_with(&format!("{key} =")) || l.starts_with(' '))
            .any(|l| l.contains('$'))
    }

    #[test]
    fn every_french_message_has_an_english_translation_and_back() {
        let fr = keys(include_str!("../../locales/fr/main.ftl"));
        let en = keys(include_str!("../../locales/en/main.ftl"));
        assert!(fr.len() > 50, "the catalogue looks empty: {}", fr.len());
        let missing_en: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        let missing_fr: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        assert!(missing_en.is_empty(), "missing in English: {missing_en:?}");
        assert!(missing_fr.is_empty(), "missing in French: {missing_fr:?}");
        let mut sorted = fr.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), fr.len(), "a key is defined twice in French");
        // Each message really resolves in both languages (a broken entry falls back to its key).
        for key in fr.iter().filter(|k| !has_arguments(k)) {
            for lang in Lang::ALL {
                assert_ne!(&t(lang, key), key, "{key} does not resolve in {lang:?}");
            }
        }
    }

    #[test]
    fn lookups_differ_by_language() {
        assert_eq!(t(Lang::Fr, "nav-modules"), "Modules");
        assert_eq!(t(Lang::En, "nav-tools"), "Budget tools");
        assert_eq!(t(Lang::Fr, "nav-tools"), "Outils budget");
    }

    #[test]
    fn arguments_are_interpolated_without_isolation_marks() {
        let s = t_args(
            Lang::Fr,
            "catalogue-lesson-count",
            &[("count", FluentArg::Number(3))],
        );
        assert_eq!(s, "3 leçons");
        let s = t_args(
            Lang::Fr,
            "catalogue-lesson-count",
            &[("count", FluentArg::Number(1))],
        );
        assert_eq!(s, "1 leçon");
    }
}
