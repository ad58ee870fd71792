//! Progress queries of the [`Store`]. Rows are tied to a random learner id only.
use super::model::{LessonProgress, ModuleProgress, ProgressOverview, ReadLesson};
use crate::lessons::model::Theme;
use crate::{
    db::{Store, StoreError},
    on_pool,
};
use rand::RngCore as _;

/// A new random learner id: 128 bits, hex.
pub fn new_learner_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    crate::hex::hex(&bytes)
}

impl Store {
    /// Marks a published lesson as read, recording the learner on first use. Returns false,
    /// and stores nothing, when the lesson does not exist.
    pub async fn mark_read(
        &self,
        learner: &str,
        module: &str,
        lesson: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let id: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM lessons WHERE module_slug = $1 AND slug = $2 AND published = TRUE",
            )
            .bind(module).bind(lesson)
            .fetch_optional(&mut *tx).await?;
            let Some(id) = id else { return Ok(false) };
            sqlx::query(
                "INSERT INTO learners (id, created_at, last_seen_at) VALUES ($1, $2, $2)
                 ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
            )
            .bind(learner).bind(now)
            .execute(&mut *tx).await?;
            let first = sqlx::query(
                "INSERT INTO lesson_reads (learner_id, lesson_id, read_at) VALUES ($1, $2, $3)
                 ON CONFLICT (learner_id, lesson_id) DO NOTHING",
            )
            .bind(learner).bind(id).bind(now)
            .execute(&mut *tx).await?.rows_affected() == 1;
            if first {
                crate::count_in_tx!(tx, crate::dashboard::model::metric::LESSON_FINISHED, module, now, 1_i64)?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The published lessons a learner has read, in catalogue order.
    pub async fn read_lessons(&self, learner: &str) -> Result<Vec<ReadLesson>, StoreError> {
        let rows: Vec<(String, String, String, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT m.slug, m.title, l.slug, l.title
                 FROM lesson_reads r
                 JOIN lessons l ON l.id = r.lesson_id
                 JOIN modules m ON m.slug = l.module_slug
                 WHERE r.learner_id = $1 AND l.published = TRUE AND m.published = TRUE
                 ORDER BY m.sort_order, m.title, l.position",
            )
            .bind(learner)
            .fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(module_slug, module_title, lesson_slug, lesson_title)| ReadLesson {
                    module_slug,
                    module_title,
                    lesson_slug,
                    lesson_title,
                },
            )
            .collect())
    }

    /// Notes that the learner came back, at most once a day (the 13-month clock).
    pub async fn touch_learner(&self, learner: &str, now: i64) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            sqlx::query("UPDATE learners SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2 - 86400")
                .bind(learner).bind(now)
                .execute(pool).await?;
        });
        Ok(())
    }

    /// What "Mon parcours" shows: the started modules with every lesson's read marker and
    /// best quiz score, the module quizzes, the kept budgets.
    pub async fn progress_overview(&self, learner: &str) -> Result<ProgressOverview, StoreError> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            bool,
            bool,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT m.slug, m.title, m.theme, l.slug, l.title, (l.quizzes <> '[]') AS has_quiz,
                        (r.lesson_id IS NOT NULL) AS is_read, q.best_correct, q.best_total
                 FROM lessons l
                 JOIN modules m ON m.slug = l.module_slug
                 LEFT JOIN lesson_reads r ON r.lesson_id = l.id AND r.learner_id = $1
                 LEFT JOIN quiz_results q ON q.learner_id = $1 AND q.module_slug = l.module_slug AND q.lesson_slug = l.slug
                 WHERE l.published = TRUE AND m.published = TRUE
                   AND m.slug IN (SELECT l2.module_slug FROM lesson_reads r2 JOIN lessons l2 ON l2.id = r2.lesson_id
                                  WHERE r2.learner_id = $1
                                  UNION SELECT module_slug FROM quiz_results WHERE learner_id = $1)
                 ORDER BY m.sort_order, m.title, l.position, l.slug",
            )
            .bind(learner)
            .fetch_all(pool).await?
        });
        let module_quizzes: Vec<(String, i64, i64)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT module_slug, best_correct, best_total FROM quiz_results WHERE learner_id = $1 AND lesson_slug = ''")
                .bind(learner).fetch_all(pool).await?
        });
        let kept_budgets: Vec<(String, i64)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT tool, kept_at FROM kept_budgets WHERE learner_id = $1 ORDER BY tool")
                .bind(learner).fetch_all(pool).await?
        });
        let has_resume_code: Option<bool> = on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT (resume_code_hash IS NOT NULL) FROM learners WHERE id = $1")
                .bind(learner).fetch_optional(pool).await?
        });
        let mut modules: Vec<ModuleProgress> = Vec::new();
        for (m_slug, m_title, theme, slug, title, has_quiz, read, best_correct, best_total) in rows
        {
            let lesson = LessonProgress {
                slug,
                title,
                read,
                has_quiz,
                best: best_correct.zip(best_total),
            };
            match modules.last_mut() {
                Some(m) if m.slug == m_slug => m.lessons.push(lesson),
                _ => modules.push(ModuleProgress {
                    module_quiz: module_quizzes
                        .iter()
                        .find(|(s, ..)| *s == m_slug)
                        .map(|(_, c, t)| (*c, *t)),
                    slug: m_slug,
                    title: m_title,
                    theme: Theme::parse(&theme).unwrap_or(Theme::Budget),
                    lessons: vec![lesson],
                }),
            }
        }
        Ok(ProgressOverview {
            modules,
            kept_budgets,
            has_resume_code: has_resume_code.unwrap_or(false),
        })
    }

    /// Sets the learner's resume code (stored hashed), replacing any earlier one. The
    /// learner is created if needed. Returns false if another learner has that code.
    pub async fn set_resume_code(
        &self,
        learner: &str,
        code_hash: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let taken: Option<String> = sqlx::query_scalar("SELECT id FROM learners WHERE resume_code_hash = $1")
                .bind(code_hash).fetch_optional(&mut *tx).await?;
            if taken.is_some_and(|id| id != learner) {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO learners (id, created_at, last_seen_at, resume_code_hash) VALUES ($1, $2, $2, $3)
                 ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
                                                resume_code_hash = excluded.resume_code_hash",
            )
            .bind(learner).bind(now).bind(code_hash)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The learner a resume code belongs to, if any.
    pub async fn learner_by_resume_code(
        &self,
        code_hash: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT id FROM learners WHERE resume_code_hash = $1")
                .bind(code_hash).fetch_optional(pool).await?
        }))
    }

    /// Erases everything tied to a learner ("forget me"). Returns the rows removed.
    pub async fn forget_learner(&self, learner: &str) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let mut removed = 0;
            // Every table holding a learner id, children first (see `LEARNER_TABLES`).
            for (table, column) in LEARNER_TABLES {
                removed += sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
                    .bind(learner).execute(&mut *tx).await?.rows_affected();
            }
            tx.commit().await?;
            Ok(removed)
        })
    }

    /// Rows still tied to a learner, in every table that has a learner id.
    pub async fn learner_row_count(&self, learner: &str) -> Result<i64, StoreError> {
        let mut count = 0;
        for (table, column) in LEARNER_TABLES {
            let n: i64 = on_pool!(self.db(), pool => {
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
                    .bind(learner).fetch_one(pool).await?
            });
            count += n;
        }
        Ok(count)
    }

    /// Deletes the learners not seen since `before` (13 months of inactivity) with all
    /// their rows. Returns how many learners were removed.
    pub async fn purge_inactive_learners(&self, before: i64) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            for (table, column) in &LEARNER_TABLES[..LEARNER_TABLES.len() - 1] {
                sqlx::query(&format!(
                    "DELETE FROM {table} WHERE {column} IN (SELECT id FROM learners WHERE last_seen_at < $1)"
                ))
                .bind(before).execute(&mut *tx).await?;
            }
            let removed = sqlx::query("DELETE FROM learners WHERE last_seen_at < $1")
                .bind(before).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            Ok(removed)
        })
    }
}

/// Every table with a learner id, and its column; `learners` itself last. A test checks
/// that no other table of the schema has a learner column, so none can be forgotten.
pub const LEARNER_TABLES: [(&str, &str); 5] = [
    ("lesson_reads", "learner_id"),
    ("quiz_results", "learner_id"),
    ("kept_budgets", "learner_id"),
    ("self_checks", "learner_id"),
    ("learners", "id"),
];
