//! Types of the quiz pages, and the pure steps between a posted form and a correction:
//! reading the form's fields into answers, and building the correction a person sees.
use super::{
    format::{Question, QuestionKind},
    scoring::{grade, Answer, AnswerError, Grade, Mastery},
};
use crate::app::paths;
use serde::{Deserialize, Serialize};

/// Which quiz: a lesson's, or the final quiz of a module (`lesson` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QuizKey {
    pub module: String,
    pub lesson: Option<String>,
}

impl QuizKey {
    /// The lesson part of the stored key: empty for a module quiz.
    pub fn lesson_key(&self) -> &str {
        self.lesson.as_deref().unwrap_or("")
    }

    /// Address of the quiz form (GET shows it, POST answers it).
    pub fn href(&self) -> String {
        match &self.lesson {
            Some(lesson) => format!("{}/{}/{lesson}/quiz", paths::MODULES, self.module),
            None => format!("{}/{}/quiz", paths::MODULES, self.module),
        }
    }

    /// Address of the page showing the stored correction of the last attempt.
    pub fn correction_href(&self) -> String {
        format!("{}/correction", self.href())
    }

    /// Address of the lesson (or module) the quiz belongs to.
    pub fn back_href(&self) -> String {
        match &self.lesson {
            Some(lesson) => format!("{}/{}/{lesson}", paths::MODULES, self.module),
            None => format!("{}/{}", paths::MODULES, self.module),
        }
    }
}

/// A question with the lesson that explains it (the module quiz draws on several).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizQuestion {
    pub question: Question,
    pub lesson_slug: String,
    pub lesson_title: String,
}

/// A quiz as loaded from the store, answers and explanations included (server side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadedQuiz {
    pub key: QuizKey,
    pub module_title: String,
    /// The lesson's title, or `None` for the module quiz.
    pub lesson_title: Option<String>,
    pub language: String,
    pub questions: Vec<QuizQuestion>,
    /// Changes whenever a question may have changed, so an old correction is not
    /// shown against new questions.
    pub content_hash: String,
}

impl LoadedQuiz {
    pub fn plain_questions(&self) -> Vec<Question> {
        self.questions.iter().map(|q| q.question.clone()).collect()
    }
}

/// One question as the form shows it: options in the (server-shuffled) display order,
/// each with its index in the quiz, which is what the form posts. No answer in here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownQuestion {
    pub index: usize,
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<(usize, String)>,
    pub unit: String,
}

/// The quiz form's data, handed to the island as a prop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownQuiz {
    pub key: QuizKey,
    pub module_title: String,
    pub lesson_title: Option<String>,
    pub language: String,
    pub questions: Vec<ShownQuestion>,
    /// The best score so far (correct, total), if this browser kept one.
    pub best: Option<(i64, i64)>,
}

impl ShownQuiz {
    /// Builds the form data; `order_of(question index, option count)` gives the display order.
    pub fn new(
        quiz: &LoadedQuiz,
        best: Option<(i64, i64)>,
        mut order_of: impl FnMut(usize, usize) -> Vec<usize>,
    ) -> ShownQuiz {
        let questions = quiz
            .questions
            .iter()
            .enumerate()
            .map(|(index, q)| {
                let q = &q.question;
                let options = match q.kind {
                    // True/false keeps "Vrai" before "Faux": shuffling two words helps nobody.
                    QuestionKind::TrueFalse => (0..q.choices.len()).collect(),
                    _ => order_of(index, q.choices.len()),
                };
                ShownQuestion {
                    index,
                    kind: q.kind,
                    text: q.text.clone(),
                    options: options
                        .into_iter()
                        .filter_map(|i| q.choices.get(i).map(|c| (i, c.text.clone())))
                        .collect(),
                    unit: q
                        .numeric
                        .as_ref()
                        .map(|n| n.unit.clone())
                        .unwrap_or_default(),
                }
            })
            .collect();
        ShownQuiz {
            key: quiz.key.clone(),
            module_title: quiz.module_title.clone(),
            lesson_title: quiz.lesson_title.clone(),
            language: quiz.language.clone(),
            questions,
            best,
        }
    }
}

