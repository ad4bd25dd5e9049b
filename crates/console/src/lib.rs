//! The panelcare operator console: providers', resellers' and agents' screen for reading and
//! answering what customers send. Its own wasm bundle, so the customer widget stays small.

pub mod agents;
pub mod alerts;
pub mod api;
pub mod app;
pub mod audit;
pub mod branding;
pub mod bridge;
pub mod console;
pub mod data_rights;
pub mod feedback;
pub mod filters;
pub mod focus;
pub mod form;
pub mod ideas;
pub mod kb;
pub mod latest;
pub mod limits;
pub mod loaded;
pub mod notices;
pub mod notify;
pub mod numbers;
pub mod offers;
pub mod password_reset;
pub mod route;
pub mod screen;
pub mod second_factor;
pub mod tenants;
pub mod text;
pub mod tickets;

use wasm_bindgen::prelude::*;

/// Draws the console into `root`; `boot.js` (written by `cargo xtask build`) calls it.
#[wasm_bindgen]
pub fn run(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
