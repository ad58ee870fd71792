//! Quizzes: the block format written in lessons (parsed and validated here); scoring
//! and pages come with the quizzes issue.
pub mod format;
