//! Help directory queries of the [`Store`]: the seed from `content/aide/` (which never
//! overwrites an entry staff changed), the public list, staff changes, and the help
//! pages.
use super::model::{HelpEntry, Need, Source, Urgency};
use crate::{
    db::{Store, StoreError},
    on_pool,
};

/// An entry as [`ENTRY_SELECT`] reads it.
#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    slug: String,
    name: String,
    kind: String,
    needs: String,
    urgent: String,
    what: String,
    for_whom: String,
    address: String,
    hours: String,
    phone: String,
    website: String,
    appointment: String,
    accessibility: String,
    last_checked: String,
    sources: String,
    active: bool,
}

const ENTRY_SELECT: &str =
    "SELECT id, slug, name, kind, needs, urgent, what, for_whom, address, hours, phone,
        website, appointment, accessibility, last_checked, sources, active FROM help_entries";

fn codes<T>(list: &[T], code: impl Fn(&T) -> &'static str) -> String {
    list.iter().map(code).collect::<Vec<_>>().join(",")
}

fn entry_of(r: EntryRow) -> HelpEntry {
    HelpEntry {
        id: r.id,
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        needs: r.needs.split(',').filter_map(Need::parse).collect(),
        urgent: r.urgent.split(',').filter_map(Urgency::parse).collect(),
        what: r.what,
        for_whom: r.for_whom,
        address: r.address,
        hours: r.hours,
        phone: r.phone,
        website: r.website,
        appointment: r.appointment,
        accessibility: r.accessibility,
        last_checked: r.last_checked,
        sources: serde_json::from_str::<Vec<Source>>(&r.sources).unwrap_or_default(),
        active: r.active,
    }
}

/// Binds the columns an entry writes, `$1` to `$15`, in the order of the statements below.
macro_rules! bind_entry {
    ($query:expr, $e:expr) => {{
        let e: &HelpEntry = $e;
        $query
            .bind(&e.name)
            .bind(&e.kind)
            .bind(codes(&e.needs, |n| n.code()))
            .bind(codes(&e.urgent, |u| u.code()))
            .bind(&e.what)
            .bind(&e.for_whom)
            .bind(&e.address)
            .bind(&e.hours)
            .bind(&e.phone)
            .bind(&e.website)
            .bind(&e.appointment)
            .bind(&e.accessibility)
            .bind(&e.last_checked)
            .bind(serde_json::to_string(&e.sources).unwrap_or_else(|_| "[]".into()))
            .bind(e.active)
    }};
}

