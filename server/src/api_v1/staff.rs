//! `POST /api/v1/staff/session`: staff login for API clients, with the same throttles,
//! audit and session cycling as the login form. The session cookie is the credential.
use super::error::{ApiError, ApiJson, ErrorBody, FieldError};
use crate::client::ClientKey;
use app::{
    i18n::{t, t_args, FluentArg, Lang},
    staff::{
        auth::{self, LoginOutcome},
        model::normalize_email,
    },
    state::{unix_now, AppState},
};
use axum::{extract::State, http::StatusCode, Extension, Json};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

/// Staff credentials.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Credentials {
    #[schema(required = true, example = "coord@ccas.example")]
    pub email: String,
    #[schema(required = true, format = Password)]
    pub password: String,
}

/// The staff member now logged in.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffSession {
    pub name: String,
    /// `admin`, `coordinator` or `trainer`.
    #[schema(example = "coordinator")]
    pub role: String,
    pub organisation: String,
    /// A temporary password: change it in the staff area before anything else.
    pub must_change_password: bool,
}

/// Log in (staff)
///
/// Opens a staff session: the answer sets the `reperes_session` cookie (HttpOnly), to
/// send with the staff requests. The session id changes at login; the session ends
/// after 30 minutes idle or 12 hours. Repeated failures are slowed down per client and
/// per account (429 with `Retry-After`), never locked out.
#[utoipa::path(
    post,
    path = "/api/v1/staff/session",
    tag = "staff",
    request_body = Credentials,
    responses(
        (status = 200, description = "Logged in; the session cookie is set", body = StaffSession,
            headers(("Set-Cookie" = String, description = "reperes_session=…; HttpOnly; SameSite=Lax"))),
        (status = 400, description = "Not a JSON body", body = ErrorBody),
        (status = 401, description = "Wrong e-mail or password, or a deactivated account", body = ErrorBody),
        (status = 422, description = "E-mail or password missing", body = ErrorBody),
        (status = 429, description = "Too many tries: wait `Retry-After` seconds", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
    )
)]
pub async fn log_in(
    State(state): State<AppState>,
    session: Session,
    client: Option<Extension<ClientKey>>,
    ApiJson(body): ApiJson<Credentials>,
) -> Result<Json<StaffSession>, ApiError> {
    let email = normalize_email(&body.email);
    let missing: Vec<FieldError> = [
        ("email", email.is_empty()),
        ("password", body.password.is_empty()),
    ]
    .into_iter()
    .filter(|(_, missing)| *missing)
    .map(|(field, _)| FieldError::keyed(field, "login-missing"))
    .collect();
    if !missing.is_empty() {
        return Err(ApiError::invalid(missing));
    }
    let client = client.map(|Extension(k)| k.0).unwrap_or_default();
    let outcome = auth::log_in(
        &state.store,
        &session,
        &client,
        &email,
        &body.password,
        unix_now(),
    )
    .await?;
    match outcome {
        LoginOutcome::LoggedIn(member) => Ok(Json(StaffSession {
            name: member.name,
            role: member.role.code().into(),
            organisation: member.organisation_name,
            must_change_password: member.must_change_password,
        })),
        LoginOutcome::Refused => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            t(Lang::Fr, "login-refused"),
        )),
        LoginOutcome::Throttled { retry_after } => Err(ApiError::throttled(
            t_args(
                Lang::Fr,
                "login-throttled",
                &[("seconds", FluentArg::Number(retry_after))],
            ),
            retry_after,
        )),
    }
}
