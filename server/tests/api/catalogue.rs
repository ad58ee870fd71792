use crate::helpers::{copy_dir, spawn_app, spawn_app_with_content};
use app::lessons::import::import_content;
use std::fs;

fn write_module(dir: &std::path::Path, slug: &str, title: &str, theme: &str) {
    fs::create_dir_all(dir.join(slug)).unwrap();
    fs::write(
        dir.join(slug).join("module.toml"),
        format!("title = \"{title}\"\nsummary = \"Résumé de {title}\"\ntheme = \"{theme}\"\naudience = \"residents\"\norder = 1\nlanguage = \"fr\"\n"),
    )
    .unwrap();
}

#[tokio::test]
async fn the_catalogue_lists_the_modules_of_the_content_folder() {
    let app = spawn_app().await;
    let (status, html) = app.get_html("/modules").await;
    assert_eq!(status, 200);
    assert!(html.contains("Tenir son budget au quotidien"));
    assert!(
        html.contains("<h2 id=\"theme-budget\">Budget</h2>"),
        "modules are grouped by theme"
    );
    assert!(html.contains("href=\"/modules/budget-au-quotidien\""));
}

#[tokio::test]
async fn the_import_is_idempotent_and_unpublishes_removed_modules() {
    let content = tempfile::tempdir().unwrap();
    write_module(content.path(), "epargne", "Épargner un peu", "savings");
    write_module(content.path(), "credit", "Comprendre le crédit", "credit");
    let app = spawn_app_with_content(content.path()).await;
    let again = import_content(&app.store, content.path(), 1).await.unwrap();
    assert_eq!(
        (
            again.created,
            again.updated,
            again.unchanged,
            again.unpublished
        ),
        (0, 0, 2, 0)
    );

    write_module(content.path(), "credit", "Le crédit, simplement", "credit");
    fs::remove_dir_all(content.path().join("epargne")).unwrap();
    let changed = import_content(&app.store, content.path(), 2).await.unwrap();
    assert_eq!(
        (
            changed.created,
            changed.updated,
            changed.unchanged,
            changed.unpublished
        ),
        (0, 1, 0, 1)
    );

    let (_, html) = app.get_html("/modules").await;
    assert!(html.contains("Le crédit, simplement"));
    assert!(
        !html.contains("Épargner un peu"),
        "a removed module is no longer listed"
    );
}

#[tokio::test]
async fn a_broken_module_is_reported_and_the_site_still_serves_the_rest() {
    let content = tempfile::tempdir().unwrap();
    write_module(content.path(), "credit", "Comprendre le crédit", "credit");
    write_module(content.path(), "cuisine", "Cuisiner", "cooking");
    let app = spawn_app_with_content(content.path()).await;
    let report = import_content(&app.store, content.path(), 1).await.unwrap();
    assert_eq!(report.errors.len(), 1);
    let error = report.errors[0].to_string();
    assert!(error.contains("cuisine/module.toml:3:"), "{error}");
    assert!(error.contains("thème inconnu"), "{error}");
    let (status, html) = app.get_html("/modules").await;
    assert_eq!(status, 200);
    assert!(html.contains("Comprendre le crédit"));
}

#[tokio::test]
async fn the_list_server_function_answers_json() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/modules/list"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body[0]["slug"], "budget-au-quotidien");
}

#[tokio::test]
async fn the_demo_content_imports_without_a_single_problem() {
    let app = spawn_app().await;
    let report = import_content(&app.store, &crate::helpers::repo_content(), 1)
        .await
        .unwrap();
    let problems: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
    assert_eq!(
        report.created + report.updated,
        0,
        "the second import changes nothing"
    );
    let modules = app.store.list_modules().await.unwrap();
    assert!(modules.len() >= 2);
    assert!(modules.iter().all(|m| m.lesson_count >= 3), "{modules:?}");
    assert!(app.store.content_problems().await.unwrap().is_empty());
    let to_review = app.store.content_to_review().await.unwrap();
    assert!(
        !to_review.is_empty(),
        "the lessons' to_review notes are listed for staff"
    );
    assert!(
        to_review
            .iter()
            .all(|r| r.message.starts_with("à vérifier : ") && r.file.ends_with(".md")),
        "{to_review:?}"
    );
}

