//! Anonymous progress ("Mon parcours"): no account, no personal data.
pub mod page;
