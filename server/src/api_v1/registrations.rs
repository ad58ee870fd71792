//! Resident bookings through the API: sign up for a workshop (with an optional
//! `Idempotency-Key`), then read or cancel the booking by its private token.
use super::{
    error::{ApiError, ApiJson, ErrorBody, FieldError},
    workshop_id,
    workshops::unknown_workshop,
};
use crate::client::ClientKey;
use app::{
    i18n::{t, t_args, FluentArg, Lang},
    state::{unix_now, AppState},
    workshops::{
        model::{Placement, RegistrationView, SignUpError, SignUpInput},
        store::Registered,
        tokens,
    },
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a booking stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RegistrationStatus {
    /// The seats are booked.
    Confirmed,
    /// On the waitlist: confirmed automatically, in order, when seats free up.
    Waitlisted,
    Cancelled,
}

/// A booking.
#[derive(Debug, Serialize, ToSchema)]
pub struct Registration {
    pub workshop_id: i64,
    pub status: RegistrationStatus,
    /// Short code to quote at the desk. It is not a credential.
    #[schema(example = "K7MQ2X")]
    pub code: String,
    /// The private token, the only way to read or cancel the booking later: given once,
    /// in the 201 answer that created it; `null` in every other answer (only its hash
    /// is stored).
    #[schema(example = "3f9c0a1b2c3d4e5f60718293a4b5c6d7")]
    pub token: Option<String>,
    /// Place on the waitlist (1 = next), `null` unless waitlisted.
    pub position: Option<i64>,
    pub first_name: String,
    pub seats: i64,
}

impl Registration {
    fn from_view(view: RegistrationView, token: Option<String>) -> Registration {
        let status = match view.status.as_str() {
            "confirmed" => RegistrationStatus::Confirmed,
            "waitlisted" => RegistrationStatus::Waitlisted,
            _ => RegistrationStatus::Cancelled,
        };
        Registration {
            workshop_id: view.session_id,
            status,
            code: view.code,
            token,
            position: view.position,
            first_name: view.first_name,
            seats: view.seats,
        }
    }
}

/// A sign-up.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NewRegistration {
    /// A first name or a pseudonym, at most 60 characters.
    #[schema(required = true, example = "Samia")]
    pub first_name: String,
    /// Optional: an e-mail address (it has an `@`) or a French phone number
    /// (`06 12 34 56 78`, `+33 6 12 34 56 78`). Sending one asserts that the person
    /// agreed to its use for this workshop (the web form's tick box). It is used only
    /// for this workshop's messages and erased some days after it (30 by default).
    #[schema(example = "samia@exemple.fr")]
    pub contact: Option<String>,
    /// Seats, 1 to 3 (1 when absent).
    #[schema(minimum = 1, maximum = 3, example = 2)]
    pub seats: Option<i64>,
}

impl NewRegistration {
    /// The form's input, so that the API and the form apply one set of rules.
    fn input(&self) -> SignUpInput {
        let contact = self.contact.as_deref().unwrap_or_default().trim();
        let (email, phone) = if contact.contains('@') {
            (contact, "")
        } else {
            ("", contact)
        };
        SignUpInput {
            first_name: self.first_name.chars().take(200).collect(),
            email: email.chars().take(254).collect(),
            phone: phone.chars().take(40).collect(),
            seats: self.seats.map(|n| n.to_string()).unwrap_or_default(),
            consent: !contact.is_empty(),
        }
    }
}

fn field_of(error: SignUpError) -> &'static str {
    match error {
        SignUpError::NameMissing | SignUpError::NameTooLong => "first_name",
        SignUpError::BadEmail | SignUpError::BadPhone | SignUpError::ConsentMissing => "contact",
        SignUpError::Seats => "seats",
    }
}

/// Longest `Idempotency-Key` accepted.
const MAX_KEY_CHARS: usize = 255;

/// The `Idempotency-Key` header, if sent: 1 to 255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str().map(str::trim) {
        Ok(key)
            if !key.is_empty()
                && key.len() <= MAX_KEY_CHARS
                && key.chars().all(|c| c.is_ascii_graphic()) =>
        {
            Ok(Some(key.to_string()))
        }
        _ => Err(
            ApiError::bad_request("L'en-tête Idempotency-Key n'est pas valide.").with_field(
                FieldError::new(
                    "Idempotency-Key",
                    "De 1 à 255 caractères ASCII visibles, par exemple un UUID.",
                ),
            ),
        ),
    }
}

/// What the registrations table keeps of an idempotency key: a SHA-256 (64 hex
/// characters, so never equal to a form's 32-character token) of the key, the workshop
/// and the client (its address's network, hashed: [`crate::client`]). The same key on
/// another workshop, or sent by another client, is another booking: a key names a
/// retry of one client, and another client that knows it learns nothing of the first's
/// booking.
pub fn stored_key(workshop: i64, client: &str, key: &str) -> String {
    app::hex::sha256_hex(format!("api:{workshop}:{client}:{key}").as_bytes())
}

