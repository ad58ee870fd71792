use crate::helpers::{spawn_app, spawn_app_with_content};
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
    assert!(html.contains("Thème : Budget"));
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
