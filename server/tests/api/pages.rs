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

/// Pages link the stylesheet under an address drawn from its content, which browsers
/// may keep a year and which always answers the content it was drawn from; any other
/// address under `/pkg` is served from the site folder as before, without that promise,
/// and a new stylesheet gets a new address.
#[tokio::test]
async fn the_stylesheet_is_kept_a_year_under_an_address_that_changes_with_it() {
    use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE};
    async fn site_with(css: &str) -> (tempfile::TempDir, crate::helpers::TestApp) {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        std::fs::write(site.path().join("pkg/reperes.css"), css).unwrap();
        std::fs::write(site.path().join("pkg/reperes.js"), "export default 1;").unwrap();
        let root = site.path().to_path_buf();
        let app = crate::helpers::spawn_app_configured(move |c| c.site_root = root).await;
        (site, app)
    }
    let linked = |html: &str| -> String {
        let href = html
            .split("<link id=\"leptos\" rel=\"stylesheet\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the stylesheet is linked")
            .to_string();
        assert!(href.starts_with("/pkg/reperes.css?v="), "{href}");
        href
    };

    let (site, app) = site_with("body { color: #222; }").await;
    let mut href = String::new();
    for path in ["/", "/modules", "/outils-budget", "/mon-parcours"] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 200, "{path}");
        let this = linked(&html);
        assert!(
            href.is_empty() || href == this,
            "{path}: one address on every page"
        );
        href = this;
    }
    // The site folder replaced before a restart: the versioned address still answers
    // what its version was drawn from; the bare one what is on disk, not kept a year.
    std::fs::write(site.path().join("pkg/reperes.css"), "body { color: red; }").unwrap();
    let css = app.get(&href).await;
    assert_eq!(css.status(), 200);
    assert_eq!(
        css.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(css.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert_eq!(css.text().await.unwrap(), "body { color: #222; }");
    let bare = app.get("/pkg/reperes.css").await;
    assert_eq!(bare.status(), 200);
    assert_eq!(bare.text().await.unwrap(), "body { color: red; }");
    for other in [
        "/pkg/reperes.css",
        "/pkg/reperes.css?v=000000000000",
        "/pkg/reperes.js",
    ] {
        let response = app.get(other).await;
        assert_eq!(response.status(), 200, "{other}");
        assert!(
            !response
                .headers()
                .get(CACHE_CONTROL)
                .is_some_and(|v| v.to_str().unwrap().contains("immutable")),
            "{other} is not kept a year"
        );
    }
    let missing = app.get("/pkg/absent.css").await;
    assert_eq!(missing.status(), 404);

    let (_other_site, changed) = site_with("body { color: #111; }").await;
    let (_, home) = changed.get_html("/").await;
    assert_ne!(linked(&home), href, "a new stylesheet, a new address");
}
