//! Staff of the partner organisations (the CCAS and the banks): accounts and roles,
//! login with throttling, the session rules (idle and absolute time-outs), the audit log,
//! and the staff pages.
pub mod model;
pub mod pages;
pub mod reset_pages;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod store;
