//! Quizzes without JavaScript (plain form, Post/Redirect/Get to the stored correction)
//! and through the island's server function; refused answers store nothing.
use crate::helpers::{spawn_app, TestApp};
use app::quizzes::{
    format::QuestionKind,
    model::{format_milli, QuizKey},
    pages::QuizAnswer,
};

const LESSON: &str = "/modules/budget-au-quotidien/le-reste-a-vivre";
const MODULE: &str = "/modules/budget-au-quotidien";

fn lesson_key() -> QuizKey {
    QuizKey {
        module: "budget-au-quotidien".into(),
        lesson: Some("le-reste-a-vivre".into()),
    }
}

/// The fields a person who knows every answer posts, read from the quiz itself.
pub(crate) async fn right_answers(app: &TestApp, key: &QuizKey) -> Vec<(String, String)> {
    let quiz = app.store.load_quiz(key).await.unwrap().expect("a quiz");
    let mut fields = Vec::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let q = &q.question;
        match q.kind {
            QuestionKind::Numeric => {
                let n = q.numeric.as_ref().unwrap();
                fields.push((
                    format!("q{i}"),
                    format_milli(n.value_milli).replace('\u{202f}', ""),
                ));
            }
            _ => {
                for (c, choice) in q.choices.iter().enumerate() {
                    if choice.correct {
                        fields.push((format!("q{i}"), c.to_string()));
                    }
                }
            }
        }
    }
    fields
}

pub(crate) async fn post_fields(
    app: &TestApp,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    app.post_form(path, &form).await
}

#[tokio::test]
async fn the_quiz_page_shows_the_questions_but_no_answer() {
    let app = spawn_app().await;
    let (_, lesson) = app.get_html(LESSON).await;
    assert!(
        lesson.contains(&format!("href=\"{LESSON}/quiz\"")),
        "the lesson links to its quiz"
    );
    let (status, page) = app.get_html(&format!("{LESSON}/quiz")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("action=\"{LESSON}/quiz\"")));
    assert!(page.contains("method=\"post\""));
    assert_eq!(page.matches("<fieldset").count(), 4);
    assert!(page.contains("Quel est son reste à vivre"));
    assert!(
        !page.contains("730 − 310 = 420"),
        "explanations stay on the server until the answer"
    );
    let (status, _) = app
        .get_html("/modules/budget-au-quotidien/inconnue/quiz")
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_quiz_posted_without_javascript_redirects_to_its_stored_correction() {
    let app = spawn_app().await;
    let fields = right_answers(&app, &lesson_key()).await;
    let response = post_fields(&app, &format!("{LESSON}/quiz"), &fields).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{LESSON}/quiz/correction")
    );
    assert!(
        response.headers().get("set-cookie").is_some(),
        "the learner is created now"
    );

    let (status, page) = app.get_html(&format!("{LESSON}/quiz/correction")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("4 bonne(s) réponse(s) sur 4 (100 %)"),
        "{page}"
    );
    assert!(page.contains("maîtrisé"));
    assert!(
        page.contains("730 − 310 = 420"),
        "every answer is explained"
    );
    assert!(
        page.contains(&format!("href=\"{LESSON}#calculer-son-reste-a-vivre\"")),
        "a link back to the paragraph"
    );
    assert!(
        page.contains("Votre progression est maintenant gardée"),
        "the one-line notice"
    );

    let (_, progress) = app.get_html("/mon-parcours").await;
    assert!(progress.contains("maîtrisé (4 sur 4)"), "{progress}");
    assert_eq!(app.count("SELECT COUNT(*) FROM quiz_results").await, 1);
}

