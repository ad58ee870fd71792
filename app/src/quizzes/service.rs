//! What submitting a quiz does, shared by the island's server function and the plain
//! form handler: load the quiz, grade on the server, keep the result, build the correction.
use super::{
    model::{build_correction, grade_form, QuizKey, QuizOutcome, StoredCorrection},
    scoring::grade,
};
use crate::{
    db::Store,
    error::AppError,
    progress::{
        model::Flash,
        session::{
            learner_id, learner_or_new, messages_after, write_for_learner, LearnerWriteError,
        },
    },
};
use tower_sessions::Session;

/// Grades `fields` and, when they are valid, stores the attempt against the (possibly
/// new) anonymous learner. Refused answers store nothing. `leave_messages`: the plain
/// form's answer is a redirect, so the page it leads to says the answer was kept (and,
/// for a new learner, what that means); the island shows the correction in place.
pub async fn submit(
    store: &Store,
    session: &Session,
    key: &QuizKey,
    fields: &[(String, String)],
    now: i64,
    leave_messages: bool,
) -> Result<QuizOutcome, AppError> {
    let quiz = store.load_quiz(key).await?.ok_or(AppError::NotFound)?;
    let (answers, grade) = match grade_form(&quiz.plain_questions(), fields) {
        Ok(graded) => graded,
        Err(errors) => return Ok(QuizOutcome::Refused(errors)),
    };
    let (learner, created) = learner_or_new(session).await;
    let flashes = match leave_messages {
        true => messages_after(created, Flash::QuizSaved),
        false => Vec::new(),
    };
    let written = store.record_quiz_result(
        &learner,
        key,
        &answers,
        grade.correct as i64,
        grade.total as i64,
        &quiz.content_hash,
        now,
    );
    let (best, attempts) = write_for_learner(session, &learner, created, &flashes, written)
        .await
        .map_err(|error| match error {
            LearnerWriteError::Write(error) => AppError::from(error),
            LearnerWriteError::Session(error) => {
                tracing::error!(%error, "cannot keep the learner in the session");
                AppError::Unavailable
            }
        })?;
    count_attempt(store, key, &grade, now);
    Ok(QuizOutcome::Graded {
        correction: build_correction(&quiz, &answers, &grade, best, attempts),
        learner_created: created,
    })
}

/// Counts the attempt for the partnership's figures: its mastery band, and for a lesson
/// quiz each question answered and failed. Counted in memory and written every few
/// seconds ([`Store::count_later`]): an attempt never waits on these writes, and a
/// crash costs at most those seconds of figures, never an answer.
fn count_attempt(store: &Store, key: &QuizKey, grade: &super::scoring::Grade, now: i64) {
    use crate::dashboard::model::metric;
    let quiz = format!("{}/{}", key.module, key.lesson.as_deref().unwrap_or("quiz"));
    let mut counts = vec![(
        metric::QUIZ_ATTEMPT,
        format!("{quiz}|{}", grade.mastery.code()),
    )];
    if key.lesson.is_some() {
        for (i, result) in grade.results.iter().enumerate() {
            let question = format!("{quiz}#{}", i + 1);
            if !result.correct {
                counts.push((metric::QUESTION_FAILED, question.clone()));
            }
            counts.push((metric::QUESTION_ANSWERED, question));
        }
    }
    for (name, dimension) in counts {
        store.count_later(name, &dimension, now);
    }
}

/// The correction of the learner's last attempt at `key`, graded again from the stored
/// answers (the same pure scoring, so it is the correction they were given).
pub async fn stored_correction(
    store: &Store,
    session: Option<&Session>,
    key: &QuizKey,
) -> Result<StoredCorrection, AppError> {
    let Some(session) = session else {
        return Ok(StoredCorrection::None);
    };
    let Some(learner) = learner_id(session).await else {
        return Ok(StoredCorrection::None);
    };
    let Some(stored) = store.last_quiz_result(&learner, key).await? else {
        return Ok(StoredCorrection::None);
    };
    let changed = StoredCorrection::Changed {
        correct: stored.correct,
        total: stored.total,
        best: stored.best,
    };
    let Some(quiz) = store.load_quiz(key).await? else {
        return Ok(changed);
    };
    if quiz.content_hash != stored.content_hash {
        return Ok(changed);
    }
    Ok(match grade(&quiz.plain_questions(), &stored.answers) {
        Ok(g) => StoredCorrection::Current(build_correction(
            &quiz,
            &stored.answers,
            &g,
            stored.best,
            stored.attempts,
        )),
        Err(_) => changed,
    })
}
