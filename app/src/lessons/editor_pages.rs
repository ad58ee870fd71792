//! Staff pages of lessons written in the browser: the list of lessons and drafts, the
//! new-lesson form, a draft (the editor for its author, the review for the others) and
//! a lesson's history with its versions, the changes between them and rollback. Every
//! form is a plain POST handled in server/src/lessons_admin.rs; with JavaScript the
//! editor also saves and previews as one types, through [`autosave_draft`].
use super::editor::{
    event_label_key, AdminModule, Change, DiffLine, DraftStatus, DraftSummary, DraftView,
    LessonHistory, LineProblem, Part, Preview,
};
use crate::{
    app::paths,
    error::AppError,
    format,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    islands::{head, island_data, use_island_data, IslandData},
    pages::errors::{loaded, set_status},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Whether a staff member may write, review and publish lessons: trainers and
/// coordinators (admins manage accounts, not content).
#[cfg(feature = "ssr")]
pub async fn require_writer() -> Result<crate::staff::model::StaffMember, AppError> {
    let member = crate::staff::pages::require_staff().await?;
    if member.role.writes_lessons() {
        Ok(member)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The address of a draft's page.
pub fn draft_path(id: i64) -> String {
    format!("{}/{id}", paths::LESSON_DRAFTS)
}

/// The address of a lesson's history.
pub fn history_path(module: &str, slug: &str) -> String {
    format!("{}/{module}/{slug}", paths::LESSON_HISTORY)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsData {
    pub modules: Vec<AdminModule>,
    pub drafts: Vec<DraftSummary>,
    pub me: i64,
    pub can_write: bool,
}

/// Every lesson with its state, and the open drafts.
#[server(endpoint = "staff/lessons")]
pub async fn staff_lessons() -> Result<LessonsData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        Ok(LessonsData {
            modules: store.lessons_for_staff().await?,
            drafts: store.drafts().await?,
            me: member.id,
            can_write: member.role.writes_lessons(),
        })
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn LessonsStaffPage() -> impl IntoView {
    let lang = use_lang();
    loaded(staff_lessons(), move |data: LessonsData| {
        let me = data.me;
        let can_write = data.can_write;
        let (mine, others): (Vec<_>, Vec<_>) =
            data.drafts.into_iter().partition(|d| d.author_id == me);
        let (to_review, in_progress): (Vec<_>, Vec<_>) = others
            .into_iter()
            .partition(|d| d.status == DraftStatus::Submitted);
        let draft_list = move |drafts: Vec<DraftSummary>, empty: &'static str| {
            if drafts.is_empty() {
                return view! { <p>{t(lang, empty)}</p> }.into_any();
            }
            view! {
                <ul class="draft-list">
                    {drafts.into_iter().map(|d| view! {
                        <li>
                            <a href=draft_path(d.id)>{format!("{} — {}", d.module_title, d.slug)}</a>
                            " · " {t(lang, d.status.label_key())}
                            " · " {t_args(lang, "draft-by", &[("name", FluentArg::Text(d.author_name.clone())), ("date", FluentArg::Text(format::unix_date(d.updated_at, lang)))])}
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <Title text=t(lang, "lessons-staff-title") />
            <div class="page">
                <p class="back-link"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                <h1>{t(lang, "lessons-staff-title")}</h1>
                <p class="lead">{t(lang, "lessons-staff-lead")}</p>
                {can_write.then(|| view! { <p><a class="button" href=paths::LESSON_NEW>{t(lang, "lesson-new-title")}</a></p> })}
                <h2>{t(lang, "lessons-to-review")}</h2>
                {draft_list(to_review, "lessons-nothing-to-review")}
                <h2>{t(lang, "lessons-my-drafts")}</h2>
                {draft_list(mine, "lessons-no-draft")}
                {(!in_progress.is_empty()).then(|| view! {
                    <h2>{t(lang, "lessons-other-drafts")}</h2>
                    {draft_list(in_progress, "lessons-no-draft")}
                })}
                <h2>{t(lang, "lessons-catalogue")}</h2>
                {data.modules.into_iter().map(|m| {
                    let export = format!("{}/{}", paths::LESSON_EXPORT, m.slug);
                    let module_slug = m.slug.clone();
                    view! {
                        <section class="admin-module" aria-labelledby=format!("module-{}", m.slug)>
                            <h3 id=format!("module-{}", m.slug)>{m.title.clone()}</h3>
                            <p><a href=export download="">{t_args(lang, "lessons-export", &[("module", FluentArg::Text(m.title.clone()))])}</a></p>
                            <div class="table-scroll" tabindex="0" role="region" aria-label=m.title.clone()>
                                <table>
                                    <thead><tr>
                                        <th scope="col">{t(lang, "lessons-col-lesson")}</th>
                                        <th scope="col">{t(lang, "lessons-col-state")}</th>
                                        <th scope="col">{t(lang, "lessons-col-version")}</th>
                                        <th scope="col">{t(lang, "lessons-col-actions")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {m.lessons.into_iter().map(|l| {
                                            let history = history_path(&module_slug, &l.slug);
                                            let origin = t(lang, if l.origin == "browser" { "lesson-origin-browser" } else { "lesson-origin-content" });
                                            let label = t_args(lang, "lessons-edit", &[("title", FluentArg::Text(l.title.clone()))]);
                                            let edit = view! { <EditLesson module=module_slug.clone() slug=l.slug.clone() draft=l.draft.clone() can_write label link=true /> };
                                            view! {
                                                <tr>
                                                    <th scope="row">{format!("{:02}. {}", l.position, l.title)}</th>
                                                    <td>{t(lang, if l.published { "lesson-published" } else { "lesson-unpublished" })}</td>
                                                    <td>{format!("{} · {}", l.version, origin)}</td>
                                                    <td>
                                                        {edit}
                                                        " " <a href=history>{t_args(lang, "lessons-history", &[("title", FluentArg::Text(l.title.clone()))])}</a>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </section>
                    }
                }).collect_view()}
            </div>
        }
    })
}

/// What one can do to edit a lesson: go to its open draft (whoever writes it), or open
/// one (a button, for those who write lessons), or nothing.
#[component]
fn EditLesson(
    module: String,
    slug: String,
    draft: Option<(i64, DraftStatus, String)>,
    can_write: bool,
    /// The button's text.
    label: String,
    /// Shown as a link (in a table) rather than a button.
    link: bool,
) -> impl IntoView {
    let lang = use_lang();
    match (draft, can_write) {
        (Some((id, status, author)), _) => view! {
            <a href=draft_path(id)>{t_args(lang, "lessons-open-draft", &[("status", FluentArg::Text(t(lang, status.label_key()))), ("name", FluentArg::Text(author))])}</a>
        }
        .into_any(),
        (None, true) => view! {
            <form method="post" action=paths::LESSON_DRAFTS class="inline-form">
                <input type="hidden" name="module" value=module />
                <input type="hidden" name="slug" value=slug />
                <button type="submit" class=link.then_some("link-button")>{label}</button>
            </form>
        }
        .into_any(),
        (None, false) => ().into_any(),
    }
}

/// A refused new-lesson form, provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedNewLesson {
    pub module: String,
    pub slug: String,
    pub position: String,
    pub error_key: &'static str,
}

/// The modules a lesson can be written in: slug and title.
#[server(endpoint = "staff/lessons/modules")]
pub async fn lesson_modules() -> Result<Vec<(String, String)>, AppError> {
    async move {
        require_writer().await?;
        let store = expect_context::<crate::db::Store>();
        Ok(store
            .lessons_for_staff()
            .await?
            .into_iter()
            .map(|m| (m.slug, m.title))
            .collect())
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn NewLessonPage() -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedNewLesson>().unwrap_or_default();
    loaded(lesson_modules(), move |modules: Vec<(String, String)>| {
        let error = (!posted.error_key.is_empty()).then(|| {
            set_status(422);
            t(lang, posted.error_key)
        });
        let invalid = error.is_some().then_some("true");
        view! {
            <Title text=t(lang, "lesson-new-title") />
            <div class="page">
                <p class="back-link"><a href=paths::LESSONS_STAFF>{t(lang, "lessons-staff-title")}</a></p>
                <h1>{t(lang, "lesson-new-title")}</h1>
                <p class="lead">{t(lang, "lesson-new-lead")}</p>
                <form method="post" action=paths::LESSON_NEW>
                    {error.map(|e| view! { <p class="form-error" role="alert" id="new-lesson-error">{e}</p> })}
                    <div class="field">
                        <label for="new-lesson-module">{t(lang, "lesson-new-module")}</label>
                        <select id="new-lesson-module" name="module">
                            {modules.into_iter().map(|(slug, title)| {
                                let selected = slug == posted.module;
                                view! { <option value=slug selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="new-lesson-slug">{t(lang, "lesson-new-slug")}</label>
                        <span class="hint" id="new-lesson-slug-hint">{t(lang, "lesson-new-slug-hint")}</span>
                        <input id="new-lesson-slug" name="slug" required autocomplete="off" value=posted.slug.clone()
                            aria-describedby="new-lesson-slug-hint" aria-invalid=invalid />
                    </div>
                    <div class="field">
                        <label for="new-lesson-position">{t(lang, "lesson-new-position")}</label>
                        <span class="hint" id="new-lesson-position-hint">{t(lang, "lesson-new-position-hint")}</span>
                        <input id="new-lesson-position" name="position" inputmode="numeric" required autocomplete="off"
                            value=posted.position.clone() aria-describedby="new-lesson-position-hint" />
                    </div>
                    <button type="submit">{t(lang, "lesson-new-create")}</button>
                </form>
            </div>
        }
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPageData {
    pub draft: DraftView,
    pub preview: Preview,
    pub me: i64,
    pub can_write: bool,
    /// The current version compared with the draft (for reviewers).
    pub changes: Vec<DiffLine>,
}

/// A draft, checked and rendered, with what changed from the published version.
#[server(endpoint = "staff/lessons/draft")]
pub async fn draft_details(id: i64) -> Result<DraftPageData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let draft = store.draft(id).await?.ok_or(AppError::NotFound)?;
        let glossary = store.glossary_index().await?;
        let checked = super::drafts::check_draft(
            &draft.slug,
            draft.position,
            &draft.source,
            &draft.easy_source,
            &glossary,
        );
        let preview = super::drafts::preview(&checked, &glossary);
        let before = draft
            .current
            .as_ref()
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        let changes =
            super::editor::with_context(super::editor::diff_lines(before, &draft.source), 3);
        Ok(DraftPageData {
            draft,
            preview,
            me: member.id,
            can_write: member.role.writes_lessons(),
            changes,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// What the editor's live preview gets back: the problems and the preview as HTML
/// rendered on the server (so the browser's code holds no view of them), and whether
/// the text was saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Autosaved {
    pub problems_html: String,
    pub preview_html: String,
    pub saved: bool,
}

/// The problems and the preview of a draft, as HTML.
#[cfg(feature = "ssr")]
pub fn preview_parts(preview: Preview, lang: Lang) -> (String, String) {
    let labels = EditorLabels::new(lang);
    let problems = problems_view(preview.problems.clone(), &labels).to_html();
    let shown = preview_view(preview, &labels).to_html();
    (problems, shown)
}

/// Saves one's own draft as typed and renders it (the editor calls it a moment after
/// one stops typing, with JavaScript). Rendering happens here, so no markdown crate
/// enters the browser's code.
#[server(endpoint = "staff/lessons/autosave", output = leptos::server_fn::codec::Postcard)]
pub async fn autosave_draft(
    id: i64,
    source: String,
    easy_source: String,
) -> Result<Autosaved, AppError> {
    async move {
        let member = require_writer().await?;
        if source.chars().count() > super::editor::MAX_SOURCE_CHARS
            || easy_source.chars().count() > super::editor::MAX_SOURCE_CHARS
        {
            let too_long = Preview {
                problems: vec![LineProblem {
                    part: Part::Lesson,
                    line: None,
                    excerpt: String::new(),
                    message: "le texte est trop long (60 000 caractères au plus)".into(),
                }],
                ..Preview::default()
            };
            let (problems_html, preview_html) = preview_parts(too_long, use_lang());
            return Ok(Autosaved {
                problems_html,
                preview_html,
                saved: false,
            });
        }
        let store = expect_context::<crate::db::Store>();
        let draft = store.draft(id).await?.ok_or(AppError::NotFound)?;
        let saved = store
            .save_draft(
                id,
                member.id,
                &source,
                &easy_source,
                crate::state::unix_now(),
            )
            .await?;
        if !saved && draft.author_id != member.id {
            return Err(AppError::Forbidden);
        }
        let glossary = store.glossary_index().await?;
        let checked = super::drafts::check_draft(
            &draft.slug,
            draft.position,
            &source,
            &easy_source,
            &glossary,
        );
        let (problems_html, preview_html) =
            preview_parts(super::drafts::preview(&checked, &glossary), use_lang());
        Ok(Autosaved {
            problems_html,
            preview_html,
            saved,
        })
    }
    .await
    .map_err(AppError::answered)
}

/// A draft form the server refused (too long, or submitted with problems), provided
/// as context so that the page shows what was typed and why.
#[derive(Clone, Debug, Default)]
pub struct PostedDraft {
    pub source: String,
    pub easy_source: String,
    pub error_key: &'static str,
}

/// A refused image upload (no text saying what it shows, not an image, too large),
/// provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedImage {
    pub alt: String,
    pub error_key: &'static str,
}

/// The form that adds an image to one's draft (a separate multipart form).
#[component]
fn ImageForm(action: String) -> impl IntoView {
    let lang = use_lang();
    let posted = use_context::<PostedImage>().unwrap_or_default();
    let error = (!posted.error_key.is_empty()).then(|| {
        set_status(422);
        t(lang, posted.error_key)
    });
    let invalid = error.is_some().then_some("true");
    view! {
        <form method="post" action=action enctype="multipart/form-data" class="image-form" id="ajouter-une-image">
            <h2>{t(lang, "image-title")}</h2>
            <p class="hint" id="image-hint">{t(lang, "image-hint")}</p>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="field">
                <label for="image-file">{t(lang, "image-file")}</label>
                <input type="file" id="image-file" name="image" accept="image/png,image/jpeg,image/webp" required
                    aria-describedby="image-hint" aria-invalid=invalid />
            </div>
            <div class="field">
                <label for="image-alt">{t(lang, "image-alt")}</label>
                <span class="hint" id="image-alt-hint">{t(lang, "image-alt-hint")}</span>
                <input id="image-alt" name="alt" required maxlength="300" autocomplete="off" value=posted.alt.clone()
                    aria-describedby="image-alt-hint" aria-invalid=invalid />
            </div>
            <button type="submit" class="secondary">{t(lang, "image-add")}</button>
        </form>
    }
}

/// The words the editor island shows (islands get their text from the page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditorLabels {
    pub source: String,
    pub source_hint: String,
    pub easy: String,
    pub easy_hint: String,
    pub problems: String,
    pub no_problem: String,
    pub lesson_part: String,
    pub easy_part: String,
    pub line: String,
    pub preview: String,
    pub easy_preview: String,
    pub terms: String,
    pub questions: String,
    pub saved: String,
    pub not_saved: String,
    pub logged_out: String,
}

crate::texts_as_list!(EditorLabels {
    source,
    source_hint,
    easy,
    easy_hint,
    problems,
    no_problem,
    lesson_part,
    easy_part,
    line,
    preview,
    easy_preview,
    terms,
    questions,
    saved,
    not_saved,
    logged_out,
});

impl EditorLabels {
    fn new(lang: Lang) -> EditorLabels {
        EditorLabels {
            source: t(lang, "editor-source"),
            source_hint: t(lang, "editor-source-hint"),
            easy: t(lang, "editor-easy"),
            easy_hint: t(lang, "editor-easy-hint"),
            problems: t(lang, "editor-problems"),
            no_problem: t(lang, "editor-no-problem"),
            lesson_part: t(lang, "editor-part-lesson"),
            easy_part: t(lang, "editor-part-easy"),
            line: t(lang, "editor-line"),
            preview: t(lang, "editor-preview"),
            easy_preview: t(lang, "editor-easy-preview"),
            terms: t(lang, "lesson-terms-title"),
            questions: t(lang, "editor-questions"),
            saved: t(lang, "editor-saved"),
            not_saved: t(lang, "editor-not-saved"),
            logged_out: t(lang, "editor-logged-out"),
        }
    }
}

/// The problems of a draft, each next to the text of the line it concerns.
fn problems_view(problems: Vec<LineProblem>, labels: &EditorLabels) -> impl IntoView {
    if problems.is_empty() {
        return view! { <p class="notice">{labels.no_problem.clone()}</p> }.into_any();
    }
    let lesson = labels.lesson_part.clone();
    let easy = labels.easy_part.clone();
    let line_word = labels.line.clone();
    view! {
        <ul class="draft-problems">
            {problems.into_iter().map(|p| {
                let (part, target) = match p.part {
                    Part::Lesson => (lesson.clone(), "#draft-source"),
                    Part::Easy => (easy.clone(), "#draft-easy"),
                };
                let place = match p.line {
                    Some(line) => format!("{part}, {line_word} {line}"),
                    None => part,
                };
                view! {
                    <li>
                        <a href=target>{place}</a> " : " {p.message}
                        {(!p.excerpt.is_empty()).then(|| view! { <br /><code class="problem-line">{p.excerpt}</code> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The draft rendered as the published page would show it (sanitised on the server).
fn preview_view(preview: Preview, labels: &EditorLabels) -> impl IntoView {
    if !preview.is_valid() {
        return ().into_any();
    }
    let terms = labels.terms.clone();
    let questions = labels.questions.clone();
    let easy_label = labels.easy_preview.clone();
    view! {
        <article class="lesson-preview" lang="fr">
            <h3>{preview.title}</h3>
            <p class="lead">{preview.summary}</p>
            <div class="lesson-body" inner_html=preview.html></div>
            {(!preview.terms.is_empty()).then(|| view! {
                <h4>{terms}</h4>
                <dl>{preview.terms.into_iter().map(|t| view! { <dt>{t.name}</dt><dd>{t.definition}</dd> }).collect_view()}</dl>
            })}
            {(!preview.questions.is_empty()).then(|| view! {
                <h4>{questions}</h4>
                <ol>{preview.questions.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ol>
            })}
            {preview.easy_html.map(|html| view! {
                <h4>{easy_label}</h4>
                <div class="lesson-body" inner_html=html></div>
            })}
        </article>
    }
    .into_any()
}

/// What [`DraftEditor`] needs from its page (see [`crate::islands`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftEditorData {
    pub id: i64,
    pub source: String,
    pub easy_source: String,
    pub problems_html: String,
    pub preview_html: String,
    pub labels: EditorLabels,
}

impl IslandData for DraftEditorData {
    const ID: &'static str = "donnees-editeur";

    fn to_texts(&self) -> Vec<String> {
        let mut texts = vec![
            self.id.to_string(),
            self.source.clone(),
            self.easy_source.clone(),
            self.problems_html.clone(),
            self.preview_html.clone(),
        ];
        texts.extend(Vec::from(self.labels.clone()));
        texts
    }

    fn from_texts(texts: Vec<String>) -> Self {
        let mut texts = texts.into_iter();
        let [id, source, easy_source, problems_html, preview_html] = head(&mut texts);
        DraftEditorData {
            id: id.parse().unwrap_or(-1),
            source,
            easy_source,
            problems_html,
            preview_html,
            labels: EditorLabels::from(texts.collect::<Vec<_>>()),
        }
    }
}

/// The editor: the two texts, their problems and the preview. Server-rendered, so that
/// it works as a plain form; with JavaScript it saves and previews a moment after one
/// stops typing. The problems and the preview come as HTML rendered by the server.
#[island]
pub fn DraftEditor() -> impl IntoView {
    let DraftEditorData {
        id,
        source,
        easy_source,
        problems_html,
        preview_html,
        labels,
    } = use_island_data();
    let text = RwSignal::new(source.clone());
    let easy = RwSignal::new(easy_source.clone());
    // The fields' text is written once by the server; typing changes the signals only.
    let problems = RwSignal::new(problems_html);
    let preview = RwSignal::new(preview_html);
    let status = RwSignal::new(String::new());
    let typed = RwSignal::new(0u64);
    let labels = StoredValue::new(labels);
    let schedule = move || {
        typed.update(|n| *n += 1);
        let at = typed.get_untracked();
        set_timeout(
            move || {
                if typed.get_untracked() != at {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let answer =
                        autosave_draft(id, text.get_untracked(), easy.get_untracked()).await;
                    let said = match answer {
                        Ok(done) => {
                            problems.set(done.problems_html);
                            preview.set(done.preview_html);
                            labels.with_value(|l| {
                                if done.saved {
                                    l.saved.clone()
                                } else {
                                    l.not_saved.clone()
                                }
                            })
                        }
                        Err(AppError::Unauthorized) => labels.with_value(|l| l.logged_out.clone()),
                        Err(_) => labels.with_value(|l| l.not_saved.clone()),
                    };
                    status.set(said);
                });
            },
            std::time::Duration::from_millis(900),
        );
    };
    let l = labels.get_value();
    view! {
        <div class="editor">
            <div class="editor-texts">
                <div class="field">
                    <label for="draft-source">{l.source.clone()}</label>
                    <span class="hint" id="draft-source-hint">{l.source_hint.clone()}</span>
                    <textarea id="draft-source" name="source" rows="24" spellcheck="true"
                        aria-describedby="draft-source-hint draft-problems-title"
                        on:input=move |ev| { text.set(event_target_value(&ev)); schedule(); }
                    >{format::textarea_text(&source)}</textarea>
                </div>
                <div class="field">
                    <label for="draft-easy">{l.easy.clone()}</label>
                    <span class="hint" id="draft-easy-hint">{l.easy_hint.clone()}</span>
                    <textarea id="draft-easy" name="easy_source" rows="10" spellcheck="true"
                        aria-describedby="draft-easy-hint"
                        on:input=move |ev| { easy.set(event_target_value(&ev)); schedule(); }
                    >{format::textarea_text(&easy_source)}</textarea>
                </div>
                <p class="autosave" role="status">{move || status.get()}</p>
            </div>
            <section class="editor-preview" id="apercu" aria-labelledby="draft-problems-title">
                <h2 id="draft-problems-title">{l.problems.clone()}</h2>
                <div inner_html=move || problems.get()></div>
                <h2>{l.preview.clone()}</h2>
                <div inner_html=move || preview.get()></div>
            </section>
        </div>
    }
}

/// The changes between two texts: removed lines struck, added lines marked.
#[component]
pub fn Changes(lines: Vec<DiffLine>, label: String) -> impl IntoView {
    let lang = use_lang();
    let added = t(lang, "diff-added");
    let removed = t(lang, "diff-removed");
    view! {
        <div class="diff" tabindex="0" role="region" aria-label=label>
            {lines.into_iter().map(|l| match l.change {
                Change::Same => view! { <div class="diff-same">{format!("  {}", l.text)}</div> }.into_any(),
                Change::Added => view! { <div><ins><span class="visually-hidden">{added.clone()}</span>{format!("+ {}", l.text)}</ins></div> }.into_any(),
                Change::Removed => view! { <div><del><span class="visually-hidden">{removed.clone()}</span>{format!("− {}", l.text)}</del></div> }.into_any(),
            }).collect_view()}
        </div>
    }
}

/// The problems and preview as HTML for the editor island (rendered on the server).
fn preview_html_of(preview: Preview, lang: Lang) -> (String, String) {
    #[cfg(feature = "ssr")]
    return preview_parts(preview, lang);
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (preview, lang);
        (String::new(), String::new())
    }
}

#[component]
pub fn DraftPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|p| p.get("id").unwrap_or_default())
        .parse::<i64>()
        .unwrap_or(-1);
    let posted = use_context::<PostedDraft>();
    loaded(draft_details(id), move |data: DraftPageData| {
        let d = data.draft.clone();
        let base = draft_path(d.id);
        let mine = d.author_id == data.me;
        let writing = mine && data.can_write && d.status == DraftStatus::Draft;
        let reviewer = !mine && data.can_write && d.status == DraftStatus::Submitted;
        let labels = EditorLabels::new(lang);
        let refused = posted.as_ref().map(|p| {
            set_status(422);
            t(lang, p.error_key)
        });
        let (source, easy_source) = match &posted {
            Some(p) => (p.source.clone(), p.easy_source.clone()),
            None => (d.source.clone(), d.easy_source.clone()),
        };
        let lesson_name = format!("{} — {}", d.module_title, d.slug);
        let stale = match (&d.current, d.base_version) {
            (Some((current, _)), Some(base)) if *current != base => Some(*current),
            (Some((current, _)), None) => Some(*current),
            _ => None,
        };
        let editor = writing.then(|| {
            let (problems_html, preview_html) = preview_html_of(data.preview.clone(), lang);
            let labels = labels.clone();
            view! {
                <form method="post" action=base.clone() class="draft-form">
                    {refused.clone().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    {island_data(DraftEditorData { id: d.id, source, easy_source, problems_html, preview_html, labels })}
                    <DraftEditor />
                    <div class="actions">
                        <button type="submit" name="action" value="preview">{t(lang, "editor-do-preview")}</button>
                        <button type="submit" name="action" value="save" class="secondary">{t(lang, "editor-do-save")}</button>
                        <button type="submit" name="action" value="submit" class="secondary">{t(lang, "editor-do-submit")}</button>
                    </div>
                </form>
                <ImageForm action=format!("{base}/image") />
            }
        });
        let read_only = (!writing).then(|| {
            let labels = labels.clone();
            view! {
                <section aria-labelledby="draft-preview-title">
                    <h2 id="draft-preview-title">{t(lang, "editor-preview")}</h2>
                    {problems_view(data.preview.problems.clone(), &labels)}
                    {preview_view(data.preview.clone(), &labels)}
                </section>
                <section aria-labelledby="draft-changes-title">
                    <h2 id="draft-changes-title">{t(lang, "draft-changes")}</h2>
                    <Changes lines=data.changes.clone() label=t(lang, "draft-changes") />
                </section>
            }
        });
        let review = reviewer.then(|| {
            view! {
                <section aria-labelledby="draft-review-title" class="review-actions">
                    <h2 id="draft-review-title">{t(lang, "draft-review")}</h2>
                    <form method="post" action=format!("{base}/publier")>
                        <button type="submit">{t(lang, "draft-publish")}</button>
                    </form>
                    <form method="post" action=format!("{base}/renvoyer")>
                        <div class="field">
                            <label for="review-note">{t(lang, "draft-return-note")}</label>
                            <textarea id="review-note" name="note" rows="4" required></textarea>
                        </div>
                        <button type="submit" class="secondary">{t(lang, "draft-return")}</button>
                    </form>
                </section>
            }
        });
        let waiting = (mine && d.status == DraftStatus::Submitted).then(|| {
            view! {
                <p class="notice">{t(lang, "draft-waiting")}</p>
                <form method="post" action=format!("{base}/reprendre")>
                    <button type="submit" class="secondary">{t(lang, "draft-reopen")}</button>
                </form>
            }
        });
        let discard = mine.then(|| {
            view! {
                <form method="post" action=format!("{base}/supprimer")>
                    <button type="submit" class="secondary">{t(lang, "draft-discard")}</button>
                </form>
            }
        });
        view! {
            <Title text=t_args(lang, "draft-title", &[("lesson", FluentArg::Text(lesson_name.clone()))]) />
            <div class="page page-wide">
                <p class="back-link"><a href=paths::LESSONS_STAFF>{t(lang, "lessons-staff-title")}</a></p>
                <h1>{t_args(lang, "draft-title", &[("lesson", FluentArg::Text(lesson_name.clone()))])}</h1>
                <p>
                    {t(lang, d.status.label_key())} " · "
                    {t_args(lang, "draft-by", &[("name", FluentArg::Text(d.author_name.clone())), ("date", FluentArg::Text(format::unix_date(d.updated_at, lang)))])}
                    {d.current.is_some().then(|| view! { " · " <a href=history_path(&d.module_slug, &d.slug)>{t(lang, "lesson-history-link")}</a> })}
                </p>
                {(!d.review_note.is_empty()).then(|| view! {
                    <div class="notice"><p><strong>{t(lang, "draft-review-note")}</strong></p><p class="pre-line">{d.review_note.clone()}</p></div>
                })}
                {stale.map(|v| view! { <p class="notice">{t_args(lang, "draft-stale", &[("version", FluentArg::Number(v))])}</p> })}
                {(!mine && d.status == DraftStatus::Draft).then(|| view! { <p class="notice">{t(lang, "draft-being-written")}</p> })}
                {(mine && data.can_write && d.status == DraftStatus::Submitted).then(|| view! { <p class="notice">{t(lang, "draft-four-eyes")}</p> })}
                {(!writing).then(|| refused.clone().map(|e| view! { <p class="form-error" role="alert">{e}</p> }))}
                {editor}
                {waiting}
                {review}
                {read_only}
                {discard}
            </div>
        }
    })
}

/// A refused rollback (the old text no longer passes today's checks, for example a
/// glossary word since removed), provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedRestore {
    pub version: i64,
    pub problems: Vec<LineProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryData {
    pub history: LessonHistory,
    pub can_write: bool,
}

/// A lesson's versions, events and one version compared with the one before.
#[server(endpoint = "staff/lessons/history")]
pub async fn history_details(
    module: String,
    slug: String,
    version: Option<i64>,
) -> Result<HistoryData, AppError> {
    async move {
        let member = crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let history = store
            .lesson_history(&module, &slug, version)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(HistoryData {
            history,
            can_write: member.role.writes_lessons(),
        })
    }
    .await
    .map_err(AppError::answered)
}

#[component]
pub fn LessonHistoryPage() -> impl IntoView {
    let lang = use_lang();
    let (module, slug) = use_params_map().with_untracked(|p| {
        (
            p.get("module").unwrap_or_default(),
            p.get("lesson").unwrap_or_default(),
        )
    });
    let version = use_query_map().with_untracked(|q| q.get("version").and_then(|v| v.parse().ok()));
    let refused = use_context::<PostedRestore>();
    loaded(
        history_details(module, slug, version),
        move |data: HistoryData| {
            let h = data.history;
            let base = history_path(&h.module_slug, &h.slug);
            let public = format!("{}/{}/{}", paths::MODULES, h.module_slug, h.slug);
            let refused = refused.map(|r| {
            set_status(422);
            let labels = EditorLabels::new(lang);
            view! {
                <div class="form-error" role="alert">
                    <p>{t_args(lang, "history-restore-refused", &[("version", FluentArg::Number(r.version))])}</p>
                    {problems_view(r.problems, &labels)}
                </div>
            }
        });
            let title = t_args(
                lang,
                "history-title",
                &[("lesson", FluentArg::Text(h.title.clone()))],
            );
            let publish_form = data.can_write.then(|| {
                let (action, key) = if h.published {
                    ("depublier", "history-unpublish")
                } else {
                    ("republier", "history-republish")
                };
                view! {
                    <form method="post" action=format!("{base}/{action}") class="inline-form">
                        <button type="submit" class="secondary">{t(lang, key)}</button>
                    </form>
                }
            });
            let edit = view! {
                <EditLesson module=h.module_slug.clone() slug=h.slug.clone() draft=h.draft.clone()
                    can_write=data.can_write label=t(lang, "history-edit") link=false />
            };
            let current = h.current_version;
            let compared = h.compared.clone();
            view! {
                <Title text=title.clone() />
                <div class="page page-wide">
                    <p class="back-link"><a href=paths::LESSONS_STAFF>{t(lang, "lessons-staff-title")}</a></p>
                    <h1>{title.clone()}</h1>
                    {refused}
                    <p>
                        {h.module_title.clone()} " · "
                        {t(lang, if h.published { "lesson-published" } else { "lesson-unpublished" })}
                        {h.published.then(|| view! { " · " <a href=public.clone()>{t(lang, "history-see-page")}</a> })}
                    </p>
                    <div class="actions">{edit} {publish_form}</div>
                    <h2>{t(lang, "history-versions")}</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=t(lang, "history-versions")>
                        <table>
                            <thead><tr>
                                <th scope="col">{t(lang, "history-col-version")}</th>
                                <th scope="col">{t(lang, "history-col-origin")}</th>
                                <th scope="col">{t(lang, "history-col-when")}</th>
                                <th scope="col">{t(lang, "lessons-col-actions")}</th>
                            </tr></thead>
                            <tbody>
                                {h.versions.into_iter().map(|v| {
                                    let origin = match (&v.author, &v.reviewer) {
                                        (Some(a), Some(r)) if a == r => t_args(lang, "history-restored-by", &[("name", FluentArg::Text(a.clone()))]),
                                        (Some(a), Some(r)) => t_args(lang, "history-browser-by", &[("author", FluentArg::Text(a.clone())), ("reviewer", FluentArg::Text(r.clone()))]),
                                        _ => t(lang, if v.origin == "browser" { "lesson-origin-browser" } else { "lesson-origin-content" }),
                                    };
                                    let restore = (data.can_write && v.version != current).then(|| view! {
                                        <form method="post" action=format!("{base}/restaurer") class="inline-form">
                                            <input type="hidden" name="version" value=v.version.to_string() />
                                            <button type="submit" class="link-button">{t_args(lang, "history-restore", &[("version", FluentArg::Number(v.version))])}</button>
                                        </form>
                                    });
                                    view! {
                                        <tr>
                                            <th scope="row">{v.version}{(v.version == current).then(|| format!(" ({})", t(lang, "history-current")))}</th>
                                            <td>{origin}</td>
                                            <td>{format::unix_date(v.created_at, lang)}</td>
                                            <td>
                                                <a href=format!("{base}?version={}", v.version)>{t_args(lang, "history-see-changes", &[("version", FluentArg::Number(v.version))])}</a>
                                                " " {restore}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {compared.map(|(version, lines)| {
                        let label = t_args(lang, "history-changes-of", &[("version", FluentArg::Number(version))]);
                        view! {
                            <h2 id="changements">{label.clone()}</h2>
                            <Changes lines label />
                        }
                    })}
                    <h2>{t(lang, "history-events")}</h2>
                    {if h.events.is_empty() {
                        view! { <p>{t(lang, "history-no-event")}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                {h.events.into_iter().map(|e| view! {
                                    <li>
                                        {format::unix_date(e.at, lang)} " · "
                                        {e.actor.unwrap_or_default()} " · "
                                        {t(lang, event_label_key(&e.action))}
                                        {e.version.map(|v| format!(" (version {v})"))}
                                        {(!e.detail.is_empty()).then(|| view! { " — " <span class="pre-line">{e.detail}</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
            }
        },
    )
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_editor_island_gets_the_text_and_labels_as_the_page_wrote_them() {
        for lang in Lang::ALL {
            let data = DraftEditorData {
                id: 42,
                source: "# Titre\n\nUne ligne,\nune autre & <b>\"gras\"</b>\n".into(),
                easy_source: String::new(),
                problems_html: "<p>Aucun problème.</p>".into(),
                preview_html: "<article><h3>Titre</h3></article>".into(),
                labels: EditorLabels::new(lang),
            };
            let back = DraftEditorData::from_texts(data.to_texts());
            assert_eq!(back, data);
            assert_eq!(back.labels.logged_out, t(lang, "editor-logged-out"));
        }
        assert_eq!(DraftEditorData::from_texts(vec!["x".into()]).id, -1);
    }
}
