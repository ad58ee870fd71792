//! Lesson, glossary and search queries of the [`Store`].
use super::model::ModuleSummary;
use super::{
    content::ContentError,
    lesson_file::ParsedLesson,
    model::{
        GlossaryTerm, LessonLink, LessonSummary, LessonView, Level, ModuleDetail, SearchHit,
        Source, TocEntry,
    },
    search,
    store::Upsert,
};
use crate::{
    db::{Db, Store, StoreError},
    on_pool,
};

/// The raw files a lesson came from, kept as a version.
pub struct LessonSource<'a> {
    pub text: &'a str,
    pub easy_text: Option<&'a str>,
    pub hash: &'a str,
}

#[derive(sqlx::FromRow)]
struct LessonRow {
    slug: String,
    title: String,
    summary: String,
    reading_minutes: i64,
    level: String,
    last_reviewed: String,
    sources: String,
    html: String,
    toc: String,
    terms: String,
    easy_html: Option<String>,
    easy_terms: Option<String>,
    has_quiz: bool,
}

fn json<T: serde::de::DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Who a version comes from: `content` (imported) or `browser` (its author, and the
/// other trainer or coordinator who published it).
pub(crate) struct Authors {
    pub origin: &'static str,
    pub author: Option<i64>,
    pub reviewer: Option<i64>,
}

/// The words a lesson is found by.
pub(crate) fn raw_text(lesson: &ParsedLesson) -> String {
    let m = &lesson.meta;
    format!("{} {} {}", m.title, m.summary, lesson.body.text)
}

/// In the open transaction `$tx`: creates an empty, unpublished lesson row for
/// `$module`/`$slug` and evaluates to its id.
macro_rules! insert_lesson {
    ($tx:expr, $module:expr, $slug:expr, $now:expr) => {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO lessons (module_slug, slug, position, title, summary, reading_minutes, level, tags,
               last_reviewed, sources, to_review, origin, published, current_version, content_hash, html, toc,
               terms, quizzes, search_text, updated_at)
             VALUES ($1, $2, 0, '', '', 0, '', '[]', '', '[]', '[]', 'content', FALSE, 0, '', '', '[]', '[]', '[]', '', $3)
             RETURNING id",
        )
        .bind($module)
        .bind($slug)
        .bind($now)
        .fetch_one(&mut *$tx)
    };
}
pub(crate) use insert_lesson;

