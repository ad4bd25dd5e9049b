//! Files on ticket messages: uploaded first (checked by content, images re-encoded into a
//! thumbnail), then named by the ticket or reply they belong to, and served only through
//! short-lived signed addresses, always as downloads.

mod serve;
pub mod signing;
pub mod sniff;
pub mod store;
mod thumbnail;
mod upload;

pub use upload::read_body;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    routing::{get, post},
};

use crate::state::AppState;

/// `POST /attachments` (customers upload) and `GET /files/{id}[/thumbnail]` (signed
/// addresses), under `/api/v1`.
pub fn widget_router() -> Router<AppState> {
    Router::new()
        .route(
            "/attachments",
            // The upload reads its own body against the tenant's limit.
            post(upload::for_customer).layer(DefaultBodyLimit::disable()),
        )
        .route("/files/{id}", get(serve::file))
        .route("/files/{id}/thumbnail", get(serve::thumbnail))
}