#[tokio::test]
async fn wrong_answers_are_explained_and_the_best_score_is_kept() {
    let app = spawn_app().await;
    let right = right_answers(&app, &lesson_key()).await;
    post_fields(&app, &format!("{LESSON}/quiz"), &right).await;
    let wrong: Vec<(String, String)> = vec![
        ("q0".into(), "400".into()),
        ("q1".into(), "0".into()),
        ("q2".into(), "300".into()),
        ("q3".into(), "0".into()),
    ];
    let response = post_fields(&app, &format!("{LESSON}/quiz"), &wrong).await;
    assert_eq!(response.status(), 303);
    let (_, page) = app.get_html(&format!("{LESSON}/quiz/correction")).await;
    assert!(page.contains("1 bonne(s) réponse(s) sur 4 (25 %)"));
    assert!(page.contains("à revoir"));
    assert!(page.contains("Pas tout à fait"));
    assert!(page.contains("votre choix"));
    assert!(page.contains("Votre réponse : 400"));
    assert!(page.contains("Réponse attendue : 420"));
    assert!(
        page.contains("Le 1er, l&#x27;argent de la CAF")
            || page.contains("Le 1er, l'argent de la CAF"),
        "the chosen option's explanation"
    );
    assert!(page.contains("Votre meilleur score : 4 sur 4 (2 essai(s) en tout)"));
    let (_, progress) = app.get_html("/mon-parcours").await;
    assert!(
        progress.contains("maîtrisé (4 sur 4)"),
        "the best score, not the last"
    );
}

#[tokio::test]
async fn missing_duplicated_out_of_range_and_forged_answers_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("q0", "420"), ("q2", "300"), ("q3", "1")],
            "Question 2 : vous n&#x27;avez pas répondu",
        ),
        (
            vec![
                ("q0", "420"),
                ("q1", "1"),
                ("q2", "300"),
                ("q3", "1"),
                ("q3", "1"),
            ],
            "Question 4 : la même réponse",
        ),
        (
            vec![("q0", "420"), ("q1", "1"), ("q2", "300"), ("q3", "9")],
            "Question 4 : cette réponse n&#x27;existe pas",
        ),
        (
            vec![
                ("q0", "420"),
                ("q1", "1"),
                ("q2", "300"),
                ("q3", "1"),
                ("q9", "0"),
            ],
            "une question qui n&#x27;existe pas",
        ),
        (
            vec![
                ("q0", "quatre cents vingt"),
                ("q1", "1"),
                ("q2", "300"),
                ("q3", "1"),
            ],
            "Question 1 : écrivez un nombre",
        ),
        (
            vec![
                ("q0", "420"),
                ("q1", "<script>"),
                ("q2", "300"),
                ("q3", "1"),
            ],
            "Question 2 : cette réponse n&#x27;existe pas",
        ),
    ];
    for (form, message) in cases {
        let response = app.post_form(&format!("{LESSON}/quiz"), &form).await;
        assert_eq!(response.status(), 422, "{form:?}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "no learner for refused answers"
        );
        let page = response.text().await.unwrap();
        let page = page.replace("&#39;", "&#x27;").replace('\'', "&#x27;");
        assert!(page.contains(message), "{message} in the page for {form:?}");
        assert!(page.contains("role=\"alert\""));
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM quiz_results").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM learners").await, 0);
}

#[tokio::test]
async fn a_refused_form_comes_back_with_the_answers_kept() {
    let app = spawn_app().await;
    let response = app
        .post_form(&format!("{LESSON}/quiz"), &[("q0", "415,5"), ("q3", "1")])
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("value=\"415,5\""), "the typed number is kept");
    assert!(
        page.contains("id=\"question-3-option-1\"") && page.contains("checked"),
        "the chosen option is kept"
    );
    assert!(page.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn the_module_quiz_draws_on_its_lessons() {
    let app = spawn_app().await;
    let key = QuizKey {
        module: "budget-au-quotidien".into(),
        lesson: None,
    };
    let quiz = app
        .store
        .load_quiz(&key)
        .await
        .unwrap()
        .expect("a module quiz");
    let lessons: std::collections::BTreeSet<_> = quiz
        .questions
        .iter()
        .map(|q| q.lesson_slug.clone())
        .collect();
    assert!(lessons.len() >= 2, "questions from several lessons");
    assert!(quiz.questions.len() <= app::quizzes::model::MODULE_QUIZ_MAX);
    let (_, module) = app.get_html(MODULE).await;
    assert!(module.contains(&format!("href=\"{MODULE}/quiz\"")));
    let (status, page) = app.get_html(&format!("{MODULE}/quiz")).await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("<fieldset").count(), quiz.questions.len());

    let fields = right_answers(&app, &key).await;
    let response = post_fields(&app, &format!("{MODULE}/quiz"), &fields).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{MODULE}/quiz/correction")
    );
    let (_, correction) = app.get_html(&format!("{MODULE}/quiz/correction")).await;
    assert!(correction.contains(&format!("sur {} (100 %)", quiz.questions.len())));
    let (_, progress) = app.get_html("/mon-parcours").await;
    assert!(progress.contains("Quiz du module :"));
}

