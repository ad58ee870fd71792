//! Form handlers of the joint sessions: propose, answer, confirm (conflicts checked in
//! the store's transaction), withdraw, one's unavailability, and one's calendar feed.
//! Each handler checks the session itself; a refused form comes back with its values.
use crate::{
    forms::read_fields,
    pages::error_page as failure,
    render::render_page_with,
    staff_workshops::done,
    workshops::{any_staff, id_in, manager},
};
use app::{
    app::paths,
    error::AppError,
    joint::{
        model::{ProposalInput, UnavailabilityInput},
        pages::{NewFeedAddress, PostedConfirmation, PostedProposal, PostedUnavailability},
        store::{Confirmation, FeedOwner},
    },
    staff::model::StaffMember,
    state::{unix_now, AppState},
    workshops::tokens,
};
use axum::{
    extract::{Request, State},
    http::StatusCode,
    response::Response,
};
use leptos::prelude::provide_context;
use tower_sessions::Session;

/// `POST /espace-pro/seances/proposer`: a trainer or coordinator proposes a session
/// with one to five slots and invites trainers; the invitees are told.
pub async fn propose(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let input = ProposalInput::from_fields(&read_fields(body).await);
    let now = unix_now();
    let (places, invitable) = match (
        state.store.list_places().await,
        state.store.invitable_staff(member.id).await,
    ) {
        (Ok(p), Ok(i)) => (p, i),
        (Err(error), _) | (_, Err(error)) => return failure(error.into()),
    };
    let places: Vec<(i64, i64)> = places.iter().map(|p| (p.id, p.capacity)).collect();
    let invitable: Vec<i64> = invitable.iter().map(|i| i.0).collect();
    match input.validate(&places, &invitable, now) {
        Ok(valid) => match state
            .store
            .create_proposal(member.organisation_id, member.id, &valid, now)
            .await
        {
            Ok(id) => {
                let to = format!("{}/{id}", paths::JOINT_PROPOSALS);
                done(
                    &state,
                    &member,
                    "session-proposed",
                    format!("proposition {id}"),
                    &to,
                )
                .await
            }
            Err(error) => failure(error.into()),
        },
        Err(errors) => {
            render_page_with(state, parts, move || {
                provide_context(PostedProposal {
                    input: input.clone(),
                    errors: errors.clone(),
                })
            })
            .await
        }
    }
}

