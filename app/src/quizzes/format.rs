//! The `:::quiz` block format (documented for trainers in `content/README.md`).
//! Pure: lines in, a validated [`Quiz`] or problems with their line numbers out.
use serde::{Deserialize, Serialize};

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Numeric,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub explanation: String,
}

/// A numeric answer: value and tolerance in thousandths (no floats), with a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumericAnswer {
    pub value_milli: i64,
    pub tolerance_milli: i64,
    pub unit: String,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub kind: QuestionKind,
    pub text: String,
    /// Anchor of the lesson section that explains the answer.
    pub section: Option<String>,
    pub choices: Vec<Choice>,
    pub numeric: Option<NumericAnswer>,
    /// Line of the question in the lesson file.
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

/// A problem in a quiz block: line in the file and a plain French message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizError {
    pub line: usize,
    pub message: String,
}

/// Parses a decimal number written the French or English way (`12,5`, `1 250`, `-3.25`)
/// into thousandths.
pub fn parse_milli(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, cleaned),
    };
    let digits = digits.replace(',', ".");
    let (units, decimals) = digits.split_once('.').unwrap_or((&digits, ""));
    if units.is_empty() && decimals.is_empty()
        || !units.chars().all(|c| c.is_ascii_digit())
        || !decimals.chars().all(|c| c.is_ascii_digit())
        || decimals.len() > 3
        || units.len() > 12
    {
        return None;
    }
    let units: i64 = if units.is_empty() {
        0
    } else {
        units.parse().ok()?
    };
    let frac: i64 = format!("{decimals:0<3}").parse().ok()?;
    let value = units * 1000 + frac;
    Some(if negative { -value } else { value })
}

/// Splits `320 €`, `12,5 % ± 0,5`, `3 ± 1 mois` into value, tolerance and unit.
fn parse_numeric(spec: &str) -> Result<(i64, i64, String), String> {
    let (main, tolerance_part) = match spec.split_once('±') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (spec.trim(), None),
    };
    let split_number = |s: &str| -> (String, String) {
        let end = s
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | ' ' | '\u{202f}')))
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        (s[..end].trim().to_string(), s[end..].trim().to_string())
    };
    let (number, mut unit) = split_number(main);
    let value = parse_milli(&number).ok_or_else(|| format!("« {main} » n'est pas un nombre"))?;
    let tolerance = match tolerance_part {
        None => 0,
        Some(t) => {
            let (number, tolerance_unit) = split_number(t);
            if unit.is_empty() {
                unit = tolerance_unit;
            }
            match parse_milli(&number) {
                Some(v) if v >= 0 => v,
                _ => return Err(format!("l'écart « {t} » n'est pas un nombre positif")),
            }
        }
    };
    Ok((value, tolerance, unit))
}

fn is_true_false(choices: &[Choice]) -> bool {
    choices.len() == 2
        && choices
            .iter()
            .any(|c| c.text.eq_ignore_ascii_case("vrai") || c.text.eq_ignore_ascii_case("true"))
        && choices
            .iter()
            .any(|c| c.text.eq_ignore_ascii_case("faux") || c.text.eq_ignore_ascii_case("false"))
}

/// What the last line added, so that an explanation line knows what it explains.
enum Last {
    Nothing,
    Choice,
    Numeric,
}

struct Draft {
    text: String,
    multiple: bool,
    line: usize,
    section: Option<String>,
    choices: Vec<(Choice, usize)>,
    numeric: Option<(NumericAnswer, usize)>,
}

