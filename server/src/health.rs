//! `GET /healthz`: 200 with the engine name when the database answers (and on SQLite the
//! writer's thread runs: `Store::ping`), 503 otherwise.
use app::db::Store;
use axum::{extract::State, http::StatusCode, Json};
use serde::Serialize;

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    engine: &'static str,
}

pub async fn healthz(State(store): State<Store>) -> (StatusCode, Json<Health>) {
    let engine = store.engine().name();
    match store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                engine,
            }),
        ),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(Health {
                    status: "unavailable",
                    engine,
                }),
            )
        }
    }
}
