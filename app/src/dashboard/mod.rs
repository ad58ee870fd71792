//! The partnership's dashboard: anonymous figures on what works (lessons, quizzes,
//! budget tools, self-checks, workshops, trainings, joint sessions) by month or quarter,
//! from counters recorded when each event happened; figures below 5 are hidden.
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod report;
