//! Joint sessions ("séances communes"): proposals with candidate slots answered by
//! trainers of the partner organisation, confirmation without double booking of a
//! trainer or a place, unavailability, the staff calendar and calendar feeds.
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
