//! Files on ticket messages: uploaded first (checked by content, images re-encoded into a
//! thumbnail), then named by the ticket or reply they belong to, and served only through
//! short-lived signed addresses, always as downloads.

mod files;
mod serve;
pub mod signing;
pub mod sniff;
pub mod store;
pub mod thumbnail;
mod upload;

#[cfg(test)]
mod properties;

pub use files::{for_messages, save};
pub use store::Uploader;
pub use upload::read_body;

use utoipa_axum::{router::OpenApiRouter, routes};

use crate::state::AppState;

/// `GET /files/{id}[/thumbnail]` (signed addresses), under `/api/v1`. Uploads are ticket
/// routes (`tickets/files.rs`): their limits are the tenant's ticket settings.
pub fn widget_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(serve::file))
        .routes(routes!(serve::thumbnail))
}
