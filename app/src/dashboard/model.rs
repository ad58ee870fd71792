//! The partnership's dashboard, pure: the counters it reads, periods (a month or a
//! quarter), the rule that hides small figures, and the tables built from counter rows.
//! Every figure comes from anonymous counters recorded when the event happened.
use serde::{Deserialize, Serialize};

/// Counter names, shared by the places that record events and the dashboard.
pub mod metric {
    /// A lesson page shown (dimension: module slug).
    pub const LESSON_VIEWED: &str = "lesson_viewed";
    /// A lesson marked as read for the first time (dimension: module slug).
    pub const LESSON_FINISHED: &str = "lesson_finished";
    /// A graded quiz attempt (dimension: `module/lesson|band`, `module/quiz|band` for a
    /// module quiz).
    pub const QUIZ_ATTEMPT: &str = "quiz_attempt";
    /// A question of a lesson quiz answered (dimension: `module/lesson#n`).
    pub const QUESTION_ANSWERED: &str = "question_answered";
    /// A question of a lesson quiz answered wrongly (dimension: `module/lesson#n`).
    pub const QUESTION_FAILED: &str = "question_failed";
    /// A budget tool computed on the server or kept (dimension: tool code).
    pub const BUDGET_TOOL: &str = "budget_tool";
    /// A budget tool's page opened (dimension: tool code).
    pub const BUDGET_TOOL_OPENED: &str = "budget_tool_opened";
    /// A self-check result (dimension: level code).
    pub const SELF_CHECK: &str = "self_check_level";
    /// A booking (dimension: `kind|confirmed` or `kind|waitlisted`).
    pub const SIGN_UP: &str = "sign_up";
    /// A session held, counted when its attendance is first recorded (dimension: kind).
    pub const HELD: &str = "session_held";
    /// Seats of the sessions held (dimension: kind).
    pub const CAPACITY: &str = "session_capacity";
    /// Seats booked in the sessions held (dimension: kind).
    pub const BOOKED: &str = "session_booked";
    /// People still waiting when the session was held (dimension: kind).
    pub const WAITING: &str = "session_waiting";
    /// Seats present, and absent (no-shows), in the sessions held (dimension: kind).
    pub const PRESENT: &str = "session_present";
    pub const ABSENT: &str = "session_absent";
    /// A joint session confirmed, once per organisation among its hosts (dimension:
    /// organisation name).
    pub const JOINT_BY_ORGANISATION: &str = "joint_by_organisation";
}

/// Figures below this are shown as "< 5" (0 stays 0: it singles nobody out).
pub const SMALLEST_SHOWN: i64 = 5;

/// A figure as the dashboard and its CSV files show it.
pub fn shown(value: i64) -> String {
    if hidden(value) {
        "< 5".to_string()
    } else {
        value.to_string()
    }
}

/// A rate in whole percent, only when both figures can be shown ("—" otherwise).
pub fn rate(part: i64, whole: i64) -> String {
    if whole < SMALLEST_SHOWN || (part > 0 && part < SMALLEST_SHOWN) {
        "—".to_string()
    } else {
        format!("{} %", part * 100 / whole)
    }
}

/// How figures are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grouping {
    Month,
    Quarter,
}

/// The quarter of a `YYYY-MM` month: `YYYY-Tn`.
pub fn quarter_of(month: &str) -> String {
    let (year, m) = month.split_once('-').unwrap_or((month, "01"));
    let m: u32 = m.parse().unwrap_or(1);
    format!("{year}-T{}", (m.clamp(1, 12) - 1) / 3 + 1)
}

/// Whether the `YYYY-MM` month belongs to `period` (a month, a quarter, or `tout`).
pub fn in_period(month: &str, period: &str) -> bool {
    period == "tout" || month == period || quarter_of(month) == period
}

/// The periods to choose from: every month (or quarter) with a figure, newest first,
/// and the current one.
pub fn periods(months: &[String], current_month: &str, grouping: Grouping) -> Vec<String> {
    let key = |m: &str| match grouping {
        Grouping::Month => m.to_string(),
        Grouping::Quarter => quarter_of(m),
    };
    let mut all: Vec<String> = months.iter().map(|m| key(m)).collect();
    all.push(key(current_month));
    all.sort();
    all.dedup();
    all.reverse();
    all
}

