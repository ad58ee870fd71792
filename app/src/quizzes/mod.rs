//! Quizzes: the block format written in lessons (parsed and validated at import),
//! scoring (pure, run on the server), the quiz and correction pages, and the results
//! kept in a learner's anonymous progress.
pub mod format;
pub mod model;
pub mod pages;
pub mod scoring;

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
