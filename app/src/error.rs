//! The error type of server functions and pages. Its variants carry no internal detail:
//! the cause is logged on the server and the browser only learns what kind of problem it was.
use leptos::server_fn::{
    codec::PostcardEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// A staff page or function asked for without being logged in.
    #[error("login required")]
    Unauthorized,
    /// Logged in, but not allowed to do this.
    #[error("forbidden")]
    Forbidden,
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// A transport problem between the browser and the server (no detail kept).
    #[error("request failed")]
    Transport,
}

impl AppError {
    /// HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport => 500,
        }
    }

    /// Gives the response being built (a server function's answer or a page) this
    /// error's HTTP status, so that a refusal is a 401 or 403 for every client, and
    /// gives the error back.
    pub fn answered(self) -> Self {
        crate::pages::errors::set_status(self.status());
        self
    }

    /// Translation keys of the title and text shown to people.
    pub fn message_keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("not-found-title", "not-found-text"),
            AppError::Unauthorized => ("unauthorized-title", "unauthorized-text"),
            AppError::Forbidden => ("forbidden-title", "forbidden-text"),
            AppError::Unavailable => ("unavailable-title", "unavailable-text"),
            AppError::Internal | AppError::Transport => ("error-title", "error-text"),
        }
    }
}

/// Sent as Postcard, like the answers of the server functions islands call: the wasm
/// bundle then carries no JSON decoder (whose error messages alone pull in the float
/// formatting code, about 14 KB).
impl FromServerFnError for AppError {
    type Encoder = PostcardEncoding;

    fn from_server_fn_error(_value: ServerFnErrorErr) -> Self {
        AppError::Transport
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::StoreError> for AppError {
    fn from(error: crate::db::StoreError) -> Self {
        if error.is_unavailable() {
            tracing::warn!(%error, "database unavailable");
            AppError::Unavailable
        } else {
            tracing::error!(%error, "database error");
            AppError::Internal
        }
    }
}
