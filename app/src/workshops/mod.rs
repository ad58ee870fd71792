//! Workshops ("ateliers"): public listing now; sign-ups come with the workshops issue.
pub mod page;
