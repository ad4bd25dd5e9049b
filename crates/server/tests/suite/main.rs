//! The server's integration suite, one test binary: every handler test through `oneshot`
//! against a real database, the panel packages' signers and the WHMCS bridge against the real
//! server, and the migrations. It runs on SQLite, and on PostgreSQL when `PANELCARE_TEST_PG`
//! names a server (`cargo xtask test` runs it both ways): each test gets a database of its
//! own on the engine the run is for.

mod alerts;
mod attachments;
mod backup;
mod branding;
mod canned_replies;
mod common;
mod compressed_delivery;
mod console_auth;
mod console_inbox;
mod console_tickets;
mod cpanel_dashboard;
mod data_rights;
mod demo_mode;
mod dist_tarball;
mod engines;
mod feedback_api;
mod frame;
mod fuzz_bodies;
mod fuzz_rules_toml;
mod ideas;
mod idempotency;
mod instances;
mod kb_delete;
mod kb_notices;
mod kb_search;
mod logs;
mod metrics;
mod migrations;
mod notification_test;
mod notifications;
mod offers;
mod openapi;
mod origins;
mod outbound;
mod panel_usage;
mod password_reset;
mod rate_limits;
mod second_factor;
mod secrets;
mod sign_in_throttle;
mod signing_conformance;
mod static_files;
mod team;
mod tenancy;
mod text_hygiene;
mod tickets;
mod tokens;
mod upgrades;
mod whmcs_bridge;
