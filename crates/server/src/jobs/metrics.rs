//! The metrics' gauges that need features' stores, refreshed every [`EVERY`] by a job
//! rather than on each scrape: a scrape then costs no query, however often (and however
//! many Prometheus servers) it comes.

use std::time::Duration;

use crate::{
    bridge,
    db::Db,
    metrics::{self, Backlog},
    notify, tickets, time,
};

/// How often the gauges are refreshed: well within a typical 30–60 s scrape interval, and
/// few enough queries for the database not to notice.
pub const EVERY: Duration = Duration::from_secs(15);

/// Refreshes every gauge.
pub async fn refresh(db: &Db) -> Result<(), sqlx::Error> {
    // First, so a database that stopped answering reads 0 here before the rest fails.
    metrics::set_ready(db.schema().await.is_ok_and(|s| s.missing.is_empty()));
    refresh_outboxes(db).await?;
    refresh_tickets(db).await?;
    metrics::refreshed(time::now_ms());
    Ok(())
}

/// Depth, oldest age and deliveries given up on, per channel; a channel with nothing
/// undelivered reads 0.
pub async fn refresh_outboxes(db: &Db) -> Result<(), sqlx::Error> {
    let now = time::now_ms();
    let notifications = notify::store::backlog(db).await?;
    for channel in ["email", "webhook"] {
        let backlog = notifications
            .iter()
            .find(|(c, _)| c == channel)
            .map_or_else(Backlog::default, |(_, b)| *b);
        metrics::set_outbox(channel, backlog, now);
    }
    metrics::set_outbox("bridge", bridge::store::backlog_all(db).await?, now);
    Ok(())
}

/// Tickets due soon and late, per tenant (every tenant: one whose late tickets were answered
/// goes back to 0).
pub async fn refresh_tickets(db: &Db) -> Result<(), sqlx::Error> {
    for (tenant, due_soon, breached) in
        tickets::store::sla::due_by_tenant(db, time::now_ms()).await?
    {
        metrics::set_tickets(&tenant, due_soon, breached);
    }
    Ok(())
}
