//! Lessons written in the browser: what the editor, the review and the history show.
//! A draft holds the same text as a `content/` lesson file (its fiche between `+++`
//! lines, then markdown) and its easy-read version; it is checked and rendered by the
//! same parser and sanitising renderer as `content/`.
use super::model::GlossaryTerm;
use serde::{Deserialize, Serialize};

/// Longest lesson text (and easy-read text) accepted, in characters.
pub const MAX_SOURCE_CHARS: usize = 60_000;
/// Longest note a reviewer may leave when returning a draft.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Where a draft is in the four-eyes review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftStatus {
    /// Its author is writing it.
    Draft,
    /// Waiting for another trainer or a coordinator to publish it (or return it).
    Submitted,
}

impl DraftStatus {
    pub fn code(self) -> &'static str {
        match self {
            DraftStatus::Draft => "draft",
            DraftStatus::Submitted => "submitted",
        }
    }

    pub fn parse(code: &str) -> DraftStatus {
        if code == "submitted" {
            DraftStatus::Submitted
        } else {
            DraftStatus::Draft
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            DraftStatus::Draft => "draft-status-draft",
            DraftStatus::Submitted => "draft-status-submitted",
        }
    }
}

/// Which text of a draft a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Lesson,
    Easy,
}

/// A problem of a draft, with the line it concerns (as typed) when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub part: Part,
    pub line: Option<usize>,
    /// The text of that line, shown next to the message.
    pub excerpt: String,
    pub message: String,
}

/// A draft rendered as the published page would show it, or the problems that keep it
/// from being published. The HTML is sanitised on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub title: String,
    pub summary: String,
    pub html: String,
    pub easy_html: Option<String>,
    pub terms: Vec<GlossaryTerm>,
    /// The questions of the lesson's quiz blocks.
    pub questions: Vec<String>,
    pub problems: Vec<LineProblem>,
}

impl Preview {
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A draft as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: i64,
    pub module_slug: String,
    pub module_title: String,
    pub slug: String,
    pub position: i64,
    pub source: String,
    pub easy_source: String,
    pub status: DraftStatus,
    pub author_id: i64,
    pub author_name: String,
    pub review_note: String,
    pub updated_at: i64,
    /// The published version the draft started from (none for a new lesson).
    pub base_version: Option<i64>,
    /// The lesson's current version and its text, to compare with (none for a new lesson).
    pub current: Option<(i64, String)>,
}

/// One line of a comparison between two texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffLine {
    pub change: Change,
    pub text: String,
}

/// A lesson in the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminLesson {
    pub slug: String,
    pub title: String,
    pub position: i64,
    pub published: bool,
    /// `content` or `browser`: where its current version comes from.
    pub origin: String,
    pub version: i64,
    /// An open draft: its id, status and author's name.
    pub draft: Option<(i64, DraftStatus, String)>,
}

/// A module and its lessons (published or not), for the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminModule {
    pub slug: String,
    pub title: String,
    pub lessons: Vec<AdminLesson>,
}

/// An open draft in the staff lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: i64,
    pub module_title: String,
    pub slug: String,
    pub status: DraftStatus,
    pub author_id: i64,
    pub author_name: String,
    pub updated_at: i64,
}

/// One version of a lesson in its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub version: i64,
    /// `content` (imported from the `content/` folder) or `browser`.
    pub origin: String,
    pub author: Option<String>,
    pub reviewer: Option<String>,
    pub created_at: i64,
}

/// Something done to a lesson: who, what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEvent {
    pub actor: Option<String>,
    /// submitted, returned, published, unpublished, republished, restored, discarded.
    pub action: String,
    pub version: Option<i64>,
    pub detail: String,
    pub at: i64,
}

/// A lesson's history page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonHistory {
    pub module_slug: String,
    pub module_title: String,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub current_version: i64,
    pub versions: Vec<VersionRow>,
    pub events: Vec<LessonEvent>,
    /// The version compared with the one before it, and the comparison.
    pub compared: Option<(i64, Vec<DiffLine>)>,
    pub draft: Option<(i64, DraftStatus, String)>,
}

/// Whether `code` is an event the history knows how to name.
pub fn event_label_key(action: &str) -> &'static str {
    match action {
        "submitted" => "lesson-event-submitted",
        "returned" => "lesson-event-returned",
        "published" => "lesson-event-published",
        "unpublished" => "lesson-event-unpublished",
        "republished" => "lesson-event-republished",
        "restored" => "lesson-event-restored",
        "discarded" => "lesson-event-discarded",
        _ => "lesson-event-other",
    }
}

/// The text a new lesson starts from: a fiche to fill in, then the body.
pub fn new_lesson_template(today: &str) -> String {
    format!(
        "+++\n\
         title = \"Titre de la leçon\"\n\
         summary = \"Une ou deux phrases : ce que la personne va apprendre.\"\n\
         reading_minutes = 5\n\
         level = \"debutant\"\n\
         tags = []\n\
         last_reviewed = {today}\n\
         sources = [\n  \
           {{ title = \"Nom de la source officielle\", url = \"https://\" }},\n\
         ]\n\
         +++\n\
         \n\
         Le texte de la leçon commence ici. Des phrases courtes, un exemple concret.\n\
         \n\
         ## Un premier titre\n\
         \n\
         :::points-cles\n\
         - Ce qu'il faut retenir.\n\
         :::\n"
    )
}

/// The line-by-line comparison of `old` and `new`.
#[cfg(feature = "ssr")]
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    use similar::{ChangeTag, TextDiff};
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| DiffLine {
            change: match c.tag() {
                ChangeTag::Equal => Change::Same,
                ChangeTag::Insert => Change::Added,
                ChangeTag::Delete => Change::Removed,
            },
            text: c.value().trim_end_matches(['\n', '\r']).to_string(),
        })
        .collect()
}

/// Keeps the changed lines and `context` lines around them; long unchanged runs become
/// one `…` line, so that a reviewer sees what changed at a glance.
pub fn with_context(lines: Vec<DiffLine>, context: usize) -> Vec<DiffLine> {
    let changed: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.change != Change::Same)
        .map(|(i, _)| i)
        .collect();
    let near = |i: usize| {
        changed
            .iter()
            .any(|&c| i + context >= c && i <= c + context)
    };
    let mut out = Vec::new();
    let mut skipped = false;
    for (i, line) in lines.into_iter().enumerate() {
        if near(i) {
            out.push(line);
            skipped = false;
        } else if !skipped {
            out.push(DiffLine {
                change: Change::Same,
                text: "…".into(),
            });
            skipped = true;
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_diff_names_added_and_removed_lines() {
        let diff = diff_lines("a\nb\nc\n", "a\nB\nc\n");
        let changes: Vec<(Change, &str)> =
            diff.iter().map(|l| (l.change, l.text.as_str())).collect();
        assert_eq!(
            changes,
            vec![
                (Change::Same, "a"),
                (Change::Removed, "b"),
                (Change::Added, "B"),
                (Change::Same, "c")
            ]
        );
    }

    #[test]
    fn long_unchanged_runs_are_folded() {
        let old: String = (0..20).map(|i| format!("{i}\n")).collect();
        let new = old.replace("10\n", "dix\n");
        let shown = with_context(diff_lines(&old, &new), 2);
        let texts: Vec<&str> = shown.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["…", "8", "9", "10", "dix", "11", "12", "…"]);
    }

    #[test]
    fn status_codes_round_trip() {
        for s in [DraftStatus::Draft, DraftStatus::Submitted] {
            assert_eq!(DraftStatus::parse(s.code()), s);
        }
    }
}