/// Sign up for a workshop
///
/// Books seats, or a place on the waitlist when the workshop is full (first come, first
/// served; never overbooked). Answers 201 with the private `token`, given only once.
///
/// **Idempotency.** With an `Idempotency-Key` header, sending the same request again
/// (a retry after a lost answer) books nothing more: the answer is 200 with the booking
/// made the first time, as it stands now, and `token: null`, since only a hash of the
/// token is kept. Reusing a key for another first name, contact or number of seats is
/// refused (422). Keys are per workshop and per client: the same key from another
/// client address (another network, as when a phone leaves Wi-Fi) is another sign-up.
#[utoipa::path(
    post,
    path = "/api/v1/workshops/{id}/registrations",
    tag = "registrations",
    params(
        ("id" = i64, Path, description = "Workshop id"),
        ("Idempotency-Key" = Option<String>, Header,
            description = "Any unique string (a UUID) per sign-up: a retry with the same key books once"),
    ),
    request_body = NewRegistration,
    responses(
        (status = 201, description = "Booked (`confirmed`) or on the waitlist (`waitlisted`, with its `position`)",
            body = Registration,
            headers(("Location" = String, description = "/api/v1/registrations/{token}"))),
        (status = 200, description = "The same `Idempotency-Key` again: the booking already made, `token` null",
            body = Registration),
        (status = 400, description = "Not a JSON body, or a malformed `Idempotency-Key`", body = ErrorBody),
        (status = 404, description = "No resident workshop with this id", body = ErrorBody),
        (status = 409, description = "Sign-ups are closed (cancelled, started, or past the deadline)", body = ErrorBody),
        (status = 422, description = "Refused fields, each named", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this client address this hour: wait `Retry-After` seconds",
            body = ErrorBody, headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    client: Option<Extension<ClientKey>>,
    body: Result<ApiJson<NewRegistration>, ApiError>,
) -> Result<Response, ApiError> {
    let id = workshop_id(&id)?;
    // An unknown workshop is 404 whatever else is wrong with the request; it is looked
    // up only when something is (a sign-up that goes through does not read it twice:
    // the booking itself finds no workshop and answers "closed", checked below).
    let body = match body {
        Ok(ApiJson(body)) => body,
        Err(error) => return Err(unless_unknown(&state, id, error).await),
    };
    let client = client.map(|Extension(k)| k.0).unwrap_or_default();
    let key = match idempotency_key(&headers) {
        Ok(key) => key.map(|key| stored_key(id, &client, &key)),
        Err(error) => return Err(unless_unknown(&state, id, error).await),
    };
    let signup = match body.input().validate() {
        Ok(signup) => signup,
        Err(errors) => {
            let error = ApiError::invalid(
                errors
                    .iter()
                    .map(|e| FieldError::keyed(field_of(*e), e.message_key()))
                    .collect(),
            );
            return Err(unless_unknown(&state, id, error).await);
        }
    };
    if let Some(retry_after) = crate::workshops::signup_allowed(&state, &client).await? {
        let minutes = crate::client::minutes_to_wait(retry_after);
        let error = ApiError::throttled(
            t_args(
                Lang::Fr,
                "signup-throttled-api",
                &[("minutes", FluentArg::Number(minutes))],
            ),
            retry_after,
        );
        return Err(unless_unknown(&state, id, error).await);
    }
    let token = tokens::new_token();
    let code = tokens::new_code();
    let booked = state
        .store
        .register(
            id,
            &signup,
            &code,
            &tokens::hash(&token),
            key.as_deref(),
            None,
            &format!("{}/inscription/{token}", app::app::paths::WORKSHOPS),
            unix_now(),
        )
        .await?;
    let (placement, new, position) = match booked {
        Registered::Done {
            placement,
            new,
            position,
            ..
        } => (placement, new, position),
        Registered::Closed => {
            let closed =
                ApiError::new(StatusCode::CONFLICT, "closed", t(Lang::Fr, "signup-closed"));
            return Err(unless_unknown(&state, id, closed).await);
        }
    };
    if new {
        // Made by this request: the answer is what it wrote.
        let status = match placement {
            Placement::Confirmed => RegistrationStatus::Confirmed,
            Placement::Waitlisted => RegistrationStatus::Waitlisted,
        };
        return Ok((
            StatusCode::CREATED,
            [(
                header::LOCATION,
                crate::headers::location(&format!("/api/v1/registrations/{token}")),
            )],
            Json(Registration {
                workshop_id: id,
                status,
                code,
                token: Some(token),
                position,
                first_name: signup.first_name,
                seats: signup.seats,
            }),
        )
            .into_response());
    }
    // The idempotency key had booked before: that booking, as it stands now.
    let view = match key {
        Some(key) => state.store.registration_by_form_token(&key).await?,
        None => None,
    }
    .ok_or_else(|| ApiError::from(app::error::AppError::Internal))?;
    let has_contact = signup.email.is_some() || signup.phone.is_some();
    if view.first_name != signup.first_name
        || view.seats != signup.seats
        || view.has_contact != has_contact
    {
        return Err(ApiError::invalid(vec![FieldError::new(
            "Idempotency-Key",
            "Cette clé a déjà servi pour une autre inscription : utilisez une nouvelle clé.",
        )]));
    }
    Ok(Json(Registration::from_view(view, None)).into_response())
}

/// `error`, or 404 when workshop `id` does not exist (503 when the database cannot say).
async fn unless_unknown(state: &AppState, id: i64, error: ApiError) -> ApiError {
    match state.store.workshop_exists(id).await {
        Ok(true) => error,
        Ok(false) => unknown_workshop(),
        Err(unavailable) => unavailable.into(),
    }
}

/// The hash to look a token up by, or 404 for what cannot be a token (a desk code…).
fn token_hash(token: &str) -> Result<String, ApiError> {
    if token.len() == 32 && token.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(tokens::hash(&token.to_ascii_lowercase()))
    } else {
        Err(unknown_registration())
    }
}

