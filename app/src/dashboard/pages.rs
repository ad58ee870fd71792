//! The partnership's dashboard page (any staff member): a period chosen with a plain
//! GET form, then for each table a bar chart drawn on the server as SVG (with a title, a
//! description and the data table beside it, so it works without JavaScript, reads with
//! a screen reader and prints), and a link to the table as CSV.
use super::model::{Grouping, Table};
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, t_args, use_lang, FluentArg},
    pages::errors::ErrorPage,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Reads the `vue` parameter: `trimestre` groups by quarter, anything else by month.
pub fn grouping_of(value: &str) -> Grouping {
    if value == "trimestre" {
        Grouping::Quarter
    } else {
        Grouping::Month
    }
}

/// The dashboard for `period` grouped by `grouping` (`mois` or `trimestre`).
#[server(endpoint = "dashboard/report")]
pub async fn dashboard_report(
    grouping: String,
    period: String,
) -> Result<super::model::Report, AppError> {
    async move {
        crate::staff::pages::require_staff().await?;
        let store = expect_context::<crate::db::Store>();
        let lang = use_lang();
        let period: String = period.chars().take(10).collect();
        Ok(super::report::report(
            &store,
            grouping_of(&grouping),
            &period,
            lang,
            crate::state::unix_now(),
        )
        .await?)
    }
    .await
    .map_err(AppError::answered)
}

/// A horizontal bar chart of a table's charted column. Hidden figures (below 5) are
/// drawn as no bar and written "< 5".
#[component]
fn BarChart(table: Table) -> impl IntoView {
    let lang = use_lang();
    let max = table
        .chart
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    // One row per figure: its label on a line, then its bar and figure; 320 units wide
    // so that the text keeps its size on a phone.
    let row_height = 44;
    let height = (table.chart.len() as i64 * row_height + 4).max(40);
    let title_id = format!("graphique-{}-titre", table.id);
    let desc_id = format!("graphique-{}-desc", table.id);
    let labelled = format!("{title_id} {desc_id}");
    let figures: Vec<String> = table
        .rows
        .iter()
        .map(|r| r.get(table.charted).cloned().unwrap_or_default())
        .collect();
    view! {
        <svg class="chart" viewBox=format!("0 0 320 {height}") role="img" aria-labelledby=labelled
            preserveAspectRatio="xMinYMin meet">
            <title id=title_id>{table.caption.clone()}</title>
            <desc id=desc_id>{t_args(lang, "dashboard-chart-desc", &[("column", FluentArg::Text(table.columns.get(table.charted).cloned().unwrap_or_default()))])}</desc>
            {table.chart.iter().zip(figures).enumerate().map(|(i, ((label, n), figure))| {
                let y = i as i64 * row_height;
                let width = n * 250 / max;
                let short: String = label.chars().take(44).collect();
                let short = if label.chars().count() > 44 { format!("{short}…") } else { short };
                view! {
                    <g>
                        <text x="0" y=y + 15 font-size="13" fill="#1b1b1b">{short}</text>
                        <rect x="0" y=y + 21 width=width height="16" fill="#0b5394"></rect>
                        <text x=width + 6 y=y + 34 font-size="13" fill="#1b1b1b">{figure}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

#[component]
fn DataTable(table: Table, grouping: &'static str, period: String) -> impl IntoView {
    let lang = use_lang();
    let csv = format!(
        "{}/{}.csv?vue={grouping}&periode={period}",
        paths::DASHBOARD,
        table.id
    );
    let heading_id = format!("tableau-{}", table.id);
    let labelled = heading_id.clone();
    view! {
        <section aria-labelledby=labelled class="dashboard-table">
            <h2 id=heading_id>{table.caption.clone()}</h2>
            {if table.rows.is_empty() {
                view! { <p>{t(lang, "dashboard-empty")}</p> }.into_any()
            } else {
                view! {
                    <BarChart table=table.clone() />
                    <div class="table-scroll" tabindex="0" role="region" aria-label=table.caption.clone()>
                        <table>
                            <caption class="visually-hidden">{table.caption.clone()}</caption>
                            <thead><tr>
                                {table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {table.rows.iter().map(|row| view! {
                                    <tr>
                                        <th scope="row">{row[0].clone()}</th>
                                        {row[1..].iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="no-print"><a href=csv download="">{t(lang, "dashboard-csv")}
                <span class="visually-hidden">" " {table.caption.clone()}</span></a></p>
        </section>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let (view_param, period_param) = use_query_map().with_untracked(|q| {
        (
            q.get("vue").unwrap_or_default(),
            q.get("periode").unwrap_or_default(),
        )
    });
    view! {
        <Suspense>
            {Suspend::new(async move {
                match dashboard_report(view_param.clone(), period_param.clone()).await {
                    Ok(report) => {
                        let grouping = if report.grouping == Grouping::Quarter { "trimestre" } else { "mois" };
                        let period = report.period.clone();
                        view! {
                            <Title text=t(lang, "dashboard-title") />
                            <div class="page dashboard">
                                <p class="back-link no-print"><a href=paths::STAFF>{t(lang, "staff-title")}</a></p>
                                <h1>{t(lang, "dashboard-title")}</h1>
                                <p class="lead">{t(lang, "dashboard-lead")}</p>
                                <form method="get" action=paths::DASHBOARD class="help-filters no-print">
                                    <div class="field">
                                        <label for="d-vue">{t(lang, "dashboard-grouping")}</label>
                                        <select id="d-vue" name="vue">
                                            <option value="mois" selected=grouping == "mois">{t(lang, "dashboard-by-month")}</option>
                                            <option value="trimestre" selected=grouping == "trimestre">{t(lang, "dashboard-by-quarter")}</option>
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for="d-periode">{t(lang, "dashboard-period")}</label>
                                        <select id="d-periode" name="periode">
                                            {report.periods.iter().map(|p| view! {
                                                <option value=p.clone() selected=*p == period>{p.clone()}</option>
                                            }).collect_view()}
                                            <option value="tout" selected=period == "tout">{t(lang, "dashboard-all")}</option>
                                        </select>
                                    </div>
                                    <button type="submit">{t(lang, "dashboard-show")}</button>
                                </form>
                                <p>{t_args(lang, "dashboard-showing", &[("period", FluentArg::Text(if period == "tout" { t(lang, "dashboard-all") } else { period.clone() }))])}</p>
                                {report.tables.into_iter().map(|table| view! { <DataTable table grouping period=period.clone() /> }).collect_view()}
                                <p class="hint">{t(lang, "dashboard-rules")}</p>
                            </div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