#[tokio::test]
async fn a_changed_lesson_gets_a_new_version_and_a_removed_one_is_unpublished() {
    let content = tempfile::tempdir().unwrap();
    copy_dir(&crate::helpers::repo_content(), content.path());
    let app = spawn_app_with_content(content.path()).await;
    let lesson = content
        .path()
        .join("budget-au-quotidien/02-le-reste-a-vivre.md");
    let text = fs::read_to_string(&lesson).unwrap();
    fs::write(
        &lesson,
        text.replacen("## ", "## Nouveau titre\n\nTexte ajouté.\n\n## ", 1),
    )
    .unwrap();
    fs::remove_file(
        content
            .path()
            .join("budget-au-quotidien/03-les-depenses-irregulieres.md"),
    )
    .unwrap();
    let report = import_content(&app.store, content.path(), 2).await.unwrap();
    assert_eq!((report.updated, report.unpublished), (1, 1), "{report:?}");
    let view = app
        .store
        .lesson_view("budget-au-quotidien", "le-reste-a-vivre", false)
        .await
        .unwrap()
        .unwrap();
    assert!(view.html.contains("Nouveau titre"));
    assert!(app
        .store
        .lesson_view("budget-au-quotidien", "les-depenses-irregulieres", false)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn a_malformed_lesson_leaves_the_rest_served_and_names_file_and_line() {
    let content = tempfile::tempdir().unwrap();
    copy_dir(&crate::helpers::repo_content(), content.path());
    let broken = content.path().join("compte-bancaire/04-casse.md");
    fs::write(&broken, "+++\ntitle = \"Cassée\"\nsummary = \"x\"\nreading_minutes = 3\nlevel = \"debutant\"\ntags = []\nlast_reviewed = 2026-11-25\nsources = [{ title = \"a\", url = \"https://a.fr\" }]\n+++\n\n## Titre\n\nUn [[mot inconnu]].\n\n:::quiz\n? Q\n* r\n:::\n").unwrap();
    fs::write(
        content.path().join("compte-bancaire/05-sans-fiche.md"),
        "title: oops\n",
    )
    .unwrap();
    let app = spawn_app_with_content(content.path()).await;
    let problems: Vec<String> = app
        .store
        .content_problems()
        .await
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.iter().any(|p| p.ends_with(
            "04-casse.md:13: le mot « mot inconnu » n'est pas défini dans content/glossary.toml"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("04-casse.md:17: ligne de quiz incomprise")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("05-sans-fiche.md:1:")),
        "{problems:?}"
    );
    let (status, html) = app.get_html("/modules").await;
    assert_eq!(status, 200);
    assert!(html.contains("Le compte bancaire au quotidien"));
}

#[tokio::test]
async fn concurrent_imports_of_the_same_content_do_not_collide() {
    let empty = tempfile::tempdir().unwrap();
    let app = spawn_app_with_content(empty.path()).await;
    let content = crate::helpers::repo_content();
    // A second connection pool, as a second instance would have.
    let other = app::db::Store::connect(&app._db.url).await.unwrap();
    let (a, b) = tokio::join!(
        import_content(&app.store, &content, 5),
        import_content(&other, &content, 5)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.errors.is_empty() && b.errors.is_empty());
    assert!(a.created > 0 || b.created > 0);
    assert_eq!(
        a.created * b.created,
        0,
        "one import did the work, the other found it done: {a:?} {b:?}"
    );
    assert_eq!(a.updated + b.updated, 0);
    assert!(app
        .store
        .list_modules()
        .await
        .unwrap()
        .iter()
        .all(|m| m.lesson_count >= 3));
}

#[tokio::test]
async fn a_term_defined_in_two_glossary_files_is_reported() {
    let content = tempfile::tempdir().unwrap();
    fs::write(
        content.path().join("glossary.toml"),
        "[[term]]\nname = \"agios\"\ndefinition = \"Intérêts.\"\n",
    )
    .unwrap();
    fs::create_dir_all(content.path().join("glossary")).unwrap();
    fs::write(
        content.path().join("glossary/autre.toml"),
        "[[term]]\nname = \"LEP\"\ndefinition = \"Livret.\"\n\n[[term]]\nname = \"Agios\"\ndefinition = \"Encore.\"\n",
    )
    .unwrap();
    let tree = app::lessons::import::read_tree(content.path());
    assert_eq!(tree.glossary.terms.len(), 2, "agios once, LEP once");
    assert_eq!(tree.errors.len(), 1);
    assert!(
        tree.errors[0]
            .to_string()
            .contains("autre.toml:6: le mot « Agios » est déjà défini"),
        "{}",
        tree.errors[0]
    );
}
