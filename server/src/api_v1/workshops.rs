//! `/api/v1/workshops`: the public list and detail of resident workshops, and their
//! creation by a coordinator or administrator (same rules as the staff form).
use super::{
    error::{ApiError, ApiJson, ErrorBody, FieldError},
    workshop_id,
};
use app::{
    staff::{auth, model::Role},
    state::{unix_now, AppState},
    workshops::model::{self, WorkshopError, WorkshopInput},
};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use chrono::{TimeZone as _, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

/// A place where workshops happen, with what people need to know to get in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Place {
    pub name: String,
    pub address: String,
    /// How to get there (public transport, entrance).
    pub access: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Reachable without steps.
    pub step_free: bool,
    /// A hearing loop is available.
    pub hearing_loop: bool,
}

/// A resident workshop.
#[derive(Debug, Serialize, ToSchema)]
pub struct Workshop {
    pub id: i64,
    pub title: String,
    /// Theme code: `budget`, `account`, `payment`, `credit`, `savings`, `fraud`,
    /// `life-events` or `debt`.
    #[schema(example = "budget")]
    pub theme: String,
    /// The description, as sanitised HTML.
    pub description_html: String,
    /// Start, RFC 3339 with the Europe/Paris offset.
    #[schema(format = DateTime, example = "2026-12-03T14:00:00+01:00")]
    pub starts_at: String,
    /// End, RFC 3339 with the Europe/Paris offset.
    #[schema(format = DateTime, example = "2026-12-03T16:00:00+01:00")]
    pub ends_at: String,
    /// Start, in Unix seconds.
    pub starts_at_unix: i64,
    /// End, in Unix seconds.
    pub ends_at_unix: i64,
    pub place: Place,
    /// Everyone the room takes, seats kept for staff bookings included.
    pub capacity: i64,
    /// Seats residents can still book (seats kept for staff bookings excluded).
    pub seats_left: i64,
    /// Bookings waiting for a seat.
    pub waitlist_length: i64,
    /// The organisation running it.
    pub organisation: String,
    /// Whether sign-ups are accepted now.
    pub signup_open: bool,
    pub cancelled: bool,
}

/// RFC 3339 in Paris time (`2026-12-03T14:00:00+01:00`).
pub fn paris_rfc3339(seconds: i64) -> String {
    Utc.timestamp_opt(seconds, 0)
        .single()
        .map(|at| at.with_timezone(&chrono_tz::Europe::Paris).to_rfc3339())
        .unwrap_or_default()
}

impl Workshop {
    pub fn from_model(w: model::Workshop, now: i64) -> Workshop {
        Workshop {
            id: w.id,
            starts_at: paris_rfc3339(w.starts_at),
            ends_at: paris_rfc3339(w.ends_at),
            starts_at_unix: w.starts_at,
            ends_at_unix: w.ends_at,
            capacity: w.capacity,
            seats_left: w.public_seats_left(),
            waitlist_length: w.waitlisted,
            signup_open: w.open_at(now),
            cancelled: w.cancelled,
            place: Place {
                name: w.place.name,
                address: w.place.address,
                access: w.place.access,
                accessibility: w.place.accessibility,
                step_free: w.place.step_free,
                hearing_loop: w.place.hearing_loop,
            },
            title: w.title,
            theme: w.theme,
            description_html: w.description_html,
            organisation: w.organisation,
        }
    }
}

/// Upcoming workshops
///
/// The scheduled workshops that have not started yet, by date.
#[utoipa::path(
    get,
    path = "/api/v1/workshops",
    tag = "workshops",
    responses(
        (status = 200, description = "Upcoming workshops, soonest first", body = [Workshop]),
        (status = 503, description = "Database unavailable", body = ErrorBody),
    )
)]
pub async fn list_workshops(
    State(state): State<AppState>,
) -> Result<Json<Vec<Workshop>>, ApiError> {
    let now = unix_now();
    let workshops = state.store.upcoming_workshops(now).await?;
    Ok(Json(
        workshops
            .into_iter()
            .map(|w| Workshop::from_model(w, now))
            .collect(),
    ))
}