fn unknown_registration() -> ApiError {
    ApiError::not_found("Aucune inscription ne correspond à ce lien.")
}

/// A booking
///
/// By its private token (never by the short desk code): status, and the waitlist
/// position while waiting.
#[utoipa::path(
    get,
    path = "/api/v1/registrations/{token}",
    tag = "registrations",
    params(("token" = String, Path, description = "The private token given when booking (32 hex characters)")),
    responses(
        (status = 200, description = "The booking (`token` is null)", body = Registration),
        (status = 404, description = "No booking with this token", body = ErrorBody),
    )
)]
pub async fn get_registration(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<Registration>, ApiError> {
    let hash = token_hash(&token)?;
    match state.store.registration(&hash).await? {
        Some(view) => Ok(Json(Registration::from_view(view, None))),
        None => Err(unknown_registration()),
    }
}

/// Cancel a booking
///
/// Frees its seats: in the same transaction the first people waiting who fit are
/// confirmed. Answers 200 with the booking, now `cancelled`; cancelling again answers
/// the same (idempotent).
#[utoipa::path(
    delete,
    path = "/api/v1/registrations/{token}",
    tag = "registrations",
    params(("token" = String, Path, description = "The private token given when booking (32 hex characters)")),
    responses(
        (status = 200, description = "Cancelled (`status` is `cancelled`, `token` null)", body = Registration),
        (status = 404, description = "No booking with this token", body = ErrorBody),
    )
)]
pub async fn cancel_registration(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Json<Registration>, ApiError> {
    let hash = token_hash(&token)?;
    if state
        .store
        .cancel_registration(&hash, unix_now(), state.settings.promotion_cutoff_secs)
        .await?
        .is_none()
    {
        return Err(unknown_registration());
    }
    match state.store.registration(&hash).await? {
        Some(view) => Ok(Json(Registration::from_view(view, None))),
        None => Err(unknown_registration()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(contact: &str, seats: Option<i64>) -> NewRegistration {
        NewRegistration {
            first_name: "Samia".into(),
            contact: Some(contact.into()),
            seats,
        }
    }

    #[test]
    fn a_contact_is_an_email_when_it_has_an_at_sign_and_a_phone_otherwise() {
        let input = body(" samia@exemple.fr ", None).input();
        assert_eq!(
            (input.email.as_str(), input.phone.as_str()),
            ("samia@exemple.fr", "")
        );
        assert!(input.consent, "sending a contact asserts consent");
        let input = body("06 12 34 56 78", Some(2)).input();
        assert_eq!(
            (input.email.as_str(), input.phone.as_str()),
            ("", "06 12 34 56 78")
        );
        assert_eq!(input.seats, "2");
        let input = body("", None).input();
        assert!(!input.consent && input.email.is_empty() && input.phone.is_empty());
        assert_eq!(
            body("0612", None).input().validate().unwrap_err(),
            vec![SignUpError::BadPhone]
        );
        assert_eq!(field_of(SignUpError::BadPhone), "contact");
    }

    #[test]
    fn idempotency_keys_are_stored_per_workshop_and_client_and_cannot_be_form_tokens() {
        let a = stored_key(1, "client-a", "cle");
        assert_eq!(a.len(), 64);
        assert_ne!(a, stored_key(2, "client-a", "cle"));
        assert_ne!(a, stored_key(1, "client-b", "cle"));
        assert_eq!(a, stored_key(1, "client-a", "cle"));
        let mut headers = HeaderMap::new();
        headers.insert("idempotency-key", "a b".parse().unwrap());
        assert!(idempotency_key(&headers).is_err());
        headers.insert("idempotency-key", "9b2f-uuid".parse().unwrap());
        assert_eq!(
            idempotency_key(&headers).unwrap().as_deref(),
            Some("9b2f-uuid")
        );
    }

    #[test]
    fn a_desk_code_is_never_looked_up_as_a_token() {
        assert!(token_hash("K7MQ2X").is_err());
        assert!(token_hash(&"a".repeat(32)).is_ok());
    }
}
