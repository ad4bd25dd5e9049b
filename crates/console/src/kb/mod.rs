//! The knowledge-base screens: the articles of the tenants in scope, and writing one at its
//! own address.

mod api;
mod delete;
mod draft;
mod editor;
mod fields;
mod filters;
mod page;
mod state;
mod table;

pub use editor::{ArticleEditor, ArticleEditorProps};
pub use page::{KbProps, KbView};

/// The id in a new article's address, `/console/kb/new` (stored articles have UUIDs).
pub const NEW: &str = "new";
