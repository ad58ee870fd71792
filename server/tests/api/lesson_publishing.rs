//! Lessons written in the browser, through the plain forms a browser without JavaScript
//! posts: a trainer edits and submits, cannot publish their own draft, a reviewer can;
//! rollback restores the earlier text; a malicious lesson is neutralised in the preview
//! and on the published page; an exported module re-imports into an empty database and
//! renders the same; a `content/` import never overwrites a newer browser version.
use crate::helpers::{
    as_user, copy_dir, repo_content, spawn_app, spawn_app_on, workshop_setup, TestApp, TestDb,
    STAFF_PASSWORD,
};
use app::{
    lessons::{drafts::DraftStep, editor_pages::Autosaved, import::import_content},
    staff::{
        auth::hash_password,
        model::{OrganisationKind, Role},
    },
};
use std::io::Read as _;

const MODULE: &str = "budget-au-quotidien";
const LESSON: &str = "le-reste-a-vivre";
const ADDED: &str = "Une phrase ajoutée dans le navigateur, relue par une autre personne.";

/// A CCAS trainer (the author) and a bank trainer (the reviewer), logged in; the CCAS
/// coordinator `coord@ccas.example` exists too.
async fn team(app: &TestApp) -> (TestApp, TestApp, i64, i64) {
    let s = workshop_setup(app).await;
    let hash = hash_password(STAFF_PASSWORD.into()).await.unwrap();
    let author = app
        .store
        .create_staff(
            s.ccas,
            "lea@ccas.example",
            "Léa Formatrice",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let bank = app
        .store
        .ensure_organisation("Banque du Doubs", OrganisationKind::Bank, 0)
        .await
        .unwrap();
    let reviewer = app
        .store
        .create_staff(
            bank,
            "bruno@banque.example",
            "Bruno Formateur",
            Role::Trainer,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    (
        as_user(app, "lea@ccas.example").await,
        as_user(app, "bruno@banque.example").await,
        author,
        reviewer,
    )
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

/// The preview of a draft page (the textarea above it holds the raw text, escaped; the
/// page's own scripts come after it).
fn preview_part(page: &str) -> &str {
    let start = page.find("class=\"lesson-preview\"").expect("a preview");
    let end = start + page[start..].find("</article>").expect("the preview ends");
    &page[start..end]
}

/// Opens a draft of `slug` as `who`; returns the draft's path.
async fn open_draft(who: &TestApp, slug: &str) -> String {
    let r = who
        .post_form(
            "/espace-pro/lecons/brouillons",
            &[("module", MODULE), ("slug", slug)],
        )
        .await;
    assert_eq!(r.status(), 303);
    location(&r)
}

async fn current_source(app: &TestApp, slug: &str) -> String {
    let history = app
        .store
        .lesson_history(MODULE, slug, None)
        .await
        .unwrap()
        .unwrap();
    app.store
        .version_source(MODULE, slug, history.current_version)
        .await
        .unwrap()
        .unwrap()
        .0
}

#[tokio::test]
async fn an_author_cannot_publish_their_own_draft_a_reviewer_can_and_rollback_restores_the_text() {
    let app = spawn_app().await;
    let (author, reviewer, _, _) = team(&app).await;
    let original = current_source(&app, LESSON).await;
    let easy = app
        .store
        .version_source(MODULE, LESSON, 1)
        .await
        .unwrap()
        .unwrap()
        .1
        .unwrap();
    let easy = easy.as_str();
    let public = format!("/modules/{MODULE}/{LESSON}");

    let draft = open_draft(&author, LESSON).await;
    let (status, page) = author.get_html(&draft).await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"source\""), "the editor is there");
    assert!(page.contains("Prévisualiser") && page.contains("Soumettre pour relecture"));

    // A problem is named next to its line, the text kept, nothing submitted.
    let broken = original.replacen("+++\n", "+++\nniveau = \"faux\"\n", 1);
    let r = author
        .post_form(
            &draft,
            &[
                ("source", &broken),
                ("easy_source", easy),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("ligne 2"), "the line is named");
    assert!(
        page.contains("niveau = &quot;faux&quot;") || page.contains("niveau = \"faux\""),
        "the text is kept"
    );
    assert!(page.contains("Le brouillon est enregistré, mais il a des problèmes"));

    // "Prévisualiser" without JavaScript: saved, then the preview shows the new text.
    let edited = original.replacen("\n## ", &format!("\n{ADDED}\n\n## "), 1);
    assert_ne!(edited, original);
    let with_crlf = edited.replace('\n', "\r\n");
    let r = author
        .post_form(
            &draft,
            &[
                ("source", &with_crlf),
                ("easy_source", easy),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("#apercu"));
    let (_, page) = author.get_html(&draft).await;
    assert!(preview_part(&page).contains(ADDED));
    assert!(page.contains("Aucun problème"));

    let r = author
        .post_form(
            &draft,
            &[
                ("source", &with_crlf),
                ("easy_source", easy),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);

    // Four eyes: the author is refused, nothing changes on the site.
    let r = author.post_form(&format!("{draft}/publier"), &[]).await;
    assert_eq!(r.status(), 403);
    let (_, page) = author.get_html(&public).await;
    assert!(!page.contains(ADDED));
    let (_, page) = author.get_html(&draft).await;
    assert!(page.contains("Vous ne pouvez pas publier votre propre brouillon"));
    assert!(!page.contains("Publier cette version"));

    // The reviewer sees what changes, and publishes.
    let (_, page) = reviewer.get_html(&draft).await;
    assert!(page.contains("Publier cette version"));
    assert!(
        page.contains("<ins>") && page.contains(ADDED),
        "the change is marked"
    );
    let r = reviewer.post_form(&format!("{draft}/publier"), &[]).await;
    assert_eq!(r.status(), 303);
    let history_path = location(&r);
    assert_eq!(
        history_path,
        format!("/espace-pro/lecons/historique/{MODULE}/{LESSON}")
    );
    let (status, page) = author.get_html(&public).await;
    assert_eq!(status, 200);
    assert!(page.contains(ADDED), "the new version is online");
    assert_eq!(
        current_source(&app, LESSON).await,
        edited,
        "kept with plain line ends"
    );
    let (_, page) = reviewer.get_html(&history_path).await;
    assert!(page.contains("écrite par Léa Formatrice, publiée par Bruno Formateur"));
    assert!(page.contains("a publié une nouvelle version"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM lesson_drafts").await,
        0,
        "the draft is closed"
    );

    // Rollback: version 1 becomes current again, as version 3.
    let r = reviewer
        .post_form(&format!("{history_path}/restaurer"), &[("version", "1")])
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = author.get_html(&public).await;
    assert!(!page.contains(ADDED), "the earlier text is back");
    assert_eq!(current_source(&app, LESSON).await, original);
    let (_, page) = reviewer
        .get_html(&format!("{history_path}?version=3"))
        .await;
    assert!(
        page.contains("<del>") && page.contains(ADDED),
        "the rollback's change is shown"
    );

    // Unpublished, then back online.
    let r = reviewer
        .post_form(&format!("{history_path}/depublier"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(author.get(&public).await.status(), 404);
    let r = reviewer
        .post_form(&format!("{history_path}/republier"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(author.get(&public).await.status(), 200);

    // A returned draft goes back to its author with the note.
    let draft = open_draft(&author, LESSON).await;
    author
        .post_form(
            &draft,
            &[
                ("source", &edited),
                ("easy_source", easy),
                ("action", "submit"),
            ],
        )
        .await;
    let r = reviewer
        .post_form(
            &format!("{draft}/renvoyer"),
            &[("note", "Citez la source du chiffre.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = author.get_html(&draft).await;
    assert!(page.contains("Citez la source du chiffre.") && page.contains("name=\"source\""));

    // A save sent after the session expired comes back with the text to copy.
    let anonymous = crate::helpers::as_anonymous(&app);
    let r = anonymous
        .post_form(
            &draft,
            &[
                ("source", "Mon texte <b>précieux</b>"),
                ("easy_source", ""),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status(), 401);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Votre session a expiré")
            && page.contains("Mon texte &lt;b&gt;précieux&lt;/b&gt;")
    );

    // Admins manage accounts, not content.
    let hash = hash_password(STAFF_PASSWORD.into()).await.unwrap();
    let ccas = app
        .store
        .ensure_organisation("CCAS de Besançon", OrganisationKind::Ccas, 0)
        .await
        .unwrap();
    app.store
        .create_staff(
            ccas,
            "admin@ccas.example",
            "Claire Admin",
            Role::Admin,
            &hash,
            false,
            0,
        )
        .await
        .unwrap()
        .unwrap();
    let admin = as_user(&app, "admin@ccas.example").await;
    let r = admin
        .post_form(&format!("{history_path}/depublier"), &[])
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn a_malicious_lesson_is_neutralised_in_the_preview_and_on_the_published_page() {
    let app = spawn_app().await;
    let (author, reviewer, _, _) = team(&app).await;
    let r = author
        .post_form(
            "/espace-pro/lecons/nouvelle",
            &[("module", MODULE), ("slug", "piege"), ("position", "9")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let draft = location(&r);
    let (_, page) = author.get_html(&draft).await;
    assert!(
        page.contains("title = &quot;Titre de la leçon&quot;")
            || page.contains("Titre de la leçon")
    );

    let malicious = "+++\n\
        title = \"Une leçon piégée\"\n\
        summary = \"Pour vérifier que rien ne s'exécute.\"\n\
        reading_minutes = 2\n\
        level = \"debutant\"\n\
        tags = []\n\
        last_reviewed = 2026-11-20\n\
        sources = [{ title = \"Banque de France\", url = \"https://www.banque-france.fr/\" }]\n\
        +++\n\
        \n\
        Texte visible.\n\
        \n\
        <script>alert('script')</script>\n\
        \n\
        <img src=\"x\" onerror=\"alert('img')\" alt=\"\">\n\
        \n\
        [un lien](javascript:alert('lien'))\n\
        \n\
        <a href=\"javascript:alert('a')\" onclick=\"alert('clic')\">autre lien</a>\n\
        \n\
        <iframe src=\"https://example.com\"></iframe><p style=\"color:red\" onmouseover=\"x()\">Survol</p>\n";
    let dangerous = [
        "<script",
        "onerror",
        "javascript:",
        "onclick",
        "onmouseover",
        "<iframe",
        "style=",
    ];

    // The no-JavaScript preview.
    let r = author
        .post_form(
            &draft,
            &[
                ("source", malicious),
                ("easy_source", ""),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = author.get_html(&draft).await;
    let preview = preview_part(&page);
    assert!(preview.contains("Texte visible."));
    for bad in dangerous {
        assert!(!preview.contains(bad), "the preview neutralises {bad}");
    }
    assert!(
        !page.contains("<script>alert"),
        "the textarea escapes the text"
    );
    assert!(
        page.contains("&lt;script&gt;alert('script')&lt;/script&gt;"),
        "and shows it as typed"
    );

    // The live preview (a server function, called by the editor with JavaScript).
    let r = author
        .post_form(
            "/api/staff/lessons/autosave",
            &[
                ("id", draft.rsplit('/').next().unwrap()),
                ("source", malicious),
                ("easy_source", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 200);
    let answer: Autosaved = postcard::from_bytes(&r.bytes().await.unwrap()).unwrap();
    assert!(answer.saved);
    let html = &answer.preview_html;
    assert!(html.contains("Texte visible."));
    for bad in dangerous {
        assert!(
            !html.contains(bad),
            "the live preview neutralises {bad}: {html}"
        );
    }
    // Someone else's draft is not theirs to save.
    let r = reviewer
        .post_form(
            "/api/staff/lessons/autosave",
            &[
                ("id", draft.rsplit('/').next().unwrap()),
                ("source", "x"),
                ("easy_source", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 403);

    // Published by the reviewer: the page is clean too.
    author
        .post_form(
            &draft,
            &[
                ("source", malicious),
                ("easy_source", ""),
                ("action", "submit"),
            ],
        )
        .await;
    let r = reviewer.post_form(&format!("{draft}/publier"), &[]).await;
    assert_eq!(r.status(), 303);
    let (status, page) = author.get_html(&format!("/modules/{MODULE}/piege")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Texte visible.") && page.contains("Une leçon piégée"));
    for bad in [
        "onerror",
        "javascript:",
        "onclick",
        "onmouseover",
        "<iframe",
        "alert(",
    ] {
        assert!(!page.contains(bad), "the published page neutralises {bad}");
    }
}

/// Publishes `source` as the next version of `slug`, written by `author` and published
/// by `reviewer`, through the store.
async fn publish(app: &TestApp, slug: &str, source: &str, author: i64, reviewer: i64) {
    let app_store = &app.store;
    let id = match app_store
        .start_draft(MODULE, slug, author, 0)
        .await
        .unwrap()
    {
        app::lessons::drafts::StartDraft::Open(id) => id,
        other => panic!("{other:?}"),
    };
    let draft = app_store.draft(id).await.unwrap().unwrap();
    let easy = draft.easy_source.clone();
    assert!(app_store
        .save_draft(id, author, source, &easy, 0)
        .await
        .unwrap());
    assert!(app_store
        .move_draft(id, author, DraftStep::Submit, "", 0)
        .await
        .unwrap());
    let glossary = app_store.glossary_index().await.unwrap();
    let lesson =
        app::lessons::drafts::check_draft(slug, draft.position, source, &easy, &glossary).unwrap();
    let done = app_store
        .publish_draft(id, reviewer, &lesson, 0)
        .await
        .unwrap();
    assert!(
        matches!(done, app::lessons::drafts::Publication::Published { .. }),
        "{done:?}"
    );
}

async fn export_zip(who: &TestApp, module: &str) -> Vec<u8> {
    let r = who
        .get(&format!("/espace-pro/lecons/export/{module}"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    r.bytes().await.unwrap().to_vec()
}

fn unzip_bytes(bytes: &[u8], into: &std::path::Path) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        let path = into.join(&name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        names.push(name);
    }
    names
}

#[tokio::test]
async fn an_exported_module_reimports_into_an_empty_database_and_renders_identically() {
    let app = spawn_app().await;
    let (author, _, author_id, reviewer_id) = team(&app).await;
    let edited =
        current_source(&app, LESSON)
            .await
            .replacen("\n## ", &format!("\n{ADDED}\n\n## "), 1);
    publish(&app, LESSON, &edited, author_id, reviewer_id).await;

    let folder = tempfile::tempdir().unwrap();
    let names = unzip_bytes(&export_zip(&author, MODULE).await, folder.path());
    assert!(names.contains(&format!("{MODULE}/module.toml")));
    assert!(names.contains(&format!("{MODULE}/02-{LESSON}.md")));
    assert!(names.contains(&format!("{MODULE}/02-{LESSON}.facile.md")));
    assert!(names.contains(&"glossary.toml".to_string()));

    let copy = spawn_app_on(TestDb::new().await, folder.path()).await;
    let problems = copy.store.content_problems().await.unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let before = app.store.module_detail(MODULE).await.unwrap().unwrap();
    let after = copy.store.module_detail(MODULE).await.unwrap().unwrap();
    assert_eq!(before, after);
    assert!(after.lessons.len() >= 3);
    for lesson in &before.lessons {
        for easy in [false, true] {
            let a = app
                .store
                .lesson_view(MODULE, &lesson.slug, easy)
                .await
                .unwrap();
            let b = copy
                .store
                .lesson_view(MODULE, &lesson.slug, easy)
                .await
                .unwrap();
            assert_eq!(a, b, "{} (easy: {easy}) renders the same", lesson.slug);
        }
        let quiz = format!("/modules/{MODULE}/{}/quiz", lesson.slug);
        assert_eq!(
            app.get(&quiz).await.status(),
            copy.get(&quiz).await.status()
        );
    }
    let (_, page) = copy.get_html(&format!("/modules/{MODULE}/{LESSON}")).await;
    assert!(page.contains(ADDED), "the browser version travelled");
}

#[tokio::test]
async fn a_content_import_never_overwrites_a_newer_browser_version_and_flags_the_conflict() {
    let content = tempfile::tempdir().unwrap();
    copy_dir(&repo_content(), content.path());
    let app = crate::helpers::spawn_app_with_content(content.path()).await;
    let (author, _, author_id, reviewer_id) = team(&app).await;
    let file = content.path().join(MODULE).join(format!("02-{LESSON}.md"));
    let edited =
        current_source(&app, LESSON)
            .await
            .replacen("\n## ", &format!("\n{ADDED}\n\n## "), 1);
    publish(&app, LESSON, &edited, author_id, reviewer_id).await;

    // The file did not change: the browser version stays, content/ is behind.
    import_content(&app.store, content.path(), 1).await.unwrap();
    assert_eq!(current_source(&app, LESSON).await, edited);
    let flagged = app.store.content_browser_newer().await.unwrap();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(
        flagged[0].message.contains("exportez le module"),
        "{}",
        flagged[0]
    );

    // The file changed too: a conflict, still not overwritten, shown to staff.
    let on_disk = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        on_disk.replace("\n## ", "\nUne autre phrase, écrite dans git.\n\n## "),
    )
    .unwrap();
    import_content(&app.store, content.path(), 2).await.unwrap();
    assert_eq!(current_source(&app, LESSON).await, edited);
    let (_, page) = author.get_html("/espace-pro/contenu").await;
    assert!(page.contains("conflit") && page.contains(&format!("02-{LESSON}.md")));
    let (_, page) = author
        .get_html(&format!("/modules/{MODULE}/{LESSON}"))
        .await;
    assert!(page.contains(ADDED) && !page.contains("écrite dans git"));

    // The exported module committed to content/: back in step, nothing flagged.
    let exported = tempfile::tempdir().unwrap();
    unzip_bytes(&export_zip(&author, MODULE).await, exported.path());
    std::fs::copy(
        exported.path().join(MODULE).join(format!("02-{LESSON}.md")),
        &file,
    )
    .unwrap();
    import_content(&app.store, content.path(), 3).await.unwrap();
    assert!(app.store.content_browser_newer().await.unwrap().is_empty());
    let (_, page) = author.get_html("/espace-pro/contenu").await;
    assert!(page.contains("Aucune : content/ est à jour."));
    // And a later change in content/ is imported as usual.
    std::fs::write(
        &file,
        std::fs::read_to_string(&file)
            .unwrap()
            .replace(ADDED, "Une phrase revue dans git."),
    )
    .unwrap();
    import_content(&app.store, content.path(), 4).await.unwrap();
    let (_, page) = author
        .get_html(&format!("/modules/{MODULE}/{LESSON}"))
        .await;
    assert!(page.contains("Une phrase revue dans git."));
}

/// Posts an image form (multipart) as a browser on this site would.
async fn upload(who: &TestApp, draft: &str, bytes: Vec<u8>, alt: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .part(
            "image",
            reqwest::multipart::Part::bytes(bytes).file_name("photo.png"),
        )
        .text("alt", alt.to_string());
    who.client
        .post(who.url(&format!("{draft}/image")))
        .header("origin", &who.address)
        .header("sec-fetch-site", "same-origin")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn an_image_needs_a_text_is_reencoded_and_travels_with_the_exported_module() {
    let app = spawn_app().await;
    let (author, reviewer, _, _) = team(&app).await;
    let draft = open_draft(&author, LESSON).await;

    // Refused, and said why: no text, not an image, too large.
    let r = upload(&author, &draft, png(20, 10), "  ").await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Écrivez ce que montre l'image"));
    let r = upload(
        &author,
        &draft,
        b"<svg onload=alert(1)></svg>".to_vec(),
        "Un dessin",
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.unwrap();
    assert!(page.contains("n'est pas une image PNG, JPEG ou WebP lisible"));
    assert!(page.contains("value=\"Un dessin\""), "the text is kept");
    let r = upload(
        &author,
        &draft,
        vec![0x89; 2 * 1024 * 1024 + 10],
        "Trop grand",
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("L'image dépasse 2 Mo"));
    // Someone else's draft is not theirs to change.
    assert_eq!(
        upload(&reviewer, &draft, png(20, 10), "Un relevé")
            .await
            .status(),
        403
    );

    // Accepted: scaled down, named by its hash, added at the end of the text.
    let r = upload(
        &author,
        &draft,
        png(2000, 50),
        "Un relevé de compte [exemple]",
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).ends_with("#apercu"));
    let id: i64 = draft.rsplit('/').next().unwrap().parse().unwrap();
    let source = app.store.draft(id).await.unwrap().unwrap().source;
    let line = source.lines().last().unwrap().to_string();
    assert!(
        line.starts_with("![Un relevé de compte (exemple)](/images/") && line.ends_with(".png)"),
        "{line}"
    );
    let address = line
        .split("](")
        .nth(1)
        .unwrap()
        .trim_end_matches(')')
        .to_string();
    let r = author.get(&address).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert!(r.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let served = r.bytes().await.unwrap().to_vec();
    let decoded = image::load_from_memory(&served).unwrap();
    assert_eq!(decoded.width(), 1600, "scaled down");
    assert_eq!(
        address,
        format!("/images/{}.png", app::lessons::images::hash_bytes(&served))
    );
    let (_, page) = author.get_html(&draft).await;
    assert!(preview_part(&page).contains(&format!(
        "<img src=\"{address}\" alt=\"Un relevé de compte (exemple)\""
    )));
    assert_eq!(app.get("/images/0000.png").await.status(), 404);

    // Published, exported, re-imported into an empty database: the same image.
    let easy = app.store.draft(id).await.unwrap().unwrap().easy_source;
    let r = author
        .post_form(
            &draft,
            &[
                ("source", &source),
                ("easy_source", &easy),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        reviewer
            .post_form(&format!("{draft}/publier"), &[])
            .await
            .status(),
        303
    );
    let (_, page) = author
        .get_html(&format!("/modules/{MODULE}/{LESSON}"))
        .await;
    assert!(page.contains(&format!("<img src=\"{address}\"")));
    let folder = tempfile::tempdir().unwrap();
    let names = unzip_bytes(&export_zip(&author, MODULE).await, folder.path());
    assert!(
        names.iter().any(|n| format!("/{n}") == address),
        "{names:?}"
    );
    let copy = spawn_app_on(TestDb::new().await, folder.path()).await;
    assert!(copy.store.content_problems().await.unwrap().is_empty());
    assert_eq!(
        copy.get(&address).await.bytes().await.unwrap().to_vec(),
        served
    );
    assert_eq!(
        app.store.lesson_view(MODULE, LESSON, false).await.unwrap(),
        copy.store.lesson_view(MODULE, LESSON, false).await.unwrap()
    );
}

#[tokio::test]
async fn two_people_opening_the_same_lesson_at_once_get_one_draft_and_no_error() {
    let app = spawn_app().await;
    let (author, reviewer, _, _) = team(&app).await;
    for round in 0..5 {
        let slug = format!("course-{round}");
        let mut tasks = Vec::new();
        for i in 0..8 {
            let who = if i % 2 == 0 { &author } else { &reviewer };
            let (client, url, origin) = (
                who.client.clone(),
                who.url("/espace-pro/lecons/nouvelle"),
                who.address.clone(),
            );
            let slug = slug.clone();
            tasks.push(tokio::spawn(async move {
                client
                    .post(url)
                    .header("origin", origin)
                    .header("sec-fetch-site", "same-origin")
                    .form(&[
                        ("module", MODULE),
                        ("slug", slug.as_str()),
                        ("position", "40"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 303).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == 303 || *s == 422),
            "{statuses:?}"
        );
        let drafts = app
            .count(&format!(
                "SELECT COUNT(*) FROM lesson_drafts WHERE slug = '{slug}'"
            ))
            .await;
        assert_eq!(drafts, 1);
    }
    let mut tasks = Vec::new();
    for who in [&author, &reviewer, &author, &reviewer] {
        let (client, url, origin) = (
            who.client.clone(),
            who.url("/espace-pro/lecons/brouillons"),
            who.address.clone(),
        );
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .header("origin", origin)
                .header("sec-fetch-site", "same-origin")
                .form(&[("module", MODULE), ("slug", LESSON)])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 303);
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM lesson_drafts WHERE slug = '{LESSON}'"
        ))
        .await,
        1
    );
}
