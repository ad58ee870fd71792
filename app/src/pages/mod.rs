//! Pages that belong to no particular domain: home, site map, legal pages, errors.
pub mod about;
pub mod errors;
pub mod home;
pub mod sitemap;
