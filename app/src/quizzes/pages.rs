//! Quiz pages: the form (a plain form posted to the server; with JavaScript, a small
//! island sends the same fields and shows the correction in place), and the page
//! showing the stored correction.
//!
//! The questions and the correction are rendered on the server only: the island gets
//! the correction (or the refused answers) as HTML from [`submit_quiz`], so none of the
//! quiz's data types or views enter the browser's code.
use super::{
    format::QuestionKind,
    model::{mastery_key, Correction, QuizKey, ShownQuestion, ShownQuiz, StoredCorrection},
    scoring::{AnswerError, Mastery},
};
use crate::{
    app::paths,
    error::AppError,
    i18n::{t, t_args, use_lang, FluentArg, Lang},
    islands::{island_data, use_island_data},
    pages::errors::{set_status, ErrorPage},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

fn key_of(module: String, lesson: String) -> QuizKey {
    QuizKey {
        module,
        lesson: (!lesson.is_empty()).then_some(lesson),
    }
}

/// The quiz form's data, options shuffled on the server (so hydration agrees).
#[server(endpoint = "quizzes/form")]
pub async fn get_quiz(module: String, lesson: String) -> Result<ShownQuiz, AppError> {
    use rand::Rng as _;
    let store = expect_context::<crate::db::Store>();
    let key = key_of(module, lesson);
    let quiz = store.load_quiz(&key).await?.ok_or(AppError::NotFound)?;
    let best = match crate::progress::session::current_session() {
        Some(session) => match crate::progress::session::learner_id(&session).await {
            Some(learner) => store
                .last_quiz_result(&learner, &key)
                .await?
                .map(|r| r.best),
            None => None,
        },
        None => None,
    };
    let mut rng = rand::thread_rng();
    Ok(ShownQuiz::new(&quiz, best, |_, n| {
        super::scoring::shuffled_order(n, rng.gen())
    }))
}

/// What the island gets back for a submission, rendered on the server: the correction,
/// or the refused answers (the list that heads the form, and each question's message,
/// by question index).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuizAnswer {
    pub correction_html: Option<String>,
    pub errors_html: String,
    pub errors: Vec<(usize, String)>,
}

/// Scores a submission from the island (answered in Postcard, see [`AppError`]).
/// `answers` are the form's fields, urlencoded as the plain form posts them (a
/// malformed text reads as no answer at all).
#[server(endpoint = "quizzes/submit", output = leptos::server_fn::codec::Postcard)]
pub async fn submit_quiz(
    module: String,
    lesson: String,
    answers: String,
) -> Result<QuizAnswer, AppError> {
    let fields: Vec<(String, String)> = serde_urlencoded::from_str(&answers).unwrap_or_default();
    let store = expect_context::<crate::db::Store>();
    let session = crate::progress::session::current_session().ok_or(AppError::Internal)?;
    let key = key_of(module, lesson);
    let now = crate::state::unix_now();
    use super::model::QuizOutcome;
    let labels = QuizLabels::new(use_lang());
    Ok(
        match super::service::submit(&store, &session, &key, &fields, now, false).await? {
            QuizOutcome::Graded {
                correction,
                learner_created,
            } => QuizAnswer {
                correction_html: Some(
                    view! { <CorrectionView correction labels learner_created /> }.to_html(),
                ),
                errors_html: String::new(),
                errors: Vec::new(),
            },
            QuizOutcome::Refused(errors) => QuizAnswer {
                correction_html: None,
                errors: errors
                    .iter()
                    .map(|e| (e.question(), labels.error(e)))
                    .collect(),
                errors_html: view! { <RefusedAnswers errors labels /> }.to_html(),
            },
        },
    )
}

/// The stored correction of this browser's last attempt.
#[server(endpoint = "quizzes/correction")]
pub async fn get_correction(module: String, lesson: String) -> Result<StoredCorrection, AppError> {
    let store = expect_context::<crate::db::Store>();
    let session = crate::progress::session::current_session();
    super::service::stored_correction(&store, session.as_ref(), &key_of(module, lesson)).await
}

