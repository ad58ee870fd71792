//! Workshop form handlers: resident sign-up and cancellation (no account), and the
//! staff forms for workshops and places. Each staff handler checks the session itself.
use crate::{
    forms::{read_fields, read_form},
    pages::error_page as failure,
    render::render_page_with,
};
use app::{
    app::paths,
    db::StoreError,
    error::AppError,
    joint::model::Conflict,
    lessons::render::render_markdown,
    staff::{
        auth,
        model::{Role, StaffMember},
    },
    state::{unix_now, AppState},
    workshops::{
        model::{Placement, SignUpInput, WorkshopError, WorkshopInput},
        page::{PostedSignUp, PostedWorkshop},
        store::{NewWorkshop, Registered},
        tokens,
    },
};
use axum::{
    extract::{Request, State},
    response::Response,
};
use leptos::prelude::provide_context;
use serde::Deserialize;
use tower_sessions::Session;

/// The id in `/ateliers/{id}/…` or `/espace-pro/ateliers/{id}/…`.
pub(crate) fn id_in(uri: &axum::http::Uri, index: usize) -> Option<i64> {
    uri.path()
        .split('/')
        .nth(index)
        .and_then(|s| s.parse().ok())
}

#[derive(Deserialize, Default)]
struct SignUpForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    seats: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    jeton: String,
}

/// `POST /ateliers/{id}/inscription`: books seats or a place on the waitlist, then
/// redirects to the booking's private page; a refused form comes back with the values.
pub async fn sign_up(State(state): State<AppState>, request: Request) -> Response {
    let Some(id) = id_in(request.uri(), 2) else {
        return failure(AppError::NotFound);
    };
    let (mut parts, body) = request.into_parts();
    let form: SignUpForm = read_form(body).await;
    let input = SignUpInput {
        first_name: form.first_name.chars().take(200).collect(),
        email: form.email.chars().take(254).collect(),
        phone: form.phone.chars().take(40).collect(),
        seats: form.seats.chars().take(4).collect(),
        consent: form.consent == "oui",
    };
    // A refused form comes back on the workshop's page with the values kept.
    let Ok(workshop_uri) = format!("{}/{id}", paths::WORKSHOPS).parse::<axum::http::Uri>() else {
        return failure(AppError::NotFound);
    };
    let signup = match input.validate() {
        Ok(signup) => signup,
        Err(errors) => {
            parts.uri = workshop_uri;
            return render_page_with(state, parts, move || {
                provide_context(PostedSignUp {
                    input: input.clone(),
                    errors: errors.clone(),
                    throttled: None,
                })
            })
            .await;
        }
    };
    let client = crate::client::key_in(&parts.extensions);
    match signup_allowed(&state, &client).await {
        Ok(None) => {}
        Ok(Some(retry_after)) => {
            parts.uri = workshop_uri;
            let minutes = crate::client::minutes_to_wait(retry_after);
            let mut response = render_page_with(state, parts, move || {
                provide_context(PostedSignUp {
                    input: input.clone(),
                    errors: Vec::new(),
                    throttled: Some(minutes),
                })
            })
            .await;
            crate::client::set_retry_after(&mut response, retry_after);
            return response;
        }
        Err(error) => return failure(error),
    }
    // A form token that is not ours is ignored rather than trusted as an idempotency key.
    let form_token = (form.jeton.len() == 32 && form.jeton.chars().all(|c| c.is_ascii_hexdigit()))
        .then_some(form.jeton);
    match book(&state, id, &signup, form_token.as_deref(), None).await {
        Ok(Booked::New { token, .. }) => {
            crate::headers::see_other(&format!("{}/inscription/{token}", paths::WORKSHOPS))
        }
        // A double submission gets the first booking, whose token we do not have: its
        // page is then reached by the link already shown.
        Ok(Booked::Again { .. }) => {
            crate::headers::see_other(&format!("{}/{id}?deja=1", paths::WORKSHOPS))
        }
        Ok(Booked::Closed) => crate::headers::see_other(&format!("{}/{id}", paths::WORKSHOPS)),
        Err(error) => failure(error),
    }
}

/// Window of the per-client limit on sign-ups without a staff account.
pub const SIGNUP_WINDOW_SECS: i64 = 3600;

/// Counts a sign-up without a staff account from `client` (a [`crate::client::ClientKey`])
/// against [`app::state::Settings::signup_limit_per_hour`], shared by every instance:
/// `Some(seconds to wait)` when this client made too many this hour. Staff bookings do
/// not come here.
pub async fn signup_allowed(state: &AppState, client: &str) -> Result<Option<i64>, AppError> {
    let max = state.settings.signup_limit_per_hour;
    if max == 0 {
        return Ok(None);
    }
    let decision = state
        .store
        .hit_rate_limit(
            &format!("signup:{client}"),
            SIGNUP_WINDOW_SECS,
            max,
            unix_now(),
        )
        .await
        .map_err(AppError::from)?;
    Ok(match decision {
        app::db::RateDecision::Allowed => None,
        app::db::RateDecision::Limited { retry_after } => Some(retry_after),
    })
}

