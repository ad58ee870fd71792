//! Lessons written in the browser: checking a draft with the `content/` parser, and the
//! draft, review, publication and history queries of the [`Store`]. The four-eyes rule
//! (nobody publishes their own draft) is enforced here, inside the transaction.
use super::{
    content::{ContentError, ModuleMeta},
    editor::{
        diff_lines, with_context, AdminLesson, AdminModule, DraftStatus, DraftSummary, DraftView,
        LessonEvent, LessonHistory, LineProblem, Part, Preview, VersionRow,
    },
    glossary::Glossary,
    import::source_hash,
    lesson_file::ParsedLesson,
    lesson_store::{insert_lesson, write_version, Authors, LessonSource},
    model::{Audience, GlossaryTerm, Theme},
};
use crate::{
    db::{Store, StoreError},
    on_pool,
};

/// The file name a lesson has in `content/`: `02-le-reste-a-vivre.md`.
pub fn file_name(position: i64, slug: &str) -> String {
    format!("{position:02}-{slug}.md")
}

/// Checks a draft with the `content/` parser. `easy` is empty when there is no
/// easy-read version.
pub fn check_draft(
    slug: &str,
    position: i64,
    source: &str,
    easy: &str,
    glossary: &Glossary,
) -> Result<ParsedLesson, Vec<LineProblem>> {
    const LESSON: &str = "lesson";
    const EASY: &str = "easy";
    let easy = (!easy.trim().is_empty()).then_some((EASY, easy));
    super::lesson_file::parse_lesson(LESSON, &file_name(position, slug), source, easy, glossary)
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|e: ContentError| {
                    let (part, text) = if e.file == EASY {
                        (Part::Easy, easy.map(|(_, t)| t).unwrap_or_default())
                    } else {
                        (Part::Lesson, source)
                    };
                    let excerpt = e
                        .line
                        .and_then(|l| text.lines().nth(l.saturating_sub(1)))
                        .unwrap_or_default()
                        .chars()
                        .take(200)
                        .collect();
                    LineProblem {
                        part,
                        line: e.line,
                        excerpt,
                        message: e.message,
                    }
                })
                .collect()
        })
}

/// What the editor shows for a checked draft.
pub fn preview(checked: &Result<ParsedLesson, Vec<LineProblem>>, glossary: &Glossary) -> Preview {
    match checked {
        Ok(lesson) => {
            let terms: Vec<GlossaryTerm> = lesson
                .body
                .terms
                .iter()
                .filter_map(|s| glossary.terms.get(s).cloned())
                .collect();
            Preview {
                title: lesson.meta.title.clone(),
                summary: lesson.meta.summary.clone(),
                html: lesson.body.html.clone(),
                easy_html: lesson.easy.as_ref().map(|e| e.html.clone()),
                terms,
                questions: lesson
                    .body
                    .quizzes
                    .iter()
                    .flat_map(|q| q.questions.iter().map(|q| q.text.clone()))
                    .collect(),
                problems: Vec::new(),
            }
        }
        Err(problems) => Preview {
            problems: problems.clone(),
            ..Preview::default()
        },
    }
}

/// What asking to edit a lesson found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartDraft {
    /// A draft to write in (new, or one's own already open).
    Open(i64),
    /// Someone else has a draft of this lesson open.
    TakenBy {
        id: i64,
        author: String,
    },
    NotFound,
}

/// What publishing a draft did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Publication {
    Published {
        version: i64,
    },
    /// The reviewer wrote the draft: someone else must publish it.
    OwnDraft,
    /// Not a draft waiting for review (already published, returned or discarded).
    NotSubmitted,
}

/// A module and its published lessons in the `content/` format.
#[derive(Clone, Debug)]
pub struct ModuleExport {
    pub meta: ModuleMeta,
    /// Position, slug, text, easy-read text.
    pub lessons: Vec<(i64, String, String, Option<String>)>,
    /// The glossary terms the lessons use.
    pub terms: Vec<GlossaryTerm>,
    /// The images the lessons show: file name and bytes.
    pub images: Vec<(String, Vec<u8>)>,
}

