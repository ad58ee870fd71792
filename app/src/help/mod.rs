//! Early help: the directory "Qui peut m'aider ?" (services, what they do, how to reach
//! them, "à vérifier" where a detail could not be checked) and its help pages.
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod store;
