//! Kept budgets: the values a learner chose to keep with "garder dans mon parcours".
use crate::{
    db::{Store, StoreError},
    on_pool,
};

impl Store {
    /// Keeps a tool's values for a learner (creating the learner if needed, in the same
    /// transaction), replacing what was kept for that tool before.
    pub async fn keep_budget(
        &self,
        learner: &str,
        tool: &str,
        values: &[(String, String)],
        now: i64,
    ) -> Result<(), StoreError> {
        let values = serde_json::to_string(values).unwrap_or_else(|_| "[]".into());
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            sqlx::query(
                "INSERT INTO learners (id, created_at, last_seen_at) VALUES ($1, $2, $2)
                 ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
            )
            .bind(learner).bind(now)
            .execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO kept_budgets (learner_id, tool, input, kept_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (learner_id, tool) DO UPDATE SET input = excluded.input, kept_at = excluded.kept_at",
            )
            .bind(learner).bind(tool).bind(&values).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The values a learner kept for a tool, with when.
    pub async fn kept_budget(
        &self,
        learner: &str,
        tool: &str,
    ) -> Result<Option<(Vec<(String, String)>, i64)>, StoreError> {
        let row: Option<(String, i64)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT input, kept_at FROM kept_budgets WHERE learner_id = $1 AND tool = $2")
                .bind(learner).bind(tool)
                .fetch_optional(pool).await?
        });
        Ok(row.map(|(input, at)| (serde_json::from_str(&input).unwrap_or_default(), at)))
    }
}