/// Reads the posted fields (`q0=2`, `q1=0&q1=3`, `q4=320`) into answers. Anything that
/// does not fit (an unknown question, an option that is not a number) is kept as an
/// answer that scoring refuses with a named problem, never silently dropped.
pub fn answers_from_form(
    questions: &[Question],
    fields: &[(String, String)],
) -> Vec<(usize, Answer)> {
    let mut answers: Vec<(usize, Answer)> = Vec::new();
    for (name, value) in fields {
        let Some(index) = name.strip_prefix('q').and_then(|n| n.parse::<usize>().ok()) else {
            continue;
        };
        let value = value.trim();
        match questions.get(index).map(|q| q.kind) {
            Some(QuestionKind::Numeric) => {
                if !value.is_empty() {
                    answers.push((index, Answer::Number(value.to_string())));
                }
            }
            Some(_) => {
                // Not a number: an index no question has, so that scoring calls it invalid.
                let choice = value.parse::<usize>().unwrap_or(usize::MAX);
                match answers.iter_mut().find(|(i, _)| *i == index) {
                    Some((_, Answer::Choices(list))) => list.push(choice),
                    _ => answers.push((index, Answer::Choices(vec![choice]))),
                }
            }
            None => answers.push((index, Answer::Choices(Vec::new()))),
        }
    }
    answers
}

/// Answers read from a form, and their grade.
pub type Graded = (Vec<(usize, Answer)>, Grade);

/// Grades posted fields against a quiz.
pub fn grade_form(
    questions: &[Question],
    fields: &[(String, String)],
) -> Result<Graded, Vec<AnswerError>> {
    let answers = answers_from_form(questions, fields);
    grade(questions, &answers).map(|g| (answers, g))
}

/// One option in a correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedOption {
    pub text: String,
    pub right: bool,
    pub chosen: bool,
    pub explanation: String,
}

/// A numeric answer in a correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedNumber {
    pub given: String,
    /// The expected answer written the French way, with its tolerance and unit.
    pub expected: String,
    pub explanation: String,
}

/// The correction of one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedQuestion {
    pub text: String,
    pub correct: bool,
    pub options: Vec<CorrectedOption>,
    pub numeric: Option<CorrectedNumber>,
    /// Link to the part of the lesson that explains the answer.
    pub section_href: String,
    pub lesson_title: String,
}

/// What the correction page and the island show after an attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub key: QuizKey,
    pub module_title: String,
    pub lesson_title: Option<String>,
    pub language: String,
    pub questions: Vec<CorrectedQuestion>,
    pub correct: usize,
    pub total: usize,
    pub percent: usize,
    pub mastery: Mastery,
    pub best: (i64, i64),
    pub attempts: i64,
}

/// The outcome of a submission sent by the island.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuizOutcome {
    /// Scored and stored. `learner_created` is true when this created the anonymous learner.
    Graded {
        correction: Correction,
        learner_created: bool,
    },
    /// Refused: nothing was stored. The problems name the questions.
    Refused(Vec<AnswerError>),
}

/// The stored correction of a learner's last attempt, as the correction page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoredCorrection {
    /// No attempt kept for this quiz in this browser.
    None,
    Current(Correction),
    /// The quiz changed since the attempt: only the scores are still meaningful.
    Changed {
        correct: i64,
        total: i64,
        best: (i64, i64),
    },
}

/// Writes thousandths the French way: `320`, `12,5`, `-0,25`.
pub fn format_milli(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let units = abs / 1000;
    let frac = abs % 1000;
    let mut units_text = String::new();
    let digits = units.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            units_text.push('\u{202f}');
        }
        units_text.push(c);
    }
    if frac == 0 {
        format!("{sign}{units_text}")
    } else {
        let decimals = format!("{frac:03}");
        format!("{sign}{units_text},{}", decimals.trim_end_matches('0'))
    }
}

