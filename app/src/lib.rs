//! Repères: the Leptos application (pages, islands, server functions and domain logic).
//!
//! Built twice by cargo-leptos: with `ssr` for the axum server and with `hydrate`
//! for the small wasm bundle that wakes up the islands. The two features are never
//! enabled together.
#![recursion_limit = "256"]

pub mod app;
pub mod budget;
pub mod dashboard;
pub mod error;
pub mod format;
pub mod help;
pub mod i18n;
pub mod islands;
pub mod joint;
pub mod layout;
pub mod lessons;
pub mod pages;
pub mod progress;
pub mod quizzes;
pub mod selfcheck;
pub mod staff;
pub mod workshops;

#[cfg(feature = "ssr")]
pub mod notifications;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod hex;
#[cfg(feature = "ssr")]
pub mod state;

/// Entry point of the wasm bundle: hydrates the islands found in the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
