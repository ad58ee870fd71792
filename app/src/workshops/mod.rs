//! Workshops ("ateliers"): resident workshops are training sessions of kind
//! "resident workshop", with places, capacity, a waitlist and private booking links;
//! professional trainings use the same seats and waitlist for staff sign-ups.
pub mod model;
pub mod page;
pub mod staff_pages;
pub mod trainings;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
