//! Catalogue queries of the [`Store`].
use super::{
    content::ModuleMeta,
    model::{Audience, ModuleSummary, Theme},
};
use crate::{
    db::{Store, StoreError},
    on_pool,
};

/// What an import did to one module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upsert {
    Created,
    Updated,
    Unchanged,
    /// A lesson whose current version (`version`) was written in the browser: the
    /// `content/` file is older and unchanged since it was last imported.
    Behind {
        version: i64,
    },
    /// The same, but the file changed since: it was not imported (staff decide).
    Conflict {
        version: i64,
    },
}

#[derive(sqlx::FromRow)]
struct ModuleRow {
    slug: String,
    title: String,
    summary: String,
    theme: String,
    audience: String,
    lesson_count: i64,
    language: String,
}

impl Store {
    /// Creates or updates a module from `content/`; a module whose hash did not change
    /// is not rewritten.
    pub async fn upsert_module(
        &self,
        m: &ModuleMeta,
        hash: &str,
        now: i64,
    ) -> Result<Upsert, StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let existing: Option<(String, bool)> =
                sqlx::query_as("SELECT content_hash, published FROM modules WHERE slug = $1")
                    .bind(&m.slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            let outcome = match existing {
                Some((old, true)) if old == hash => Upsert::Unchanged,
                Some(_) => Upsert::Updated,
                None => Upsert::Created,
            };
            if outcome != Upsert::Unchanged {
                sqlx::query(
                    "INSERT INTO modules (slug, title, summary, theme, audience, sort_order, language, content_hash, published, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9)
                     ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary,
                       theme = excluded.theme, audience = excluded.audience, sort_order = excluded.sort_order,
                       language = excluded.language, content_hash = excluded.content_hash,
                       published = TRUE, updated_at = excluded.updated_at",
                )
                .bind(&m.slug)
                .bind(&m.title)
                .bind(&m.summary)
                .bind(m.theme.code())
                .bind(m.audience.code())
                .bind(m.order)
                .bind(&m.language)
                .bind(hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(outcome)
        })
    }

    /// Unpublishes (never deletes) the published modules whose slug is not in `keep`.
    pub async fn unpublish_modules_except(
        &self,
        keep: &[String],
        now: i64,
    ) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            let published: Vec<(String,)> =
                sqlx::query_as("SELECT slug FROM modules WHERE published = TRUE")
                    .fetch_all(pool)
                    .await?;
            let mut count = 0;
            for (slug,) in published.into_iter().filter(|(s,)| !keep.contains(s)) {
                count += sqlx::query("UPDATE modules SET published = FALSE, updated_at = $2 WHERE slug = $1")
                    .bind(&slug)
                    .bind(now)
                    .execute(pool)
                    .await?
                    .rows_affected();
            }
            Ok(count)
        })
    }

    /// The published modules, in catalogue order.
    pub async fn list_modules(&self) -> Result<Vec<ModuleSummary>, StoreError> {
        let rows: Vec<ModuleRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{MODULE_SELECT} ORDER BY sort_order, title")).fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .filter_map(ModuleRow::into_summary)
            .collect())
    }

    /// One published module.
    pub async fn module_summary(&self, slug: &str) -> Result<Option<ModuleSummary>, StoreError> {
        let row: Option<ModuleRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{MODULE_SELECT} AND slug = $1")).bind(slug).fetch_optional(pool).await?
        });
        Ok(row.and_then(ModuleRow::into_summary))
    }
}

/// Published modules with their count of published lessons.
const MODULE_SELECT: &str = "SELECT slug, title, summary, theme, audience, language,
       (SELECT COUNT(*) FROM lessons l WHERE l.module_slug = modules.slug AND l.published = TRUE) AS lesson_count
     FROM modules WHERE published = TRUE";

impl ModuleRow {
    fn into_summary(self) -> Option<ModuleSummary> {
        let (Some(theme), Some(audience)) =
            (Theme::parse(&self.theme), Audience::parse(&self.audience))
        else {
            tracing::error!(slug = %self.slug, "module with an unknown theme or audience in the database");
            return None;
        };
        Some(ModuleSummary {
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            theme,
            audience,
            lesson_count: self.lesson_count,
            language: self.language,
        })
    }
}