/// In the open transaction `$tx`: locks lesson `$module`/`$slug` (created when new),
/// writes `$lesson` as its next version, and evaluates to `(lesson id, version)`.
macro_rules! write_next_version {
    ($tx:expr, $lock:expr, $module:expr, $slug:expr, $lesson:expr, $source:expr, $by:expr, $now:expr) => {
        async {
            let existing: Option<(i64, i64)> = sqlx::query_as(&format!(
                "SELECT id, current_version FROM lessons WHERE module_slug = $1 AND slug = $2{}",
                $lock
            ))
            .bind($module)
            .bind($slug)
            .fetch_optional(&mut *$tx)
            .await?;
            let (id, version) = match existing {
                Some((id, current)) => (id, current + 1),
                None => (insert_lesson!($tx, $module, $slug, $now).await?, 1),
            };
            write_version!($tx, id, $lesson, $source, version, $by, $now).await?;
            Ok::<(i64, i64), sqlx::Error>((id, version))
        }
    };
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: i64,
    module_slug: String,
    module_title: String,
    slug: String,
    position: i64,
    source: String,
    easy_source: String,
    status: String,
    author_id: i64,
    author_name: String,
    review_note: String,
    updated_at: i64,
    base_version: Option<i64>,
}

impl Store {
    /// The glossary as the parser needs it.
    pub async fn glossary_index(&self) -> Result<Glossary, StoreError> {
        Ok(Glossary {
            terms: self
                .glossary()
                .await?
                .into_iter()
                .map(|t| (t.slug.clone(), t))
                .collect(),
        })
    }

