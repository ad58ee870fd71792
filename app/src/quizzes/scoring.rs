//! Quiz scoring: pure, run on the server (the server's score is the one kept).
//! Validates the submitted answers first, so that a missing, duplicated, out-of-range
//! or forged answer is named and nothing wrong is scored.
use super::format::{parse_milli, Question, QuestionKind};
use serde::{Deserialize, Serialize};

/// What a person submitted for one question: option indexes (in the quiz's own order,
/// not the shuffled display order) or a typed number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Choices(Vec<usize>),
    Number(String),
}

/// Why a submission cannot be scored, per question (0-based index).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerError {
    Missing(usize),
    /// The same option sent twice.
    Duplicated(usize),
    /// An option index that does not exist, or several options for a one-answer question.
    Invalid(usize),
    /// A number that cannot be read.
    NotANumber(usize),
    /// An answer for a question the quiz does not have.
    UnknownQuestion(usize),
}

impl AnswerError {
    pub fn question(&self) -> usize {
        match self {
            AnswerError::Missing(q)
            | AnswerError::Duplicated(q)
            | AnswerError::Invalid(q)
            | AnswerError::NotANumber(q)
            | AnswerError::UnknownQuestion(q) => *q,
        }
    }
}

/// How well a lesson's quiz is known (the bands of DOMAIN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Mastery {
    /// Below 70 %.
    Attempted,
    /// 70 to 99 %.
    Familiar,
    /// 100 %.
    Proficient,
}

impl Mastery {
    pub const ALL: [Mastery; 3] = [Mastery::Attempted, Mastery::Familiar, Mastery::Proficient];

    /// Stable name, for the anonymous counters.
    pub fn code(self) -> &'static str {
        match self {
            Mastery::Attempted => "attempted",
            Mastery::Familiar => "familiar",
            Mastery::Proficient => "proficient",
        }
    }

    pub fn from_score(correct: usize, total: usize) -> Mastery {
        if total == 0 || correct * 100 < total * 70 {
            Mastery::Attempted
        } else if correct < total {
            Mastery::Familiar
        } else {
            Mastery::Proficient
        }
    }
}

/// The correction of one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub correct: bool,
    /// The options the person chose (quiz order), empty for numeric questions.
    pub chosen: Vec<usize>,
}

/// The correction of a whole quiz.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grade {
    pub results: Vec<QuestionResult>,
    pub correct: usize,
    pub total: usize,
    pub mastery: Mastery,
}

impl Grade {
    /// The score in whole percent, rounded down.
    pub fn percent(&self) -> usize {
        (self.correct * 100).checked_div(self.total).unwrap_or(0)
    }
}

fn check(
    question: &Question,
    index: usize,
    answer: &Answer,
) -> Result<QuestionResult, AnswerError> {
    match (question.kind, answer) {
        (QuestionKind::Numeric, Answer::Number(text)) => {
            let expected = question
                .numeric
                .as_ref()
                .ok_or(AnswerError::Invalid(index))?;
            let given = parse_milli(text.trim().trim_end_matches(&expected.unit).trim())
                .ok_or(AnswerError::NotANumber(index))?;
            let correct = (given - expected.value_milli).abs() <= expected.tolerance_milli;
            Ok(QuestionResult {
                correct,
                chosen: Vec::new(),
            })
        }
        (QuestionKind::Numeric, Answer::Choices(_)) | (_, Answer::Number(_)) => {
            Err(AnswerError::Invalid(index))
        }
        (kind, Answer::Choices(chosen)) => {
            if chosen.is_empty() {
                return Err(AnswerError::Missing(index));
            }
            let mut sorted = chosen.clone();
            sorted.sort_unstable();
            if sorted.windows(2).any(|w| w[0] == w[1]) {
                return Err(AnswerError::Duplicated(index));
            }
            if sorted.iter().any(|&c| c >= question.choices.len())
                || (kind != QuestionKind::Multiple && sorted.len() > 1)
            {
                return Err(AnswerError::Invalid(index));
            }
            let expected: Vec<usize> = question
                .choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| i)
                .collect();
            Ok(QuestionResult {
                correct: sorted == expected,
                chosen: sorted,
            })
        }
    }
}