impl Draft {
    fn finish(self, errors: &mut Vec<QuizError>) -> Option<Question> {
        let err = |line: usize, message: String| QuizError { line, message };
        let before = errors.len();
        if self.text.is_empty() {
            errors.push(err(self.line, "la question est vide".into()));
        }
        for (choice, line) in &self.choices {
            if choice.explanation.is_empty() {
                errors.push(err(
                    *line,
                    format!(
                        "la réponse « {} » n'a pas d'explication (ligne « > … » dessous)",
                        choice.text
                    ),
                ));
            }
        }
        let kind = match (&self.numeric, self.choices.is_empty()) {
            (Some((n, line)), true) => {
                if n.explanation.is_empty() {
                    errors.push(err(
                        *line,
                        "la réponse en nombre n'a pas d'explication (ligne « > … » dessous)".into(),
                    ));
                }
                QuestionKind::Numeric
            }
            (Some((_, line)), false) => {
                errors.push(err(*line, "une question a soit des réponses à cocher, soit une réponse en nombre, pas les deux".into()));
                QuestionKind::Numeric
            }
            (None, true) => {
                errors.push(err(self.line, "la question n'a aucune réponse".into()));
                QuestionKind::Single
            }
            (None, false) => {
                let correct = self.choices.iter().filter(|(c, _)| c.correct).count();
                if self.choices.len() < 2 {
                    errors.push(err(
                        self.line,
                        "une question à cocher a au moins deux réponses".into(),
                    ));
                }
                if correct == 0 {
                    errors.push(err(
                        self.line,
                        "aucune bonne réponse n'est cochée avec [x]".into(),
                    ));
                }
                if self.multiple {
                    QuestionKind::Multiple
                } else {
                    if correct > 1 {
                        errors.push(err(
                            self.line,
                            "plusieurs bonnes réponses : commencez la question par « ?* »".into(),
                        ));
                    }
                    let choices: Vec<Choice> =
                        self.choices.iter().map(|(c, _)| c.clone()).collect();
                    if is_true_false(&choices) {
                        QuestionKind::TrueFalse
                    } else {
                        QuestionKind::Single
                    }
                }
            }
        };
        (errors.len() == before).then(|| Question {
            kind,
            text: self.text,
            section: self.section,
            choices: self.choices.into_iter().map(|(c, _)| c).collect(),
            numeric: self.numeric.map(|(n, _)| n),
            line: self.line,
        })
    }
}

