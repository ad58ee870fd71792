//! The glossary (`content/glossary.toml`): each term defined once, referenced from
//! lessons as `[[term]]` or `[[shown text|term]]`.
pub use super::model::GlossaryTerm;
use super::{
    content::{line_of, ContentError},
    render::slugify,
};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The terms by slug.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    pub terms: BTreeMap<String, GlossaryTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    name: String,
    definition: String,
}

/// The line of a glossary file where the term `name` is written.
pub fn term_line(text: &str, name: &str) -> Option<usize> {
    let quoted = format!("\"{name}\"");
    text.lines()
        .position(|l| l.contains(&quoted))
        .map(|i| i + 1)
}

impl Glossary {
    /// Finds a term by the way a lesson names it (case and accents do not matter).
    pub fn find(&self, name: &str) -> Option<&GlossaryTerm> {
        self.terms.get(&slugify(name))
    }

    pub fn parse(file: &str, text: &str) -> Result<Glossary, Vec<ContentError>> {
        let error = |line: Option<usize>, message: String| ContentError {
            file: file.to_string(),
            line,
            message,
        };
        let raw: RawGlossary = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            vec![error(
                line,
                format!("glossaire illisible : {}", e.message()),
            )]
        })?;
        let mut glossary = Glossary::default();
        let mut errors = Vec::new();
        for term in raw.term {
            let line = term_line(text, &term.name);
            let slug = slugify(&term.name);
            if slug.is_empty() || term.definition.trim().is_empty() {
                errors.push(error(
                    line,
                    format!(
                        "le mot « {} » n'a pas de nom ou pas de définition",
                        term.name
                    ),
                ));
                continue;
            }
            if glossary.terms.contains_key(&slug) {
                errors.push(error(
                    line,
                    format!("le mot « {} » est défini deux fois", term.name),
                ));
                continue;
            }
            glossary.terms.insert(
                slug.clone(),
                GlossaryTerm {
                    slug,
                    name: term.name.trim().to_string(),
                    definition: term.definition.trim().to_string(),
                },
            );
        }
        if errors.is_empty() {
            Ok(glossary)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_found_whatever_the_case_and_accents() {
        let g = Glossary::parse(
            "glossary.toml",
            "[[term]]\nname = \"Découvert\"\ndefinition = \"Compte sous zéro.\"\n",
        )
        .unwrap();
        assert_eq!(g.find("découvert").unwrap().name, "Découvert");
        assert_eq!(g.find("DECOUVERT").unwrap().slug, "decouvert");
        assert!(g.find("agios").is_none());
    }

    #[test]
    fn duplicates_and_empty_definitions_are_reported() {
        let errors = Glossary::parse(
            "g.toml",
            "[[term]]\nname = \"a\"\ndefinition = \"x\"\n[[term]]\nname = \"A\"\ndefinition = \"y\"\n[[term]]\nname = \"b\"\ndefinition = \" \"\n",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("deux fois"));
        assert!(errors[1].message.contains("pas de définition"));
    }
}
