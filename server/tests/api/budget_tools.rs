//! The monthly budget, debt ratio and savings goal tools without JavaScript: "calculer"
//! renders the result and stores nothing; "garder dans mon parcours" keeps the values
//! in the anonymous progress only.
use crate::helpers::spawn_app;

const MONTHLY: &str = "/outils-budget/budget-mensuel";
const DEBT: &str = "/outils-budget/endettement";
const SAVINGS: &str = "/outils-budget/epargne";

#[tokio::test]
async fn each_tool_page_is_a_form_posted_to_itself_with_no_cookie() {
    let app = spawn_app().await;
    let (_, hub) = app.get_html("/outils-budget").await;
    for path in [MONTHLY, DEBT, SAVINGS] {
        assert!(
            hub.contains(&format!("href=\"{path}\"")),
            "the tools page links to {path}"
        );
        let response = app.get(path).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers().get("set-cookie").is_none());
        let page = response.text().await.unwrap();
        assert!(page.contains(&format!("action=\"{path}\"")));
        assert!(page.contains("method=\"post\""));
        assert!(page.contains("Garder dans mon parcours"));
    }
    let (_, monthly) = app.get_html(MONTHLY).await;
    assert!(
        monthly.contains("<legend>Dépenses irrégulières (pour toute l&#x27;année)</legend>")
            || monthly.contains("<legend>Dépenses irrégulières (pour toute l'année)</legend>")
    );
}

#[tokio::test]
async fn calculating_shows_the_result_and_stores_nothing() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            MONTHLY,
            &[
                ("salaire", "1 200"),
                ("caf", "350,50"),
                ("loyer", "600"),
                ("credit-conso", "150"),
                ("alimentation", "300"),
                ("fetes-cadeaux", "120"),
                ("household", "2"),
                ("action", "calculer"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "nothing stored, no cookie"
    );
    let page = response.text().await.unwrap();
    // 1 550,50 − 600 − 150 = 800,50 ; per person 400,25 ; irregular 10 per month.
    assert!(page.contains("800,50"), "reste à vivre");
    assert!(page.contains("400,25"), "per person");
    assert!(
        page.contains("490,50"),
        "what is left once everything is paid"
    );
    assert!(
        page.contains("value=\"1 200\""),
        "the values typed are kept"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM kept_budgets").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) FROM learners").await, 0);
}

#[tokio::test]
async fn a_shortfall_is_read_in_plain_words_with_links_to_help() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            MONTHLY,
            &[
                ("salaire", "900"),
                ("loyer", "700"),
                ("alimentation", "400"),
            ],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(page.contains("Vos dépenses dépassent ce qui entre"));
    assert!(page.contains("href=\"/modules/surendettement/les-signes-qui-alertent\""));
    assert!(page.contains("href=\"/ateliers\""));
}

#[tokio::test]
async fn every_page_the_readings_point_to_exists() {
    let app = spawn_app().await;
    for link in app::budget::tools::links::ALL {
        let (status, _) = app.get_html(link).await;
        assert_eq!(status, 200, "{link}");
    }
}

#[tokio::test]
async fn bad_amounts_come_back_named_with_the_values_kept() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            MONTHLY,
            &[
                ("salaire", "douze cents"),
                ("loyer", "-5"),
                ("household", "0"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("value=\"douze cents\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("Certaines cases sont à corriger"));
    let response = app
        .post_form(
            DEBT,
            &[("income", ""), ("repayments", "300"), ("action", "garder")],
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "nothing is kept from a refused form"
    );
    let page = response.text().await.unwrap();
    assert!(page.contains("sans revenus, le taux ne peut pas se calculer"));
    assert_eq!(app.count("SELECT COUNT(*) FROM kept_budgets").await, 0);
}

#[tokio::test]
async fn the_debt_ratio_explains_the_35_percent_reference_and_compares_a_new_credit() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            DEBT,
            &[
                ("income", "2000"),
                ("repayments", "500"),
                ("new_repayment", "300"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("25\u{a0}%"), "today");
    assert!(page.contains("40\u{a0}%"), "with the new credit");
    assert!(page.contains("35\u{a0}% des revenus"));
    assert!(page.contains("Avec le nouveau crédit, vous dépasseriez ce repère"));
}

#[tokio::test]
async fn the_savings_goal_gives_the_months_needed() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            SAVINGS,
            &[("target", "1000"), ("saved", "150"), ("monthly", "60")],
        )
        .await;
    let page = response.text().await.unwrap();
    assert!(
        page.contains("15 mois (soit 1 an(s) et 3 mois)"),
        "850 / 60 → 15 months"
    );
    assert!(page.contains("10,00"), "the last payment");
}

#[tokio::test]
async fn keeping_a_budget_stores_it_in_the_anonymous_progress_only() {
    let app = spawn_app().await;
    let response = app
        .post_form(
            SAVINGS,
            &[("target", "1000"), ("monthly", "50"), ("action", "garder")],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{SAVINGS}#resultat")
    );
    assert!(response.headers().get("set-cookie").is_some());
    assert_eq!(app.count("SELECT COUNT(*) FROM kept_budgets").await, 1);

    let (_, page) = app.get_html(SAVINGS).await;
    assert!(page.contains("Votre budget est gardé dans « Mon parcours »"));
    assert!(page.contains("Ces montants sont ceux que vous avez gardés"));
    assert!(page.contains("value=\"1000\""));
    assert!(page.contains("20 mois"));
    let (_, progress) = app.get_html("/mon-parcours").await;
    assert!(progress.contains("Mes budgets gardés"));
    assert!(progress.contains(&format!("href=\"{SAVINGS}\"")));

    // Keeping again replaces the values rather than piling them up.
    app.post_form(
        SAVINGS,
        &[("target", "2000"), ("monthly", "50"), ("action", "garder")],
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM kept_budgets").await, 1);
    let (_, page) = app.get_html(SAVINGS).await;
    assert!(page.contains("40 mois"));
}

#[tokio::test]
async fn an_unknown_tool_is_not_found() {
    let app = spawn_app().await;
    let response = app.post_form("/outils-budget/inconnu", &[("x", "1")]).await;
    assert!(response.status().is_client_error(), "{}", response.status());
    let (status, _) = app.get_html("/outils-budget/inconnu").await;
    assert_eq!(status, 404);
}