/// One workshop
///
/// Any resident workshop, past or cancelled ones included (see `cancelled` and
/// `signup_open`).
#[utoipa::path(
    get,
    path = "/api/v1/workshops/{id}",
    tag = "workshops",
    params(("id" = i64, Path, description = "Workshop id")),
    responses(
        (status = 200, description = "The workshop", body = Workshop),
        (status = 404, description = "No resident workshop with this id", body = ErrorBody),
    )
)]
pub async fn get_workshop(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Workshop>, ApiError> {
    let id = workshop_id(&id)?;
    match state.store.workshop(id).await? {
        Some(w) => Ok(Json(Workshop::from_model(w, unix_now()))),
        None => Err(unknown_workshop()),
    }
}

pub fn unknown_workshop() -> ApiError {
    ApiError::not_found("Cet atelier n'existe pas.")
}

/// A workshop to create, in the fields of the staff form.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NewWorkshop {
    /// At most 120 characters.
    #[schema(required = true, example = "Faire son budget du mois")]
    pub title: String,
    /// Theme code: `budget`, `account`, `payment`, `credit`, `savings`, `fraud`,
    /// `life-events` or `debt`.
    #[schema(required = true, example = "budget")]
    pub theme: String,
    /// Markdown (rendered and sanitised like lessons), at most 5,000 characters.
    pub description: String,
    /// Day, in Paris: `AAAA-MM-JJ`.
    #[schema(required = true, example = "2026-12-03")]
    pub date: String,
    /// Start time, in Paris: `HH:MM`.
    #[schema(required = true, example = "14:00")]
    pub start: String,
    /// End time, in Paris, the same day: `HH:MM`.
    #[schema(required = true, example = "16:00")]
    pub end: String,
    /// A place id (see the places of the staff area).
    #[schema(required = true)]
    pub place_id: Option<i64>,
    /// 1 to 500, at most what the place holds.
    #[schema(required = true, example = 12)]
    pub capacity: Option<i64>,
    /// Seats kept for staff bookings (0 to `capacity`, 0 by default).
    #[schema(example = 2)]
    pub reserved_seats: Option<i64>,
    /// Last day of sign-up, in Paris (`AAAA-MM-JJ`, until the start when absent).
    pub signup_deadline_date: String,
    /// Last time of sign-up that day (`HH:MM`, 23:59 when absent).
    pub signup_deadline_time: String,
    /// Staff ids of the hosts, of any organisation (the author when empty).
    pub hosts: Vec<i64>,
}

impl NewWorkshop {
    fn input(&self) -> WorkshopInput {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        WorkshopInput {
            title: self.title.clone(),
            theme: self.theme.clone(),
            description: self.description.clone(),
            date: self.date.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            place: number(self.place_id),
            capacity: number(self.capacity),
            reserved: number(self.reserved_seats),
            deadline_date: self.signup_deadline_date.clone(),
            deadline_time: self.signup_deadline_time.clone(),
            hosts: self.hosts.iter().map(i64::to_string).collect(),
        }
    }

    /// The JSON fields a refusal is about.
    fn fields_of(&self, error: WorkshopError) -> Vec<&'static str> {
        match error {
            WorkshopError::Title => vec!["title"],
            WorkshopError::Theme => vec!["theme"],
            WorkshopError::When => {
                let date = chrono::NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d");
                let time = |s: &str| chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M");
                let unreadable: Vec<_> = [
                    ("date", date.is_err()),
                    ("start", time(&self.start).is_err()),
                    ("end", time(&self.end).is_err()),
                ]
                .into_iter()
                .filter_map(|(field, bad)| bad.then_some(field))
                .collect();
                // All readable: the time does not exist that day (clock change).
                if unreadable.is_empty() {
                    vec!["start"]
                } else {
                    unreadable
                }
            }
            WorkshopError::InThePast => vec!["date"],
            WorkshopError::EndBeforeStart => vec!["end"],
            WorkshopError::Place => vec!["place_id"],
            WorkshopError::Capacity | WorkshopError::OverPlace => vec!["capacity"],
            WorkshopError::Reserved => vec!["reserved_seats"],
            WorkshopError::Deadline => vec!["signup_deadline_date"],
            WorkshopError::Hosts => vec!["hosts"],
            WorkshopError::BelowConfirmed => vec!["capacity"],
            WorkshopError::Taken => vec!["date", "start", "end", "place_id", "hosts"],
        }
    }
}

