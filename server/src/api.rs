//! The read-only catalogue endpoints of the JSON API, version 1: `GET /api/v1/modules`
//! and `GET /api/v1/modules/{slug}`. Routed, with every other `/api/v1` endpoint, by
//! `crate::api_v1`, which documents them in `/api/v1/openapi.json`.
use app::{db::Store, error::AppError};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

/// A published module of the catalogue.
#[derive(Serialize, ToSchema)]
#[schema(as = Module)]
pub struct ModuleItem {
    slug: String,
    title: String,
    /// Theme code (`budget`, `account`…).
    #[schema(value_type = String)]
    theme: &'static str,
    lesson_count: i64,
}

/// A lesson of a module.
#[derive(Serialize, ToSchema)]
#[schema(as = Lesson)]
pub struct LessonItem {
    slug: String,
    title: String,
    summary: String,
    reading_minutes: i64,
}

/// A module and its lessons, in reading order.
#[derive(Serialize, ToSchema)]
pub struct ModuleWithLessons {
    slug: String,
    title: String,
    summary: String,
    #[schema(value_type = String)]
    theme: &'static str,
    lessons: Vec<LessonItem>,
}

/// The error body of the module endpoints.
#[derive(Serialize, ToSchema)]
#[schema(as = ModuleError)]
pub struct ApiError {
    #[schema(value_type = String)]
    error: &'static str,
    #[schema(value_type = String)]
    message: &'static str,
}

/// Maps an application error to a JSON answer that reveals nothing internal.
fn error_response(error: AppError) -> Response {
    let (status, code, message) = match error {
        AppError::NotFound => (
            StatusCode::NOT_FOUND,
            "not_found",
            "Ce module n'existe pas.",
        ),
        AppError::Unauthorized => (
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Connexion nécessaire.",
        ),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "Accès refusé."),
        AppError::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Service momentanément indisponible.",
        ),
        AppError::Internal | AppError::Transport => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Une erreur est survenue.",
        ),
    };
    (
        status,
        Json(ApiError {
            error: code,
            message,
        }),
    )
        .into_response()
}

/// Published modules
///
/// The lesson catalogue, in catalogue order.
#[utoipa::path(
    get,
    path = "/api/v1/modules",
    tag = "modules",
    responses(
        (status = 200, description = "Published modules", body = [ModuleItem]),
        (status = 503, description = "Database unavailable", body = ApiError),
    )
)]
pub async fn modules(State(store): State<Store>) -> Response {
    match store.list_modules().await {
        Ok(list) => Json(
            list.into_iter()
                .map(|m| ModuleItem {
                    slug: m.slug,
                    title: m.title,
                    theme: m.theme.code(),
                    lesson_count: m.lesson_count,
                })
                .collect::<Vec<_>>(),
        )
        .into_response(),
        Err(e) => error_response(e.into()),
    }
}

/// One module and its lessons
#[utoipa::path(
    get,
    path = "/api/v1/modules/{slug}",
    tag = "modules",
    params(("slug" = String, Path, description = "Module slug")),
    responses(
        (status = 200, description = "The module", body = ModuleWithLessons),
        (status = 404, description = "No published module with this slug", body = ApiError),
        (status = 503, description = "Database unavailable", body = ApiError),
    )
)]
pub async fn module(State(store): State<Store>, Path(slug): Path<String>) -> Response {
    match store.module_detail(&slug).await {
        Ok(Some(d)) => Json(ModuleWithLessons {
            slug: d.module.slug,
            title: d.module.title,
            summary: d.module.summary,
            theme: d.module.theme.code(),
            lessons: d
                .lessons
                .into_iter()
                .map(|l| LessonItem {
                    slug: l.slug,
                    title: l.title,
                    summary: l.summary,
                    reading_minutes: l.reading_minutes,
                })
                .collect(),
        })
        .into_response(),
        Ok(None) => error_response(AppError::NotFound),
        Err(e) => error_response(e.into()),
    }
}
