//! Anonymous progress ("Mon parcours"): no account, no personal data. A learner is a
//! random id kept in the session, created only by an explicit action ("marquer comme
//! lue", a quiz, "garder dans mon parcours"), carried to another device by a resume
//! code, and erased for real by "effacer ma progression".
pub mod model;
pub mod page;
pub mod resume;

#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod store;