/// What [`book`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Booked {
    /// A new booking, with its private token (shown once) and its desk code.
    New {
        id: i64,
        token: String,
        code: String,
        placement: Placement,
    },
    /// The same form or idempotency key was already booked: that booking.
    Again { id: i64, placement: Placement },
    /// No such workshop, cancelled, or sign-ups closed.
    Closed,
}

/// Books seats in workshop `session_id` (for a resident, or by the staff member
/// `booked_by` for a household): one serialising transaction that also queues the
/// confirmation when an e-mail was given. Shared by the form, staff and API handlers.
pub async fn book(
    state: &AppState,
    session_id: i64,
    signup: &app::workshops::model::SignUp,
    idempotency_key: Option<&str>,
    booked_by: Option<i64>,
) -> Result<Booked, AppError> {
    let token = tokens::new_token();
    let code = tokens::new_code();
    let private_path = format!("{}/inscription/{token}", paths::WORKSHOPS);
    let registered = state
        .store
        .register(
            session_id,
            signup,
            &code,
            &tokens::hash(&token),
            idempotency_key,
            booked_by,
            &private_path,
            unix_now(),
        )
        .await
        .map_err(|error| {
            tracing::error!(%error, "cannot record a sign-up");
            AppError::Unavailable
        })?;
    Ok(match registered {
        Registered::Closed => Booked::Closed,
        Registered::Done {
            id,
            placement,
            new: true,
            ..
        } => Booked::New {
            id,
            token,
            code,
            placement,
        },
        Registered::Done { id, placement, .. } => Booked::Again { id, placement },
    })
}

/// `POST /ateliers/inscription/{token}/annuler`: cancels a booking; the first people
/// waiting who fit in the freed seats are confirmed in the same transaction.
pub async fn cancel(State(state): State<AppState>, request: Request) -> Response {
    let token = request
        .uri()
        .path()
        .split('/')
        .nth(3)
        .unwrap_or_default()
        .to_string();
    match state
        .store
        .cancel_registration(
            &tokens::hash(&token),
            unix_now(),
            state.settings.promotion_cutoff_secs,
        )
        .await
    {
        Ok(Some(_)) => {
            crate::headers::see_other(&format!("{}/inscription/{token}", paths::WORKSHOPS))
        }
        Ok(None) => failure(AppError::NotFound),
        Err(error) => {
            tracing::error!(%error, "cannot cancel a booking");
            failure(AppError::Unavailable)
        }
    }
}

/// The logged-in staff member if `allowed` accepts them, or the refusal to send (401
/// without a session, 403 when the role does not fit).
pub(crate) async fn staff_allowed(
    state: &AppState,
    session: &Session,
    allowed: fn(&StaffMember) -> bool,
) -> Result<StaffMember, Response> {
    match auth::current_staff(&state.store, session, unix_now()).await {
        Ok(Some(m)) if allowed(&m) => Ok(m),
        Ok(Some(_)) => Err(failure(AppError::Forbidden)),
        Ok(None) => Err(failure(AppError::Unauthorized)),
        Err(error) => Err(failure(error)),
    }
}

/// The logged-in coordinator or admin, or the refusal to send.
pub(crate) async fn manager(state: &AppState, session: &Session) -> Result<StaffMember, Response> {
    staff_allowed(state, session, |m| m.role != Role::Trainer).await
}

/// Any logged-in staff member, or the refusal to send.
pub(crate) async fn any_staff(
    state: &AppState,
    session: &Session,
) -> Result<StaffMember, Response> {
    staff_allowed(state, session, |_| true).await
}

