use crate::helpers::spawn_app;

const PAGES: [&str; 9] = [
    "/",
    "/modules",
    "/outils-budget",
    "/ateliers",
    "/mon-parcours",
    "/plan-du-site",
    "/accessibilite",
    "/donnees-personnelles",
    "/mentions-legales",
];

#[tokio::test]
async fn every_page_answers_in_french_with_the_shell() {
    let app = spawn_app().await;
    for path in PAGES {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            html.contains("<html lang=\"fr\""),
            "{path} is not in French"
        );
        assert!(
            html.contains("href=\"#contenu\""),
            "{path} has no skip link"
        );
        assert!(
            html.contains("id=\"contenu\""),
            "{path} has no main landmark target"
        );
        assert!(
            html.contains("Accessibilité : partiellement conforme"),
            "{path} lacks the footer"
        );
        assert!(html.contains("<title>"), "{path} has no title");
    }
}

#[tokio::test]
async fn a_first_visit_sets_no_cookie_at_all() {
    let app = spawn_app().await;
    for path in PAGES {
        let response = app.get(path).await;
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path} set a cookie on a first visit"
        );
    }
}

#[tokio::test]
async fn the_home_page_says_what_the_site_is_for_and_who_runs_it() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/").await;
    assert!(html.contains("CCAS"));
    assert!(html.contains("18 décembre 2012"));
    for nav in ["Modules", "Outils budget", "Ateliers", "Mon parcours"] {
        assert!(html.contains(nav), "navigation lacks {nav}");
    }
}

#[tokio::test]
async fn the_site_map_links_every_page() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/plan-du-site").await;
    for path in PAGES {
        assert!(
            html.contains(&format!("href=\"{path}\"")),
            "site map lacks {path}"
        );
    }
}

#[tokio::test]
async fn legal_pages_mark_what_the_city_must_still_supply() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/accessibilite").await;
    assert!(html.contains("Défenseur des droits"));
    assert!(html.contains("à compléter par le CCAS"));
    let (_, html) = app.get_html("/donnees-personnelles").await;
    assert!(html.contains("13 mois"));
    assert!(html.contains("30 jours"), "log retention is stated");
}

#[tokio::test]
async fn an_unknown_page_is_a_french_404() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/nulle-part").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
    let (status, _) = app.get_html("/pkg/../../Cargo.toml").await;
    assert_eq!(status, 404, "no path traversal out of the site root");
}

#[tokio::test]
async fn the_privacy_notice_states_the_retention_this_deployment_applies() {
    let app = crate::helpers::spawn_app_configured(|c| c.contact_retention_days = 45).await;
    let (status, html) = app.get_html("/donnees-personnelles").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("effacés automatiquement 45 jours après l'atelier"),
        "{html}"
    );
}
