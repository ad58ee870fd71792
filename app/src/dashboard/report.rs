//! Builds the dashboard's tables from the anonymous counters (server only): the same
//! tables feed the page, its charts and its CSV files, so they always agree.
use super::model::{
    chartable, figure, metric, rate, shown, total_beside, totals, Grouping, Report, Table,
};
use crate::{
    db::{Store, StoreError},
    i18n::{t, Lang},
    quizzes::{model::QuizKey, scoring::Mastery},
    selfcheck::model::Level,
};

fn table(id: &str, caption: String, columns: Vec<String>) -> Table {
    Table {
        id: id.to_string(),
        caption,
        columns,
        rows: Vec::new(),
        chart: Vec::new(),
        charted: 1,
    }
}

fn push(table: &mut Table, label: String, figures: &[i64], charted: i64, extra: Vec<String>) {
    let mut row = vec![label.clone()];
    row.extend(figures.iter().map(|n| shown(*n)));
    row.extend(extra);
    table.rows.push(row);
    table.chart.push((label, chartable(charted)));
}

/// Whether the rule hides any of `figures`.
fn hidden_any(figures: &[i64]) -> bool {
    figures.iter().any(|n| super::model::hidden(*n))
}

/// Builds the report of `period` (a month, a quarter or `tout`); `period` empty means
/// the current month or quarter.
pub async fn report(
    store: &Store,
    grouping: Grouping,
    period: &str,
    lang: Lang,
    now: i64,
) -> Result<Report, StoreError> {
    store.flush_counters().await?;
    let names = [
        metric::LESSON_VIEWED,
        metric::LESSON_FINISHED,
        metric::QUIZ_ATTEMPT,
        metric::QUESTION_ANSWERED,
        metric::QUESTION_FAILED,
        metric::BUDGET_TOOL,
        metric::BUDGET_TOOL_OPENED,
        metric::SELF_CHECK,
        metric::SIGN_UP,
        metric::HELD,
        metric::CAPACITY,
        metric::BOOKED,
        metric::WAITING,
        metric::PRESENT,
        metric::ABSENT,
        metric::JOINT_BY_ORGANISATION,
    ];
    let mut rows = Vec::with_capacity(names.len());
    for name in names {
        rows.push((name, store.counters(name).await?));
    }
    let months: Vec<String> = rows
        .iter()
        .flat_map(|(_, r)| r.iter().map(|(_, m, _)| m.clone()))
        .collect();
    let current = crate::db::counters::period_of(now);
    let periods = super::model::periods(&months, &current, grouping);
    let period = if period == "tout" || periods.iter().any(|p| p == period) {
        period.to_string()
    } else {
        match grouping {
            Grouping::Month => current,
            Grouping::Quarter => super::model::quarter_of(&current),
        }
    };
    let sum = |name: &str| {
        let found = rows
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[]);
        totals(found, &period)
    };
    let modules = store.list_modules().await?;
    let mut tables = Vec::new();

    // Lessons read and finished, by module (every module listed).
    let (viewed, finished) = (sum(metric::LESSON_VIEWED), sum(metric::LESSON_FINISHED));
    let mut lessons = table(
        "lecons",
        t(lang, "dashboard-lessons"),
        vec![
            t(lang, "dashboard-col-module"),
            t(lang, "dashboard-col-viewed"),
            t(lang, "dashboard-col-finished"),
        ],
    );
    for m in &modules {
        let (v, f) = (figure(&viewed, &m.slug), figure(&finished, &m.slug));
        push(&mut lessons, m.title.clone(), &[v, f], v, Vec::new());
    }
    tables.push(lessons);

    // Quiz mastery, by quiz.
    let attempts = sum(metric::QUIZ_ATTEMPT);
    let mut quizzes: Vec<String> = Vec::new();
    for (dimension, _) in &attempts {
        let quiz = dimension.split('|').next().unwrap_or_default().to_string();
        if !quizzes.contains(&quiz) {
            quizzes.push(quiz);
        }
    }
    quizzes.sort();
    let mut mastery = table(
        "quiz",
        t(lang, "dashboard-quizzes"),
        vec![
            t(lang, "dashboard-col-quiz"),
            t(lang, "dashboard-col-attempts"),
            t(lang, "mastery-attempted"),
            t(lang, "mastery-familiar"),
            t(lang, "mastery-proficient"),
        ],
    );
    let mut titles: Vec<(String, String)> = Vec::new();
    for m in &modules {
        if let Some(detail) = store.module_detail(&m.slug).await? {
            titles.push((
                format!("{}/quiz", m.slug),
                format!("{} — {}", m.title, t(lang, "dashboard-module-quiz")),
            ));
            for l in detail.lessons {
                titles.push((
                    format!("{}/{}", m.slug, l.slug),
                    format!("{} — {}", m.title, l.title),
                ));
            }
        }
    }
    let title_of = |quiz: &str| {
        titles
            .iter()
            .find(|(k, _)| k == quiz)
            .map_or_else(|| quiz.to_string(), |(_, v)| v.clone())
    };
    for quiz in &quizzes {
        let bands: Vec<i64> = Mastery::ALL
            .iter()
            .map(|b| figure(&attempts, &format!("{quiz}|{}", b.code())))
            .collect();
        let total: i64 = bands.iter().sum();
        let mut row = vec![title_of(quiz), total_beside(total, &bands)];
        row.extend(bands.iter().map(|n| shown(*n)));
        mastery.rows.push(row);
        let charted = if hidden_any(&bands) {
            0
        } else {
            chartable(total)
        };
        mastery.chart.push((title_of(quiz), charted));
    }
    tables.push(mastery);

    // The questions most often failed (lesson quizzes), ten at most.
    let (answered, failed) = (sum(metric::QUESTION_ANSWERED), sum(metric::QUESTION_FAILED));
    let mut ranked = failed.clone();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut questions = table(
        "questions",
        t(lang, "dashboard-questions"),
        vec![
            t(lang, "dashboard-col-question"),
            t(lang, "dashboard-col-answered"),
            t(lang, "dashboard-col-failed"),
            t(lang, "dashboard-col-fail-rate"),
        ],
    );
    questions.charted = 2;
    for (dimension, n) in ranked.into_iter().take(10) {
        let (quiz, number) = dimension.rsplit_once('#').unwrap_or((&dimension, "1"));
        let index: usize = number.parse().unwrap_or(1);
        let (module, lesson) = quiz.split_once('/').unwrap_or((quiz, ""));
        let key = QuizKey {
            module: module.to_string(),
            lesson: Some(lesson.to_string()),
        };
        let text = store
            .load_quiz(&key)
            .await?
            .and_then(|q| q.questions.get(index - 1).map(|q| q.question.text.clone()))
            .unwrap_or_default();
        let label = format!(
            "{} — {} {index} : {text}",
            title_of(quiz),
            t(lang, "dashboard-question")
        );
        let total = figure(&answered, &dimension);
        push(&mut questions, label, &[total, n], n, vec![rate(n, total)]);
    }
    tables.push(questions);

    // Budget tools: pages opened, and computations the server saw (without JavaScript,
    // or kept); the quick estimate has no page of its own.
    let (tools, opened) = (sum(metric::BUDGET_TOOL), sum(metric::BUDGET_TOOL_OPENED));
    let mut uses = table(
        "outils",
        t(lang, "dashboard-tools"),
        vec![
            t(lang, "dashboard-col-tool"),
            t(lang, "dashboard-col-opened"),
            t(lang, "dashboard-col-uses"),
        ],
    );
    for tool in crate::budget::tools::Tool::ALL {
        let (o, n) = (figure(&opened, tool.code()), figure(&tools, tool.code()));
        push(&mut uses, t(lang, tool.name_key()), &[o, n], o, Vec::new());
    }
    let quick = t(lang, "dashboard-tool-quick");
    uses.rows.push(vec![
        quick.clone(),
        "—".into(),
        shown(figure(&tools, "quick")),
    ]);
    uses.chart.push((quick, 0));
    tables.push(uses);

    // Self-check results.
    let levels = sum(metric::SELF_CHECK);
    let mut checks = table(
        "auto-diagnostic",
        t(lang, "dashboard-self-check"),
        vec![
            t(lang, "dashboard-col-level"),
            t(lang, "dashboard-col-results"),
        ],
    );
    for level in Level::ALL {
        let n = figure(&levels, level.code());
        push(
            &mut checks,
            t(lang, &format!("{}-title", level.key())),
            &[n],
            n,
            Vec::new(),
        );
    }
    tables.push(checks);

    // Workshops and professional trainings.
    let (held, capacity, booked, waiting, present, absent, signups) = (
        sum(metric::HELD),
        sum(metric::CAPACITY),
        sum(metric::BOOKED),
        sum(metric::WAITING),
        sum(metric::PRESENT),
        sum(metric::ABSENT),
        sum(metric::SIGN_UP),
    );
    let mut sessions = table(
        "ateliers",
        t(lang, "dashboard-sessions"),
        vec![
            t(lang, "dashboard-col-kind"),
            t(lang, "dashboard-col-held"),
            t(lang, "dashboard-col-seats"),
            t(lang, "dashboard-col-booked"),
            t(lang, "dashboard-col-waiting"),
            t(lang, "dashboard-col-present"),
            t(lang, "dashboard-col-absent"),
            t(lang, "dashboard-col-signups"),
            t(lang, "dashboard-col-signups-waiting"),
            t(lang, "dashboard-col-fill"),
        ],
    );
    for kind in crate::joint::model::SessionKind::ALL {
        let k = kind.code();
        let f = |totals: &[(String, i64)]| figure(totals, k);
        let figures = [
            f(&held),
            f(&capacity),
            f(&booked),
            f(&waiting),
            f(&present),
            f(&absent),
            figure(&signups, &format!("{k}|confirmed")),
            figure(&signups, &format!("{k}|waitlisted")),
        ];
        let mut row: Vec<String> = std::iter::once(t(lang, kind.label_key()))
            .chain(figures.iter().map(|n| shown(*n)))
            .collect();
        // The seats booked minus those present and absent would give a hidden one away.
        if hidden_any(&figures[4..6]) {
            row[3] = "—".into();
            row.push("—".into());
        } else {
            row.push(rate(f(&booked), f(&capacity)));
        }
        sessions.rows.push(row);
        sessions
            .chart
            .push((t(lang, kind.label_key()), chartable(figures[0])));
    }
    tables.push(sessions);

    // Joint sessions, by organisation hosting them.
    let joint = sum(metric::JOINT_BY_ORGANISATION);
    let mut by_organisation = table(
        "seances-communes",
        t(lang, "dashboard-joint"),
        vec![
            t(lang, "dashboard-col-organisation"),
            t(lang, "dashboard-col-joint"),
        ],
    );
    for (organisation, n) in &joint {
        push(
            &mut by_organisation,
            organisation.clone(),
            &[*n],
            *n,
            Vec::new(),
        );
    }
    tables.push(by_organisation);

    Ok(Report {
        grouping,
        period,
        periods,
        tables,
    })
}
