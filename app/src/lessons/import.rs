//! Import of the `content/` tree into the database, run at start-up.
//! A broken module is reported and skipped; the rest of the catalogue is served.
use super::content::{parse_module, ContentError, ModuleMeta};
use super::store::Upsert;
use crate::db::{Store, StoreError};
use sha2::{Digest, Sha256};
use std::path::Path;

/// What an import run did.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub unpublished: u64,
    pub errors: Vec<ContentError>,
}

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads every module folder of `dir`. Pure apart from reading files.
pub fn read_tree(dir: &Path) -> (Vec<(ModuleMeta, String)>, Vec<ContentError>) {
    let mut modules = Vec::new();
    let mut errors = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(ContentError {
                file: dir.display().to_string(),
                line: None,
                message: format!("dossier de contenus illisible : {e}"),
            });
            return (modules, errors);
        }
    };
    let mut folders: Vec<_> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .map(|e| e.path())
        .collect();
    folders.sort();
    for folder in folders {
        let slug = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        // Folders that are not modules (the glossary, help directory…) have no module.toml.
        let file = folder.join("module.toml");
        if !file.exists() {
            continue;
        }
        let shown = file.display().to_string();
        match std::fs::read_to_string(&file) {
            Ok(text) => match parse_module(&shown, &slug, &text) {
                Ok(meta) => modules.push((meta, hash(&text))),
                Err(mut e) => errors.append(&mut e),
            },
            Err(e) => errors.push(ContentError {
                file: shown,
                line: None,
                message: format!("fichier illisible : {e}"),
            }),
        }
    }
    (modules, errors)
}

/// Imports `dir` into the store: idempotent, unchanged modules are not rewritten,
/// modules removed from `content/` are unpublished.
pub async fn import_content(
    store: &Store,
    dir: &Path,
    now: i64,
) -> Result<ImportReport, StoreError> {
    let dir = dir.to_path_buf();
    let (modules, errors) = tokio::task::spawn_blocking(move || read_tree(&dir))
        .await
        .unwrap_or_else(|_| (Vec::new(), Vec::new()));
    let mut report = ImportReport {
        errors,
        ..ImportReport::default()
    };
    for error in &report.errors {
        tracing::warn!(%error, "content problem: the module is skipped");
    }
    let mut seen = Vec::new();
    for (meta, hash) in &modules {
        match store.upsert_module(meta, hash, now).await? {
            Upsert::Created => report.created += 1,
            Upsert::Updated => report.updated += 1,
            Upsert::Unchanged => report.unchanged += 1,
        }
        seen.push(meta.slug.clone());
    }
    // A module with errors keeps its last good version published rather than vanishing.
    for error in &report.errors {
        if let Some(slug) = Path::new(&error.file)
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
        {
            seen.push(slug.to_string());
        }
    }
    report.unpublished = store.unpublish_modules_except(&seen, now).await?;
    Ok(report)
}
