//! Types of the progress pages, and the pure choice of what to suggest next.
use crate::{
    lessons::model::Theme,
    quizzes::{model::mastery_of, scoring::Mastery},
};
use serde::{Deserialize, Serialize};

/// A lesson the learner has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadLesson {
    pub module_slug: String,
    pub module_title: String,
    pub lesson_slug: String,
    pub lesson_title: String,
}

/// A one-time message shown after a form was handled (Post/Redirect/Get).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
    /// The first explicit action created the anonymous learner.
    LearnerCreated,
    MarkedRead,
    Forgotten,
    QuizSaved,
    BudgetKept,
    SelfCheckKept,
    Restored,
    PasswordChanged,
}

impl Flash {
    pub fn message_key(self) -> &'static str {
        match self {
            Flash::LearnerCreated => "flash-learner-created",
            Flash::MarkedRead => "flash-marked-read",
            Flash::Forgotten => "flash-forgotten",
            Flash::QuizSaved => "flash-quiz-saved",
            Flash::BudgetKept => "flash-budget-kept",
            Flash::SelfCheckKept => "flash-self-check-kept",
            Flash::Restored => "flash-restored",
            Flash::PasswordChanged => "password-changed",
        }
    }
}

/// A lesson of a module the learner started, with what they did in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonProgress {
    pub slug: String,
    pub title: String,
    pub read: bool,
    pub has_quiz: bool,
    /// Best quiz score (correct, total), if the quiz was taken.
    pub best: Option<(i64, i64)>,
}

impl LessonProgress {
    pub fn mastery(&self) -> Option<Mastery> {
        self.best.map(mastery_of)
    }
}

/// A module the learner started (read a lesson or took a quiz in it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleProgress {
    pub slug: String,
    pub title: String,
    pub theme: Theme,
    pub lessons: Vec<LessonProgress>,
    /// Best score of the module quiz, if taken.
    pub module_quiz: Option<(i64, i64)>,
}

impl ModuleProgress {
    /// Finished when every lesson is read.
    pub fn finished(&self) -> bool {
        !self.lessons.is_empty() && self.lessons.iter().all(|l| l.read)
    }

    pub fn read_count(&self) -> usize {
        self.lessons.iter().filter(|l| l.read).count()
    }

    /// True when a quiz of this module is below the "familiar" band.
    pub fn struggled(&self) -> bool {
        self.lessons
            .iter()
            .filter_map(LessonProgress::mastery)
            .chain(self.module_quiz.map(mastery_of))
            .any(|m| m == Mastery::Attempted)
    }
}

/// Everything "Mon parcours" shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressOverview {
    pub modules: Vec<ModuleProgress>,
    /// Budget tools whose values the learner kept, with when (Unix seconds).
    pub kept_budgets: Vec<(String, i64)>,
    pub has_resume_code: bool,
}

/// Why a lesson is suggested next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuggestionReason {
    /// Its quiz is below 70 %, or between 70 and 99 %.
    Review(Mastery),
    /// Not read yet, in a module already started.
    NotRead,
    /// Read, but its quiz was never taken.
    QuizNotTaken,
}

/// A lesson suggested next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub module_slug: String,
    pub lesson_slug: String,
    pub lesson_title: String,
    pub reason: SuggestionReason,
}

/// How many suggestions "Mon parcours" shows.
pub const SUGGESTIONS_MAX: usize = 5;

/// The lessons to do next, lowest mastery first: quizzes below 70 %, then 70 to 99 %,
/// then unread lessons of started modules, then read lessons whose quiz was never taken.
/// Mastered lessons are not suggested. Catalogue order breaks ties.
pub fn suggestions(overview: &ProgressOverview) -> Vec<Suggestion> {
    let rank = |l: &LessonProgress| -> Option<(u8, SuggestionReason)> {
        match l.mastery() {
            Some(Mastery::Attempted) => Some((0, SuggestionReason::Review(Mastery::Attempted))),
            Some(Mastery::Familiar) => Some((1, SuggestionReason::Review(Mastery::Familiar))),
            Some(Mastery::Proficient) => None,
            None if !l.read => Some((2, SuggestionReason::NotRead)),
            None if l.has_quiz => Some((3, SuggestionReason::QuizNotTaken)),
            None => None,
        }
    };
    let mut ranked: Vec<(u8, usize, Suggestion)> = overview
        .modules
        .iter()
        .flat_map(|m| m.lessons.iter().map(move |l| (m, l)))
        .enumerate()
        .filter_map(|(order, (m, l))| {
            rank(l).map(|(r, reason)| {
                (
                    r,
                    order,
                    Suggestion {
                        module_slug: m.slug.clone(),
                        lesson_slug: l.slug.clone(),
                        lesson_title: l.title.clone(),
                        reason,
                    },
                )
            })
        })
        .collect();
    ranked.sort_by_key(|(r, order, _)| (*r, *order));
    ranked
        .into_iter()
        .take(SUGGESTIONS_MAX)
        .map(|(_, _, s)| s)
        .collect()
}

/// The themes of the modules where a quiz is below 70 %, for the workshops to suggest.
pub fn struggled_themes(overview: &ProgressOverview) -> Vec<Theme> {
    let mut themes = Vec::new();
    for m in overview.modules.iter().filter(|m| m.struggled()) {
        if !themes.contains(&m.theme) {
            themes.push(m.theme);
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(slug: &str, read: bool, best: Option<(i64, i64)>) -> LessonProgress {
        LessonProgress {
            slug: slug.into(),
            title: slug.to_uppercase(),
            read,
            has_quiz: true,
            best,
        }
    }

    fn overview() -> ProgressOverview {
        ProgressOverview {
            modules: vec![
                ModuleProgress {
                    slug: "budget".into(),
                    title: "Budget".into(),
                    theme: Theme::Budget,
                    lessons: vec![
                        lesson("a", true, Some((4, 4))),
                        lesson("b", true, Some((3, 4))),
                        lesson("c", false, None),
                        lesson("d", true, None),
                    ],
                    module_quiz: None,
                },
                ModuleProgress {
                    slug: "credit".into(),
                    title: "Crédit".into(),
                    theme: Theme::Credit,
                    lessons: vec![lesson("e", true, Some((1, 4))), lesson("f", false, None)],
                    module_quiz: Some((2, 2)),
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn suggestions_start_with_the_lowest_mastery_and_skip_mastered_lessons() {
        let s = suggestions(&overview());
        let slugs: Vec<&str> = s.iter().map(|s| s.lesson_slug.as_str()).collect();
        assert_eq!(slugs, vec!["e", "b", "c", "f", "d"]);
        assert_eq!(s[0].reason, SuggestionReason::Review(Mastery::Attempted));
        assert_eq!(s[2].reason, SuggestionReason::NotRead);
        assert_eq!(s[4].reason, SuggestionReason::QuizNotTaken);
    }

    #[test]
    fn a_module_is_finished_when_every_lesson_is_read() {
        let o = overview();
        assert!(!o.modules[0].finished());
        let mut done = o.modules[0].clone();
        done.lessons.iter_mut().for_each(|l| l.read = true);
        assert!(done.finished());
        assert_eq!(o.modules[0].read_count(), 3);
    }

    #[test]
    fn only_themes_with_a_quiz_below_seventy_percent_are_struggles() {
        assert_eq!(struggled_themes(&overview()), vec![Theme::Credit]);
    }
}
