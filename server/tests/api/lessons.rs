//! Lesson pages, the JSON API, search and the sanitising pipeline, end to end over HTTP.
use crate::helpers::{spawn_app, spawn_app_with_content, urlencode};
use std::fs;

#[tokio::test]
async fn the_api_lists_modules_with_their_lesson_counts() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/modules").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let modules: serde_json::Value = response.json().await.unwrap();
    let list = modules.as_array().unwrap();
    assert!(list.len() >= 2);
    for m in list {
        assert!(m["lesson_count"].as_i64().unwrap() >= 3, "{m}");
        assert!(m["slug"].is_string() && m["title"].is_string() && m["theme"].is_string());
    }
    let module: serde_json::Value = app
        .get("/api/v1/modules/budget-au-quotidien")
        .await
        .json()
        .await
        .unwrap();
    let lessons = module["lessons"].as_array().unwrap();
    assert_eq!(lessons[0]["slug"], "ce-qui-entre-ce-qui-sort");
    assert!(lessons
        .iter()
        .all(|l| l["reading_minutes"].as_i64().unwrap() > 0 && l["summary"].is_string()));
    let missing = app.get("/api/v1/modules/n-existe-pas").await;
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(body["error"], "not_found");
}

#[tokio::test]
async fn every_lesson_page_answers_with_its_parts() {
    let app = spawn_app().await;
    let modules: serde_json::Value = app.get("/api/v1/modules").await.json().await.unwrap();
    let mut pages = 0;
    for m in modules.as_array().unwrap() {
        let slug = m["slug"].as_str().unwrap();
        let (status, html) = app.get_html(&format!("/modules/{slug}")).await;
        assert_eq!(status, 200, "module {slug}");
        let detail: serde_json::Value = app
            .get(&format!("/api/v1/modules/{slug}"))
            .await
            .json()
            .await
            .unwrap();
        for l in detail["lessons"].as_array().unwrap() {
            let lesson = l["slug"].as_str().unwrap();
            assert!(
                html.contains(&format!("href=\"/modules/{slug}/{lesson}\"")),
                "module page links {lesson}"
            );
            let (status, page) = app.get_html(&format!("/modules/{slug}/{lesson}")).await;
            assert_eq!(status, 200, "{slug}/{lesson}");
            assert!(page.contains("Sources et dernière relecture"), "{lesson}");
            assert!(page.contains("Leçon relue le"), "{lesson}");
            assert!(
                page.contains("class=\"key-points\""),
                "{lesson} has its key points"
            );
            assert!(
                page.contains("Les mots de cette leçon"),
                "{lesson} defines its words"
            );
            assert!(!page.contains(":::"), "{lesson} shows no raw block");
            pages += 1;
        }
        let (status, guide) = app.get_html(&format!("/modules/{slug}/imprimer")).await;
        assert_eq!(status, 200);
        assert!(guide.contains("Sommaire"));
    }
    assert!(pages >= 6);
}

#[tokio::test]
async fn a_lesson_has_a_table_of_contents_navigation_and_an_easy_read_version() {
    let app = spawn_app().await;
    let (_, html) = app
        .get_html("/modules/budget-au-quotidien/le-reste-a-vivre")
        .await;
    assert!(html.contains("Dans cette leçon"));
    assert!(html.contains("rel=\"prev\""));
    assert!(html.contains("rel=\"next\""));
    assert!(html.contains("?version=facile"));
    let (status, easy) = app
        .get_html("/modules/budget-au-quotidien/le-reste-a-vivre?version=facile")
        .await;
    assert_eq!(status, 200);
    assert!(easy.contains("Version facile à lire"));
    assert!(easy.contains("Lire la version complète"));
}

#[tokio::test]
async fn unknown_modules_and_lessons_are_french_404s() {
    let app = spawn_app().await;
    for path in [
        "/modules/inconnu",
        "/modules/budget-au-quotidien/inconnue",
        "/modules/inconnu/imprimer",
    ] {
        let (status, html) = app.get_html(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(html.contains("Page introuvable"), "{path}");
    }
}

#[tokio::test]
async fn the_catalogue_filters_by_theme_without_javascript() {
    let app = spawn_app().await;
    let (_, html) = app.get_html("/modules?theme=account&audience=").await;
    assert!(html.contains("Le compte bancaire au quotidien"));
    assert!(!html.contains("Tenir son budget au quotidien"));
    assert!(
        html.contains("<option value=\"account\" selected"),
        "the choice is kept"
    );
    let (status, html) = app.get_html("/modules?theme=%3Cscript%3E").await;
    assert_eq!(status, 200, "an unknown theme shows everything");
    assert!(html.contains("Tenir son budget au quotidien"));
}

#[tokio::test]
async fn the_glossary_page_lists_every_term() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/glossaire").await;
    assert_eq!(status, 200);
    let terms = app.store.glossary().await.unwrap();
    assert!(terms.len() >= 20);
    for term in terms {
        assert!(
            html.contains(&format!("id=\"mot-{}\"", term.slug)),
            "{}",
            term.name
        );
    }
}

