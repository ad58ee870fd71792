//! Parsing of the `content/` tree. Pure: takes file text, returns typed metadata or
//! problems that name the file, the line and what is wrong in plain words.
use super::model::{Audience, Theme};
use serde::Deserialize;
use std::fmt;

/// A problem found in a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The metadata of a module (`content/<slug>/module.toml`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleMeta {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub theme: Theme,
    pub audience: Audience,
    pub order: i64,
    pub language: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModule {
    title: String,
    summary: String,
    theme: String,
    audience: String,
    order: i64,
    language: String,
}

/// Whether `slug` is usable in a stable URL: lowercase ASCII letters, digits and dashes.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses a module's metadata. `file` is the path shown in errors; the slug is the
/// folder name.
pub fn parse_module(file: &str, slug: &str, text: &str) -> Result<ModuleMeta, Vec<ContentError>> {
    let error = |line: Option<usize>, message: String| ContentError {
        file: file.to_string(),
        line,
        message,
    };
    let raw: RawModule = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        vec![error(
            line,
            format!("fichier de module illisible : {}", e.message()),
        )]
    })?;
    let find_line = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 1)
    };
    let mut errors = Vec::new();
    if !is_valid_slug(slug) {
        errors.push(error(
            None,
            format!(
                "le nom du dossier « {slug} » doit être en minuscules sans accent, avec des tirets"
            ),
        ));
    }
    let theme = Theme::parse(&raw.theme);
    if theme.is_none() {
        let known: Vec<_> = Theme::ALL.iter().map(|t| t.code()).collect();
        errors.push(error(
            find_line("theme"),
            format!(
                "thème inconnu « {} » (thèmes possibles : {})",
                raw.theme,
                known.join(", ")
            ),
        ));
    }
    let audience = Audience::parse(&raw.audience);
    if audience.is_none() {
        let known: Vec<_> = Audience::ALL.iter().map(|a| a.code()).collect();
        errors.push(error(
            find_line("audience"),
            format!(
                "public inconnu « {} » (publics possibles : {})",
                raw.audience,
                known.join(", ")
            ),
        ));
    }
    if raw.title.trim().is_empty() {
        errors.push(error(find_line("title"), "le titre est vide".into()));
    }
    if raw.summary.trim().is_empty() {
        errors.push(error(find_line("summary"), "le résumé est vide".into()));
    }
    if !matches!(raw.language.as_str(), "fr" | "en") {
        errors.push(error(
            find_line("language"),
            format!("langue inconnue « {} » (fr ou en)", raw.language),
        ));
    }
    match (theme, audience) {
        (Some(theme), Some(audience)) if errors.is_empty() => Ok(ModuleMeta {
            slug: slug.to_string(),
            title: raw.title.trim().to_string(),
            summary: raw.summary.trim().to_string(),
            theme,
            audience,
            order: raw.order,
            language: raw.language,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "Faire son budget"
summary = "Savoir ce qui entre et ce qui sort."
theme = "budget"
audience = "residents"
order = 1
language = "fr"
"#;

    #[test]
    fn a_complete_module_file_is_read() {
        let m = parse_module("content/budget/module.toml", "budget", GOOD).unwrap();
        assert_eq!(m.title, "Faire son budget");
        assert_eq!(m.theme, Theme::Budget);
        assert_eq!(m.audience, Audience::Residents);
        assert_eq!(m.order, 1);
    }

    #[test]
    fn an_unknown_theme_is_reported_with_its_line() {
        let text = GOOD.replace("\"budget\"", "\"cuisine\"");
        let errors = parse_module("content/budget/module.toml", "budget", &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(4));
        assert!(errors[0].message.contains("cuisine"), "{}", errors[0]);
        assert!(errors[0]
            .to_string()
            .starts_with("content/budget/module.toml:4:"));
    }

    #[test]
    fn broken_toml_names_the_line() {
        let text = "title = \"x\"\nsummary = oops\n";
        let errors = parse_module("m.toml", "m", text).unwrap_err();
        assert_eq!(errors[0].line, Some(2));
    }

    #[test]
    fn a_missing_or_unknown_field_is_refused() {
        assert!(parse_module("m.toml", "m", "title = \"x\"").is_err());
        let text = format!("{GOOD}\ncolour = \"blue\"\n");
        assert!(parse_module("m.toml", "m", &text).is_err());
    }

    #[test]
    fn slugs_must_be_url_safe() {
        assert!(is_valid_slug("budget-au-quotidien"));
        assert!(!is_valid_slug("Budget"));
        assert!(!is_valid_slug("épargne"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug("-a"));
        assert!(parse_module("m.toml", "Mon Budget", GOOD).is_err());
    }
}
