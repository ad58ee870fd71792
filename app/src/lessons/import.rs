//! Import of the `content/` tree into the database, at start-up and on demand.
//! A broken file is reported (file, line, message) and skipped; its last good version
//! stays published and the rest of the catalogue is served.
use super::{
    content::{parse_module, ContentError, ModuleMeta},
    glossary::{term_line, Glossary},
    lesson_file::{lesson_file_name, parse_lesson, ParsedLesson, EASY_SUFFIX},
    lesson_store::LessonSource,
    store::Upsert,
};
use crate::db::{Store, StoreError};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Name of the glossary file at the root of `content/`; more terms may live in
/// `content/glossary/*.toml` (one file per topic), all forming one glossary.
pub const GLOSSARY_FILE: &str = "glossary.toml";
pub const GLOSSARY_DIR: &str = "glossary";

/// What an import run did (modules and lessons counted together).
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub unpublished: u64,
    pub errors: Vec<ContentError>,
    /// What lessons mark as still to check (`to_review`), for staff.
    pub to_review: Vec<ContentError>,
    /// Lessons whose current version was written in the browser, and what the
    /// `content/` file is compared to it (behind, or changed: a conflict).
    pub browser_newer: Vec<ContentError>,
}

/// A lesson read from disk, with the raw text kept as its version.
pub struct LessonFiles {
    pub lesson: ParsedLesson,
    pub file_name: String,
    pub text: String,
    pub easy_text: Option<String>,
    pub hash: String,
}

/// A module read from disk.
pub struct ModuleFiles {
    pub meta: ModuleMeta,
    pub hash: String,
    pub lessons: Vec<LessonFiles>,
    /// Lessons whose files are broken: their last good version stays published.
    pub broken_lessons: Vec<String>,
}

/// Everything read from `content/`.
#[derive(Default)]
pub struct Tree {
    /// The help directory's seed and the help pages (`content/aide/`).
    pub help: crate::help::content::HelpContent,
    pub glossary: Glossary,
    pub modules: Vec<ModuleFiles>,
    /// Module folders whose `module.toml` is broken.
    pub broken_modules: Vec<String>,
    /// The images of `content/images/`: hash, extension, bytes.
    pub images: Vec<super::images::ImageFile>,
    pub errors: Vec<ContentError>,
}

/// The fingerprint of a lesson's text and easy-read text (empty when there is none),
/// the same for a `content/` file and a version written in the browser.
pub fn source_hash(text: &str, easy_text: Option<&str>) -> String {
    hash(&[text, easy_text.unwrap_or("")])
}

fn hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    crate::hex::hex(&h.finalize())
}

fn read(path: &Path, errors: &mut Vec<ContentError>) -> Option<String> {
    std::fs::read_to_string(path)
        .map_err(|e| {
            errors.push(ContentError {
                file: path.display().to_string(),
                line: None,
                message: format!("fichier illisible : {e}"),
            })
        })
        .ok()
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    Ok(entries)
}

/// Addresses under a module that are pages of their own, so no lesson may take them.
pub const RESERVED_LESSON_SLUGS: [&str; 2] = ["quiz", "imprimer"];

