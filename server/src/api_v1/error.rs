//! What the JSON API answers when it refuses a request: one JSON body for every error,
//! a stable `error` code for programs, a French `message` for people and, for invalid
//! input, the fields to correct. Bad input is never a 500, and the cause of a server
//! problem goes to the log, never to the client.
use app::{
    db::StoreError,
    error::AppError,
    i18n::{t, Lang},
};
use axum::{
    extract::{rejection::JsonRejection, FromRequest, Request},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{de::DeserializeOwned, Serialize};
use utoipa::ToSchema;

/// The body of every error answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
#[schema(
    as = Error,
    example = json!({
        "error": "invalid",
        "message": "Certaines informations sont à corriger.",
        "fields": [{"field": "seats", "message": "Choisissez entre 1 et 3 places."}]
    })
)]
pub struct ErrorBody {
    /// Stable code: `bad_request`, `invalid`, `unauthorized`, `forbidden`, `not_found`,
    /// `closed`, `throttled`, `too_large`, `unavailable` or `internal`.
    pub error: String,
    /// What went wrong, in French, to show as it is.
    pub message: String,
    /// The fields to correct (empty unless `error` is `invalid` or `bad_request`).
    pub fields: Vec<FieldError>,
}

/// One refused field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The JSON field (or header) name, as sent.
    pub field: String,
    /// What to correct, in French.
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A field refused with a message of the French catalogue.
    pub fn keyed(field: &str, key: &str) -> FieldError {
        FieldError::new(field, t(Lang::Fr, key))
    }
}

/// An error answer: a status, the JSON body and, for 429, the seconds to wait.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    pub retry_after: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                error: error.into(),
                message: message.into(),
                fields: Vec::new(),
            },
            retry_after: None,
        }
    }

    /// 400: the request cannot be read at all (not JSON, wrong content type).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 422: readable, but some fields are refused; each one is named.
    pub fn invalid(fields: Vec<FieldError>) -> ApiError {
        let mut error = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Certaines informations sont à corriger.",
        );
        error.body.fields = fields;
        error
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 429: a rate limit refused the request; `Retry-After` says when to try again.
    pub fn throttled(message: impl Into<String>, retry_after: i64) -> ApiError {
        let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", message);
        error.retry_after = Some(retry_after);
        error
    }

    pub fn with_field(mut self, field: FieldError) -> ApiError {
        self.body.fields.push(field);
        self
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        let (status, code) = match error {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::Internal | AppError::Transport => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        ApiError::new(status, code, t(Lang::Fr, error.message_keys().1))
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        // Logged (without detail for the client) by the conversion to AppError.
        AppError::from(error).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            crate::client::set_retry_after(&mut response, seconds);
        }
        response
    }
}

/// A JSON request body whose problems are answered with [`ErrorBody`], not axum's
/// plain text: 400 when the body is not JSON sent as `application/json`, 422 naming
/// the field when a value has the wrong type.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let Json(value) = Json::<serde_json::Value>::from_request(request, state)
            .await
            .map_err(rejection)?;
        serde_path_to_error::deserialize(value)
            .map(ApiJson)
            .map_err(|error| {
                // serde's message for a field the type does not have: "unknown field `x`, …"
                let message = error.inner().to_string();
                if let Some(name) = message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.split('`').next())
                {
                    return ApiError::invalid(vec![FieldError::new(
                        name,
                        "Ce champ n'existe pas : retirez-le (la documentation de l'API liste les champs acceptés).",
                    )]);
                }
                let path = error.path().to_string();
                let field = if path == "." { "body" } else { path.as_str() };
                ApiError::invalid(vec![FieldError::new(
                    field,
                    "Cette valeur n'a pas le type attendu (texte, nombre ou objet JSON).",
                )])
            })
    }
}

fn rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::bad_request(
            "Envoyez un corps JSON avec l'en-tête « Content-Type: application/json ».",
        ),
        JsonRejection::JsonSyntaxError(_) | JsonRejection::JsonDataError(_) => {
            ApiError::bad_request("Le corps de la requête n'est pas du JSON valide.")
        }
        // Too large or unreadable body: keep its status (413…), with our body.
        other => ApiError::new(
            other.status(),
            "bad_request",
            "Le corps de la requête ne peut pas être lu.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_problems_tell_nothing_internal() {
        let error = ApiError::from(AppError::Internal);
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(error.body.error, "internal");
        assert!(error
            .body
            .message
            .starts_with("Le service a rencontré un problème"));
    }

    #[test]
    fn invalid_input_names_each_field() {
        let error = ApiError::invalid(vec![FieldError::keyed("seats", "signup-error-seats")]);
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            error.body.fields,
            vec![FieldError::new("seats", "Choisissez entre 1 et 3 places.")]
        );
    }
}
