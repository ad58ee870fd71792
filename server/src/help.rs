//! Staff form handlers of the help directory: coordinators and administrators add an
//! entry or change one (which the seed file then leaves alone). A refused form comes
//! back with its values and each problem named.
use crate::{
    forms::read_fields, pages::error_page as failure, render::render_page_with,
    staff_workshops::done, workshops::id_in, workshops::staff_allowed,
};
use app::{
    app::paths,
    error::AppError,
    help::{model::HelpInput, pages::PostedHelp},
    state::{unix_now, AppState},
};
use axum::{
    extract::{Request, State},
    http::request::Parts,
    response::Response,
};
use leptos::prelude::provide_context;
use tower_sessions::Session;

async fn refused(state: AppState, parts: Parts, posted: PostedHelp) -> Response {
    render_page_with(state, parts, move || provide_context(posted.clone())).await
}

/// `POST /espace-pro/aide` (a new entry) and `POST /espace-pro/aide/{id}` (a change).
pub async fn save_entry(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match staff_allowed(&state, &session, |m| m.role.manages_help()).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let id = id_in(&parts.uri, 3);
    if parts.uri.path() != paths::STAFF_HELP && id.is_none() {
        return failure(AppError::NotFound);
    }
    let input = HelpInput::from_fields(&read_fields(body).await);
    let entry = match input.parse() {
        Ok(entry) => entry,
        Err(errors) => {
            let posted = PostedHelp {
                input,
                errors,
                slug_taken: false,
            };
            return refused(state, parts, posted).await;
        }
    };
    let now = unix_now();
    let saved = match id {
        Some(id) => match state.store.help_entry(id).await {
            Ok(Some(_)) => state
                .store
                .update_help_entry(id, &entry, member.id, now)
                .await
                .map(|ok| ok.then_some(id)),
            Ok(None) => return failure(AppError::NotFound),
            Err(error) => return failure(error.into()),
        },
        None => state.store.create_help_entry(&entry, member.id, now).await,
    };
    match saved {
        Ok(Some(id)) => {
            let action = if parts.uri.path() == paths::STAFF_HELP {
                "help-entry-created"
            } else {
                "help-entry-changed"
            };
            done(
                &state,
                &member,
                action,
                format!("aide {id} ({})", entry.slug),
                paths::STAFF_HELP,
            )
            .await
        }
        Ok(None) => {
            let posted = PostedHelp {
                input,
                errors: Vec::new(),
                slug_taken: true,
            };
            refused(state, parts, posted).await
        }
        Err(error) => failure(error.into()),
    }
}