/// `POST /espace-pro/seances/propositions/{id}/reponse`: an invitee answers per slot
/// (fields `slot-{slot id}` = `oui` or `non`; a slot left blank keeps its answer).
pub async fn answer(State(state): State<AppState>, session: Session, request: Request) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(id) = id_in(request.uri(), 4) else {
        return failure(AppError::NotFound);
    };
    let fields = read_fields(request.into_body()).await;
    let answers: Vec<(i64, bool)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let slot = name.strip_prefix("slot-")?.parse::<i64>().ok()?;
            match value.as_str() {
                "oui" => Some((slot, true)),
                "non" => Some((slot, false)),
                _ => None,
            }
        })
        .take(10)
        .collect();
    match state
        .store
        .answer_proposal(id, member.id, &answers, unix_now())
        .await
    {
        Ok(true) => crate::headers::see_other(&format!("{}/{id}", paths::JOINT_PROPOSALS)),
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/seances/propositions/{id}/confirmer`: the proposer confirms a
/// slot (field `slot`). A conflict found inside the transaction comes back as a 409
/// page naming who or what is taken, and when.
pub async fn confirm(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(id) = id_in(request.uri(), 4) else {
        return failure(AppError::NotFound);
    };
    let (mut parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let Some(slot) = fields
        .iter()
        .find(|(n, _)| n == "slot")
        .and_then(|(_, v)| v.parse::<i64>().ok())
    else {
        return failure(AppError::NotFound);
    };
    let outcome = state
        .store
        .confirm_slot(
            id,
            slot,
            member.id,
            state.settings.travel_buffer_secs,
            unix_now(),
        )
        .await;
    let refused = match outcome {
        Ok(Confirmation::Confirmed { session_id }) => {
            let to = format!("{}/{id}", paths::JOINT_PROPOSALS);
            return done(
                &state,
                &member,
                "session-confirmed",
                format!("proposition {id}, séance {session_id}"),
                &to,
            )
            .await;
        }
        Ok(Confirmation::Gone) => return failure(AppError::Forbidden),
        Ok(Confirmation::Conflicts(conflicts)) => PostedConfirmation::Conflicts { slot, conflicts },
        Ok(Confirmation::NotJoint) => PostedConfirmation::NotJoint { slot },
        Err(error) => return failure(error.into()),
    };
    parts.uri = match format!("{}/{id}", paths::JOINT_PROPOSALS).parse() {
        Ok(uri) => uri,
        Err(_) => return failure(AppError::NotFound),
    };
    let mut response =
        render_page_with(state, parts, move || provide_context(refused.clone())).await;
    *response.status_mut() = StatusCode::CONFLICT;
    response
}

/// `POST /espace-pro/seances/propositions/{id}/retirer`: the proposer withdraws an
/// open proposal; the invitees are told.
pub async fn withdraw(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(id) = id_in(request.uri(), 4) else {
        return failure(AppError::NotFound);
    };
    match state.store.cancel_proposal(id, member.id, unix_now()).await {
        Ok(true) => {
            let to = format!("{}/{id}", paths::JOINT_PROPOSALS);
            done(
                &state,
                &member,
                "session-withdrawn",
                format!("proposition {id}"),
                &to,
            )
            .await
        }
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/indisponibilites`: declares a one-off or weekly unavailability.
pub async fn add_unavailability(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let input = UnavailabilityInput::from_fields(&read_fields(body).await);
    match input.validate() {
        Ok((block, note)) => match state
            .store
            .add_unavailability(member.id, &block, &note, unix_now())
            .await
        {
            Ok(_) => crate::headers::see_other(paths::UNAVAILABILITY),
            Err(error) => failure(error.into()),
        },
        Err(errors) => {
            render_page_with(state, parts, move || {
                provide_context(PostedUnavailability {
                    input: input.clone(),
                    errors: errors.clone(),
                })
            })
            .await
        }
    }
}

/// `POST /espace-pro/indisponibilites/{id}/supprimer`: removes one of one's own.
pub async fn delete_unavailability(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(id) = id_in(request.uri(), 3) else {
        return failure(AppError::NotFound);
    };
    match state.store.delete_unavailability(id, member.id).await {
        Ok(true) => crate::headers::see_other(paths::UNAVAILABILITY),
        // Not theirs (or already gone).
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/seances/agenda`: makes a new secret address for one's calendar
/// feed (the old one stops working) and shows it once, on the page itself: only its
/// hash is kept.
pub async fn renew_feed(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    match any_staff(&state, &session).await {
        Ok(member) => renew(state, FeedOwner::Staff(member.id), &member, request).await,
        Err(response) => response,
    }
}

/// `POST /espace-pro/seances/agenda-organisation`: the same for the feed of one's
/// organisation's sessions (coordinators and admins).
pub async fn renew_organisation_feed(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    match manager(&state, &session).await {
        Ok(member) => {
            let owner = FeedOwner::Organisation(member.organisation_id);
            renew(state, owner, &member, request).await
        }
        Err(response) => response,
    }
}

async fn renew(
    state: AppState,
    owner: FeedOwner,
    member: &StaffMember,
    request: Request,
) -> Response {
    let token = tokens::new_token();
    let now = unix_now();
    if let Err(error) = state
        .store
        .renew_calendar_feed(owner, &tokens::hash(&token), now)
        .await
    {
        return failure(error.into());
    }
    let detail = match owner {
        FeedOwner::Staff(_) => "personnel",
        FeedOwner::Organisation(_) => "organisation",
    };
    if let Err(error) = state
        .store
        .audit(Some(member.id), "calendar-feed-renewed", detail, now)
        .await
    {
        return failure(error.into());
    }
    let address = format!("{}/agenda/{token}.ics", state.settings.site_url);
    let organisation = matches!(owner, FeedOwner::Organisation(_));
    let (mut parts, _) = request.into_parts();
    parts.uri = match paths::JOINT.parse() {
        Ok(uri) => uri,
        Err(_) => return failure(AppError::NotFound),
    };
    let mut response = render_page_with(state, parts, move || {
        provide_context(NewFeedAddress(address.clone(), organisation))
    })
    .await;
    // The page holds a secret: no cache may keep it.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// `POST /espace-pro/seances/agenda/revoquer`: one's feed address stops working.
pub async fn revoke_feed(State(state): State<AppState>, session: Session) -> Response {
    match any_staff(&state, &session).await {
        Ok(member) => revoke(state, FeedOwner::Staff(member.id), &member, "agenda").await,
        Err(response) => response,
    }
}

/// `POST /espace-pro/seances/agenda-organisation/revoquer`: the organisation's feed
/// address stops working (coordinators and admins).
pub async fn revoke_organisation_feed(State(state): State<AppState>, session: Session) -> Response {
    match manager(&state, &session).await {
        Ok(member) => {
            let owner = FeedOwner::Organisation(member.organisation_id);
            revoke(state, owner, &member, "agenda-organisation").await
        }
        Err(response) => response,
    }
}

async fn revoke(state: AppState, owner: FeedOwner, member: &StaffMember, anchor: &str) -> Response {
    match state.store.revoke_calendar_feed(owner).await {
        Ok(()) => {
            let to = format!("{}#{anchor}", paths::JOINT);
            done(&state, member, "calendar-feed-revoked", String::new(), &to).await
        }
        Err(error) => failure(error.into()),
    }
}