fn read_module(folder: &Path, slug: &str, glossary: &Glossary, tree: &mut Tree) {
    let file = folder.join("module.toml");
    let Some(text) = read(&file, &mut tree.errors) else {
        tree.broken_modules.push(slug.to_string());
        return;
    };
    let meta = match parse_module(&file.display().to_string(), slug, &text) {
        Ok(meta) => meta,
        Err(mut e) => {
            tree.errors.append(&mut e);
            tree.broken_modules.push(slug.to_string());
            return;
        }
    };
    let mut module = ModuleFiles {
        meta,
        hash: hash(&[&text]),
        lessons: Vec::new(),
        broken_lessons: Vec::new(),
    };
    let files = sorted_entries(folder).unwrap_or_default();
    for path in files {
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !name.ends_with(".md") || name.ends_with(EASY_SUFFIX) {
            continue;
        }
        let shown = path.display().to_string();
        let Some((_, lesson_slug)) = lesson_file_name(&name) else {
            tree.errors.push(ContentError {
                file: shown,
                line: None,
                message: "le nom d'une leçon doit être « NN-nom-de-la-lecon.md » (deux chiffres, un tiret)".into(),
            });
            continue;
        };
        if RESERVED_LESSON_SLUGS.contains(&lesson_slug.as_str()) {
            tree.errors.push(ContentError {
                file: shown,
                line: None,
                message: format!(
                    "« {lesson_slug} » est déjà une page du module : choisissez un autre nom de leçon"
                ),
            });
            continue;
        }
        let Some(text) = read(&path, &mut tree.errors) else {
            module.broken_lessons.push(lesson_slug);
            continue;
        };
        let easy_path =
            path.with_file_name(format!("{}{EASY_SUFFIX}", name.trim_end_matches(".md")));
        let easy_text = if easy_path.exists() {
            read(&easy_path, &mut tree.errors)
        } else {
            None
        };
        let easy_shown = easy_path.display().to_string();
        match parse_lesson(
            &shown,
            &name,
            &text,
            easy_text.as_deref().map(|t| (easy_shown.as_str(), t)),
            glossary,
        ) {
            Ok(lesson) => {
                let hash = source_hash(&text, easy_text.as_deref());
                module.lessons.push(LessonFiles {
                    lesson,
                    file_name: name.clone(),
                    text,
                    easy_text,
                    hash,
                });
            }
            Err(mut e) => {
                tree.errors.append(&mut e);
                module.broken_lessons.push(lesson_slug);
            }
        }
    }
    tree.modules.push(module);
}

/// Reads and checks the whole `content/` tree. Touches nothing but files.
pub fn read_tree(dir: &Path) -> Tree {
    let mut tree = Tree::default();
    let mut glossary_files = vec![dir.join(GLOSSARY_FILE)];
    glossary_files.extend(
        sorted_entries(&dir.join(GLOSSARY_DIR))
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml")),
    );
    for path in glossary_files.into_iter().filter(|p| p.exists()) {
        let Some(text) = read(&path, &mut tree.errors) else {
            continue;
        };
        let shown = path.display().to_string();
        match Glossary::parse(&shown, &text) {
            Ok(part) => {
                for (slug, term) in part.terms {
                    match tree.glossary.terms.entry(slug) {
                        std::collections::btree_map::Entry::Vacant(slot) => {
                            slot.insert(term);
                        }
                        std::collections::btree_map::Entry::Occupied(_) => {
                            tree.errors.push(ContentError {
                                file: shown.clone(),
                                line: term_line(&text, &term.name),
                                message: format!(
                                    "le mot « {} » est déjà défini dans un autre fichier du glossaire",
                                    term.name
                                ),
                            });
                        }
                    }
                }
            }
            Err(mut e) => tree.errors.append(&mut e),
        }
    }
    let folders = match sorted_entries(dir) {
        Ok(entries) => entries
            .into_iter()
            .filter(|p| p.is_dir())
            .collect::<Vec<_>>(),
        Err(e) => {
            tree.errors.push(ContentError {
                file: dir.display().to_string(),
                line: None,
                message: format!("dossier de contenus illisible : {e}"),
            });
            return tree;
        }
    };
    tree.help = crate::help::content::read_help(dir);
    tree.errors.append(&mut tree.help.errors.clone());
    let (images, mut image_errors) = super::images::read_image_dir(dir);
    tree.images = images;
    tree.errors.append(&mut image_errors);
    let glossary = tree.glossary.clone();
    for folder in folders {
        // Folders that are not modules (images…) have no module.toml.
        if !folder.join("module.toml").exists() {
            continue;
        }
        let slug = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        read_module(&folder, &slug, &glossary, &mut tree);
    }
    tree
}