/// The answers a browser without JavaScript posted, when they were refused: the form
/// comes back with them and the problems named. Provided as context by the server.
#[derive(Clone, Debug, Default)]
pub struct PostedQuiz {
    pub fields: Vec<(String, String)>,
    pub errors: Vec<AnswerError>,
}

/// A translated message with `{name}` placeholders left in, for islands to fill.
fn template(lang: Lang, key: &str, names: &[&'static str]) -> String {
    let args: Vec<(&'static str, FluentArg)> = names
        .iter()
        .map(|n| (*n, FluentArg::Text(format!("{{{n}}}"))))
        .collect();
    t_args(lang, key, &args)
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// Every text the quiz island and the correction show, translated on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizLabels {
    pub question: String,
    pub one_answer: String,
    pub several_answers: String,
    pub number_hint: String,
    pub unit: String,
    pub submit: String,
    pub sending: String,
    pub failed: String,
    pub errors_title: String,
    pub error_missing: String,
    pub error_duplicated: String,
    pub error_invalid: String,
    pub error_not_a_number: String,
    pub error_unknown: String,
    pub correction_title: String,
    pub score: String,
    pub best: String,
    pub mastery_label: String,
    pub mastery: [String; 3],
    pub right: String,
    pub wrong: String,
    pub right_option: String,
    pub your_choice: String,
    pub your_number: String,
    pub expected: String,
    pub see_section: String,
    pub retry: String,
    pub back_lesson: String,
    pub back_module: String,
    pub see_progress: String,
    pub learner_created: String,
    pub learn_more: String,
}

impl QuizLabels {
    pub fn new(lang: Lang) -> QuizLabels {
        QuizLabels {
            question: template(lang, "quiz-question", &["n", "total"]),
            one_answer: t(lang, "quiz-one-answer"),
            several_answers: t(lang, "quiz-several-answers"),
            number_hint: t(lang, "quiz-number-hint"),
            unit: template(lang, "quiz-unit", &["unit"]),
            submit: t(lang, "quiz-submit"),
            sending: t(lang, "quiz-sending"),
            failed: t(lang, "quiz-failed"),
            errors_title: t(lang, "quiz-errors-title"),
            error_missing: template(lang, "quiz-error-missing", &["n"]),
            error_duplicated: template(lang, "quiz-error-duplicated", &["n"]),
            error_invalid: template(lang, "quiz-error-invalid", &["n"]),
            error_not_a_number: template(lang, "quiz-error-not-a-number", &["n"]),
            error_unknown: t(lang, "quiz-error-unknown"),
            correction_title: t(lang, "quiz-correction-title"),
            score: template(lang, "quiz-score", &["correct", "total", "percent"]),
            best: template(lang, "quiz-best", &["correct", "total", "attempts"]),
            mastery_label: t(lang, "quiz-mastery-label"),
            mastery: [
                t(lang, mastery_key(Mastery::Attempted)),
                t(lang, mastery_key(Mastery::Familiar)),
                t(lang, mastery_key(Mastery::Proficient)),
            ],
            right: t(lang, "quiz-right"),
            wrong: t(lang, "quiz-wrong"),
            right_option: t(lang, "quiz-right-option"),
            your_choice: t(lang, "quiz-your-choice"),
            your_number: template(lang, "quiz-your-number", &["given"]),
            expected: template(lang, "quiz-expected", &["expected"]),
            see_section: template(lang, "quiz-see-section", &["lesson"]),
            retry: t(lang, "quiz-retry"),
            back_lesson: t(lang, "quiz-back-lesson"),
            back_module: t(lang, "quiz-back-module"),
            see_progress: t(lang, "quiz-see-progress"),
            learner_created: t(lang, "flash-learner-created"),
            learn_more: t(lang, "flash-learn-more"),
        }
    }

    /// The message naming a refused answer (questions are numbered from 1 for people).
    pub fn error(&self, error: &AnswerError) -> String {
        let n = (error.question() + 1).to_string();
        let template = match error {
            AnswerError::Missing(_) => &self.error_missing,
            AnswerError::Duplicated(_) => &self.error_duplicated,
            AnswerError::Invalid(_) => &self.error_invalid,
            AnswerError::NotANumber(_) => &self.error_not_a_number,
            AnswerError::UnknownQuestion(_) => &self.error_unknown,
        };
        fill(template, &[("n", n)])
    }

    fn mastery_name(&self, mastery: Mastery) -> String {
        self.mastery[mastery as usize].clone()
    }
}

fn param(name: &str) -> String {
    use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

fn quiz_heading(lang: Lang, module_title: &str, lesson_title: &Option<String>) -> String {
    match lesson_title {
        Some(title) => t_args(
            lang,
            "quiz-title",
            &[("title", FluentArg::Text(title.clone()))],
        ),
        None => t_args(
            lang,
            "quiz-module-title",
            &[("title", FluentArg::Text(module_title.to_string()))],
        ),
    }
}

/// `/modules/:module/:lesson/quiz` and `/modules/:module/quiz`.
#[component]
pub fn QuizPage() -> impl IntoView {
    let lang = use_lang();
    let (module, lesson) = (param("module"), param("lesson"));
    let posted = use_context::<PostedQuiz>().unwrap_or_default();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match get_quiz(module, lesson).await {
                    Ok(quiz) => {
                        if !posted.errors.is_empty() {
                            set_status(422);
                        }
                        let heading = quiz_heading(lang, &quiz.module_title, &quiz.lesson_title);
                        let back = quiz.key.back_href();
                        let back_label = if quiz.key.lesson.is_some() { t(lang, "quiz-back-lesson") } else { t(lang, "quiz-back-module") };
                        let intro = if quiz.key.lesson.is_some() { t(lang, "quiz-intro") } else { t(lang, "quiz-module-intro") };
                        view! {
                            <Title text=heading.clone() />
                            <div class="page quiz-page">
                                <p class="back-link"><a href=back>{back_label}</a></p>
                                <h1 lang=quiz.language.clone()>{heading}</h1>
                                <p class="lead">{intro}</p>
                                {quiz.best.map(|(correct, total)| view! {
                                    <p class="notice">
                                        {t_args(lang, "quiz-best-so-far", &[("correct", FluentArg::Number(correct)), ("total", FluentArg::Number(total))])}
                                        " " <a href=quiz.key.correction_href()>{t(lang, "quiz-see-last")}</a>
                                    </p>
                                })}
                                <QuizForm quiz labels=QuizLabels::new(lang) posted=posted.fields.clone() errors=posted.errors.clone() />
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

/// The quiz form, rendered on the server with the posted answers and their problems
/// (a refused plain form comes back this way). The questions are the island's children:
/// server-rendered HTML that the browser's code never builds.
#[component]
pub fn QuizForm(
    quiz: ShownQuiz,
    labels: QuizLabels,
    posted: Vec<(String, String)>,
    errors: Vec<AnswerError>,
) -> impl IntoView {
    let total = quiz.questions.len();
    let (module, lesson) = (
        quiz.key.module.clone(),
        quiz.key.lesson.clone().unwrap_or_default(),
    );
    let questions = quiz
        .questions
        .into_iter()
        .map(|question| {
            let error = errors
                .iter()
                .find(|e| e.question() == question.index)
                .map(|e| labels.error(e));
            view! { <QuestionFields question total posted=posted.clone() error labels=labels.clone() /> }
        })
        .collect_view();
    let data = QuizSubmitData {
        action: quiz.key.href(),
        module,
        lesson,
        submit: labels.submit.clone(),
        sending: labels.sending.clone(),
        failed: labels.failed.clone(),
    };
    view! {
        {island_data(data)}
        <QuizSubmit>
            <div id="quiz-errors" tabindex="-1">
                {(!errors.is_empty()).then(|| view! { <RefusedAnswers errors labels=labels.clone() /> })}
            </div>
            {questions}
        </QuizSubmit>
    }
}

/// The list of refused answers that heads the form, each linked to its question.
#[component]
fn RefusedAnswers(errors: Vec<AnswerError>, labels: QuizLabels) -> impl IntoView {
    view! {
        <div class="form-errors" role="alert">
            <p><strong>{labels.errors_title.clone()}</strong></p>
            <ul>
                {errors.iter().map(|e| view! {
                    <li><a href=format!("#question-{}", e.question())>{labels.error(e)}</a></li>
                }).collect_view()}
            </ul>
        </div>
    }
}

/// What [`QuizSubmit`] needs from its page (see [`crate::islands`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuizSubmitData {
    pub action: String,
    pub module: String,
    pub lesson: String,
    pub submit: String,
    pub sending: String,
    pub failed: String,
}

crate::island_texts!(QuizSubmitData = "donnees-quiz" {
    action,
    module,
    lesson,
    submit,
    sending,
    failed,
});

/// The island: the form element and its button around the server-rendered questions.
/// Without JavaScript the form posts (the server redirects to the correction). Hydrated,
/// it sends the same fields to [`submit_quiz`] and puts the HTML it gets back in place:
/// the correction (the form is then hidden), or the refused answers' list and messages,
/// with the focus moved to what appeared.
#[island]
pub fn QuizSubmit(children: Children) -> impl IntoView {
    let QuizSubmitData {
        action,
        module,
        lesson,
        submit,
        sending,
        failed,
    } = use_island_data();
    let pending = RwSignal::new(false);
    let broken = RwSignal::new(false);
    let form = NodeRef::<leptos::html::Form>::new();
    let result = NodeRef::<leptos::html::Div>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(form) = form.get_untracked() else {
            return;
        };
        pending.set(true);
        broken.set(false);
        let answers = form_body(&form);
        let (module, lesson) = (module.clone(), lesson.clone());
        leptos::task::spawn_local(async move {
            match submit_quiz(module, lesson, answers).await {
                Ok(answer) => show_answer(&form, result.get_untracked(), answer),
                Err(_) => broken.set(true),
            }
            pending.set(false);
        });
    };
    view! {
        <div node_ref=result></div>
        <form class="quiz" method="post" action=action on:submit=on_submit novalidate node_ref=form>
            {children()}
            <p class="quiz__submit">
                <button type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { sending.clone() } else { submit.clone() }}
                </button>
            </p>
            {move || broken.get().then(|| view! { <p class="form-error" role="alert">{failed.clone()}</p> })}
        </form>
    }
}

/// The form's fields, urlencoded as the browser would post them.
#[cfg(feature = "hydrate")]
fn form_body(form: &leptos::web_sys::HtmlFormElement) -> String {
    use leptos::web_sys::{FormData, UrlSearchParams};
    FormData::new_with_form(form)
        .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data))
        .map(|params| String::from(params.to_string()))
        .unwrap_or_default()
}

#[cfg(feature = "hydrate")]
fn show_answer(
    form: &leptos::web_sys::HtmlFormElement,
    result: Option<leptos::web_sys::HtmlDivElement>,
    answer: QuizAnswer,
) {
    use leptos::wasm_bindgen::JsCast as _;
    let document = document();
    let element = |id: &str| document.get_element_by_id(id);
    let focus = |id: &str| {
        if let Some(target) =
            element(id).and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            let _ = target.focus();
        }
    };
    if let Some(correction) = answer.correction_html {
        if let Some(result) = result {
            result.set_inner_html(&correction);
        }
        form.set_hidden(true);
        focus("correction-title");
        return;
    }
    // Each question's message, and `aria-invalid` on its number field if it has one
    // (questions are numbered from 0, one after the other).
    for i in 0.. {
        let id = format!("question-{i}");
        let Some(slot) = element(&format!("{id}-erreur")) else {
            break;
        };
        let message = answer
            .errors
            .iter()
            .find(|(q, _)| *q == i)
            .map(|(_, m)| m.as_str());
        slot.set_text_content(message);
        if let Some(number) = element(&format!("{id}-nombre")) {
            let _ = match message {
                Some(_) => number.set_attribute("aria-invalid", "true"),
                None => number.remove_attribute("aria-invalid"),
            };
        }
    }
    if let Some(list) = element("quiz-errors") {
        list.set_inner_html(&answer.errors_html);
    }
    focus("quiz-errors");
}

#[cfg(not(feature = "hydrate"))]
fn form_body(_form: &leptos::web_sys::HtmlFormElement) -> String {
    String::new()
}

#[cfg(not(feature = "hydrate"))]
fn show_answer(
    _form: &leptos::web_sys::HtmlFormElement,
    _result: Option<leptos::web_sys::HtmlDivElement>,
    _answer: QuizAnswer,
) {
}

/// One question's fieldset, with the answer posted and the problem with it, if any.
#[component]
fn QuestionFields(
    question: ShownQuestion,
    total: usize,
    posted: Vec<(String, String)>,
    error: Option<String>,
    labels: QuizLabels,
) -> impl IntoView {
    let name = format!("q{}", question.index);
    let id = format!("question-{}", question.index);
    let error_id = format!("{id}-erreur");
    let legend = fill(
        &labels.question,
        &[
            ("n", (question.index + 1).to_string()),
            ("total", total.to_string()),
        ],
    );
    let has_error = error.is_some();
    let hint = match question.kind {
        QuestionKind::Multiple => labels.several_answers.clone(),
        QuestionKind::Numeric => labels.number_hint.clone(),
        _ => labels.one_answer.clone(),
    };
    let body = match question.kind {
        QuestionKind::Numeric => {
            let input_id = format!("{id}-nombre");
            let value = posted
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let unit = (!question.unit.is_empty()).then(|| {
                view! { <span class="unit">{fill(&labels.unit, &[("unit", question.unit.clone())])}</span> }
            });
            view! {
                <p class="numeric">
                    <label class="visually-hidden" for=input_id.clone()>{question.text.clone()}</label>
                    <input id=input_id type="text" inputmode="decimal" autocomplete="off" name=name.clone() value=value
                        aria-describedby=format!("{id}-aide {error_id}")
                        aria-invalid=has_error.then_some("true") />
                    " " {unit}
                </p>
            }
            .into_any()
        }
        kind => {
            let multiple = kind == QuestionKind::Multiple;
            question
                .options
                .into_iter()
                .map(|(option, text)| {
                    let value = option.to_string();
                    let input_id = format!("{id}-option-{option}");
                    let checked = posted.iter().any(|(n, v)| *n == name && *v == value);
                    view! {
                        <p class="option">
                            <input type=if multiple { "checkbox" } else { "radio" } id=input_id.clone() name=name.clone()
                                value=value checked=checked />
                            <label for=input_id>{text}</label>
                        </p>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <fieldset class="question" id=id.clone() aria-describedby=format!("{id}-aide {error_id}")>
            <legend><span class="question__number">{legend}</span> " " {question.text.clone()}</legend>
            <p class="hint" id=format!("{id}-aide")>{hint}</p>
            <p class="field-error" id=error_id.clone()>{error}</p>
            {body}
        </fieldset>
    }
}

/// The correction of an attempt: score, mastery band, and every question with the right
/// answers, why, and a link back to the part of the lesson that explains it.
#[component]
pub fn CorrectionView(
    correction: Correction,
    labels: QuizLabels,
    learner_created: bool,
) -> impl IntoView {
    let l = labels;
    let score = fill(
        &l.score,
        &[
            ("correct", correction.correct.to_string()),
            ("total", correction.total.to_string()),
            ("percent", correction.percent.to_string()),
        ],
    );
    let best = fill(
        &l.best,
        &[
            ("correct", correction.best.0.to_string()),
            ("total", correction.best.1.to_string()),
            ("attempts", correction.attempts.to_string()),
        ],
    );
    let back = correction.key.back_href();
    let back_label = if correction.key.lesson.is_some() {
        l.back_lesson.clone()
    } else {
        l.back_module.clone()
    };
    let retry = correction.key.href();
    let mastery_class = format!("mastery mastery--{}", correction.mastery as usize);
    view! {
        <section class="correction" aria-labelledby="correction-title" lang=correction.language.clone()>
            <h2 id="correction-title" tabindex="-1">{l.correction_title.clone()}</h2>
            {learner_created.then(|| view! {
                <p class="notice" role="status">{l.learner_created.clone()} " " <a href=paths::PRIVACY>{l.learn_more.clone()}</a></p>
            })}
            <p class="score"><strong>{score}</strong></p>
            <p>{l.mastery_label.clone()} " " <span class=mastery_class>{l.mastery_name(correction.mastery)}</span></p>
            <p>{best}</p>
            <ol class="corrected">
                {correction.questions.into_iter().map(|q| {
                    let verdict = if q.correct { l.right.clone() } else { l.wrong.clone() };
                    let numeric = q.numeric.map(|n| view! {
                        <p>{fill(&l.your_number, &[("given", n.given)])}</p>
                        <p>{fill(&l.expected, &[("expected", n.expected)])}</p>
                        <p class="explanation">{n.explanation}</p>
                    });
                    let options = (!q.options.is_empty()).then(|| view! {
                        <ul class="corrected-options">
                            {q.options.into_iter().map(|o| {
                                let class = if o.right { "option--right" } else if o.chosen { "option--chosen" } else { "" };
                                view! {
                                    <li class=class>
                                        <span class="option__text">{o.text}</span>
                                        {o.right.then(|| view! { " " <span class="tag tag--right">"✓ " {l.right_option.clone()}</span> })}
                                        {o.chosen.then(|| view! { " " <span class="tag">{l.your_choice.clone()}</span> })}
                                        <p class="explanation">{o.explanation}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    });
                    view! {
                        <li class=if q.correct { "corrected-question is-right" } else { "corrected-question is-wrong" }>
                            <h3>{q.text}</h3>
                            <p class="verdict"><strong>{if q.correct { "✓ " } else { "✗ " }}{verdict}</strong></p>
                            {options}
                            {numeric}
                            <p><a href=q.section_href>{fill(&l.see_section, &[("lesson", q.lesson_title)])}</a></p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <ul class="correction__next">
                <li><a href=retry>{l.retry.clone()}</a></li>
                <li><a href=back>{back_label}</a></li>
                <li><a href=paths::PROGRESS>{l.see_progress.clone()}</a></li>
            </ul>
        </section>
    }
}

/// `/modules/:module/:lesson/quiz/correction` and `/modules/:module/quiz/correction`:
/// where the plain form lands after posting (Post/Redirect/Get).
#[component]
pub fn CorrectionPage() -> impl IntoView {
    let lang = use_lang();
    let (module, lesson) = (param("module"), param("lesson"));
    let key = key_of(module.clone(), lesson.clone());
    view! {
        <Suspense>
            {Suspend::new(async move {
                match get_correction(module, lesson).await {
                    Ok(stored) => {
                        let mut title = t(lang, "quiz-correction-title");
                        let body = match stored {
                            StoredCorrection::Current(correction) => {
                                title = quiz_heading(lang, &correction.module_title, &correction.lesson_title);
                                view! {
                                    <h1 lang=correction.language.clone()>{title.clone()}</h1>
                                    <CorrectionView correction labels=QuizLabels::new(lang) learner_created=false />
                                }
                                .into_any()
                            }
                            StoredCorrection::Changed { correct, total, .. } => view! {
                                <h1>{title.clone()}</h1>
                                <p>{t_args(lang, "quiz-changed", &[("correct", FluentArg::Number(correct)), ("total", FluentArg::Number(total))])}</p>
                                <p><a href=key.href()>{t(lang, "quiz-retry")}</a></p>
                            }
                            .into_any(),
                            StoredCorrection::None => view! {
                                <h1>{title.clone()}</h1>
                                <p>{t(lang, "quiz-no-attempt")}</p>
                                <p><a href=key.href()>{t(lang, "quiz-take")}</a></p>
                            }
                            .into_any(),
                        };
                        view! {
                            <Title text=title />
                            <div class="page quiz-page">{body}</div>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
