//! Staff form handlers for one workshop or professional training (change it, give
//! freed seats to the waitlist, record attendance), for the bookings staff make for
//! households, and for staff signing up for a professional training themselves. Each
//! handler checks the session and the session's organisation itself.
use crate::{
    forms::read_fields,
    pages::error_page as failure,
    render::render_page_with,
    workshops::{any_staff, book, id_in, manager, validate_workshop, Booked},
};
use app::{
    app::paths,
    error::AppError,
    joint::model::Conflict,
    staff::model::StaffMember,
    state::{unix_now, AppState},
    workshops::{
        model::{SignUp, Workshop, WorkshopError, WorkshopInput, MAX_NAME_CHARS, MAX_SEATS},
        staff_pages::{can_manage, PostedEdit, PostedStaffBooking},
        store::{Registered, Updated},
        tokens,
        trainings::PostedTraining,
    },
};
use axum::{
    extract::{Request, State},
    response::Response,
};
use leptos::prelude::provide_context;
use tower_sessions::Session;

/// Bookings one staff member may make in an hour: a busy morning of appointments is
/// far below; a script or a scanner is stopped (per account, since the staff of one
/// office share an address).
pub const STAFF_BOOKINGS_PER_HOUR: i64 = 60;
const STAFF_BOOKING_WINDOW_SECS: i64 = 3600;

/// The session id in `/espace-pro/ateliers/{id}/…` (a workshop or a professional
/// training), and the coordinator allowed to change it (of its organisation), or the
/// refusal to send.
async fn managed(
    state: &AppState,
    session: &Session,
    uri: &axum::http::Uri,
) -> Result<(i64, StaffMember), Response> {
    let member = manager(state, session).await?;
    let id = id_in(uri, 3).ok_or_else(|| failure(AppError::NotFound))?;
    match state.store.session_owner(id).await {
        Ok(Some(owner)) if can_manage(&member, owner) => Ok((id, member)),
        Ok(Some(_)) => Err(failure(AppError::Forbidden)),
        Ok(None) => Err(failure(AppError::NotFound)),
        Err(error) => Err(failure(error.into())),
    }
}

