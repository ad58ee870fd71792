use crate::helpers::spawn_app;

#[tokio::test]
async fn without_javascript_the_posted_budget_shows_the_result_and_keeps_the_values() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/outils-budget",
            &[("income", "1 500"), ("charges", "1020"), ("household", "2")],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "nothing is stored"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("480,00\u{a0}€"), "monthly figure");
    assert!(html.contains("16,00\u{a0}€"), "daily figure");
    assert!(html.contains("240,00\u{a0}€"), "per person");
    assert!(html.contains("value=\"1 500\""), "typed value kept");
}

#[tokio::test]
async fn bad_amounts_come_back_with_the_values_and_the_problem_named() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            "/outils-budget",
            &[("income", "douze"), ("charges", "-4"), ("household", "0")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("value=\"douze\""));
    assert!(html.contains("Écrivez un montant en chiffres"));
    assert!(html.contains("ne peut pas être négatif"));
    assert!(html.contains("entre 1 et 20"));
    assert!(html.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn a_garbled_form_is_answered_with_the_page_not_an_error() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/outils-budget"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%&&&=\u{0}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Ce qui vous reste pour vivre"));
}
