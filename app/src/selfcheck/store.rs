//! Self-check queries of the [`Store`]: the result a learner keeps in "Mon parcours".
use super::model::{Answers, Level};
use crate::{
    db::{Store, StoreError},
    on_pool,
};

impl Store {
    /// Keeps a self-check result in the learner's progress (replacing the previous one).
    pub async fn keep_self_check(
        &self,
        learner: &str,
        level: Level,
        answers: &Answers,
        now: i64,
    ) -> Result<(), StoreError> {
        let answers = serde_json::to_string(answers).unwrap_or_else(|_| "[]".into());
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            sqlx::query(
                "INSERT INTO learners (id, created_at, last_seen_at) VALUES ($1, $2, $2)
                 ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
            )
            .bind(learner).bind(now)
            .execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO self_checks (learner_id, level, answers, kept_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (learner_id) DO UPDATE SET level = excluded.level, answers = excluded.answers,
                   kept_at = excluded.kept_at",
            )
            .bind(learner).bind(level.code()).bind(&answers).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The self-check result a learner kept: its answers and when.
    pub async fn kept_self_check(
        &self,
        learner: &str,
    ) -> Result<Option<(Answers, i64)>, StoreError> {
        let row: Option<(String, i64)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT answers, kept_at FROM self_checks WHERE learner_id = $1")
                .bind(learner).fetch_optional(pool).await?
        });
        Ok(row.map(|(answers, at)| (serde_json::from_str(&answers).unwrap_or_default(), at)))
    }
}
