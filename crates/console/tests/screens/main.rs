//! The console's screens in headless Chromium against the real demo server (`common::server`):
//! each test signs a demo account in, draws a screen, works it as an agent would, and checks
//! what the server stored by reading it back through the API or on a screen drawn afresh.
//! One test binary for all of them: each wasm test binary is linked and started on its own,
//! which costs more than the tests take.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod common;

mod branding;
mod canned_replies;
mod customer_data;
mod ideas;
mod knowledge_base;
mod limits;
mod notices;
mod notify;
mod offer_addresses;
mod offer_catalogue;
mod offer_numbers;
mod offer_rules;
mod offer_tools;
mod sign_in;
mod team;
mod ticket_bridge;
mod ticket_bridge_status;
mod ticket_settings;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
