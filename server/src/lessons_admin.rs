//! Form handlers of lessons written in the browser: opening a draft (new lesson or
//! existing one), saving and previewing it, the review (submit, return, publish by
//! someone else), unpublishing, rollback, and the export of a module in the `content/`
//! format. Trainers and coordinators write and review; every step is audited.
use crate::{
    forms::read_fields,
    pages::error_page as failure,
    render::render_page_with,
    staff_workshops::done,
    workshops::{any_staff, staff_allowed},
};
use app::{
    app::paths,
    error::AppError,
    lessons::{
        content::is_valid_slug,
        drafts::{
            check_draft, file_name, glossary_toml, module_toml, DraftStep, Publication, StartDraft,
        },
        editor::{new_lesson_template, DraftStatus, MAX_NOTE_CHARS, MAX_SOURCE_CHARS},
        editor_pages::{draft_path, history_path, PostedDraft, PostedNewLesson, PostedRestore},
        images::IMAGE_DIR,
        import::RESERVED_LESSON_SLUGS,
        lesson_file::EASY_SUFFIX,
    },
    staff::model::StaffMember,
    state::{unix_now, AppState},
};
use axum::{
    extract::{Path, Request, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use std::io::Write as _;
use tower_sessions::Session;

/// Trainers and coordinators write, review and publish lessons.
pub(crate) async fn writer(state: &AppState, session: &Session) -> Result<StaffMember, Response> {
    staff_allowed(state, session, |m| m.role.writes_lessons()).await
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// Browsers send a textarea's lines with CRLF; versions keep plain LF.
fn text_field(fields: &[(String, String)], name: &str) -> String {
    field(fields, name).replace("\r\n", "\n")
}

/// Renders the page at `path` with `extra` in context, answering `status`.
async fn page_at(
    state: AppState,
    mut parts: Parts,
    path: String,
    status: StatusCode,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.uri = match path.parse() {
        Ok(uri) => uri,
        Err(_) => return failure(AppError::NotFound),
    };
    let mut response = render_page_with(state, parts, extra).await;
    *response.status_mut() = status;
    response
}

/// `POST /espace-pro/lecons/nouvelle`: opens a draft of a new lesson (module, address,
/// place in the module), starting from a fiche to fill in.
pub async fn new_lesson(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let module = field(&fields, "module").trim().to_string();
    let slug = field(&fields, "slug").trim().to_string();
    let position_text = field(&fields, "position").trim().to_string();
    let position = position_text
        .parse::<i64>()
        .ok()
        .filter(|p| (1..=99).contains(p));
    let error_key = if !is_valid_slug(&slug) || RESERVED_LESSON_SLUGS.contains(&slug.as_str()) {
        Some("lesson-new-error-slug")
    } else if position.is_none() {
        Some("lesson-new-error-position")
    } else {
        None
    };
    let now = unix_now();
    let outcome = match (error_key, position) {
        (None, Some(position)) => {
            let today = chrono::DateTime::from_timestamp(now, 0)
                .unwrap_or_default()
                .format("%Y-%m-%d")
                .to_string();
            let template = new_lesson_template(&today);
            match state
                .store
                .new_draft(&module, &slug, position, &template, member.id, now)
                .await
            {
                Ok(Some(id)) => Ok(id),
                Ok(None) => Err("lesson-new-error-taken"),
                // Someone opened the same address at the same moment.
                Err(error) if error.is_unique_violation() => Err("lesson-new-error-taken"),
                Err(error) => return failure(error.into()),
            }
        }
        (key, _) => Err(key.unwrap_or("lesson-new-error-position")),
    };
    match outcome {
        Ok(id) => {
            done(
                &state,
                &member,
                "lesson-draft-opened",
                format!("{module}/{slug}"),
                &draft_path(id),
            )
            .await
        }
        Err(error_key) => {
            let posted = PostedNewLesson {
                module,
                slug,
                position: position_text,
                error_key,
            };
            page_at(
                state,
                parts,
                paths::LESSON_NEW.to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
                move || provide_context(posted.clone()),
            )
            .await
        }
    }
}

/// `POST /espace-pro/lecons/brouillons`: opens a draft of an existing lesson (fields
/// `module` and `slug`), or goes to the one already open.
pub async fn open_draft(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let fields = read_fields(request.into_body()).await;
    let (module, slug) = (field(&fields, "module"), field(&fields, "slug"));
    match state
        .store
        .start_draft(module, slug, member.id, unix_now())
        .await
    {
        Ok(StartDraft::Open(id)) => {
            done(
                &state,
                &member,
                "lesson-draft-opened",
                format!("{module}/{slug}"),
                &draft_path(id),
            )
            .await
        }
        Ok(StartDraft::TakenBy { id, .. }) => crate::headers::see_other(&draft_path(id)),
        Ok(StartDraft::NotFound) => failure(AppError::NotFound),
        // Someone opened a draft of it at the same moment: the list shows whose.
        Err(error) if error.is_unique_violation() => {
            crate::headers::see_other(paths::LESSONS_STAFF)
        }
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/lecons/brouillons/{id}`: saves one's draft; `action` is `preview`
/// (then shows the preview), `save`, or `submit` (refused, with the problems named
/// next to their lines, while the text has problems).
pub async fn save_draft(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) if response.status() == StatusCode::UNAUTHORIZED => {
            let fields = read_fields(request.into_body()).await;
            let texts = (
                text_field(&fields, "source"),
                text_field(&fields, "easy_source"),
            );
            return logged_out(&texts.0, &texts.1);
        }
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let source = text_field(&fields, "source");
    let easy_source = text_field(&fields, "easy_source");
    let action = field(&fields, "action").to_string();
    let draft = match state.store.draft(id).await {
        Ok(Some(d)) => d,
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return failure(error.into()),
    };
    if draft.author_id != member.id {
        return failure(AppError::Forbidden);
    }
    if draft.status != DraftStatus::Draft {
        return crate::headers::see_other(&draft_path(id));
    }
    let refuse = |error_key: &'static str, parts: Parts, state: AppState| {
        let posted = PostedDraft {
            source: source.clone(),
            easy_source: easy_source.clone(),
            error_key,
        };
        page_at(
            state,
            parts,
            draft_path(id),
            StatusCode::UNPROCESSABLE_ENTITY,
            move || provide_context(posted.clone()),
        )
    };
    if source.chars().count() > MAX_SOURCE_CHARS || easy_source.chars().count() > MAX_SOURCE_CHARS {
        return refuse("draft-error-too-long", parts, state).await;
    }
    let now = unix_now();
    match state
        .store
        .save_draft(id, member.id, &source, &easy_source, now)
        .await
    {
        Ok(true) => {}
        Ok(false) => return crate::headers::see_other(&draft_path(id)),
        Err(error) => return failure(error.into()),
    }
    match action.as_str() {
        "submit" => {
            let glossary = match state.store.glossary_index().await {
                Ok(g) => g,
                Err(error) => return failure(error.into()),
            };
            if check_draft(
                &draft.slug,
                draft.position,
                &source,
                &easy_source,
                &glossary,
            )
            .is_err()
            {
                return refuse("draft-error-problems", parts, state).await;
            }
            match state
                .store
                .move_draft(id, member.id, DraftStep::Submit, "", now)
                .await
            {
                Ok(_) => {
                    let what = format!("{}/{}", draft.module_slug, draft.slug);
                    done(&state, &member, "lesson-submitted", what, &draft_path(id)).await
                }
                Err(error) => failure(error.into()),
            }
        }
        "preview" => crate::headers::see_other(&format!("{}#apercu", draft_path(id))),
        _ => crate::headers::see_other(&draft_path(id)),
    }
}

/// What a save sent after the session expired answers: the texts as they were sent, to
/// copy before logging in again (nothing typed is lost).
fn logged_out(source: &str, easy: &str) -> Response {
    use crate::pages::escape;
    let body = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Votre session a expiré · Repères</title><link rel=\"stylesheet\" href=\"/pkg/reperes.css\"></head>\
         <body><main id=\"contenu\" class=\"page\"><h1>Votre session a expiré</h1>\
         <p>Votre texte n'a pas été enregistré, mais il n'est pas perdu : le voici. Copiez-le, \
         <a href=\"{login}\">reconnectez-vous</a> dans un autre onglet, rouvrez votre brouillon et collez-le.</p>\
         <div class=\"field\"><label for=\"kept-source\">Texte de la leçon</label>\
         <textarea id=\"kept-source\" rows=\"20\" readonly>{source}</textarea></div>\
         <div class=\"field\"><label for=\"kept-easy\">Version facile à lire</label>\
         <textarea id=\"kept-easy\" rows=\"8\" readonly>{easy}</textarea></div></main></body></html>",
        login = paths::LOGIN,
        source = escape(source),
        easy = escape(easy),
    );
    (StatusCode::UNAUTHORIZED, axum::response::Html(body)).into_response()
}

/// `POST /espace-pro/lecons/brouillons/{id}/publier`: someone other than the author
/// publishes a submitted draft as the lesson's next version.
pub async fn publish(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, _) = request.into_parts();
    let (draft, glossary) = match (
        state.store.draft(id).await,
        state.store.glossary_index().await,
    ) {
        (Ok(Some(d)), Ok(g)) => (d, g),
        // Already published (a second click) or deleted: back to the list.
        (Ok(None), _) => return crate::headers::see_other(paths::LESSONS_STAFF),
        (Err(error), _) | (_, Err(error)) => return failure(error.into()),
    };
    let lesson = match check_draft(
        &draft.slug,
        draft.position,
        &draft.source,
        &draft.easy_source,
        &glossary,
    ) {
        Ok(lesson) => lesson,
        Err(_) => {
            let posted = PostedDraft {
                source: draft.source.clone(),
                easy_source: draft.easy_source.clone(),
                error_key: "draft-error-publish-problems",
            };
            return page_at(
                state,
                parts,
                draft_path(id),
                StatusCode::UNPROCESSABLE_ENTITY,
                move || provide_context(posted.clone()),
            )
            .await;
        }
    };
    match state
        .store
        .publish_draft(id, member.id, &lesson, unix_now())
        .await
    {
        Ok(Publication::Published { version }) => {
            let what = format!("{}/{} version {version}", draft.module_slug, draft.slug);
            done(
                &state,
                &member,
                "lesson-published",
                what,
                &history_path(&draft.module_slug, &draft.slug),
            )
            .await
        }
        Ok(Publication::OwnDraft) => failure(AppError::Forbidden),
        Ok(Publication::NotSubmitted) => crate::headers::see_other(paths::LESSONS_STAFF),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/lecons/brouillons/{id}/renvoyer`: a reviewer returns a submitted
/// draft to its author with a note.
pub async fn return_draft(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let fields = read_fields(request.into_body()).await;
    let note: String = field(&fields, "note")
        .trim()
        .chars()
        .take(MAX_NOTE_CHARS)
        .collect();
    step(
        &state,
        &member,
        id,
        DraftStep::Return,
        &note,
        "lesson-returned",
    )
    .await
}

/// `POST /espace-pro/lecons/brouillons/{id}/reprendre`: the author takes a submitted
/// draft back to change it.
pub async fn reopen(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    step(
        &state,
        &member,
        id,
        DraftStep::Reopen,
        "",
        "lesson-reopened",
    )
    .await
}

async fn step(
    state: &AppState,
    member: &StaffMember,
    id: i64,
    step: DraftStep,
    note: &str,
    action: &str,
) -> Response {
    match state
        .store
        .move_draft(id, member.id, step, note, unix_now())
        .await
    {
        Ok(true) => {
            done(
                state,
                member,
                action,
                format!("brouillon {id}"),
                &draft_path(id),
            )
            .await
        }
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/lecons/brouillons/{id}/supprimer`: the author throws a draft away.
pub async fn discard(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    match state.store.discard_draft(id, member.id, unix_now()).await {
        Ok(true) => {
            done(
                &state,
                &member,
                "lesson-draft-discarded",
                format!("brouillon {id}"),
                paths::LESSONS_STAFF,
            )
            .await
        }
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/lecons/historique/{module}/{lesson}/restaurer`: makes an earlier
/// version (field `version`) current again, as a new version, if it still passes
/// today's checks.
pub async fn restore(
    State(state): State<AppState>,
    session: Session,
    Path((module, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let Ok(version) = field(&fields, "version").parse::<i64>() else {
        return failure(AppError::NotFound);
    };
    let found = (
        state.store.version_source(&module, &slug, version).await,
        state.store.lesson_position(&module, &slug).await,
        state.store.glossary_index().await,
    );
    let (text, easy, position, glossary) = match found {
        (Ok(Some((text, easy))), Ok(Some(position)), Ok(glossary)) => {
            (text, easy, position, glossary)
        }
        (Ok(None), _, _) | (_, Ok(None), _) => return failure(AppError::NotFound),
        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
            return failure(error.into())
        }
    };
    let lesson = match check_draft(
        &slug,
        position,
        &text,
        easy.as_deref().unwrap_or(""),
        &glossary,
    ) {
        Ok(lesson) => lesson,
        Err(problems) => {
            let posted = PostedRestore { version, problems };
            return page_at(
                state,
                parts,
                history_path(&module, &slug),
                StatusCode::UNPROCESSABLE_ENTITY,
                move || provide_context(posted.clone()),
            )
            .await;
        }
    };
    match state
        .store
        .restore_version(&module, &slug, version, member.id, &lesson, unix_now())
        .await
    {
        Ok(Some(new_version)) => {
            let what = format!("{module}/{slug} version {version} → {new_version}");
            done(
                &state,
                &member,
                "lesson-restored",
                what,
                &history_path(&module, &slug),
            )
            .await
        }
        Ok(None) => failure(AppError::NotFound),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/lecons/historique/{module}/{lesson}/depublier`: takes the lesson off the site.
pub async fn unpublish(
    State(state): State<AppState>,
    session: Session,
    Path((module, slug)): Path<(String, String)>,
) -> Response {
    set_published(state, session, module, slug, false).await
}

/// `POST /espace-pro/lecons/historique/{module}/{lesson}/republier`: puts it back online.
pub async fn republish(
    State(state): State<AppState>,
    session: Session,
    Path((module, slug)): Path<(String, String)>,
) -> Response {
    set_published(state, session, module, slug, true).await
}

async fn set_published(
    state: AppState,
    session: Session,
    module: String,
    slug: String,
    published: bool,
) -> Response {
    let member = match writer(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let to = history_path(&module, &slug);
    match state
        .store
        .set_lesson_published(&module, &slug, published, member.id, unix_now())
        .await
    {
        Ok(true) => {
            let action = if published {
                "lesson-republished"
            } else {
                "lesson-unpublished"
            };
            done(&state, &member, action, format!("{module}/{slug}"), &to).await
        }
        Ok(false) => crate::headers::see_other(&to),
        Err(error) => failure(error.into()),
    }
}

/// The routes that are not forms: the export of a module, and the images of lessons.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route(
            &format!("{}/{{module}}", paths::LESSON_EXPORT),
            axum::routing::get(export),
        )
        .route(
            &format!("{}/{{file}}", app::lessons::images::IMAGE_PATH),
            axum::routing::get(crate::images::serve),
        )
}

/// `GET /espace-pro/lecons/export/{module}`: the module's published lessons in the
/// `content/` format, as a zip file: `<module>/module.toml`, `<module>/NN-slug.md` (and
/// `.facile.md`), `glossary.toml` with the words the lessons use, and `images/` with
/// the images they show.
pub async fn export(
    State(state): State<AppState>,
    session: Session,
    Path(module): Path<String>,
) -> Response {
    if let Err(response) = any_staff(&state, &session).await {
        return response;
    }
    let export = match state.store.export_module(&module).await {
        Ok(Some(export)) => export,
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return failure(error.into()),
    };
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        format!("{module}/module.toml"),
        module_toml(&export.meta).into_bytes(),
    )];
    for (position, slug, text, easy) in &export.lessons {
        let name = file_name(*position, slug);
        files.push((format!("{module}/{name}"), text.clone().into_bytes()));
        if let Some(easy) = easy {
            let easy_name = format!("{}{EASY_SUFFIX}", name.trim_end_matches(".md"));
            files.push((format!("{module}/{easy_name}"), easy.clone().into_bytes()));
        }
    }
    files.push((
        "glossary.toml".into(),
        glossary_toml(&export.terms).into_bytes(),
    ));
    for (name, bytes) in export.images {
        files.push((format!("{IMAGE_DIR}/{name}"), bytes));
    }
    match zip_files(&files) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/zip"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    crate::headers::attachment(&format!("{module}.zip")),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "module export failed");
            failure(AppError::Internal)
        }
    }
}

fn zip_files(files: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text)?;
    }
    Ok(zip.finish()?.into_inner())
}