/// Every `to_review` note of the tree, as a list entry naming the lesson file.
pub fn to_review(tree: &Tree) -> Vec<ContentError> {
    tree.modules
        .iter()
        .flat_map(|m| {
            m.lessons.iter().flat_map(move |l| {
                l.lesson
                    .meta
                    .to_review
                    .iter()
                    .map(move |note| ContentError {
                        file: format!("{}/{}", m.meta.slug, l.file_name),
                        line: None,
                        message: format!("à vérifier : {note}"),
                    })
            })
        })
        .collect()
}

fn count(report: &mut ImportReport, outcome: Upsert) {
    match outcome {
        Upsert::Created => report.created += 1,
        Upsert::Updated => report.updated += 1,
        Upsert::Unchanged | Upsert::Behind { .. } | Upsert::Conflict { .. } => {
            report.unchanged += 1
        }
    }
}

/// What staff are told about a lesson whose newer version was written in the browser.
fn browser_newer(module: &str, file_name: &str, outcome: Upsert) -> Option<ContentError> {
    let message = match outcome {
        Upsert::Conflict { version } => format!(
            "conflit : la version {version} a été écrite dans le navigateur et le fichier a changé depuis ; \
             le fichier n'a pas été importé. Comparez-les, puis exportez le module (la version du navigateur \
             est gardée) ou copiez le fichier dans un brouillon de la leçon (il passera en relecture)"
        ),
        Upsert::Behind { version } => format!(
            "la version {version}, écrite dans le navigateur, n'est pas encore dans content/ : exportez le module"
        ),
        _ => return None,
    };
    Some(ContentError {
        file: format!("{module}/{file_name}"),
        line: None,
        message,
    })
}

/// Imports `dir` into the store: idempotent, unchanged modules and lessons are not
/// rewritten, removed ones are unpublished, problems are recorded for staff.
pub async fn import_content(
    store: &Store,
    dir: &Path,
    now: i64,
) -> Result<ImportReport, StoreError> {
    let dir = dir.to_path_buf();
    let tree = tokio::task::spawn_blocking(move || read_tree(&dir))
        .await
        .unwrap_or_default();
    for error in &tree.errors {
        tracing::warn!(%error, "content problem: the file is skipped");
    }
    store
        .with_import_lock(async {
            let mut report = ImportReport {
                errors: tree.errors.clone(),
                to_review: to_review(&tree),
                ..ImportReport::default()
            };
            if !tree.glossary.terms.is_empty() {
                store
                    .replace_glossary(&tree.glossary.terms.values().cloned().collect::<Vec<_>>())
                    .await?;
            }
            for (hash, extension, bytes) in &tree.images {
                store.save_image(hash, extension, bytes, None, now).await?;
            }
            let mut kept_modules = tree.broken_modules.clone();
            for module in &tree.modules {
                count(
                    &mut report,
                    store.upsert_module(&module.meta, &module.hash, now).await?,
                );
                kept_modules.push(module.meta.slug.clone());
                let mut kept_lessons = module.broken_lessons.clone();
                for files in &module.lessons {
                    let source = LessonSource {
                        text: &files.text,
                        easy_text: files.easy_text.as_deref(),
                        hash: &files.hash,
                    };
                    let outcome = store
                        .upsert_content_lesson(&module.meta.slug, &files.lesson, &source, now)
                        .await?;
                    report.browser_newer.extend(browser_newer(
                        &module.meta.slug,
                        &files.file_name,
                        outcome,
                    ));
                    count(&mut report, outcome);
                    kept_lessons.push(files.lesson.slug.clone());
                }
                report.unpublished += store
                    .unpublish_content_lessons_except(&module.meta.slug, &kept_lessons, now)
                    .await?;
            }
            report.unpublished += store.unpublish_modules_except(&kept_modules, now).await?;
            if let Some(entries) = &tree.help.entries {
                let kept = store.seed_help_entries(entries, now).await?;
                if !kept.is_empty() {
                    tracing::info!(?kept, "help entries changed by staff are kept as they are");
                }
            }
            store.replace_help_pages(&tree.help.pages, now).await?;
            store
                .replace_content_problems(
                    &report.errors,
                    &report.to_review,
                    &report.browser_newer,
                    now,
                )
                .await?;
            Ok(report)
        })
        .await
}
