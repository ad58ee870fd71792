//! "Où en suis-je ?": an anonymous self-check on early warning signs, whose result
//! points to lessons, budget tools, workshops and the help directory (urgent contacts
//! first). Only an anonymous count of result levels is kept, unless the person keeps
//! the result in "Mon parcours".
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod store;
