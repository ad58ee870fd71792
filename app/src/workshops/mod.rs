//! Workshops ("ateliers"): resident workshops are training sessions of kind
//! "resident workshop", with places, capacity, a waitlist and private booking links.
pub mod model;
pub mod page;
pub mod staff_pages;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