impl Store {
    /// Brings the seed entries in: new slugs are added, entries still as the seed made
    /// them are updated; an entry a staff member changed is left alone, even if they gave
    /// it another slug (`seed_slug` keeps the seed's). A seed slug that a staff entry
    /// already uses is skipped. Returns the slugs left alone because staff changed them.
    pub async fn seed_help_entries(
        &self,
        entries: &[HelpEntry],
        now: i64,
    ) -> Result<Vec<String>, StoreError> {
        let mut kept = Vec::new();
        for (position, e) in entries.iter().enumerate() {
            let origin: Option<String> = on_pool!(self.db(), pool => {
                sqlx::query_scalar("SELECT origin FROM help_entries WHERE seed_slug = $1")
                    .bind(&e.slug).fetch_optional(pool).await?
            });
            match origin.as_deref() {
                Some("staff") => kept.push(e.slug.clone()),
                Some(_) => {
                    on_pool!(self.db(), pool => {
                        bind_entry!(sqlx::query(
                            "UPDATE help_entries SET name = $1, kind = $2, needs = $3, urgent = $4, what = $5, for_whom = $6,
                               address = $7, hours = $8, phone = $9, website = $10, appointment = $11, accessibility = $12,
                               last_checked = $13, sources = $14, active = $15, position = $16, updated_at = $17
                             WHERE seed_slug = $18 AND origin = 'content'",
                        ), e)
                        .bind(position as i64).bind(now).bind(&e.slug)
                        .execute(pool).await?;
                    });
                }
                None => {
                    on_pool!(self.db(), pool => {
                        bind_entry!(sqlx::query(
                            "INSERT INTO help_entries (name, kind, needs, urgent, what, for_whom, address, hours, phone, website,
                               appointment, accessibility, last_checked, sources, active, position, updated_at, slug, seed_slug, origin)
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, 'content')
                             ON CONFLICT DO NOTHING",
                        ), e)
                        .bind(position as i64).bind(now).bind(&e.slug)
                        .execute(pool).await?;
                    });
                }
            }
        }
        Ok(kept)
    }

    /// Every entry (hidden ones included), in the directory's order.
    pub async fn help_entries(&self) -> Result<Vec<HelpEntry>, StoreError> {
        let rows: Vec<EntryRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{ENTRY_SELECT} ORDER BY position, name, id"))
                .fetch_all(pool).await?
        });
        Ok(rows.into_iter().map(entry_of).collect())
    }

    /// One entry.
    pub async fn help_entry(&self, id: i64) -> Result<Option<HelpEntry>, StoreError> {
        let row: Option<EntryRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(&format!("{ENTRY_SELECT} WHERE id = $1"))
                .bind(id).fetch_optional(pool).await?
        });
        Ok(row.map(entry_of))
    }

    /// A staff member adds an entry (after the others). `None` when the slug is taken.
    pub async fn create_help_entry(
        &self,
        e: &HelpEntry,
        staff_id: i64,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            bind_entry!(sqlx::query_scalar(
                "INSERT INTO help_entries (name, kind, needs, urgent, what, for_whom, address, hours, phone, website,
                   appointment, accessibility, last_checked, sources, active, position, updated_at, slug, origin, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                   (SELECT COALESCE(MAX(position), 0) + 1 FROM help_entries), $16, $17, 'staff', $18)
                 ON CONFLICT (slug) DO NOTHING RETURNING id",
            ), e)
            .bind(now).bind(&e.slug).bind(staff_id)
            .fetch_optional(pool).await?
        }))
    }

    /// A staff member changes an entry: from then on the seed file leaves it alone.
    /// False when there is no such entry or the new slug is another entry's.
    pub async fn update_help_entry(
        &self,
        id: i64,
        e: &HelpEntry,
        staff_id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let taken: Option<i64> = on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT id FROM help_entries WHERE slug = $1 AND id <> $2")
                .bind(&e.slug).bind(id).fetch_optional(pool).await?
        });
        if taken.is_some() {
            return Ok(false);
        }
        Ok(on_pool!(self.db(), pool => {
            bind_entry!(sqlx::query(
                "UPDATE help_entries SET name = $1, kind = $2, needs = $3, urgent = $4, what = $5, for_whom = $6,
                   address = $7, hours = $8, phone = $9, website = $10, appointment = $11, accessibility = $12,
                   last_checked = $13, sources = $14, active = $15, slug = $16, updated_at = $17, updated_by = $18,
                   origin = 'staff'
                 WHERE id = $19",
            ), e)
            .bind(&e.slug).bind(now).bind(staff_id).bind(id)
            .execute(pool).await?.rows_affected() == 1
        }))
    }

    /// Replaces the help pages written in `content/aide/*.md`: (slug, title, html).
    pub async fn replace_help_pages(
        &self,
        pages: &[(String, String, String)],
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM help_pages").execute(&mut *tx).await?;
            for (slug, title, html) in pages {
                sqlx::query("INSERT INTO help_pages (slug, title, html, updated_at) VALUES ($1, $2, $3, $4)")
                    .bind(slug).bind(title).bind(html).bind(now).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The help pages: (slug, title), by title.
    pub async fn help_page_list(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT slug, title FROM help_pages ORDER BY title")
                .fetch_all(pool).await?
        }))
    }

    /// A help page: (title, sanitised html).
    pub async fn help_page(&self, slug: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT title, html FROM help_pages WHERE slug = $1")
                .bind(slug).fetch_optional(pool).await?
        }))
    }
}