/// Parses the lines between `:::quiz` and `:::`. `first_line` is the file line number of
/// the first of them.
pub fn parse_quiz(lines: &[&str], first_line: usize) -> Result<Quiz, Vec<QuizError>> {
    let mut errors = Vec::new();
    let mut questions = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut last = Last::Nothing;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('?') {
            if let Some(done) = draft.take() {
                questions.extend(done.finish(&mut errors));
            }
            let (multiple, text) = match rest.strip_prefix('*') {
                Some(text) => (true, text),
                None => (false, rest),
            };
            draft = Some(Draft {
                text: text.trim().to_string(),
                multiple,
                line: line_no,
                section: None,
                choices: Vec::new(),
                numeric: None,
            });
            last = Last::Nothing;
            continue;
        }
        let Some(current) = draft.as_mut() else {
            errors.push(QuizError {
                line: line_no,
                message: "le quiz doit commencer par une question (ligne qui commence par « ? »)"
                    .into(),
            });
            continue;
        };
        if let Some(rest) = line
            .strip_prefix("- [x]")
            .or_else(|| line.strip_prefix("- [X]"))
        {
            current.choices.push((
                Choice {
                    text: rest.trim().to_string(),
                    correct: true,
                    explanation: String::new(),
                },
                line_no,
            ));
            last = Last::Choice;
        } else if let Some(rest) = line.strip_prefix("- [ ]") {
            current.choices.push((
                Choice {
                    text: rest.trim().to_string(),
                    correct: false,
                    explanation: String::new(),
                },
                line_no,
            ));
            last = Last::Choice;
        } else if let Some(rest) = line.strip_prefix('=') {
            match parse_numeric(rest) {
                Ok((value_milli, tolerance_milli, unit)) => {
                    current.numeric = Some((
                        NumericAnswer {
                            value_milli,
                            tolerance_milli,
                            unit,
                            explanation: String::new(),
                        },
                        line_no,
                    ));
                    last = Last::Numeric;
                }
                Err(message) => errors.push(QuizError {
                    line: line_no,
                    message,
                }),
            }
        } else if let Some(rest) = line.strip_prefix('>') {
            let target = match last {
                Last::Choice => current.choices.last_mut().map(|(c, _)| &mut c.explanation),
                Last::Numeric => current.numeric.as_mut().map(|(n, _)| &mut n.explanation),
                Last::Nothing => None,
            };
            match target {
                Some(explanation) => {
                    if !explanation.is_empty() {
                        explanation.push(' ');
                    }
                    explanation.push_str(rest.trim());
                }
                None => errors.push(QuizError {
                    line: line_no,
                    message: "une explication « > » doit suivre une réponse".into(),
                }),
            }
        } else if let Some(rest) = line.strip_prefix("section:") {
            current.section = Some(rest.trim().trim_start_matches('#').to_string());
        } else {
            errors.push(QuizError {
                line: line_no,
                message: format!("ligne de quiz incomprise : « {line} » (attendu : « ? », « - [x] », « - [ ] », « > », « = » ou « section: »)"),
            });
        }
    }
    if let Some(done) = draft.take() {
        questions.extend(done.finish(&mut errors));
    }
    if questions.is_empty() && errors.is_empty() {
        errors.push(QuizError {
            line: first_line.saturating_sub(1),
            message: "le quiz est vide".into(),
        });
    }
    if errors.is_empty() {
        Ok(Quiz { questions })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Quiz, Vec<QuizError>> {
        let lines: Vec<&str> = text.lines().collect();
        parse_quiz(&lines, 10)
    }

    const ALL_KINDS: &str = "? Le reste à vivre, c'est :
section: calculer
- [x] ce qui reste
  > Oui.
- [ ] tout
  > Non.

?* Charges fixes ?
- [x] loyer
  > Oui.
- [x] assurance
  > Oui.
- [ ] restaurant
  > Non.

? Vrai ou faux : le découvert est gratuit.
- [ ] Vrai
  > Non.
- [x] Faux
  > Exact.

? Combien lui reste-t-il ?
= 1 250,5 € ± 0,5
> 1 250,50 €.
";

    #[test]
    fn every_question_kind_is_read() {
        let quiz = parse(ALL_KINDS).unwrap();
        let kinds: Vec<_> = quiz.questions.iter().map(|q| q.kind).collect();
        assert_eq!(
            kinds,
            vec![
                QuestionKind::Single,
                QuestionKind::Multiple,
                QuestionKind::TrueFalse,
                QuestionKind::Numeric
            ]
        );
        assert_eq!(quiz.questions[0].section.as_deref(), Some("calculer"));
        assert_eq!(quiz.questions[0].line, 10);
        assert_eq!(quiz.questions[0].choices[1].explanation, "Non.");
        let n = quiz.questions[3].numeric.as_ref().unwrap();
        assert_eq!(
            (n.value_milli, n.tolerance_milli, n.unit.as_str()),
            (1_250_500, 500, "€")
        );
    }

    #[test]
    fn an_option_without_explanation_is_named_with_its_line() {
        let errors = parse("? Q\n- [x] a\n- [ ] b\n  > Non.").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 11);
        assert!(errors[0].message.contains("« a »"));
    }

    #[test]
    fn structural_mistakes_are_explained() {
        assert!(parse("? Q\n- [ ] a\n  > x\n- [ ] b\n  > y").unwrap_err()[0]
            .message
            .contains("aucune bonne réponse"));
        assert!(parse("? Q\n- [x] a\n  > x\n- [x] b\n  > y").unwrap_err()[0]
            .message
            .contains("?*"));
        assert!(parse("- [x] a").unwrap_err()[0]
            .message
            .contains("commencer par une question"));
        assert!(parse("? Q\n* choix")
            .unwrap_err()
            .iter()
            .any(|e| e.message.contains("incomprise")));
        assert!(parse("? Q\n= beaucoup").unwrap_err()[0]
            .message
            .contains("pas un nombre"));
        assert!(parse("? Q\n= 3\n> ok\n- [x] a\n  > b").unwrap_err()[0]
            .message
            .contains("pas les deux"));
        assert!(parse("").unwrap_err()[0].message.contains("vide"));
        assert!(parse("? Q\n> orphan")
            .unwrap_err()
            .iter()
            .any(|e| e.message.contains("doit suivre")));
    }

    #[test]
    fn numbers_are_read_the_french_and_english_way() {
        assert_eq!(parse_milli("12,5"), Some(12_500));
        assert_eq!(parse_milli("1 250"), Some(1_250_000));
        assert_eq!(parse_milli("-3.25"), Some(-3_250));
        assert_eq!(parse_milli("0,001"), Some(1));
        assert_eq!(parse_milli("0,0001"), None);
        assert_eq!(parse_milli("abc"), None);
        assert_eq!(parse_numeric("12,5 % ± 0,5"), Ok((12_500, 500, "%".into())));
        assert_eq!(
            parse_numeric("3 ± 1 mois"),
            Ok((3_000, 1_000, "mois".into()))
        );
        assert_eq!(parse_numeric("320 €"), Ok((320_000, 0, "€".into())));
    }
}
