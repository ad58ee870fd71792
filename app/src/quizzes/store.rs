//! Quiz queries of the [`Store`]: loading a quiz from the published lessons, and keeping
//! each learner's last attempt and best score per quiz.
use super::{
    format::Quiz,
    model::{module_quiz_selection, LoadedQuiz, QuizKey, QuizQuestion},
    scoring::Answer,
};
use crate::{
    db::{rusqlite, sqlite_writer::positional, Db, Store, StoreError},
    on_pool,
};
use sha2::{Digest, Sha256};
use std::sync::{Arc, LazyLock};

/// The last attempt a learner made at a quiz, with their best score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResult {
    pub answers: Vec<(usize, Answer)>,
    pub correct: i64,
    pub total: i64,
    pub content_hash: String,
    pub best: (i64, i64),
    pub attempts: i64,
}

type QuizRow = (String, String, String, String, String, String);

/// How long a content version read for a quiz stands before it is read again.
const CONTENT_RECHECK: std::time::Duration = std::time::Duration::from_secs(1);

impl Store {
    /// The quiz of a published lesson, or the module quiz; `None` when there is none.
    /// Kept decoded for the current content version (see [`crate::db::versioned`]).
    pub async fn load_quiz(&self, key: &QuizKey) -> Result<Option<Arc<LoadedQuiz>>, StoreError> {
        // Read before the lessons (see the module named above), or the one read less
        // than a second ago: a quiz a trainer changes is graded anew within a second,
        // and a quiz answer does not wait for a read of its own.
        let version = self
            .quiz_content
            .get_or_read(CONTENT_RECHECK, self.content_version())
            .await?;
        if let Some(quiz) = self.quizzes.get(version, key) {
            return Ok(Some(quiz));
        }
        let Some(quiz) = self.read_quiz(key).await? else {
            return Ok(None);
        };
        let quiz = Arc::new(quiz);
        self.quizzes.put(version, key.clone(), quiz.clone());
        Ok(Some(quiz))
    }

