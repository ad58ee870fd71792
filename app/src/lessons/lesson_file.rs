//! Lesson files (`content/<module>/NN-slug.md` and their `.facile.md` easy-read
//! versions): front matter, the `:::points-cles` and `:::quiz` blocks, glossary terms.
//! Pure: text in, a rendered lesson or every problem (file, line, plain message) out.
pub use super::model::{Level, Source};
use super::{
    content::{line_of, ContentError},
    glossary::Glossary,
    model::TocEntry,
    render::render_markdown,
};
use crate::quizzes::format::{parse_quiz, Quiz};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonMeta {
    pub title: String,
    pub summary: String,
    pub reading_minutes: i64,
    pub level: Level,
    pub tags: Vec<String>,
    /// `YYYY-MM-DD`.
    pub last_reviewed: String,
    pub sources: Vec<Source>,
    /// What still needs checking (shown to staff).
    pub to_review: Vec<String>,
}

/// A lesson text after expansion and rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub text: String,
    pub quizzes: Vec<Quiz>,
    /// Slugs of the glossary terms used, in order of first use.
    pub terms: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedLesson {
    pub slug: String,
    pub position: i64,
    pub meta: LessonMeta,
    pub body: ParsedBody,
    pub easy: Option<ParsedBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: String,
    summary: String,
    reading_minutes: i64,
    level: String,
    tags: Vec<String>,
    last_reviewed: toml::value::Datetime,
    sources: Vec<Source>,
    #[serde(default)]
    to_review: Vec<String>,
}

/// Suffix of easy-read versions.
pub const EASY_SUFFIX: &str = ".facile.md";

/// Reads `02-le-reste-a-vivre.md` as position 2 and slug `le-reste-a-vivre`.
/// Returns `None` for files that are not lessons (easy-read versions, other names).
pub fn lesson_file_name(name: &str) -> Option<(i64, String)> {
    if name.ends_with(EASY_SUFFIX) {
        return None;
    }
    let stem = name.strip_suffix(".md")?;
    let (number, slug) = stem.split_once('-')?;
    if number.len() != 2 || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((number.parse().ok()?, slug.to_string()))
}

fn err(file: &str, line: usize, message: impl Into<String>) -> ContentError {
    ContentError {
        file: file.to_string(),
        line: Some(line),
        message: message.into(),
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Splits `+++ … +++` front matter from the body. Returns the TOML, the body and the
/// file line on which the body starts.
fn split_front_matter<'a>(
    file: &str,
    text: &'a str,
) -> Result<(&'a str, &'a str, usize), ContentError> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(|| {
            err(
                file,
                1,
                "la leçon doit commencer par sa fiche, entre deux lignes « +++ »",
            )
        })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + toml.matches('\n').count() + 1;
            return Ok((toml, body, body_line));
        }
        offset += line.len();
    }
    Err(err(
        file,
        1,
        "la fiche n'est pas fermée par une ligne « +++ »",
    ))
}

fn parse_meta(file: &str, toml_text: &str) -> Result<LessonMeta, Vec<ContentError>> {
    let raw: RawMeta = toml::from_str(toml_text).map_err(|e| {
        // The front matter starts on line 2 of the file, after the opening `+++`.
        let line = e
            .span()
            .map(|s| line_of(toml_text, s.start) + 1)
            .unwrap_or(1);
        vec![err(
            file,
            line,
            format!("fiche illisible : {}", e.message().trim()),
        )]
    })?;
    let line_of = |key: &str| {
        toml_text
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + 2)
            .unwrap_or(1)
    };
    let mut errors = Vec::new();
    if raw.title.trim().is_empty() {
        errors.push(err(file, line_of("title"), "le titre est vide"));
    }
    if raw.summary.trim().is_empty() {
        errors.push(err(file, line_of("summary"), "le résumé est vide"));
    }
    if !(1..=60).contains(&raw.reading_minutes) {
        errors.push(err(
            file,
            line_of("reading_minutes"),
            "le temps de lecture doit être entre 1 et 60 minutes",
        ));
    }
    let level = Level::parse(&raw.level);
    if level.is_none() {
        errors.push(err(
            file,
            line_of("level"),
            format!(
                "niveau inconnu « {} » (debutant, intermediaire ou confirme)",
                raw.level
            ),
        ));
    }
    let last_reviewed = match (raw.last_reviewed.date, raw.last_reviewed.time) {
        (Some(date), None) => date.to_string(),
        _ => {
            errors.push(err(
                file,
                line_of("last_reviewed"),
                "la date de relecture s'écrit année-mois-jour, par exemple 2026-11-20",
            ));
            String::new()
        }
    };
    if raw.sources.is_empty() {
        errors.push(err(
            file,
            line_of("sources"),
            "il faut au moins une source officielle",
        ));
    }
    for source in &raw.sources {
        if source.title.trim().is_empty() || !source.url.starts_with("https://") {
            errors.push(err(
                file,
                line_of("sources"),
                format!(
                    "la source « {} » doit avoir un titre et une adresse qui commence par https://",
                    source.title
                ),
            ));
        }
    }
    match level {
        Some(level) if errors.is_empty() => Ok(LessonMeta {
            title: raw.title.trim().to_string(),
            summary: raw.summary.trim().to_string(),
            reading_minutes: raw.reading_minutes,
            level,
            tags: raw.tags,
            last_reviewed,
            sources: raw.sources,
            to_review: raw.to_review,
        }),
        _ => Err(errors),
    }
}