/// Create a workshop (staff)
///
/// For a coordinator or an administrator logged in with `POST /api/v1/staff/session`
/// (the session cookie is the credential); the workshop belongs to their organisation
/// and they host it. Sign-ups close when it starts.
#[utoipa::path(
    post,
    path = "/api/v1/workshops",
    tag = "staff",
    request_body = NewWorkshop,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Created; `Location` is its address", body = Workshop,
            headers(("Location" = String, description = "/api/v1/workshops/{id}"))),
        (status = 400, description = "Not a JSON body", body = ErrorBody),
        (status = 401, description = "Not logged in", body = ErrorBody),
        (status = 403, description = "A trainer's account", body = ErrorBody),
        (status = 409, description = "A host or the place is taken at that time (named)", body = ErrorBody),
        (status = 422, description = "Refused fields, each named", body = ErrorBody),
    )
)]
pub async fn create_workshop(
    State(state): State<AppState>,
    session: Session,
    body: Result<ApiJson<NewWorkshop>, ApiError>,
) -> Result<Response, ApiError> {
    let now = unix_now();
    let member = match auth::current_staff(&state.store, &session, now).await? {
        Some(m) if m.role != Role::Trainer => m,
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Seuls les coordinateurs et les administrateurs créent des ateliers.",
            ))
        }
        None => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Connectez-vous d'abord avec POST /api/v1/staff/session.",
            ))
        }
    };
    // Who asks is checked before what they sent: a refusal never hides behind a 400.
    let ApiJson(body) = body?;
    let new = crate::workshops::validate_workshop(&state, &body.input(), &member, now)
        .await
        .map_err(|errors| match errors {
            Some(errors) => ApiError::invalid(
                errors
                    .iter()
                    .flat_map(|e| {
                        body.fields_of(*e)
                            .into_iter()
                            .map(|field| FieldError::keyed(field, e.message_key()))
                    })
                    .collect(),
            ),
            None => ApiError::from(app::error::AppError::Unavailable),
        })?;
    let id = match crate::workshops::record_workshop(&state, &member, &new, now).await? {
        Ok(id) => id,
        Err(conflicts) => {
            let said: Vec<String> = conflicts
                .iter()
                .map(|c| app::joint::pages::conflict_text(c, app::i18n::Lang::Fr))
                .collect();
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "taken",
                format!("Un animateur ou le lieu est déjà pris : {}", said.join(" ")),
            ));
        }
    };
    let workshop = state
        .store
        .workshop(id)
        .await?
        .ok_or_else(|| ApiError::from(app::error::AppError::Internal))?;
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            crate::headers::location(&format!("/api/v1/workshops/{id}")),
        )],
        Json(Workshop::from_model(workshop, now)),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    use app::i18n::{t, Lang};

    #[test]
    fn times_carry_the_paris_offset_of_their_season() {
        assert_eq!(paris_rfc3339(1_796_302_800), "2026-12-03T14:00:00+01:00");
        assert_eq!(paris_rfc3339(1_783_080_000), "2026-07-03T14:00:00+02:00");
    }

    #[test]
    fn an_unreadable_time_names_its_own_field() {
        let body = NewWorkshop {
            date: "2026-12-03".into(),
            start: "14h".into(),
            end: "16:00".into(),
            ..Default::default()
        };
        assert_eq!(body.fields_of(WorkshopError::When), vec!["start"]);
        let body = NewWorkshop {
            date: "03/12/2026".into(),
            ..body
        };
        assert_eq!(body.fields_of(WorkshopError::When), vec!["date", "start"]);
        assert_eq!(
            t(Lang::Fr, WorkshopError::Place.message_key()),
            "Choisissez un lieu de la liste."
        );
    }
}
