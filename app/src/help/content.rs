//! Reading `content/aide/`: the seed of the directory (`annuaire.toml`) and the help
//! pages (`*.md`, whose first `# ` line is the title). A broken file is reported like a
//! broken lesson and skipped.
use super::model::{parse_directory, HelpEntry};
use crate::lessons::{content::ContentError, render::render_markdown};
use std::path::Path;

/// The folder of `content/` holding the help directory and pages.
pub const HELP_DIR: &str = "aide";
/// The seed file of the directory, inside [`HELP_DIR`].
pub const DIRECTORY_FILE: &str = "annuaire.toml";

/// What `content/aide/` holds.
#[derive(Clone, Debug, Default)]
pub struct HelpContent {
    /// `None` when there is no seed file (or it cannot be read at all).
    pub entries: Option<Vec<HelpEntry>>,
    /// (slug, title, sanitised html).
    pub pages: Vec<(String, String, String)>,
    pub errors: Vec<ContentError>,
}

fn problem(path: &Path, message: String) -> ContentError {
    ContentError {
        file: path.display().to_string(),
        line: None,
        message,
    }
}

/// A help page: its title (the first `# ` line) and the rest rendered and sanitised.
pub fn render_help_page(text: &str) -> Option<(String, String)> {
    let mut lines = text.lines();
    let title = lines
        .by_ref()
        .find(|l| !l.trim().is_empty())?
        .strip_prefix("# ")?
        .trim()
        .to_string();
    let rest = lines.collect::<Vec<_>>().join("\n");
    Some((title, render_markdown(&rest, "site externe").html))
}

/// Reads `content/aide/` under `content_dir`.
pub fn read_help(content_dir: &Path) -> HelpContent {
    let dir = content_dir.join(HELP_DIR);
    let mut found = HelpContent::default();
    let file = dir.join(DIRECTORY_FILE);
    if file.exists() {
        match std::fs::read_to_string(&file) {
            Ok(text) => match parse_directory(&text) {
                Ok((entries, problems)) => {
                    found
                        .errors
                        .extend(problems.into_iter().map(|p| problem(&file, p)));
                    found.entries = Some(entries);
                }
                Err(message) => found.errors.push(problem(&file, message)),
            },
            Err(e) => found
                .errors
                .push(problem(&file, format!("fichier illisible : {e}"))),
        }
    }
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_else(|_| Vec::new());
    pages.sort();
    for path in pages
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        match std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| render_help_page(&t))
        {
            Some((title, html)) => found.pages.push((slug, title, html)),
            None => found.errors.push(problem(
                &path,
                "la page doit commencer par un titre (une ligne « # Titre »)".into(),
            )),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_help_page_takes_its_title_from_the_first_heading_and_is_sanitised() {
        let (title, html) = render_help_page(
            "\n# Les papiers\n\nTexte <script>alert(1)</script> [lien](javascript:alert(1))\n",
        )
        .unwrap();
        assert_eq!(title, "Les papiers");
        assert!(html.contains("Texte"));
        assert!(!html.contains("<script") && !html.contains("javascript:"));
        assert_eq!(render_help_page("Pas de titre"), None);
    }

    #[test]
    fn the_help_folder_of_the_repository_reads_without_problems() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let help = read_help(&content);
        assert!(help.errors.is_empty(), "{:?}", help.errors);
        assert!(help.entries.is_some_and(|e| e.len() >= 8));
        let slugs: Vec<_> = help.pages.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(slugs, ["dossier-surendettement", "premier-rendez-vous"]);
    }
}