/// Replaces `[[term]]` and `[[shown|term]]` with links to the term's definition.
fn link_terms(
    file: &str,
    line_no: usize,
    line: &str,
    glossary: &Glossary,
    terms: &mut Vec<String>,
    errors: &mut Vec<ContentError>,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        let (shown, name) = inner.split_once('|').unwrap_or((inner, inner));
        match glossary.find(name.trim()) {
            Some(term) => {
                if !terms.contains(&term.slug) {
                    terms.push(term.slug.clone());
                }
                out.push_str(&format!(
                    "<a class=\"term\" href=\"#mot-{}\">{}</a>",
                    term.slug,
                    escape_html(shown.trim())
                ));
            }
            None => {
                errors.push(err(
                    file,
                    line_no,
                    format!(
                        "le mot « {} » n'est pas défini dans content/glossary.toml",
                        name.trim()
                    ),
                ));
                out.push_str(shown);
            }
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Expands the blocks and terms of a lesson text, renders it, and checks that every
/// quiz `section:` names a heading of the lesson.
pub fn parse_body(
    file: &str,
    body: &str,
    first_line: usize,
    glossary: &Glossary,
) -> Result<ParsedBody, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut markdown = String::with_capacity(body.len() + 256);
    let mut quizzes = Vec::new();
    let mut terms = Vec::new();
    let mut in_code = false;
    // The open block: its kind and the line it opened on, plus collected quiz lines.
    let mut block: Option<(&str, usize)> = None;
    let mut quiz_lines: Vec<&str> = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
        }
        if in_code || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if block == Some(("quiz", 0)) {
                quiz_lines.push(line);
            } else {
                markdown.push_str(line);
                markdown.push('\n');
            }
            continue;
        }
        if let Some(name) = trimmed.strip_prefix(":::") {
            let name = name.trim();
            match (block, name) {
                (None, "points-cles") => {
                    block = Some(("points-cles", line_no));
                    markdown.push_str("\n<aside class=\"key-points\" aria-label=\"Points clés\">\n\n**Points clés**\n\n");
                }
                (None, "quiz") => {
                    block = Some(("quiz", line_no));
                    quiz_lines.clear();
                }
                (None, "") => errors.push(err(file, line_no, "« ::: » ferme un bloc qui n'a pas été ouvert")),
                (None, other) => errors.push(err(file, line_no, format!("bloc inconnu « :::{other} » (blocs possibles : points-cles, quiz)"))),
                (Some(("points-cles", _)), "") => {
                    block = None;
                    markdown.push_str("\n</aside>\n\n");
                }
                (Some(("quiz", open)), "") => {
                    block = None;
                    match parse_quiz(&quiz_lines, open + 1) {
                        Ok(quiz) => quizzes.push(quiz),
                        Err(problems) => errors.extend(problems.into_iter().map(|p| err(file, p.line, p.message))),
                    }
                }
                (Some((kind, open)), _) => {
                    errors.push(err(file, line_no, format!("un bloc ne peut pas en contenir un autre (le bloc « {kind} » de la ligne {open} n'est pas fermé)")))
                }
            }
            continue;
        }
        match block {
            Some(("quiz", _)) => quiz_lines.push(line),
            _ => {
                if let Some(problem) = super::images::image_problem(line) {
                    errors.push(err(file, line_no, problem));
                }
                markdown.push_str(&link_terms(
                    file,
                    line_no,
                    line,
                    glossary,
                    &mut terms,
                    &mut errors,
                ));
                markdown.push('\n');
            }
        }
    }
    if let Some((kind, open)) = block {
        errors.push(err(
            file,
            open,
            format!("le bloc « {kind} » n'est jamais fermé par « ::: »"),
        ));
    }
    let rendered = render_markdown(&markdown, "site externe");
    for quiz in &quizzes {
        for question in &quiz.questions {
            if let Some(section) = &question.section {
                if !rendered.toc.iter().any(|t| &t.id == section) {
                    errors.push(err(file, question.line, format!("la section « {section} » n'existe pas dans la leçon (voir les titres ## et ###)")));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(ParsedBody {
            html: rendered.html,
            toc: rendered.toc,
            text: rendered.text,
            quizzes,
            terms,
        })
    } else {
        Err(errors)
    }
}

/// Parses a lesson file and, if there is one, its easy-read version.
pub fn parse_lesson(
    file: &str,
    file_name: &str,
    text: &str,
    easy: Option<(&str, &str)>,
    glossary: &Glossary,
) -> Result<ParsedLesson, Vec<ContentError>> {
    let (position, slug) = lesson_file_name(file_name).ok_or_else(|| {
        vec![ContentError {
            file: file.to_string(),
            line: None,
            message: "le nom du fichier doit être « NN-nom-de-la-lecon.md »".into(),
        }]
    })?;
    if !super::content::is_valid_slug(&slug) {
        return Err(vec![ContentError {
            file: file.to_string(),
            line: None,
            message: format!("« {slug} » : le nom du fichier doit être en minuscules sans accent, avec des tirets"),
        }]);
    }
    let (toml_text, body, body_line) = split_front_matter(file, text).map_err(|e| vec![e])?;
    let meta = parse_meta(file, toml_text);
    let body = parse_body(file, body, body_line, glossary);
    let easy = easy.map(|(easy_file, easy_text)| parse_body(easy_file, easy_text, 1, glossary));
    let mut errors = Vec::new();
    let meta = meta.map_err(|e| errors.extend(e)).ok();
    let body = body.map_err(|e| errors.extend(e)).ok();
    let easy = match easy {
        Some(Ok(easy)) => Some(easy),
        Some(Err(e)) => {
            errors.extend(e);
            None
        }
        None => None,
    };
    match (meta, body) {
        (Some(meta), Some(body)) if errors.is_empty() => Ok(ParsedLesson {
            slug,
            position,
            meta,
            body,
            easy,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::parse(
            "glossary.toml",
            "[[term]]\nname = \"reste à vivre\"\ndefinition = \"Ce qui reste.\"\n[[term]]\nname = \"découvert\"\ndefinition = \"Compte sous zéro.\"\n",
        )
        .unwrap()
    }

    const GOOD: &str = r#"+++
title = "Le reste à vivre"
summary = "Ce qui reste."
reading_minutes = 5
level = "debutant"
tags = ["budget"]
last_reviewed = 2026-11-20
sources = [{ title = "Service public", url = "https://www.service-public.fr/" }]
+++

Léa reçoit 1 250 €.

## Calculer son reste à vivre

Le [[reste à vivre]] vient après les charges. Attention aux [[découverts|découvert]].

:::points-cles
- Le [[reste à vivre]] se calcule chaque mois.
:::

:::quiz
? Le reste à vivre, c'est :
section: calculer-son-reste-a-vivre
- [x] ce qui reste
  > Oui.
- [ ] tout
  > Non.
:::
"#;

    fn parse(text: &str) -> Result<ParsedLesson, Vec<ContentError>> {
        parse_lesson(
            "content/m/02-le-reste-a-vivre.md",
            "02-le-reste-a-vivre.md",
            text,
            None,
            &glossary(),
        )
    }

    #[test]
    fn a_complete_lesson_is_read_and_rendered() {
        let lesson = parse(GOOD).unwrap();
        assert_eq!(
            (lesson.position, lesson.slug.as_str()),
            (2, "le-reste-a-vivre")
        );
        assert_eq!(lesson.meta.last_reviewed, "2026-11-20");
        assert_eq!(lesson.meta.level, Level::Debutant);
        let html = &lesson.body.html;
        assert!(
            html.contains("<aside class=\"key-points\" aria-label=\"Points clés\">"),
            "{html}"
        );
        assert!(html.contains("<a class=\"term\" href=\"#mot-reste-a-vivre\" rel=\"noopener noreferrer\">reste à vivre</a>"), "{html}");
        assert!(html.contains(">découverts</a>"));
        assert!(!html.contains(":::"), "blocks are expanded");
        assert!(
            !html.contains("ce qui reste\n"),
            "quizzes are not in the text"
        );
        assert_eq!(lesson.body.terms, ["reste-a-vivre", "decouvert"]);
        assert_eq!(lesson.body.quizzes.len(), 1);
        assert_eq!(lesson.body.quizzes[0].questions[0].line, 22);
    }

    #[test]
    fn an_unknown_glossary_term_names_file_and_line() {
        let text = GOOD.replace("[[découverts|découvert]]", "[[agios]]");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].to_string(), "content/m/02-le-reste-a-vivre.md:15: le mot « agios » n'est pas défini dans content/glossary.toml");
    }

    #[test]
    fn bad_front_matter_is_reported_with_its_line() {
        let errors =
            parse(&GOOD.replace("level = \"debutant\"", "level = \"expert\"")).unwrap_err();
        assert_eq!(errors[0].line, Some(5));
        assert!(errors[0].message.contains("expert"));
        let errors = parse(&GOOD.replace("reading_minutes = 5\n", "")).unwrap_err();
        assert!(
            errors[0].message.contains("reading_minutes"),
            "{}",
            errors[0]
        );
        let errors = parse(&GOOD.replace("https://www", "http://www")).unwrap_err();
        assert!(errors[0].message.contains("https://"));
        let errors = parse("Pas de fiche").unwrap_err();
        assert_eq!(errors[0].line, Some(1));
        let errors = parse(&GOOD.replace("last_reviewed = 2026-11-20", "last_reviewed = \"hier\""))
            .unwrap_err();
        assert_eq!(errors[0].line, Some(7));
    }

    #[test]
    fn broken_quizzes_and_blocks_are_reported_with_their_lines() {
        let errors = parse(&GOOD.replace("  > Non.", "")).unwrap_err();
        assert_eq!(errors[0].line, Some(26));
        let errors =
            parse(&GOOD.replace("section: calculer-son-reste-a-vivre", "section: ailleurs"))
                .unwrap_err();
        assert!(errors[0].message.contains("ailleurs"));
        let errors = parse(&GOOD.replace(":::points-cles", ":::attention")).unwrap_err();
        assert!(errors
            .iter()
            .any(|e| e.message.contains("bloc inconnu « :::attention »")));
        let errors = parse(&format!("{GOOD}\n:::quiz\n? Q\n")).unwrap_err();
        assert!(errors.iter().any(|e| e.message.contains("jamais fermé")));
        let errors = parse(
            &GOOD
                .replace("? Le reste", "?? Le reste")
                .replace("- [ ] tout", "* tout"),
        )
        .unwrap_err();
        assert!(errors.iter().any(|e| e.message.contains("incomprise")));
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let text = GOOD.replace("Léa reçoit 1 250 €.", "```\n:::quiz\n[[inconnu]]\n```");
        let lesson = parse(&text).unwrap();
        assert!(lesson.body.html.contains(":::quiz"));
    }

    #[test]
    fn the_easy_read_version_is_parsed_with_the_same_rules() {
        let easy =
            "Le [[reste à vivre]] : ce qui reste.\n\n:::points-cles\n- Un calcul simple.\n:::\n";
        let lesson = parse_lesson(
            "f.md",
            "02-le-reste-a-vivre.md",
            GOOD,
            Some(("f.facile.md", easy)),
            &glossary(),
        )
        .unwrap();
        assert!(lesson.easy.unwrap().html.contains("key-points"));
        let errors = parse_lesson(
            "f.md",
            "02-le-reste-a-vivre.md",
            GOOD,
            Some(("f.facile.md", "[[inconnu]]")),
            &glossary(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "f.facile.md:1: le mot « inconnu » n'est pas défini dans content/glossary.toml"
        );
    }

    #[test]
    fn lesson_file_names_give_order_and_slug() {
        assert_eq!(
            lesson_file_name("02-le-reste-a-vivre.md"),
            Some((2, "le-reste-a-vivre".into()))
        );
        assert_eq!(lesson_file_name("02-le-reste-a-vivre.facile.md"), None);
        assert_eq!(lesson_file_name("module.toml"), None);
        assert_eq!(lesson_file_name("2-x.md"), None);
        assert_eq!(lesson_file_name("README.md"), None);
    }
}
