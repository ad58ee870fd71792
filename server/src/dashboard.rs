//! `GET /espace-pro/tableau-de-bord/{table}.csv`: a table of the dashboard as CSV (any
//! staff member), built by the same report as the page so both always agree, with the
//! same "< 5" rule.
use crate::{pages::error_page as failure, workshops::any_staff};
use app::{
    dashboard::{pages::grouping_of, report::report},
    error::AppError,
    state::{request_lang, unix_now, AppState},
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize, Default)]
pub struct Choice {
    #[serde(default)]
    vue: String,
    #[serde(default)]
    periode: String,
}

/// The table as CSV text: the header line, then one line per row.
pub fn to_csv(table: &app::dashboard::model::Table) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.columns)?;
    for row in &table.rows {
        writer.write_record(row)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn table_csv(
    State(state): State<AppState>,
    session: Session,
    Path(file): Path<String>,
    Query(choice): Query<Choice>,
    headers: HeaderMap,
) -> Response {
    if let Err(response) = any_staff(&state, &session).await {
        return response;
    }
    let Some(id) = file.strip_suffix(".csv") else {
        return failure(AppError::NotFound);
    };
    let period: String = choice.periode.chars().take(10).collect();
    let lang = request_lang(&headers);
    let (period, found) = match report(
        &state.store,
        grouping_of(&choice.vue),
        &period,
        lang,
        unix_now(),
    )
    .await
    {
        // The period as the report checked it, never the raw parameter.
        Ok(report) => (
            report.period,
            report.tables.into_iter().find(|t| t.id == id),
        ),
        Err(error) => return failure(error.into()),
    };
    let Some(table) = found else {
        return failure(AppError::NotFound);
    };
    match to_csv(&table) {
        Ok(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    crate::headers::attachment(&format!("reperes-{id}-{period}.csv")),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot write a CSV table");
            failure(AppError::Unavailable)
        }
    }
}

/// The dashboard's CSV route.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new().route(
        &format!("{}/{{file}}", app::app::paths::DASHBOARD),
        axum::routing::get(table_csv),
    )
}