/// Scores `answers` (question index, answer) against `questions`. Every question must be
/// answered exactly once; every problem is returned, in question order.
pub fn grade(
    questions: &[Question],
    answers: &[(usize, Answer)],
) -> Result<Grade, Vec<AnswerError>> {
    let mut errors = Vec::new();
    for (index, _) in answers {
        if *index >= questions.len() {
            errors.push(AnswerError::UnknownQuestion(*index));
        }
    }
    let mut results = Vec::with_capacity(questions.len());
    for (index, question) in questions.iter().enumerate() {
        let given: Vec<&Answer> = answers
            .iter()
            .filter(|(i, _)| *i == index)
            .map(|(_, a)| a)
            .collect();
        match given.as_slice() {
            [] => errors.push(AnswerError::Missing(index)),
            [answer] => match check(question, index, answer) {
                Ok(result) => results.push(result),
                Err(e) => errors.push(e),
            },
            _ => errors.push(AnswerError::Duplicated(index)),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(AnswerError::question);
        return Err(errors);
    }
    let correct = results.iter().filter(|r| r.correct).count();
    let total = questions.len();
    Ok(Grade {
        results,
        correct,
        total,
        mastery: Mastery::from_score(correct, total),
    })
}

/// A permutation of `0..n` drawn from `seed` (xorshift): the server picks the seed, so
/// the order shown is the server's and hydration never disagrees.
pub fn shuffled_order(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quizzes::format::parse_quiz;

    fn questions() -> Vec<Question> {
        let text = "? Un seul
- [x] a
  > oui
- [ ] b
  > non
?* Plusieurs
- [x] a
  > oui
- [ ] b
  > non
- [x] c
  > oui
? Vrai ou faux
- [ ] Vrai
  > non
- [x] Faux
  > oui
? Combien ?
= 320 € ± 1
> 320.";
        let lines: Vec<&str> = text.lines().collect();
        parse_quiz(&lines, 1).unwrap().questions
    }

    fn all_right() -> Vec<(usize, Answer)> {
        vec![
            (0, Answer::Choices(vec![0])),
            (1, Answer::Choices(vec![2, 0])),
            (2, Answer::Choices(vec![1])),
            (3, Answer::Number("320,50 €".into())),
        ]
    }

    #[test]
    fn a_perfect_submission_is_proficient() {
        let g = grade(&questions(), &all_right()).unwrap();
        assert_eq!(
            (g.correct, g.total, g.percent(), g.mastery),
            (4, 4, 100, Mastery::Proficient)
        );
    }

    #[test]
    fn wrong_answers_are_counted_and_banded() {
        let mut answers = all_right();
        answers[1] = (1, Answer::Choices(vec![0]));
        let g = grade(&questions(), &answers).unwrap();
        assert_eq!(
            (g.correct, g.percent(), g.mastery),
            (3, 75, Mastery::Familiar)
        );
        assert!(
            !g.results[1].correct,
            "a partial multiple answer is not right"
        );
        answers[3] = (3, Answer::Number("322".into()));
        let g = grade(&questions(), &answers).unwrap();
        assert_eq!((g.correct, g.mastery), (2, Mastery::Attempted));
    }

    #[test]
    fn bands_follow_the_thresholds() {
        assert_eq!(Mastery::from_score(6, 10), Mastery::Attempted);
        assert_eq!(Mastery::from_score(7, 10), Mastery::Familiar);
        assert_eq!(Mastery::from_score(9, 10), Mastery::Familiar);
        assert_eq!(Mastery::from_score(10, 10), Mastery::Proficient);
        assert_eq!(Mastery::from_score(0, 0), Mastery::Attempted);
    }

    #[test]
    fn missing_duplicated_out_of_range_and_forged_answers_are_named() {
        let q = questions();
        let mut answers = all_right();
        answers.remove(2);
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Missing(2)]
        );
        let mut answers = all_right();
        answers.push((0, Answer::Choices(vec![1])));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Duplicated(0)]
        );
        let mut answers = all_right();
        answers[1] = (1, Answer::Choices(vec![0, 0]));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Duplicated(1)]
        );
        let mut answers = all_right();
        answers[0] = (0, Answer::Choices(vec![7]));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Invalid(0)]
        );
        let mut answers = all_right();
        answers[0] = (0, Answer::Choices(vec![0, 1]));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Invalid(0)],
            "two answers to a one-answer question"
        );
        let mut answers = all_right();
        answers[3] = (3, Answer::Number("trois cents".into()));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::NotANumber(3)]
        );
        let mut answers = all_right();
        answers.push((9, Answer::Choices(vec![0])));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::UnknownQuestion(9)]
        );
        let mut answers = all_right();
        answers[2] = (2, Answer::Number("1".into()));
        assert_eq!(
            grade(&q, &answers).unwrap_err(),
            vec![AnswerError::Invalid(2)]
        );
    }

    #[test]
    fn shuffling_is_a_permutation_that_depends_on_the_seed() {
        for n in 0..8 {
            for seed in 0..50 {
                let mut order = shuffled_order(n, seed);
                order.sort_unstable();
                assert_eq!(order, (0..n).collect::<Vec<_>>());
            }
        }
        assert_eq!(shuffled_order(5, 42), shuffled_order(5, 42));
        assert!((0..20).any(|s| shuffled_order(4, s) != shuffled_order(4, s + 1)));
    }

    proptest::proptest! {
        #[test]
        fn the_score_never_exceeds_the_total(picks in proptest::collection::vec(0usize..3, 3), number in -1000i64..1000) {
            let q = questions();
            let answers = vec![
                (0, Answer::Choices(vec![picks[0] % 2])),
                (1, Answer::Choices(vec![picks[1]])),
                (2, Answer::Choices(vec![picks[2] % 2])),
                (3, Answer::Number(number.to_string())),
            ];
            let g = grade(&q, &answers).unwrap();
            proptest::prop_assert!(g.correct <= g.total);
            proptest::prop_assert_eq!(g.results.len(), 4);
        }
    }
}
