//! Types of the progress pages.
use serde::{Deserialize, Serialize};

/// A lesson the learner has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadLesson {
    pub module_slug: String,
    pub module_title: String,
    pub lesson_slug: String,
    pub lesson_title: String,
}

/// A one-time message shown after a form was handled (Post/Redirect/Get).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flash {
    /// The first explicit action created the anonymous learner.
    LearnerCreated,
    MarkedRead,
    Forgotten,
}

impl Flash {
    pub fn message_key(self) -> &'static str {
        match self {
            Flash::LearnerCreated => "flash-learner-created",
            Flash::MarkedRead => "flash-marked-read",
            Flash::Forgotten => "flash-forgotten",
        }
    }
}