/// In the open transaction `$tx`: makes the parsed `$lesson` the published version
/// `$version` of lesson `$id` and keeps its source text as that version.
macro_rules! write_version {
    ($tx:expr, $id:expr, $lesson:expr, $source:expr, $version:expr, $by:expr, $now:expr) => {
        async {
            let lesson: &$crate::lessons::lesson_file::ParsedLesson = $lesson;
            let source: &$crate::lessons::lesson_store::LessonSource<'_> = $source;
            let by: $crate::lessons::lesson_store::Authors = $by;
            let m = &lesson.meta;
            let easy = lesson.easy.as_ref();
            sqlx::query(
                "UPDATE lessons SET position = $2, title = $3, summary = $4, reading_minutes = $5, level = $6, tags = $7,
                   last_reviewed = $8, sources = $9, to_review = $10, published = TRUE, current_version = $11,
                   content_hash = $12, html = $13, toc = $14, terms = $15, quizzes = $16, easy_html = $17,
                   easy_terms = $18, search_text = $19, updated_at = $20, origin = $21
                 WHERE id = $1",
            )
            .bind($id)
            .bind(lesson.position)
            .bind(&m.title)
            .bind(&m.summary)
            .bind(m.reading_minutes)
            .bind(m.level.code())
            .bind($crate::lessons::lesson_store::to_json(&m.tags))
            .bind(&m.last_reviewed)
            .bind($crate::lessons::lesson_store::to_json(&m.sources))
            .bind($crate::lessons::lesson_store::to_json(&m.to_review))
            .bind($version)
            .bind(source.hash)
            .bind(&lesson.body.html)
            .bind($crate::lessons::lesson_store::to_json(&lesson.body.toc))
            .bind($crate::lessons::lesson_store::to_json(&lesson.body.terms))
            .bind($crate::lessons::lesson_store::to_json(&lesson.body.quizzes))
            .bind(easy.map(|e| e.html.clone()))
            .bind(easy.map(|e| $crate::lessons::lesson_store::to_json(&e.terms)))
            .bind($crate::lessons::search::singularize(&$crate::lessons::lesson_store::raw_text(lesson)))
            .bind($now)
            .bind(by.origin)
            .execute(&mut *$tx)
            .await?;
            sqlx::query(
                "INSERT INTO lesson_versions (lesson_id, version, source, easy_source, content_hash, created_at,
                   origin, author_id, reviewer_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind($id)
            .bind($version)
            .bind(source.text)
            .bind(source.easy_text)
            .bind(source.hash)
            .bind($now)
            .bind(by.origin)
            .bind(by.author)
            .bind(by.reviewer)
            .execute(&mut *$tx)
            .await?;
            Ok::<(), sqlx::Error>(())
        }
    };
}
pub(crate) use write_version;

impl Store {
    /// Replaces the glossary with `terms`.
    pub async fn replace_glossary(&self, terms: &[GlossaryTerm]) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM glossary_terms").execute(&mut *tx).await?;
            for t in terms {
                sqlx::query("INSERT INTO glossary_terms (slug, name, definition) VALUES ($1, $2, $3)")
                    .bind(&t.slug).bind(&t.name).bind(&t.definition)
                    .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The whole glossary, alphabetically.
    pub async fn glossary(&self) -> Result<Vec<GlossaryTerm>, StoreError> {
        let rows: Vec<(String, String, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT slug, name, definition FROM glossary_terms").fetch_all(pool).await?
        });
        let mut terms: Vec<GlossaryTerm> = rows
            .into_iter()
            .map(|(slug, name, definition)| GlossaryTerm {
                slug,
                name,
                definition,
            })
            .collect();
        terms.sort_by_key(|t| deunicode::deunicode(&t.name).to_lowercase());
        Ok(terms)
    }

    /// Creates or updates a lesson that comes from `content/`. Unchanged lessons are not
    /// rewritten; a change adds a version. A lesson whose current version was written in
    /// the browser is never overwritten: when the file is that very text (the module was
    /// exported and committed) the lesson is back in step with `content/`; otherwise the
    /// import says whether the file changed since (a conflict) or is just behind.
    pub async fn upsert_content_lesson(
        &self,
        module: &str,
        lesson: &ParsedLesson,
        source: &LessonSource<'_>,
        now: i64,
    ) -> Result<Upsert, StoreError> {
        let lock = self.row_lock();
        let outcome = on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            let existing: Option<(i64, String, String, bool, i64)> = sqlx::query_as(&format!(
                "SELECT id, content_hash, origin, published, current_version FROM lessons
                 WHERE module_slug = $1 AND slug = $2{lock}",
            ))
            .bind(module).bind(&lesson.slug)
            .fetch_optional(&mut *tx).await?;
            let (id, version, outcome) = match existing {
                Some((id, hash, origin, _, version)) if origin == "browser" => {
                    if hash == source.hash {
                        sqlx::query("UPDATE lessons SET origin = 'content' WHERE id = $1")
                            .bind(id).execute(&mut *tx).await?;
                        tx.commit().await?;
                        return Ok(Upsert::Unchanged);
                    }
                    let last_import: Option<String> = sqlx::query_scalar(
                        "SELECT content_hash FROM lesson_versions WHERE lesson_id = $1 AND origin = 'content'
                         ORDER BY version DESC LIMIT 1",
                    )
                    .bind(id).fetch_optional(&mut *tx).await?;
                    return Ok(if last_import.as_deref() == Some(source.hash) {
                        Upsert::Behind { version }
                    } else {
                        Upsert::Conflict { version }
                    });
                }
                Some((_, hash, _, true, _)) if hash == source.hash => return Ok(Upsert::Unchanged),
                Some((id, _, _, _, version)) => (Some(id), version + 1, Upsert::Updated),
                None => (None, 1, Upsert::Created),
            };
            let id: i64 = match id {
                Some(id) => id,
                None => insert_lesson!(tx, module, &lesson.slug, now).await?,
            };
            let by = Authors { origin: "content", author: None, reviewer: None };
            write_version!(tx, id, lesson, source, version, by, now).await?;
            tx.commit().await?;
            Ok::<_, StoreError>((id, outcome))
        })?;
        let (id, outcome) = outcome;
        self.reindex_lesson(id, lesson).await?;
        Ok(outcome)
    }

    /// `" FOR UPDATE"` on PostgreSQL, nothing on SQLite (whose writers take turns).
    pub(crate) fn row_lock(&self) -> &'static str {
        match self.db() {
            Db::Sqlite(_) => "",
            Db::Postgres(_) => " FOR UPDATE",
        }
    }

    /// Refreshes the SQLite full-text index of lesson `id` (PostgreSQL indexes
    /// `search_text` itself).
    pub(crate) async fn reindex_lesson(
        &self,
        id: i64,
        lesson: &ParsedLesson,
    ) -> Result<(), StoreError> {
        if let Db::Sqlite(pool) = self.db() {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM lesson_search WHERE lesson_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO lesson_search (lesson_id, words) VALUES ($1, $2)")
                .bind(id)
                .bind(search::normalize(&raw_text(lesson)))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Unpublishes (never deletes) the `content/` lessons of `module` not in `keep`.
    pub async fn unpublish_content_lessons_except(
        &self,
        module: &str,
        keep: &[String],
        now: i64,
    ) -> Result<u64, StoreError> {
        on_pool!(self.db(), pool => {
            let published: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, slug FROM lessons WHERE module_slug = $1 AND origin = 'content' AND published = TRUE",
            )
            .bind(module)
            .fetch_all(pool).await?;
            let mut count = 0;
            for (id, _) in published.into_iter().filter(|(_, slug)| !keep.contains(slug)) {
                count += sqlx::query("UPDATE lessons SET published = FALSE, updated_at = $2 WHERE id = $1")
                    .bind(id).bind(now)
                    .execute(pool).await?
                    .rows_affected();
            }
            Ok(count)
        })
    }

    /// Replaces the list that staff see: content problems, then what is marked to review.
    pub async fn replace_content_problems(
        &self,
        problems: &[ContentError],
        to_review: &[ContentError],
        browser_newer: &[ContentError],
        now: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.db(), pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM content_problems").execute(&mut *tx).await?;
            let all = problems.iter().map(|p| (p, "error"))
                .chain(to_review.iter().map(|p| (p, "review")))
                .chain(browser_newer.iter().map(|p| (p, "browser")));
            for (p, kind) in all {
                sqlx::query(
                    "INSERT INTO content_problems (file, line, message, found_at, kind) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&p.file).bind(p.line.map(|l| l as i64)).bind(&p.message).bind(now).bind(kind)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The problems found by the last import.
    pub async fn content_problems(&self) -> Result<Vec<ContentError>, StoreError> {
        self.content_list("error").await
    }

    /// Lessons whose newer version was written in the browser, as the last import found them.
    pub async fn content_browser_newer(&self) -> Result<Vec<ContentError>, StoreError> {
        self.content_list("browser").await
    }

    /// What the last import found marked "to review" in lessons.
    pub async fn content_to_review(&self) -> Result<Vec<ContentError>, StoreError> {
        self.content_list("review").await
    }

    async fn content_list(&self, kind: &str) -> Result<Vec<ContentError>, StoreError> {
        let rows: Vec<(String, Option<i64>, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as("SELECT file, line, message FROM content_problems WHERE kind = $1 ORDER BY id")
                .bind(kind)
                .fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(|(file, line, message)| ContentError {
                file,
                line: line.map(|l| l as usize),
                message,
            })
            .collect())
    }

    async fn lesson_rows(&self, module: &str) -> Result<Vec<LessonRow>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT slug, title, summary, reading_minutes, level, last_reviewed, sources, html, toc,
                        terms, easy_html, easy_terms, (quizzes <> '[]') AS has_quiz
                 FROM lessons WHERE module_slug = $1 AND published = TRUE ORDER BY position, slug",
            )
            .bind(module)
            .fetch_all(pool).await?
        }))
    }

    /// A published module and its published lessons, in order.
    pub async fn module_detail(&self, slug: &str) -> Result<Option<ModuleDetail>, StoreError> {
        let Some(module) = self.module_summary(slug).await? else {
            return Ok(None);
        };
        let lessons = self
            .lesson_rows(slug)
            .await?
            .into_iter()
            .map(|r| LessonSummary {
                slug: r.slug,
                title: r.title,
                summary: r.summary,
                reading_minutes: r.reading_minutes,
                level: Level::parse(&r.level).unwrap_or(Level::Debutant),
                has_easy: r.easy_html.is_some(),
                has_quiz: r.has_quiz,
            })
            .collect();
        Ok(Some(ModuleDetail { module, lessons }))
    }

    /// A published lesson, in its standard or easy-read version, with its neighbours.
    pub async fn lesson_view(
        &self,
        module: &str,
        slug: &str,
        easy: bool,
    ) -> Result<Option<LessonView>, StoreError> {
        let Some(summary) = self.module_summary(module).await? else {
            return Ok(None);
        };
        let rows = self.lesson_rows(module).await?;
        let Some(index) = rows.iter().position(|r| r.slug == slug) else {
            return Ok(None);
        };
        let glossary = self.glossary().await?;
        Ok(Some(build_view(&summary, &rows, index, easy, &glossary)))
    }

    /// Every published lesson of a module, in order (standard versions), for the mini-guide.
    pub async fn module_lesson_views(
        &self,
        module: &str,
    ) -> Result<Option<(ModuleSummary, Vec<LessonView>)>, StoreError> {
        let Some(summary) = self.module_summary(module).await? else {
            return Ok(None);
        };
        let rows = self.lesson_rows(module).await?;
        let glossary = self.glossary().await?;
        let views = (0..rows.len())
            .map(|i| build_view(&summary, &rows, i, false, &glossary))
            .collect();
        Ok(Some((summary, views)))
    }

    /// Published lessons containing every word of `query`, whatever accents, case and
    /// plurals; best matches first.
    pub async fn search_lessons(&self, query: &str) -> Result<Vec<SearchHit>, StoreError> {
        type Row = (String, String, String, String, String);
        let rows: Vec<Row> = match self.db() {
            Db::Sqlite(pool) => {
                let Some(fts) = search::fts_query(query) else {
                    return Ok(Vec::new());
                };
                sqlx::query_as(
                    "SELECT l.module_slug, m.title, l.slug, l.title, l.summary
                     FROM lesson_search s
                     JOIN lessons l ON l.id = s.lesson_id
                     JOIN modules m ON m.slug = l.module_slug
                     WHERE lesson_search MATCH $1 AND l.published = TRUE AND m.published = TRUE
                     ORDER BY bm25(lesson_search), l.title LIMIT 50",
                )
                .bind(fts)
                .fetch_all(pool)
                .await?
            }
            Db::Postgres(pool) => {
                let words = search::singularize(query);
                if words.is_empty() {
                    return Ok(Vec::new());
                }
                sqlx::query_as(
                    "SELECT l.module_slug, m.title, l.slug, l.title, l.summary
                     FROM lessons l JOIN modules m ON m.slug = l.module_slug
                     WHERE to_tsvector('reperes_fr', l.search_text) @@ plainto_tsquery('reperes_fr', $1)
                       AND l.published = TRUE AND m.published = TRUE
                     ORDER BY ts_rank(to_tsvector('reperes_fr', l.search_text), plainto_tsquery('reperes_fr', $1)) DESC, l.title
                     LIMIT 50",
                )
                .bind(words)
                .fetch_all(pool)
                .await?
            }
        };
        Ok(rows
            .into_iter()
            .map(
                |(module_slug, module_title, slug, title, summary)| SearchHit {
                    module_slug,
                    module_title,
                    slug,
                    title,
                    summary,
                },
            )
            .collect())
    }

    /// Runs `work` while holding the content-import lock: with several instances on one
    /// PostgreSQL, one imports and the others wait, then find nothing left to do.
    pub async fn with_import_lock<F, T>(&self, work: F) -> Result<T, StoreError>
    where
        F: std::future::Future<Output = Result<T, StoreError>>,
    {
        const IMPORT_LOCK: i64 = 0x5245_5045_5245_5301; // "REPERES" + 1
                                                        // SQLite serves one process: a process-wide lock is enough there.
        static SQLITE_IMPORT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
        match self.db() {
            Db::Sqlite(_) => {
                let _guard = SQLITE_IMPORT.lock().await;
                work.await
            }
            Db::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(IMPORT_LOCK)
                    .execute(&mut *conn)
                    .await?;
                let result = work.await;
                sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(IMPORT_LOCK)
                    .execute(&mut *conn)
                    .await?;
                result
            }
        }
    }
}