    /// The quiz as read from the published lessons and decoded.
    async fn read_quiz(&self, key: &QuizKey) -> Result<Option<LoadedQuiz>, StoreError> {
        let rows: Vec<QuizRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT l.slug, l.title, l.quizzes, l.content_hash, m.title, m.language
                 FROM lessons l JOIN modules m ON m.slug = l.module_slug
                 WHERE l.module_slug = $1 AND l.published = TRUE AND m.published = TRUE
                 ORDER BY l.position, l.slug",
            )
            .bind(&key.module)
            .fetch_all(pool).await?
        });
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let (module_title, language) = (first.4.clone(), first.5.clone());
        let questions_of = |(slug, title, quizzes, ..): &QuizRow| -> Vec<QuizQuestion> {
            let quizzes: Vec<Quiz> = serde_json::from_str(quizzes).unwrap_or_default();
            quizzes
                .into_iter()
                .flat_map(|q| q.questions)
                .map(|question| QuizQuestion {
                    question,
                    lesson_slug: slug.clone(),
                    lesson_title: title.clone(),
                })
                .collect()
        };
        let (questions, lesson_title, hash) = match &key.lesson {
            Some(lesson) => {
                let Some(row) = rows.iter().find(|r| &r.0 == lesson) else {
                    return Ok(None);
                };
                (questions_of(row), Some(row.1.clone()), row.3.clone())
            }
            None => {
                let per_lesson: Vec<Vec<QuizQuestion>> = rows.iter().map(questions_of).collect();
                let mut hasher = Sha256::new();
                for row in &rows {
                    hasher.update(row.0.as_bytes());
                    hasher.update(row.3.as_bytes());
                }
                let hash = crate::hex::hex(&hasher.finalize());
                (module_quiz_selection(&per_lesson), None, hash)
            }
        };
        if questions.is_empty() {
            return Ok(None);
        }
        Ok(Some(LoadedQuiz {
            key: key.clone(),
            module_title,
            lesson_title,
            language,
            questions,
            content_hash: hash,
        }))
    }

    /// Records a scored attempt (creating the learner if needed, in the same transaction)
    /// and returns the best score (correct, total) and the number of attempts.
    #[allow(clippy::too_many_arguments)]
    pub async fn record_quiz_result(
        &self,
        learner: &str,
        key: &QuizKey,
        answers: &[(usize, Answer)],
        correct: i64,
        total: i64,
        content_hash: &str,
        now: i64,
    ) -> Result<((i64, i64), i64), StoreError> {
        let answers = serde_json::to_string(answers).unwrap_or_else(|_| "[]".into());
        let (learner, module, lesson, content_hash) = (
            learner.to_owned(),
            key.module.clone(),
            key.lesson_key().to_owned(),
            content_hash.to_owned(),
        );
        // The attempt, which keeps the best score compared as a fraction (cross-multiplied:
        // a quiz can change length between attempts). The learner's row (new, or seen
        // again now) is written by a trigger of the same statement (migration
        // `quiz_learner_trigger`): one statement, one round trip.
        const RESULT: &str = "INSERT INTO quiz_results (learner_id, module_slug, lesson_slug, last_answers, last_correct,
                                       last_total, content_hash, best_correct, best_total, attempts, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $6, 1, $8)
             ON CONFLICT (learner_id, module_slug, lesson_slug) DO UPDATE SET
               last_answers = excluded.last_answers,
               last_correct = excluded.last_correct,
               last_total = excluded.last_total,
               content_hash = excluded.content_hash,
               best_correct = CASE WHEN excluded.last_correct * quiz_results.best_total
                                      >= quiz_results.best_correct * excluded.last_total
                                   THEN excluded.last_correct ELSE quiz_results.best_correct END,
               best_total = CASE WHEN excluded.last_correct * quiz_results.best_total
                                      >= quiz_results.best_correct * excluded.last_total
                                 THEN excluded.last_total ELSE quiz_results.best_total END,
               attempts = quiz_results.attempts + 1,
               updated_at = excluded.updated_at
             RETURNING best_correct, best_total, attempts";
        type Best = (i64, i64, i64);
        macro_rules! run {
            ($executor:expr) => {
                sqlx::query_as::<_, Best>(RESULT)
                    .bind(&learner)
                    .bind(&module)
                    .bind(&lesson)
                    .bind(&answers)
                    .bind(correct)
                    .bind(total)
                    .bind(&content_hash)
                    .bind(now)
                    .fetch_one($executor)
                    .await?
            };
        }
        let row = match self.db() {
            // In the next group commit, with the other answers and sign-ups arriving; one
            // statement, so without a savepoint.
            Db::Sqlite(_) => {
                static SQLITE_RESULT: LazyLock<String> = LazyLock::new(|| positional(RESULT));
                self.sqlite_writer()?
                    .write_statement(move |conn| {
                        let best: Best = conn.prepare_cached(&SQLITE_RESULT)?.query_row(
                            rusqlite::params![
                                learner,
                                module,
                                lesson,
                                answers,
                                correct,
                                total,
                                content_hash,
                                now
                            ],
                            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                        )?;
                        Ok(best)
                    })
                    .await?
            }
            // In the next group commit of the instance's writer, with the sign-ups.
            Db::Postgres(_) => {
                self.postgres_writer()?
                    .write(move |conn| Box::pin(async move { Ok(run!(&mut *conn)) }))
                    .await?
            }
        };
        Ok(((row.0, row.1), row.2))
    }

    /// The learner's last attempt at a quiz, if any.
    pub async fn last_quiz_result(
        &self,
        learner: &str,
        key: &QuizKey,
    ) -> Result<Option<StoredResult>, StoreError> {
        type Row = (String, i64, i64, String, i64, i64, i64);
        let row: Option<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT last_answers, last_correct, last_total, content_hash, best_correct, best_total, attempts
                 FROM quiz_results WHERE learner_id = $1 AND module_slug = $2 AND lesson_slug = $3",
            )
            .bind(learner).bind(&key.module).bind(key.lesson_key())
            .fetch_optional(pool).await?
        });
        Ok(row.map(
            |(answers, correct, total, content_hash, best_correct, best_total, attempts)| {
                StoredResult {
                    answers: serde_json::from_str(&answers).unwrap_or_default(),
                    correct,
                    total,
                    content_hash,
                    best: (best_correct, best_total),
                    attempts,
                }
            },
        ))
    }
}
