//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! `migrations/` folder at compile time, and on stable Rust cargo does not otherwise know
//! that the crate depends on it (a build that kept an older binary would miss the new
//! migration).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