/// `POST /espace-pro/ateliers`: a coordinator creates a workshop of their organisation.
pub async fn create_workshop(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match manager(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let input = WorkshopInput::from_fields(&read_fields(body).await);
    let now = unix_now();
    let new = match validate_workshop(&state, &input, &member, now).await {
        Ok(new) => new,
        Err(Some(errors)) => {
            return render_page_with(state, parts, move || {
                provide_context(PostedWorkshop {
                    input: input.clone(),
                    errors: errors.clone(),
                    conflicts: Vec::new(),
                })
            })
            .await
        }
        Err(None) => return failure(AppError::Unavailable),
    };
    match record_workshop(&state, &member, &new, now).await {
        Ok(Ok(_)) => crate::headers::see_other(paths::STAFF_WORKSHOPS),
        Ok(Err(conflicts)) => {
            render_page_with(state, parts, move || {
                provide_context(PostedWorkshop {
                    input: input.clone(),
                    errors: vec![WorkshopError::Taken],
                    conflicts: conflicts.clone(),
                })
            })
            .await
        }
        Err(error) => failure(error.into()),
    }
}

/// Stores a validated workshop unless a host or the place is taken at that time, and
/// audits it (the form and the JSON API share it). Returns its id, or the conflicts.
pub(crate) async fn record_workshop(
    state: &AppState,
    member: &StaffMember,
    new: &NewWorkshop,
    now: i64,
) -> Result<Result<i64, Vec<Conflict>>, StoreError> {
    let store = &state.store;
    let id = match store
        .create_workshop_checked(new, state.settings.travel_buffer_secs, now)
        .await?
    {
        Ok(id) => id,
        Err(conflicts) => return Ok(Err(conflicts)),
    };
    store
        .audit(
            Some(member.id),
            "workshop-created",
            &format!("atelier {id}"),
            now,
        )
        .await?;
    Ok(Ok(id))
}

/// Validates a workshop form against the places and possible hosts: the workshop to
/// store, or the problems (`None`: the database could not be read).
pub(crate) async fn validate_workshop(
    state: &AppState,
    input: &WorkshopInput,
    member: &app::staff::model::StaffMember,
    now: i64,
) -> Result<NewWorkshop, Option<Vec<app::workshops::model::WorkshopError>>> {
    let places = state.store.list_places().await.map_err(|_| None)?;
    let places: Vec<(i64, i64)> = places.iter().map(|p| (p.id, p.capacity)).collect();
    let hosts: Vec<i64> = state
        .store
        .possible_hosts()
        .await
        .map_err(|_| None)?
        .into_iter()
        .map(|h| h.0)
        .collect();
    let valid = input.validate(&places, &hosts, now).map_err(Some)?;
    Ok(NewWorkshop {
        organisation_id: member.organisation_id,
        title: valid.title,
        theme: valid.theme,
        description_html: render_markdown(&valid.description, "site externe").html,
        description: valid.description,
        starts_at: valid.starts_at,
        ends_at: valid.ends_at,
        place_id: valid.place_id,
        capacity: valid.capacity,
        staff_reserved: valid.reserved,
        signup_deadline: valid.signup_deadline,
        created_by: member.id,
        hosts: if valid.hosts.is_empty() {
            vec![member.id]
        } else {
            valid.hosts
        },
    })
}

/// `POST /espace-pro/ateliers/{id}/annuler`: cancels a workshop of one's organisation.
pub async fn cancel_workshop(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match manager(&state, &session).await {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(id) = id_in(request.uri(), 3) else {
        return failure(AppError::NotFound);
    };
    let now = unix_now();
    match state
        .store
        .cancel_workshop(id, member.organisation_id, now)
        .await
    {
        Ok(true) => {
            if let Err(error) = state
                .store
                .record_session_event(id, member.id, "cancelled", "", now)
                .await
            {
                return failure(error.into());
            }
            if let Err(error) = state
                .store
                .audit(
                    Some(member.id),
                    "workshop-cancelled",
                    &format!("atelier {id}"),
                    now,
                )
                .await
            {
                return failure(error.into());
            }
            crate::headers::see_other(paths::STAFF_WORKSHOPS)
        }
        // Not a scheduled workshop of this organisation.
        Ok(false) => failure(AppError::Forbidden),
        Err(error) => failure(error.into()),
    }
}

#[derive(Deserialize, Default)]
struct PlaceForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    access: String,
    #[serde(default)]
    accessibility: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    step_free: String,
    #[serde(default)]
    hearing_loop: String,
}

/// `POST /espace-pro/lieux`: an administrator adds a place.
pub async fn create_place(
    State(state): State<AppState>,
    session: Session,
    request: Request,
) -> Response {
    let member = match manager(&state, &session).await {
        Ok(m) if m.role == Role::Admin => m,
        Ok(_) => return failure(AppError::Forbidden),
        Err(response) => return response,
    };
    let (parts, body) = request.into_parts();
    let form: PlaceForm = read_form(body).await;
    let clip = |s: &str| s.trim().chars().take(300).collect::<String>();
    let capacity = form
        .capacity
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|c| (1..=1000).contains(c));
    let (name, address) = (clip(&form.name), clip(&form.address));
    let Some(capacity) = capacity.filter(|_| !name.is_empty() && !address.is_empty()) else {
        return render_page_with(state, parts, move || {
            provide_context(PostedWorkshop {
                errors: vec![app::workshops::model::WorkshopError::Place],
                ..Default::default()
            })
        })
        .await;
    };
    let now = unix_now();
    let result = async {
        let id = state
            .store
            .create_place(
                member.organisation_id,
                &name,
                &address,
                &clip(&form.access),
                &clip(&form.accessibility),
                capacity,
                form.step_free == "oui",
                form.hearing_loop == "oui",
                now,
            )
            .await?;
        state
            .store
            .audit(Some(member.id), "place-created", &format!("lieu {id}"), now)
            .await
    }
    .await;
    match result {
        Ok(()) => crate::headers::see_other(paths::STAFF_PLACES),
        Err(error) => failure(error.into()),
    }
}