    /// Every module and lesson (published or not) with their open drafts, for staff.
    pub async fn lessons_for_staff(&self) -> Result<Vec<AdminModule>, StoreError> {
        type Row = (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<bool>,
            Option<String>,
            Option<i64>,
        );
        let rows: Vec<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT m.slug, m.title, l.slug, l.title, l.position, l.published, l.origin, l.current_version
                 FROM modules m LEFT JOIN lessons l ON l.module_slug = m.slug AND l.current_version > 0
                 WHERE m.published = TRUE
                 ORDER BY m.sort_order, m.slug, l.position, l.slug",
            )
            .fetch_all(pool).await?
        });
        let drafts = self.open_drafts().await?;
        let mut modules: Vec<AdminModule> = Vec::new();
        for (module_slug, module_title, slug, title, position, published, origin, version) in rows {
            if modules.last().is_none_or(|m| m.slug != module_slug) {
                modules.push(AdminModule {
                    slug: module_slug.clone(),
                    title: module_title,
                    lessons: Vec::new(),
                });
            }
            let (Some(slug), Some(module)) = (slug, modules.last_mut()) else {
                continue;
            };
            let draft = drafts
                .iter()
                .find(|(m, s, _)| *m == module_slug && *s == slug)
                .map(|(_, _, d)| (d.id, d.status, d.author_name.clone()));
            module.lessons.push(AdminLesson {
                slug,
                title: title.unwrap_or_default(),
                position: position.unwrap_or_default(),
                published: published.unwrap_or_default(),
                origin: origin.unwrap_or_default(),
                version: version.unwrap_or_default(),
                draft,
            });
        }
        Ok(modules)
    }

    /// Open drafts with the module and lesson they are for, newest first.
    async fn open_drafts(&self) -> Result<Vec<(String, String, DraftSummary)>, StoreError> {
        type Row = (i64, String, String, String, String, i64, String, i64);
        let rows: Vec<Row> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT d.id, d.module_slug, m.title, d.slug, d.status, d.author_id, s.name, d.updated_at
                 FROM lesson_drafts d JOIN modules m ON m.slug = d.module_slug JOIN staff s ON s.id = d.author_id
                 ORDER BY d.updated_at DESC, d.id DESC",
            )
            .fetch_all(pool).await?
        });
        Ok(rows
            .into_iter()
            .map(
                |(id, module, module_title, slug, status, author_id, author_name, updated_at)| {
                    (
                        module,
                        slug.clone(),
                        DraftSummary {
                            id,
                            module_title,
                            slug,
                            status: DraftStatus::parse(&status),
                            author_id,
                            author_name,
                            updated_at,
                        },
                    )
                },
            )
            .collect())
    }

    /// Every open draft, newest first.
    pub async fn drafts(&self) -> Result<Vec<DraftSummary>, StoreError> {
        Ok(self
            .open_drafts()
            .await?
            .into_iter()
            .map(|(_, _, d)| d)
            .collect())
    }

    /// Opens a draft of an existing lesson, starting from its current text; one's own
    /// open draft of it is reused. One draft per lesson at a time.
    pub async fn start_draft(
        &self,
        module: &str,
        slug: &str,
        author: i64,
        now: i64,
    ) -> Result<StartDraft, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let existing: Option<(i64, i64, String)> = sqlx::query_as(
                "SELECT d.id, d.author_id, s.name FROM lesson_drafts d JOIN staff s ON s.id = d.author_id
                 WHERE d.module_slug = $1 AND d.slug = $2",
            )
            .bind(module).bind(slug).fetch_optional(&mut *tx).await?;
            if let Some((id, author_id, name)) = existing {
                return Ok(if author_id == author { StartDraft::Open(id) } else { StartDraft::TakenBy { id, author: name } });
            }
            let current: Option<(i64, i64, String, Option<String>)> = sqlx::query_as(
                "SELECT l.position, l.current_version, v.source, v.easy_source
                 FROM lessons l JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.current_version
                 WHERE l.module_slug = $1 AND l.slug = $2",
            )
            .bind(module).bind(slug).fetch_optional(&mut *tx).await?;
            let Some((position, version, source, easy)) = current else {
                return Ok(StartDraft::NotFound);
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO lesson_drafts (module_slug, slug, position, base_version, source, easy_source, status,
                   author_id, review_note, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, '', $8, $8) RETURNING id",
            )
            .bind(module).bind(slug).bind(position.clamp(0, 99)).bind(version).bind(&source)
            .bind(easy.unwrap_or_default()).bind(author).bind(now)
            .fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(StartDraft::Open(id))
        })
    }

    /// Opens a draft of a new lesson. `None` when the module does not exist or the
    /// lesson's address is taken (by a lesson or another draft).
    pub async fn new_draft(
        &self,
        module: &str,
        slug: &str,
        position: i64,
        source: &str,
        author: i64,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let module_exists: Option<String> = sqlx::query_scalar("SELECT slug FROM modules WHERE slug = $1 AND published = TRUE")
                .bind(module).fetch_optional(&mut *tx).await?;
            let taken: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM lessons WHERE module_slug = $1 AND slug = $2)
                      + (SELECT COUNT(*) FROM lesson_drafts WHERE module_slug = $1 AND slug = $2)",
            )
            .bind(module).bind(slug).fetch_one(&mut *tx).await?;
            if module_exists.is_none() || taken > 0 {
                return Ok(None);
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO lesson_drafts (module_slug, slug, position, base_version, source, easy_source, status,
                   author_id, review_note, created_at, updated_at)
                 VALUES ($1, $2, $3, NULL, $4, '', 'draft', $5, '', $6, $6) RETURNING id",
            )
            .bind(module).bind(slug).bind(position).bind(source).bind(author).bind(now)
            .fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    /// A draft, with the current text of its lesson to compare with.
    pub async fn draft(&self, id: i64) -> Result<Option<DraftView>, StoreError> {
        let row: Option<DraftRow> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT d.id, d.module_slug, m.title AS module_title, d.slug, d.position, d.source, d.easy_source,
                        d.status, d.author_id, s.name AS author_name, d.review_note, d.updated_at, d.base_version
                 FROM lesson_drafts d JOIN modules m ON m.slug = d.module_slug JOIN staff s ON s.id = d.author_id
                 WHERE d.id = $1",
            )
            .bind(id).fetch_optional(pool).await?
        });
        let Some(r) = row else { return Ok(None) };
        let current: Option<(i64, String)> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT l.current_version, v.source FROM lessons l
                 JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.current_version
                 WHERE l.module_slug = $1 AND l.slug = $2",
            )
            .bind(&r.module_slug).bind(&r.slug).fetch_optional(pool).await?
        });
        Ok(Some(DraftView {
            id: r.id,
            module_slug: r.module_slug,
            module_title: r.module_title,
            slug: r.slug,
            position: r.position,
            source: r.source,
            easy_source: r.easy_source,
            status: DraftStatus::parse(&r.status),
            author_id: r.author_id,
            author_name: r.author_name,
            review_note: r.review_note,
            updated_at: r.updated_at,
            base_version: r.base_version,
            current,
        }))
    }

    /// Saves the text of one's own draft that is still being written. `false` when it
    /// is not (someone else's, submitted, or gone).
    pub async fn save_draft(
        &self,
        id: i64,
        author: i64,
        source: &str,
        easy: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self.db(), pool => {
            sqlx::query(
                "UPDATE lesson_drafts SET source = $3, easy_source = $4, updated_at = $5
                 WHERE id = $1 AND author_id = $2 AND status = 'draft'",
            )
            .bind(id).bind(author).bind(source).bind(easy).bind(now)
            .execute(pool).await?.rows_affected()
        });
        Ok(done == 1)
    }

    /// Moves a draft from `from` to `to` (submit: the author; reopen: the author;
    /// return: a reviewer with a note), and records it in the lesson's history.
    pub async fn move_draft(
        &self,
        id: i64,
        actor: i64,
        step: DraftStep,
        note: &str,
        now: i64,
    ) -> Result<bool, StoreError> {
        let (from, to, action, by_author) = match step {
            DraftStep::Submit => ("draft", "submitted", "submitted", true),
            DraftStep::Reopen => ("submitted", "draft", "", true),
            DraftStep::Return => ("submitted", "draft", "returned", false),
        };
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let target: Option<(String, String, i64)> = sqlx::query_as(
                "SELECT module_slug, slug, author_id FROM lesson_drafts WHERE id = $1 AND status = $2",
            )
            .bind(id).bind(from).fetch_optional(&mut *tx).await?;
            let Some((module, slug, author)) = target else { return Ok(false) };
            if (author == actor) != by_author {
                return Ok(false);
            }
            sqlx::query("UPDATE lesson_drafts SET status = $2, review_note = $3, updated_at = $4 WHERE id = $1")
                .bind(id).bind(to).bind(note).bind(now).execute(&mut *tx).await?;
            if !action.is_empty() {
                sqlx::query(
                    "INSERT INTO lesson_events (module_slug, slug, actor_id, action, version, detail, at)
                     VALUES ($1, $2, $3, $4, NULL, $5, $6)",
                )
                .bind(&module).bind(&slug).bind(actor).bind(action).bind(note).bind(now)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Throws away one's own draft (nothing published changes).
    pub async fn discard_draft(&self, id: i64, author: i64, now: i64) -> Result<bool, StoreError> {
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let target: Option<(String, String)> = sqlx::query_as(
                "SELECT module_slug, slug FROM lesson_drafts WHERE id = $1 AND author_id = $2",
            )
            .bind(id).bind(author).fetch_optional(&mut *tx).await?;
            let Some((module, slug)) = target else { return Ok(false) };
            sqlx::query("DELETE FROM lesson_drafts WHERE id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO lesson_events (module_slug, slug, actor_id, action, version, detail, at)
                 VALUES ($1, $2, $3, 'discarded', NULL, '', $4)",
            )
            .bind(&module).bind(&slug).bind(author).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Publishes a submitted draft, checked by the caller into `lesson`, as the lesson's
    /// next version. Refused when `reviewer` wrote it (four eyes). The draft is closed.
    pub async fn publish_draft(
        &self,
        id: i64,
        reviewer: i64,
        lesson: &ParsedLesson,
        now: i64,
    ) -> Result<Publication, StoreError> {
        let lock = self.row_lock();
        let outcome = on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let draft: Option<(String, String, String, String, String, i64)> = sqlx::query_as(&format!(
                "SELECT module_slug, slug, source, easy_source, status, author_id FROM lesson_drafts WHERE id = $1{lock}",
            ))
            .bind(id).fetch_optional(&mut *tx).await?;
            let Some((module, slug, text, easy, status, author)) = draft else {
                return Ok(Publication::NotSubmitted);
            };
            if status != "submitted" {
                return Ok(Publication::NotSubmitted);
            }
            if author == reviewer {
                return Ok(Publication::OwnDraft);
            }
            let easy = (!easy.trim().is_empty()).then_some(easy);
            let hash = source_hash(&text, easy.as_deref());
            let source = LessonSource { text: &text, easy_text: easy.as_deref(), hash: &hash };
            let by = Authors { origin: "browser", author: Some(author), reviewer: Some(reviewer) };
            let version = write_next_version!(tx, lock, &module, &slug, lesson, &source, by, now).await?;
            sqlx::query("DELETE FROM lesson_drafts WHERE id = $1").bind(id).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO lesson_events (module_slug, slug, actor_id, action, version, detail, at)
                 VALUES ($1, $2, $3, 'published', $4, '', $5)",
            )
            .bind(&module).bind(&slug).bind(reviewer).bind(version.1).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<_, StoreError>((version.0, Publication::Published { version: version.1 }))
        })?;
        self.reindex_lesson(outcome.0, lesson).await?;
        Ok(outcome.1)
    }

    /// Makes version `version` of a lesson current again, as a new version; `lesson` is
    /// that version's text checked again by the caller. `None` if there is no such version.
    pub async fn restore_version(
        &self,
        module: &str,
        slug: &str,
        version: i64,
        actor: i64,
        lesson: &ParsedLesson,
        now: i64,
    ) -> Result<Option<i64>, StoreError> {
        let Some((text, easy)) = self.version_source(module, slug, version).await? else {
            return Ok(None);
        };
        let lock = self.row_lock();
        let hash = source_hash(&text, easy.as_deref());
        let source = LessonSource {
            text: &text,
            easy_text: easy.as_deref(),
            hash: &hash,
        };
        let outcome = on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let by = Authors { origin: "browser", author: Some(actor), reviewer: Some(actor) };
            let (id, new_version) = write_next_version!(tx, lock, module, slug, lesson, &source, by, now).await?;
            sqlx::query(
                "INSERT INTO lesson_events (module_slug, slug, actor_id, action, version, detail, at)
                 VALUES ($1, $2, $3, 'restored', $4, $5, $6)",
            )
            .bind(module).bind(slug).bind(actor).bind(new_version).bind(format!("version {version}")).bind(now)
            .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<_, StoreError>((id, new_version))
        })?;
        self.reindex_lesson(outcome.0, lesson).await?;
        Ok(Some(outcome.1))
    }

    /// A lesson's place in its module.
    pub async fn lesson_position(
        &self,
        module: &str,
        slug: &str,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT position FROM lessons WHERE module_slug = $1 AND slug = $2")
                .bind(module).bind(slug).fetch_optional(pool).await?
        }))
    }

    /// The text of one version of a lesson (and its easy-read text).
    pub async fn version_source(
        &self,
        module: &str,
        slug: &str,
        version: i64,
    ) -> Result<Option<(String, Option<String>)>, StoreError> {
        Ok(on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT v.source, v.easy_source FROM lesson_versions v JOIN lessons l ON l.id = v.lesson_id
                 WHERE l.module_slug = $1 AND l.slug = $2 AND v.version = $3",
            )
            .bind(module).bind(slug).bind(version).fetch_optional(pool).await?
        }))
    }

    /// Takes a lesson off the site (`published` false) or puts it back; nothing is
    /// deleted. `false` when the lesson does not exist or already is so.
    pub async fn set_lesson_published(
        &self,
        module: &str,
        slug: &str,
        published: bool,
        actor: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        let action = if published {
            "republished"
        } else {
            "unpublished"
        };
        on_pool!(self.db(), pool => {
            crate::begin_write!(self, pool => tx);
            let changed = sqlx::query(
                "UPDATE lessons SET published = $3, updated_at = $4
                 WHERE module_slug = $1 AND slug = $2 AND published <> $3 AND current_version > 0",
            )
            .bind(module).bind(slug).bind(published).bind(now)
            .execute(&mut *tx).await?.rows_affected();
            if changed == 1 {
                sqlx::query(
                    "INSERT INTO lesson_events (module_slug, slug, actor_id, action, version, detail, at)
                     VALUES ($1, $2, $3, $4, NULL, '', $5)",
                )
                .bind(module).bind(slug).bind(actor).bind(action).bind(now)
                .execute(&mut *tx).await?;
            }
            tx.commit().await?;
            Ok(changed == 1)
        })
    }

    /// A lesson's versions (newest first), what was done to it, and version `compare`
    /// (the current one by default) compared with the one before it.
    pub async fn lesson_history(
        &self,
        module: &str,
        slug: &str,
        compare: Option<i64>,
    ) -> Result<Option<LessonHistory>, StoreError> {
        type Head = (String, String, bool, i64, String);
        let head: Option<Head> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT m.title, l.title, l.published, l.current_version, l.slug FROM lessons l
                 JOIN modules m ON m.slug = l.module_slug
                 WHERE l.module_slug = $1 AND l.slug = $2 AND l.current_version > 0",
            )
            .bind(module).bind(slug).fetch_optional(pool).await?
        });
        let Some((module_title, title, published, current_version, slug)) = head else {
            return Ok(None);
        };
        type V = (i64, String, Option<String>, Option<String>, i64);
        let versions: Vec<V> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT v.version, v.origin, a.name, r.name, v.created_at FROM lesson_versions v
                 JOIN lessons l ON l.id = v.lesson_id
                 LEFT JOIN staff a ON a.id = v.author_id LEFT JOIN staff r ON r.id = v.reviewer_id
                 WHERE l.module_slug = $1 AND l.slug = $2 ORDER BY v.version DESC",
            )
            .bind(module).bind(&slug).fetch_all(pool).await?
        });
        type E = (Option<String>, String, Option<i64>, String, i64);
        let events: Vec<E> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT s.name, e.action, e.version, e.detail, e.at FROM lesson_events e
                 LEFT JOIN staff s ON s.id = e.actor_id
                 WHERE e.module_slug = $1 AND e.slug = $2 ORDER BY e.at DESC, e.id DESC LIMIT 200",
            )
            .bind(module).bind(&slug).fetch_all(pool).await?
        });
        let shown = compare.unwrap_or(current_version);
        let compared = match self.version_source(module, &slug, shown).await? {
            Some((text, _)) => {
                let before = match shown > 1 {
                    true => self.version_source(module, &slug, shown - 1).await?,
                    false => None,
                };
                let before = before.map(|(t, _)| t).unwrap_or_default();
                Some((shown, with_context(diff_lines(&before, &text), 3)))
            }
            None => None,
        };
        let draft = self
            .open_drafts()
            .await?
            .into_iter()
            .find(|(m, s, _)| m == module && *s == slug)
            .map(|(_, _, d)| (d.id, d.status, d.author_name));
        Ok(Some(LessonHistory {
            module_slug: module.to_string(),
            module_title,
            slug,
            title,
            published,
            current_version,
            versions: versions
                .into_iter()
                .map(
                    |(version, origin, author, reviewer, created_at)| VersionRow {
                        version,
                        origin,
                        author,
                        reviewer,
                        created_at,
                    },
                )
                .collect(),
            events: events
                .into_iter()
                .map(|(actor, action, version, detail, at)| LessonEvent {
                    actor,
                    action,
                    version,
                    detail,
                    at,
                })
                .collect(),
            compared,
            draft,
        }))
    }

    /// A published module and its published lessons in the `content/` format.
    pub async fn export_module(&self, slug: &str) -> Result<Option<ModuleExport>, StoreError> {
        type M = (String, String, String, String, i64, String);
        let module: Option<M> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT title, summary, theme, audience, sort_order, language FROM modules WHERE slug = $1 AND published = TRUE",
            )
            .bind(slug).fetch_optional(pool).await?
        });
        let Some((title, summary, theme, audience, order, language)) = module else {
            return Ok(None);
        };
        let (Some(theme), Some(audience)) = (Theme::parse(&theme), Audience::parse(&audience))
        else {
            return Ok(None);
        };
        type L = (i64, String, String, Option<String>, String);
        let lessons: Vec<L> = on_pool!(self.db(), pool => {
            sqlx::query_as(
                "SELECT l.position, l.slug, v.source, v.easy_source, l.terms FROM lessons l
                 JOIN lesson_versions v ON v.lesson_id = l.id AND v.version = l.current_version
                 WHERE l.module_slug = $1 AND l.published = TRUE ORDER BY l.position, l.slug",
            )
            .bind(slug).fetch_all(pool).await?
        });
        let glossary = self.glossary().await?;
        let mut used: Vec<String> = Vec::new();
        for (_, _, _, _, terms) in &lessons {
            used.extend(serde_json::from_str::<Vec<String>>(terms).unwrap_or_default());
        }
        let easy_terms: Vec<Option<String>> = on_pool!(self.db(), pool => {
            sqlx::query_scalar("SELECT easy_terms FROM lessons WHERE module_slug = $1 AND published = TRUE")
                .bind(slug).fetch_all(pool).await?
        });
        for terms in easy_terms.into_iter().flatten() {
            used.extend(serde_json::from_str::<Vec<String>>(&terms).unwrap_or_default());
        }
        let mut images = Vec::new();
        for (_, _, text, easy, _) in &lessons {
            let mut names = super::images::images_in(text);
            names.extend(super::images::images_in(easy.as_deref().unwrap_or("")));
            for name in names {
                let Some((hash, extension)) = super::images::parse_file_name(&name) else {
                    continue;
                };
                if images.iter().any(|(n, _)| *n == name) {
                    continue;
                }
                if let Some(bytes) = self.image(hash, extension).await? {
                    images.push((name.clone(), bytes));
                }
            }
        }
        Ok(Some(ModuleExport {
            images,
            meta: ModuleMeta {
                slug: slug.to_string(),
                title,
                summary,
                theme,
                audience,
                order,
                language,
            },
            lessons: lessons
                .into_iter()
                .map(|(position, slug, text, easy, _)| (position, slug, text, easy))
                .collect(),
            terms: glossary
                .into_iter()
                .filter(|t| used.contains(&t.slug))
                .collect(),
        }))
    }
}

