//! Alerts on unhappy customers: a suggestion rated 1–2 ★, or a resolved ticket rated 1–2 ★,
//! raises an alert in the same transaction as the rating ([`Raiser`], an event listener). The
//! console counts the unseen ones per tenant (the badge), lists them, and marks one seen when
//! an agent opens what was rated, keeping who and when; the numbers give the time from a low
//! rating to the first answer. Everything is stored, so every instance shows the same badge.
//! The e-mails and webhook calls about low ratings are the `notify` feature's.

mod console;
pub mod store;

use panelcare_model::alerts::{AlertKind, is_low};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    db::Conn,
    events::{FeedbackSent, Happened, Heard, Listener, TicketEvent},
    state::AppState,
    time,
};

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::list))
        .routes(routes!(console::unseen))
        .routes(routes!(console::seen))
        .routes(routes!(console::numbers))
}

/// Hears ratings and raises an alert for each low one.
#[derive(Debug)]
pub struct Raiser;

impl Listener for Raiser {
    fn heard<'c>(&'c self, conn: &'c mut Conn, what: Happened<'c>) -> Heard<'c> {
        Box::pin(async move {
            let TicketEvent::Rated { rating, .. } = what.event else {
                return Ok(());
            };
            if !is_low(rating) {
                return Ok(());
            }
            let rated = store::Rated {
                tenant_id: what.tenant_id,
                kind: AlertKind::Ticket,
                id: what.ticket_id,
                rating,
            };
            store::raise(conn, &rated, time::now_ms()).await
        })
    }

    fn heard_feedback<'c>(&'c self, conn: &'c mut Conn, sent: FeedbackSent<'c>) -> Heard<'c> {
        Box::pin(async move {
            let Some(rating) = sent.rating.filter(|r| is_low(*r)) else {
                return Ok(());
            };
            let rated = store::Rated {
                tenant_id: sent.tenant_id,
                kind: AlertKind::Feedback,
                id: sent.feedback_id,
                rating,
            };
            store::raise(conn, &rated, time::now_ms()).await
        })
    }
}