/// Assembles the view of lesson `index` of `rows` (the module's published lessons).
fn build_view(
    module: &ModuleSummary,
    rows: &[LessonRow],
    index: usize,
    easy: bool,
    glossary: &[GlossaryTerm],
) -> LessonView {
    let link = |r: &LessonRow| LessonLink {
        slug: r.slug.clone(),
        title: r.title.clone(),
    };
    let row = &rows[index];
    let has_easy = row.easy_html.is_some();
    let easy = easy && has_easy;
    let (html, term_slugs): (String, Vec<String>) = match (easy, &row.easy_html) {
        (true, Some(html)) => (
            html.clone(),
            json(row.easy_terms.as_deref().unwrap_or("[]")),
        ),
        _ => (row.html.clone(), json(&row.terms)),
    };
    let terms = term_slugs
        .iter()
        .filter_map(|s| glossary.iter().find(|t| &t.slug == s).cloned())
        .collect();
    LessonView {
        module_slug: module.slug.clone(),
        module_title: module.title.clone(),
        language: module.language.clone(),
        slug: row.slug.clone(),
        title: row.title.clone(),
        summary: row.summary.clone(),
        reading_minutes: row.reading_minutes,
        level: Level::parse(&row.level).unwrap_or(Level::Debutant),
        last_reviewed: row.last_reviewed.clone(),
        sources: json::<Vec<Source>>(&row.sources),
        html,
        toc: if easy {
            Vec::new()
        } else {
            json::<Vec<TocEntry>>(&row.toc)
        },
        terms,
        easy,
        has_easy,
        has_quiz: row.has_quiz,
        previous: index.checked_sub(1).map(|i| link(&rows[i])),
        next: rows.get(index + 1).map(link),
    }
}