/// Audits a staff action, then redirects to `to`.
pub(crate) async fn done(
    state: &AppState,
    member: &StaffMember,
    action: &str,
    detail: String,
    to: &str,
) -> Response {
    match state
        .store
        .audit(Some(member.id), action, &detail, unix_now())
        .await
    {
        Ok(()) => crate::headers::see_other(to),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/ateliers/{id}/modifier`: changes a workshop; a new time or place
/// is announced to the people booked, seats added go to the waitlist.
pub async fn edit_workshop(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (id, member) = match managed(&state, &session, request.uri()).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let input = WorkshopInput::from_fields(&read_fields(body).await);
    let now = unix_now();
    let back = |state: AppState,
                parts,
                input: WorkshopInput,
                errors: Vec<WorkshopError>,
                conflicts: Vec<Conflict>| async move {
        render_page_with(state, parts, move || {
            provide_context(PostedEdit {
                input: input.clone(),
                errors: errors.clone(),
                conflicts: conflicts.clone(),
            })
        })
        .await
    };
    let new = match validate_workshop(&state, &input, &member, now).await {
        Ok(new) => new,
        Err(Some(errors)) => return back(state, parts, input, errors, Vec::new()).await,
        Err(None) => return failure(AppError::Unavailable),
    };
    match state
        .store
        .update_workshop(
            id,
            member.organisation_id,
            &new,
            Some(state.settings.travel_buffer_secs),
            now,
        )
        .await
    {
        Ok(Updated::Done { .. }) => {
            let when =
                app::workshops::page::span_text(new.starts_at, new.ends_at, app::i18n::Lang::Fr);
            if let Err(error) = state
                .store
                .record_session_event(id, member.id, "changed", &when, now)
                .await
            {
                return failure(error.into());
            }
            let to = format!("{}/{id}", paths::STAFF_WORKSHOPS);
            done(
                &state,
                &member,
                "workshop-changed",
                format!("atelier {id}"),
                &to,
            )
            .await
        }
        Ok(Updated::BelowConfirmed(_)) => {
            back(
                state,
                parts,
                input,
                vec![WorkshopError::BelowConfirmed],
                Vec::new(),
            )
            .await
        }
        Ok(Updated::Conflicts(conflicts)) => {
            back(state, parts, input, vec![WorkshopError::Taken], conflicts).await
        }
        // Cancelled or started since the form was shown.
        Ok(Updated::NotFound) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/ateliers/{id}/liste-attente`: gives the free seats to the first
/// people waiting who fit (used inside the cut-off before the start).
pub async fn promote(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (id, member) = match managed(&state, &session, request.uri()).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match state
        .store
        .promote_waitlist(id, member.organisation_id, unix_now())
        .await
    {
        Ok(Some(promoted)) => {
            let to = format!("{}/{id}", paths::STAFF_WORKSHOPS);
            done(
                &state,
                &member,
                "waitlist-promoted",
                format!("atelier {id}: {}", promoted.len()),
                &to,
            )
            .await
        }
        Ok(None) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/ateliers/{id}/presences`: records who came (fields
/// `presence-{booking id}` = `oui` or `non`).
pub async fn attendance(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (id, member) = match managed(&state, &session, request.uri()).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let fields = read_fields(request.into_body()).await;
    let marks: Vec<(i64, bool)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let booking = name.strip_prefix("presence-")?.parse::<i64>().ok()?;
            match value.as_str() {
                "oui" => Some((booking, true)),
                "non" => Some((booking, false)),
                _ => None,
            }
        })
        .take(500)
        .collect();
    match state
        .store
        .set_attendance(id, member.organisation_id, &marks, unix_now())
        .await
    {
        Ok(true) => {
            let to = format!("{}/{id}", paths::STAFF_WORKSHOPS);
            done(
                &state,
                &member,
                "attendance-recorded",
                format!("atelier {id}"),
                &to,
            )
            .await
        }
        // Not started yet.
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/reservations`: a staff member books seats for a household they
/// accompany, with a first name or initials only; the seats kept for staff are usable.
pub async fn staff_book(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match any_staff(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let fields = read_fields(body).await;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let workshop = field("atelier").parse::<i64>().unwrap_or(-1);
    let first_name: String = field("first_name").chars().take(200).collect();
    let seats = field("seats")
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=MAX_SEATS).contains(s));
    let error = if first_name.is_empty() {
        Some("signup-error-name")
    } else if first_name.chars().count() > MAX_NAME_CHARS {
        Some("signup-error-name-long")
    } else if seats.is_none() {
        Some("signup-error-seats")
    } else {
        None
    };
    let refuse = |state: AppState, parts, error: &'static str, first_name: String| async move {
        render_page_with(state, parts, move || {
            provide_context(PostedStaffBooking {
                workshop,
                first_name: first_name.clone(),
                error: Some(error),
            })
        })
        .await
    };
    if let Some(error) = error {
        return refuse(state, parts, error, first_name).await;
    }
    let decision = state
        .store
        .hit_rate_limit(
            &format!("staff-booking:{}", member.id),
            STAFF_BOOKING_WINDOW_SECS,
            STAFF_BOOKINGS_PER_HOUR,
            unix_now(),
        )
        .await;
    match decision {
        Ok(app::db::RateDecision::Allowed) => {}
        Ok(app::db::RateDecision::Limited { retry_after }) => {
            let mut response = refuse(state, parts, "staff-booking-throttled", first_name).await;
            *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
            crate::client::set_retry_after(&mut response, retry_after);
            return response;
        }
        Err(error) => return failure(error.into()),
    }
    let signup = SignUp {
        first_name,
        email: None,
        phone: None,
        seats: seats.unwrap_or(1),
    };
    match book(&state, workshop, &signup, None, Some(member.id)).await {
        Ok(Booked::New { id, token, .. }) => {
            let to = format!("{}/inscription/{token}", paths::WORKSHOPS);
            done(
                &state,
                &member,
                "staff-booking",
                format!("inscription {id}, atelier {workshop}"),
                &to,
            )
            .await
        }
        Ok(Booked::Again { .. }) => crate::headers::see_other(paths::STAFF_BOOKINGS),
        Ok(Booked::Closed) => refuse(state, parts, "signup-closed", signup.first_name).await,
        Err(error) => failure(error),
    }
}

/// `POST /espace-pro/reservations/{id}/annuler`: cancels a booking one made (or, for
/// a coordinator, any booking of their organisation's workshops).
pub async fn staff_cancel(
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
    match state.store.registration_owner(id).await {
        Ok(Some((_, owner, booked_by)))
            if booked_by == Some(member.id) || can_manage(&member, owner) => {}
        Ok(Some(_)) => return failure(AppError::Forbidden),
        Ok(None) => return failure(AppError::NotFound),
        Err(error) => return failure(error.into()),
    }
    match state
        .store
        .cancel_booking(id, unix_now(), state.settings.promotion_cutoff_secs)
        .await
    {
        Ok(_) => {
            done(
                &state,
                &member,
                "staff-booking-cancelled",
                format!("inscription {id}"),
                paths::STAFF_BOOKINGS,
            )
            .await
        }
        Err(error) => failure(error.into()),
    }
}

/// Renders the trainings page again with `error` named (409: the training is closed or
/// the request does not apply).
async fn training_refused(
    state: AppState,
    mut parts: axum::http::request::Parts,
    training: i64,
    error: &'static str,
) -> Response {
    parts.uri = axum::http::Uri::from_static(paths::STAFF_TRAININGS);
    render_page_with(state, parts, move || {
        provide_context(PostedTraining {
            training,
            error: Some(error),
        })
    })
    .await
}

/// The staff member posting to `/espace-pro/formations/{id}/…`, the request, and the
/// professional training `id` (404 for anything else), or the refusal to send.
async fn training_request(
    state: &AppState,
    session: &Session,
    request: Request,
) -> Result<(StaffMember, axum::http::request::Parts, i64, Workshop), Response> {
    let member = any_staff(state, session).await?;
    let (parts, _) = request.into_parts();
    let id = id_in(&parts.uri, 3).ok_or_else(|| failure(AppError::NotFound))?;
    match state.store.session(id).await {
        Ok(Some(training)) if training.professional => Ok((member, parts, id, training)),
        Ok(_) => Err(failure(AppError::NotFound)),
        Err(error) => Err(failure(error.into())),
    }
}

/// `POST /espace-pro/formations/{id}/inscription`: a staff member signs up for a
/// professional training (a seat, or the waitlist when it is full); signing up twice
/// keeps one registration.
pub async fn training_sign_up(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (member, parts, id, _) = match training_request(&state, &session, request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match state.store.session_hosts(id).await {
        Ok(hosts) if hosts.iter().any(|(h, _, _)| *h == member.id) => {
            return training_refused(state, parts, id, "trainings-host-refused").await;
        }
        Ok(_) => {}
        Err(error) => return failure(error.into()),
    }
    let token = tokens::new_token();
    let registered = state
        .store
        .register_participant(
            id,
            member.id,
            &member.name,
            &tokens::new_code(),
            &tokens::hash(&token),
            unix_now(),
        )
        .await;
    match registered {
        Ok(Registered::Done { id: booking, .. }) => {
            let to = format!("{}#formation-{id}", paths::STAFF_TRAININGS);
            done(
                &state,
                &member,
                "training-sign-up",
                format!("inscription {booking}, formation {id}"),
                &to,
            )
            .await
        }
        Ok(Registered::Closed) => training_refused(state, parts, id, "trainings-closed").await,
        Err(error) => failure(error.into()),
    }
}

/// `POST /espace-pro/formations/{id}/desinscription`: a staff member withdraws from a
/// training before it starts; the first person waiting gets the seat, as for workshops.
pub async fn training_withdraw(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let (member, parts, id, training) = match training_request(&state, &session, request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let now = unix_now();
    let open = !training.cancelled && now < training.starts_at;
    let booking = match state.store.participant_registration(id, member.id).await {
        Ok(Some(booking)) if open => booking,
        Ok(Some(_)) => return training_refused(state, parts, id, "trainings-started").await,
        Ok(None) => return training_refused(state, parts, id, "trainings-not-registered").await,
        Err(error) => return failure(error.into()),
    };
    match state
        .store
        .cancel_booking(booking, now, state.settings.promotion_cutoff_secs)
        .await
    {
        Ok(_) => {
            let to = format!("{}#formation-{id}", paths::STAFF_TRAININGS);
            done(
                &state,
                &member,
                "training-withdrawn",
                format!("inscription {booking}, formation {id}"),
                &to,
            )
            .await
        }
        Err(error) => failure(error.into()),
    }
}