/// Builds the correction of a graded attempt.
pub fn build_correction(
    quiz: &LoadedQuiz,
    answers: &[(usize, Answer)],
    grade: &Grade,
    best: (i64, i64),
    attempts: i64,
) -> Correction {
    let questions = quiz
        .questions
        .iter()
        .zip(&grade.results)
        .enumerate()
        .map(|(index, (q, result))| {
            let question = &q.question;
            let numeric = question.numeric.as_ref().map(|n| {
                let given = answers
                    .iter()
                    .find_map(|(i, a)| match a {
                        Answer::Number(text) if *i == index => Some(text.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                let unit = if n.unit.is_empty() {
                    String::new()
                } else {
                    format!("\u{a0}{}", n.unit)
                };
                let expected = if n.tolerance_milli > 0 {
                    format!(
                        "{}{unit} (±\u{a0}{})",
                        format_milli(n.value_milli),
                        format_milli(n.tolerance_milli)
                    )
                } else {
                    format!("{}{unit}", format_milli(n.value_milli))
                };
                CorrectedNumber {
                    given,
                    expected,
                    explanation: n.explanation.clone(),
                }
            });
            let options = question
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| CorrectedOption {
                    text: c.text.clone(),
                    right: c.correct,
                    chosen: result.chosen.contains(&i),
                    explanation: c.explanation.clone(),
                })
                .collect();
            let lesson_href = format!("{}/{}/{}", paths::MODULES, quiz.key.module, q.lesson_slug);
            CorrectedQuestion {
                text: question.text.clone(),
                correct: result.correct,
                options,
                numeric,
                section_href: match &question.section {
                    Some(section) => format!("{lesson_href}#{section}"),
                    None => lesson_href,
                },
                lesson_title: q.lesson_title.clone(),
            }
        })
        .collect();
    Correction {
        key: quiz.key.clone(),
        module_title: quiz.module_title.clone(),
        lesson_title: quiz.lesson_title.clone(),
        language: quiz.language.clone(),
        questions,
        correct: grade.correct,
        total: grade.total,
        percent: grade.percent(),
        mastery: grade.mastery,
        best,
        attempts,
    }
}

/// The module quiz: up to this many questions in all.
pub const MODULE_QUIZ_MAX: usize = 10;

/// Picks the module quiz from its lessons' quizzes (each given in lesson order): the
/// first question of every lesson, then the second of every lesson, and so on, until
/// [`MODULE_QUIZ_MAX`]. Deterministic, so the form and the grading agree.
pub fn module_quiz_selection(per_lesson: &[Vec<QuizQuestion>]) -> Vec<QuizQuestion> {
    let mut picked = Vec::new();
    let longest = per_lesson.iter().map(Vec::len).max().unwrap_or(0);
    for round in 0..longest {
        for lesson in per_lesson {
            if picked.len() == MODULE_QUIZ_MAX {
                return picked;
            }
            if let Some(q) = lesson.get(round) {
                picked.push(q.clone());
            }
        }
    }
    picked
}

/// Mastery of a best score (correct, total).
pub fn mastery_of(best: (i64, i64)) -> Mastery {
    let (correct, total) = best;
    Mastery::from_score(correct.max(0) as usize, total.max(0) as usize)
}

/// Translation key of a mastery band's name.
pub fn mastery_key(mastery: Mastery) -> &'static str {
    match mastery {
        Mastery::Attempted => "mastery-attempted",
        Mastery::Familiar => "mastery-familiar",
        Mastery::Proficient => "mastery-proficient",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quizzes::format::parse_quiz;

    fn quiz() -> LoadedQuiz {
        let text = "? Un seul
- [x] a
  > oui a
- [ ] b
  > non b
?* Plusieurs
- [x] a
  > oui
- [ ] b
  > non
- [x] c
  > oui
? Combien ?
= 320 € ± 1,5
> 320.";
        let lines: Vec<&str> = text.lines().collect();
        let questions = parse_quiz(&lines, 1)
            .unwrap()
            .questions
            .into_iter()
            .map(|question| QuizQuestion {
                question,
                lesson_slug: "budget".into(),
                lesson_title: "Budget".into(),
            })
            .collect();
        LoadedQuiz {
            key: QuizKey {
                module: "m".into(),
                lesson: Some("budget".into()),
            },
            module_title: "M".into(),
            lesson_title: Some("Budget".into()),
            language: "fr".into(),
            questions,
            content_hash: "h".into(),
        }
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_posted_form_is_graded_and_corrected_with_explanations() {
        let q = quiz();
        let (answers, g) = grade_form(
            &q.plain_questions(),
            &fields(&[
                ("q0", "1"),
                ("q1", "2"),
                ("q1", "0"),
                ("q2", "321,5"),
                ("langue", "fr"),
            ]),
        )
        .unwrap();
        assert_eq!((g.correct, g.total), (2, 3));
        let c = build_correction(&q, &answers, &g, (2, 3), 1);
        assert!(!c.questions[0].correct);
        assert!(c.questions[0].options[1].chosen);
        assert_eq!(c.questions[0].options[1].explanation, "non b");
        assert!(c.questions[0].options[0].right);
        let n = c.questions[2].numeric.as_ref().unwrap();
        assert_eq!(n.given, "321,5");
        assert_eq!(n.expected, "320\u{a0}€ (±\u{a0}1,5)");
        assert_eq!(c.questions[2].section_href, "/modules/m/budget");
    }

    #[test]
    fn forged_and_missing_fields_are_named_not_dropped() {
        let q = quiz().plain_questions();
        let errors =
            grade_form(&q, &fields(&[("q0", "zéro"), ("q1", "0"), ("q7", "1")])).unwrap_err();
        assert_eq!(
            errors,
            vec![
                AnswerError::Invalid(0),
                AnswerError::Missing(2),
                AnswerError::UnknownQuestion(7)
            ]
        );
        let errors = grade_form(
            &q,
            &fields(&[("q0", "0"), ("q0", "1"), ("q1", "0"), ("q2", "")]),
        )
        .unwrap_err();
        assert_eq!(
            errors,
            vec![AnswerError::Invalid(0), AnswerError::Missing(2)]
        );
    }

    #[test]
    fn shown_questions_carry_no_answer_and_keep_every_option_once() {
        let q = quiz();
        let shown = ShownQuiz::new(&q, None, |_, n| (0..n).rev().collect());
        assert_eq!(
            shown.questions[1]
                .options
                .iter()
                .map(|o| o.0)
                .collect::<Vec<_>>(),
            vec![2, 1, 0]
        );
        assert_eq!(shown.questions[2].unit, "€");
        let json = serde_json::to_string(&shown).unwrap();
        assert!(!json.contains("oui"), "explanations stay on the server");
    }

    #[test]
    fn the_module_quiz_takes_questions_from_every_lesson_first() {
        let q = quiz().questions;
        let three = vec![q.clone(), q[..1].to_vec(), q[..2].to_vec()];
        let picked = module_quiz_selection(&three);
        assert_eq!(picked.len(), 6);
        assert_eq!(picked[0], q[0]);
        assert_eq!(picked[1], q[0]);
        assert_eq!(picked[3], q[1]);
        let many = vec![q.clone(); 8];
        assert_eq!(module_quiz_selection(&many).len(), MODULE_QUIZ_MAX);
    }

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(format_milli(320_000), "320");
        assert_eq!(format_milli(12_500), "12,5");
        assert_eq!(format_milli(1_250_000), "1\u{202f}250");
        assert_eq!(format_milli(-250), "-0,25");
    }
}
