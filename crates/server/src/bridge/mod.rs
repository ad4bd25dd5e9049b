//! The ticket bridge: a tenant's widget tickets mirrored into the helpdesk its staff already
//! answer in (the WHMCS addon), and what they write there brought back.
//!
//! Out: the bridge's [`Outbox`] listens to the ticket lifecycle; every change the customer
//! can see is queued in `bridge_outbox` inside the change's own transaction and POSTed by the
//! `jobs` module, signed with the tenant key the bridge names, strictly in order per ticket.
//! In: the helpdesk's replies and status changes are signed host calls that go through the
//! ticket lifecycle; nothing that came in is sent back out, and internal notes never go out.

mod deliver;
mod inbound;
mod outbox;
mod settings;
pub mod store;

use utoipa_axum::{router::OpenApiRouter, routes};

pub use deliver::deliver_due;
pub use outbox::Outbox;

use crate::state::AppState;

/// Routes under `/api/v1` the helpdesk calls.
pub fn host_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbound::reply))
        .routes(routes!(inbound::status))
}

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(settings::read, settings::update, settings::remove))
        .routes(routes!(settings::retry))
}