const LESSON_HEAD: &str = "+++\ntitle = \"TITLE\"\nsummary = \"Résumé.\"\nreading_minutes = 3\nlevel = \"debutant\"\ntags = []\nlast_reviewed = 2026-11-25\nsources = [{ title = \"Source\", url = \"https://www.service-public.fr/\" }]\n+++\n\n";

fn content_with(lessons: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("essai");
    fs::create_dir_all(&module).unwrap();
    fs::write(module.join("module.toml"), "title = \"Essai\"\nsummary = \"Module d'essai.\"\ntheme = \"budget\"\naudience = \"residents\"\norder = 1\nlanguage = \"fr\"\n").unwrap();
    for (file, title, body) in lessons {
        fs::write(
            module.join(file),
            format!("{}{body}\n", LESSON_HEAD.replace("TITLE", title)),
        )
        .unwrap();
    }
    dir
}

/// Word pairs: each form must find the lesson written with the other.
const PAIRS: [(&str, &str); 21] = [
    ("découvert", "decouvert"),
    ("crédits", "crédit"),
    ("épargne", "EPARGNE"),
    ("prélèvements", "prelevement"),
    ("chèques", "cheque"),
    ("virements", "Virement"),
    ("allocations", "allocation"),
    ("dépenses", "depense"),
    ("loyers", "loyer"),
    ("intérêts", "interet"),
    ("banques", "Banque"),
    ("comptes", "compte"),
    ("relevés", "releve"),
    ("assurances", "assurance"),
    ("échéances", "echeance"),
    ("impayés", "impaye"),
    ("créanciers", "creancier"),
    ("mensualités", "mensualite"),
    ("journaux", "journal"),
    ("RÉGULIÈRES", "régulière"),
    ("huissiers", "huissier"),
];

#[tokio::test]
async fn search_finds_words_whatever_their_accents_case_and_number() {
    let first: Vec<&str> = PAIRS.iter().map(|(a, _)| *a).collect();
    let second: Vec<&str> = PAIRS.iter().map(|(_, b)| *b).collect();
    let body_a = format!("## Mots\n\nCette leçon parle de {}.", first.join(", "));
    let body_b = format!("## Mots\n\nCette leçon parle de {}.", second.join(", "));
    let dir = content_with(&[
        ("01-premiere.md", "Première", &body_a),
        ("02-seconde.md", "Seconde", &body_b),
    ]);
    let app = spawn_app_with_content(dir.path()).await;
    for (a, b) in PAIRS {
        let found = app.store.search_lessons(b).await.unwrap();
        assert!(
            found.iter().any(|h| h.slug == "premiere"),
            "« {b} » does not find the lesson with « {a} »"
        );
        let found = app.store.search_lessons(a).await.unwrap();
        assert!(
            found.iter().any(|h| h.slug == "seconde"),
            "« {a} » does not find the lesson with « {b} »"
        );
    }
    assert!(app.store.search_lessons("girafe").await.unwrap().is_empty());
    let (status, html) = app.get_html("/recherche?q=d%C3%A9couverts").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("2 leçons contiennent « découverts »"),
        "the page says what was found"
    );
}

#[tokio::test]
async fn search_survives_sql_and_fts_metacharacters() {
    let app = spawn_app().await;
    for q in [
        "'",
        "\"",
        "' OR 1=1 --",
        "\"); DROP TABLE lessons; --",
        "*",
        "NEAR(",
        "a AND OR NOT",
        "%_",
        "\\",
        "::",
        "日本",
    ] {
        let response = app.get(&format!("/recherche?q={}", urlencode(q))).await;
        assert_eq!(response.status(), 200, "{q}");
        assert!(app.store.search_lessons(q).await.is_ok(), "{q}");
    }
    assert_eq!(
        app.get("/api/v1/modules").await.status(),
        200,
        "nothing was dropped"
    );
}

#[tokio::test]
async fn a_lesson_full_of_xss_payloads_renders_inert() {
    let payloads = "## Piège\n\n<script>alert('x')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[lien](javascript:alert(1))\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<svg><script>alert(1)</script></svg>\n\n<!-- <script>alert(1)</script> -->\n\n<a href=\"data:text/html,x\">d</a>\n\n<p style=\"color:red\" onclick=\"alert(1)\">texte</p>\n\n<form action=\"https://evil.example\"><input></form>\n";
    let dir = content_with(&[("01-piege.md", "Piège", payloads)]);
    let app = spawn_app_with_content(dir.path()).await;
    let (status, html) = app.get_html("/modules/essai/piege").await;
    assert_eq!(status, 200);
    let body = html
        .split("class=\"lesson-body\"")
        .nth(1)
        .unwrap()
        .split("</footer>")
        .next()
        .unwrap()
        .to_ascii_lowercase();
    for forbidden in [
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "data:text",
        "<iframe",
        "<svg",
        "<!--",
        "style=",
        "<form",
        "<input",
    ] {
        assert!(
            !body.contains(forbidden),
            "{forbidden} reached the page: {body}"
        );
    }
    assert!(body.contains("texte"), "harmless text stays");
}
