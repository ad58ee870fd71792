//! Progress queries of the [`Store`]. Rows are tied to a random learner id only.
use super::model::ReadLesson;
use crate::{
    db::{Store, StoreError},
    on_pool,
};
use rand::RngCore as _;

/// A new random learner id: 128 bits, hex.
pub fn new_learner_id() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
            let mut tx = pool.begin().await?;
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
            sqlx::query(
                "INSERT INTO lesson_reads (learner_id, lesson_id, read_at) VALUES ($1, $2, $3)
                 ON CONFLICT (learner_id, lesson_id) DO NOTHING",
            )
            .bind(learner).bind(id).bind(now)
            .execute(&mut *tx).await?;
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

    /// Erases everything tied to a learner ("forget me"). Returns the rows removed.
    pub async fn forget_learner(&self, learner: &str) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let reads = sqlx::query("DELETE FROM lesson_reads WHERE learner_id = $1").bind(learner).execute(&mut *tx).await?.rows_affected();
            let learners = sqlx::query("DELETE FROM learners WHERE id = $1").bind(learner).execute(&mut *tx).await?.rows_affected();
            tx.commit().await?;
            Ok(reads + learners)
        })
    }

    /// Rows still tied to a learner, in every table that has a learner id.
    pub async fn learner_row_count(&self, learner: &str) -> Result<i64, StoreError> {
        on_pool!(self.db(), pool => {
            let count: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM learners WHERE id = $1) + (SELECT COUNT(*) FROM lesson_reads WHERE learner_id = $1)",
            )
            .bind(learner)
            .fetch_one(pool).await?;
            Ok(count)
        })
    }
}
