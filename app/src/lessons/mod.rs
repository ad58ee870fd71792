//! Lessons and modules: the content format, its import into the database, and the
//! catalogue pages.
pub mod catalogue;
pub mod editor;
pub mod editor_pages;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod drafts;
#[cfg(feature = "ssr")]
pub mod glossary;
#[cfg(feature = "ssr")]
pub mod images;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod lesson_file;
#[cfg(feature = "ssr")]
pub mod lesson_store;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod store;
