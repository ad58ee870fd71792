//! Budget tools: pure arithmetic in integer cents (quick estimate, monthly budget, debt
//! ratio, savings goal), the evaluation shared by server and islands, and their pages.
pub mod debt;
pub mod money;
pub mod monthly;
pub mod page;
pub mod quick;
pub mod savings;
pub mod tool_pages;
pub mod tools;

#[cfg(feature = "ssr")]
pub mod store;