/// The server function's answer, in Postcard as the island reads it.
async fn postcard_answer(response: reqwest::Response) -> QuizAnswer {
    let bytes = response.bytes().await.unwrap();
    postcard::from_bytes(&bytes).expect("a Postcard answer")
}

#[tokio::test]
async fn the_island_gets_the_same_correction_from_its_server_function() {
    let app = spawn_app().await;
    let fields = right_answers(&app, &lesson_key()).await;
    let submit = |fields: Vec<(String, String)>| {
        app.client
            .post(app.url("/api/quizzes/submit"))
            .header("origin", &app.address)
            .header("sec-fetch-site", "same-origin")
            .header("accept", "application/x-postcard")
            .form(&[
                ("module", "budget-au-quotidien"),
                ("lesson", "le-reste-a-vivre"),
                ("answers", &serde_urlencoded::to_string(&fields).unwrap()),
            ])
            .send()
    };
    let response = submit(fields).await.unwrap();
    assert_eq!(response.status(), 200);
    // The island gets the correction as the server renders it (the page's own view).
    assert_eq!(
        response.headers()["content-type"],
        "application/x-postcard",
        "the island's wasm holds no JSON decoder"
    );
    let answer = postcard_answer(response).await;
    let correction = answer.correction_html.as_deref().expect("a correction");
    assert!(
        correction.contains("id=\"correction-title\""),
        "{correction}"
    );
    assert!(correction.contains("4 bonne(s) réponse(s) sur 4 (100 %)"));
    assert!(
        correction.contains("730 − 310"),
        "the explanations are there"
    );
    assert!(
        correction.contains("Votre progression est maintenant gardée"),
        "the first attempt says that progress is now kept"
    );
    assert!(!correction.contains("<script"));
    assert!(answer.errors.is_empty(), "{answer:?}");

    // Refused: the list that heads the form, and each question's message by index.
    let refused = submit(vec![("q7".into(), "0".into())]).await.unwrap();
    let answer = postcard_answer(refused).await;
    assert!(answer.correction_html.is_none(), "{answer:?}");
    let errors = &answer.errors;
    assert!(!errors.is_empty(), "{answer:?}");
    assert!(
        errors
            .iter()
            .any(|(q, m)| *q == 0 && m == "Question 1 : vous n'avez pas répondu."),
        "{answer:?}"
    );
    let list = &answer.errors_html;
    assert!(list.contains("role=\"alert\""), "{list}");
    assert!(list.contains("href=\"#question-0\""), "{list}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM quiz_results").await,
        1,
        "the refused one stored nothing"
    );
    let (_, page) = app.get_html(&format!("{LESSON}/quiz/correction")).await;
    assert!(
        page.contains("4 bonne(s) réponse(s) sur 4"),
        "the stored correction is the island's"
    );
}

#[tokio::test]
async fn a_correction_page_without_an_attempt_says_so() {
    let app = spawn_app().await;
    let response = app.get(&format!("{LESSON}/quiz/correction")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("set-cookie").is_none());
    let page = response.text().await.unwrap();
    assert!(page.contains("Aucun résultat de ce quiz"));
    assert!(page.contains(&format!("href=\"{LESSON}/quiz\"")));
}
