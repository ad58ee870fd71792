//! Budget tools: pure arithmetic in integer cents, and the pages and islands that use it.
pub mod money;
pub mod page;
pub mod quick;
