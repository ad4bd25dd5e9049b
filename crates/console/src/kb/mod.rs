//! The knowledge-base screens: the articles of the tenants in scope, and writing one.

mod api;
mod editor;
mod page;

pub use editor::{ArticleEditor, ArticleEditorProps};
pub use page::{KbProps, KbView};
