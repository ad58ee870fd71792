//! `server backup FILE`: a consistent copy of the database taken while the site keeps
//! serving.
//!
//! - SQLite: `VACUUM INTO`, which reads the database in one transaction (a snapshot:
//!   sign-ups made meanwhile are either wholly in the copy or not at all) and writes a
//!   compact, self-contained file. Restoring is copying that file in place of the
//!   database with the server stopped (see the README).
//! - PostgreSQL: `pg_dump --format=custom`, which also reads one snapshot; restore with
//!   `pg_restore` into an empty database.
use anyhow::{bail, Context as _};
use app::db::{Db, Store};
use std::path::Path;

/// What a backup wrote.
#[derive(Debug)]
pub struct Backup {
    pub bytes: u64,
    pub tool: &'static str,
}

/// Writes a consistent copy of the database at `database_url` to `target`, which must
/// not exist yet (a backup never overwrites another).
pub async fn backup(store: &Store, database_url: &str, target: &Path) -> anyhow::Result<Backup> {
    if target.exists() {
        bail!(
            "{} already exists: choose a new file name (a backup never overwrites another)",
            target.display()
        );
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    let tool = match store.db() {
        Db::Sqlite(pool) => {
            let path = target
                .to_str()
                .context("the backup path must be valid UTF-8")?;
            sqlx::query("VACUUM INTO ?")
                .bind(path)
                .execute(pool)
                .await
                .context("VACUUM INTO failed")?;
            "sqlite VACUUM INTO"
        }
        Db::Postgres(_) => {
            let mut dump = std::process::Command::new("pg_dump");
            dump.args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
                .arg(target)
                .arg("--dbname")
                .arg(database_url);
            let status = tokio::task::spawn_blocking(move || dump.status())
                .await
                .context("pg_dump did not finish")?
                .context("cannot run pg_dump (install the PostgreSQL client tools)")?;
            if !status.success() {
                let _ = std::fs::remove_file(target);
                bail!("pg_dump failed ({status})");
            }
            "pg_dump --format=custom"
        }
    };
    let bytes = std::fs::metadata(target)
        .with_context(|| format!("the backup {} was not written", target.display()))?
        .len();
    Ok(Backup { bytes, tool })
}
