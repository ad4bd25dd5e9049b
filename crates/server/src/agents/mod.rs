//! Agents: the provider's and resellers' people who sign into the console.

pub mod password;
pub mod store;

pub use store::Agent;
