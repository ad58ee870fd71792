//! The rules a program can check over the whole `content/` tree (the editorial rules
//! are in content/README.md): every file parses (front matter complete, quiz options
//! explained, glossary terms defined, anchors existing), lesson lengths, key points,
//! quizzes, easy-read versions, and sources behind figures.
#![cfg(feature = "ssr")]

use app::lessons::{import::read_tree, model::Theme};
use std::path::Path;

fn tree() -> app::lessons::import::Tree {
    read_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../content"))
}

fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[test]
fn every_content_file_parses_without_a_problem() {
    let tree = tree();
    let problems: Vec<String> = tree.errors.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
    assert!(tree.modules.len() >= 2);
}

#[test]
fn every_module_has_three_to_six_lessons_and_an_easy_read_one() {
    for module in tree().modules {
        let n = module.lessons.len();
        assert!((3..=6).contains(&n), "{} has {n} lessons", module.meta.slug);
        assert!(
            module.lessons.iter().any(|l| l.lesson.easy.is_some()),
            "{} has no easy-read lesson",
            module.meta.slug
        );
    }
}

#[test]
fn the_catalogue_covers_every_theme() {
    let tree = tree();
    for theme in Theme::ALL {
        assert!(
            tree.modules.iter().any(|m| m.meta.theme == theme),
            "no module on {theme:?}"
        );
    }
}

#[test]
fn budget_and_debt_lessons_all_have_an_easy_read_version() {
    for module in tree()
        .modules
        .into_iter()
        .filter(|m| matches!(m.meta.theme, Theme::Budget | Theme::Debt))
    {
        for l in &module.lessons {
            assert!(
                l.lesson.easy.is_some(),
                "{}/{} has no easy-read version",
                module.meta.slug,
                l.lesson.slug
            );
        }
    }
}

#[test]
fn lessons_are_300_to_900_words_with_key_points_and_a_quiz() {
    for module in tree().modules {
        for l in &module.lessons {
            let name = format!("{}/{}", module.meta.slug, l.lesson.slug);
            let n = words(&l.lesson.body.text);
            assert!((300..=900).contains(&n), "{name} has {n} words");
            assert!(
                l.lesson.body.html.contains("class=\"key-points\""),
                "{name} has no key points box"
            );
            assert!(!l.lesson.body.quizzes.is_empty(), "{name} has no quiz");
            for q in l.lesson.body.quizzes.iter().flat_map(|q| &q.questions) {
                assert!(
                    q.choices.iter().all(|c| !c.explanation.is_empty()),
                    "{name}: an option lacks an explanation"
                );
            }
            if let Some(easy) = &l.lesson.easy {
                let n = words(&easy.text);
                assert!((80..=600).contains(&n), "{name} easy-read has {n} words");
            }
        }
    }
}

/// A sentence states a figure when it has a number next to a unit people act on.
fn states_a_figure(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let has_digit = lower.chars().any(|c| c.is_ascii_digit());
    has_digit
        && ["€", "%", " jours", " mois", " ans", " heures"]
            .iter()
            .any(|u| lower.contains(u))
}

#[test]
fn lessons_with_figures_name_official_sources_and_a_review_date() {
    for module in tree().modules {
        for l in &module.lessons {
            let name = format!("{}/{}", module.meta.slug, l.lesson.slug);
            let figures = l
                .lesson
                .body
                .text
                .split(['.', '!', '?', '\n'])
                .filter(|s| states_a_figure(s))
                .count();
            if figures > 0 {
                assert!(
                    !l.lesson.meta.sources.is_empty(),
                    "{name} states {figures} figures without a source"
                );
            }
            assert!(
                l.lesson
                    .meta
                    .sources
                    .iter()
                    .all(|s| s.url.starts_with("https://")),
                "{name}"
            );
            assert_eq!(l.lesson.meta.last_reviewed.len(), 10, "{name} review date");
        }
    }
}

#[test]
fn the_glossary_is_used_and_every_term_has_a_definition() {
    let tree = tree();
    let used: std::collections::HashSet<&String> = tree
        .modules
        .iter()
        .flat_map(|m| &m.lessons)
        .flat_map(|l| {
            l.lesson
                .body
                .terms
                .iter()
                .chain(l.lesson.easy.iter().flat_map(|e| &e.terms))
        })
        .collect();
    for term in tree.glossary.terms.values() {
        assert!(!term.definition.trim().is_empty(), "{}", term.name);
        assert!(
            used.contains(&term.slug),
            "glossary term « {} » is used by no lesson",
            term.name
        );
    }
}