/// A table of the dashboard: a caption, column headings, and rows of shown figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Stable name, used for its CSV file.
    pub id: String,
    pub caption: String,
    pub columns: Vec<String>,
    /// First cell: the row's label; then one figure per remaining column.
    pub rows: Vec<Vec<String>>,
    /// The raw figure of the charted column for each row (0 when hidden by the rule),
    /// for the bar chart.
    pub chart: Vec<(String, i64)>,
    /// The index of the charted column in `columns` and in each row.
    pub charted: usize,
}

/// The dashboard for one period: the periods to choose from, and the tables.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub grouping: Grouping,
    pub period: String,
    pub periods: Vec<String>,
    pub tables: Vec<Table>,
}

/// Sums counter rows `(dimension, month, count)` of `period` by dimension, in the order
/// dimensions first appear.
pub fn totals(rows: &[(String, String, i64)], period: &str) -> Vec<(String, i64)> {
    let mut found: Vec<(String, i64)> = Vec::new();
    for (dimension, month, count) in rows.iter().filter(|r| in_period(&r.1, period)) {
        let _ = month;
        match found.iter_mut().find(|(d, _)| d == dimension) {
            Some((_, n)) => *n += count,
            None => found.push((dimension.clone(), *count)),
        }
    }
    found
}

/// The figure of `dimension` in `totals` (0 when absent).
pub fn figure(totals: &[(String, i64)], dimension: &str) -> i64 {
    totals
        .iter()
        .find(|(d, _)| d == dimension)
        .map_or(0, |(_, n)| *n)
}

/// Whether the rule hides `value`.
pub fn hidden(value: i64) -> bool {
    value > 0 && value < SMALLEST_SHOWN
}

/// A total shown beside its parts: hidden ("—") when a part is hidden, since the total
/// minus the shown parts would give the hidden one away.
pub fn total_beside(total: i64, parts: &[i64]) -> String {
    if parts.iter().any(|p| hidden(*p)) {
        "—".to_string()
    } else {
        shown(total)
    }
}

/// The value a chart may draw: a hidden figure is drawn as nothing.
pub fn chartable(value: i64) -> i64 {
    if value < SMALLEST_SHOWN {
        0
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_figures_are_hidden_and_rates_need_showable_figures() {
        assert_eq!(shown(0), "0");
        assert_eq!(shown(1), "< 5");
        assert_eq!(shown(4), "< 5");
        assert_eq!(shown(5), "5");
        assert_eq!(rate(3, 10), "—");
        assert_eq!(rate(5, 4), "—");
        assert_eq!(rate(0, 10), "0 %");
        assert_eq!(rate(6, 8), "75 %");
        assert_eq!(chartable(4), 0);
        assert_eq!(chartable(7), 7);
        assert_eq!(total_beside(12, &[5, 5, 2]), "—");
        assert_eq!(total_beside(12, &[5, 7, 0]), "12");
    }

    #[test]
    fn months_group_into_quarters() {
        assert_eq!(quarter_of("2026-01"), "2026-T1");
        assert_eq!(quarter_of("2026-03"), "2026-T1");
        assert_eq!(quarter_of("2026-04"), "2026-T2");
        assert_eq!(quarter_of("2026-12"), "2026-T4");
        assert!(in_period("2026-11", "2026-T4"));
        assert!(in_period("2026-11", "2026-11"));
        assert!(!in_period("2026-11", "2026-10"));
        assert!(in_period("2025-01", "tout"));
    }

    #[test]
    fn the_periods_offered_are_those_with_figures_and_the_current_one() {
        let months = vec![
            "2026-09".to_string(),
            "2026-11".to_string(),
            "2026-09".to_string(),
        ];
        assert_eq!(
            periods(&months, "2026-12", Grouping::Month),
            ["2026-12", "2026-11", "2026-09"]
        );
        assert_eq!(
            periods(&months, "2026-12", Grouping::Quarter),
            ["2026-T4", "2026-T3"]
        );
    }

    #[test]
    fn totals_add_the_months_of_the_period_by_dimension() {
        let rows = vec![
            ("budget".to_string(), "2026-10".to_string(), 3),
            ("credit".to_string(), "2026-11".to_string(), 2),
            ("budget".to_string(), "2026-11".to_string(), 4),
        ];
        assert_eq!(
            totals(&rows, "2026-T4"),
            vec![("budget".to_string(), 7), ("credit".to_string(), 2)]
        );
        assert_eq!(
            totals(&rows, "2026-11"),
            vec![("credit".to_string(), 2), ("budget".to_string(), 4)]
        );
        assert_eq!(figure(&totals(&rows, "2026-10"), "credit"), 0);
    }
}