/// A step of the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftStep {
    /// The author asks for review.
    Submit,
    /// The author takes a submitted draft back to change it.
    Reopen,
    /// A reviewer sends it back to its author, with a note.
    Return,
}

/// The `module.toml` of an exported module.
pub fn module_toml(meta: &ModuleMeta) -> String {
    #[derive(serde::Serialize)]
    struct Raw<'a> {
        title: &'a str,
        summary: &'a str,
        theme: &'a str,
        audience: &'a str,
        order: i64,
        language: &'a str,
    }
    toml::to_string(&Raw {
        title: &meta.title,
        summary: &meta.summary,
        theme: meta.theme.code(),
        audience: meta.audience.code(),
        order: meta.order,
        language: &meta.language,
    })
    .unwrap_or_default()
}

/// The glossary file of an exported module: the terms its lessons use.
pub fn glossary_toml(terms: &[GlossaryTerm]) -> String {
    #[derive(serde::Serialize)]
    struct Term<'a> {
        name: &'a str,
        definition: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Raw<'a> {
        term: Vec<Term<'a>>,
    }
    toml::to_string(&Raw {
        term: terms
            .iter()
            .map(|t| Term {
                name: &t.name,
                definition: &t.definition,
            })
            .collect(),
    })
    .unwrap_or_default()
}
