//! Quizzes: the block format written in lessons (parsed and validated at import) and
//! scoring (pure, run on the server). Quiz pages come with the quizzes issue.
pub mod format;
pub mod scoring;
