//! The retention job: for each tenant with a period set, deletes closed tickets (with their
//! messages and files) closed longer ago than the period, and feedback sent longer ago, in
//! batches so no transaction holds the write lock for long. A month counts as 30 days.
//! For every tenant, agents' notifications sent or given up on over 30 days ago go too, and
//! ideas board updates their voters saw over 30 days ago.

use crate::{audit, db::Db, time};

use super::store::retention as store;

/// Rows one transaction deletes at most; the next round takes the rest.
pub const BATCH: i64 = 200;
/// Settled notifications deleted per pass: one statement each, so more than [`BATCH`].
pub const NOTIFICATIONS_BATCH: i64 = 1000;
const MONTH_MS: i64 = 30 * 24 * 3_600_000;
/// How long a sent notification stays in the outbox, for an operator asking what went out.
pub const NOTIFICATIONS_KEPT_MS: i64 = MONTH_MS;

/// What one pass deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Deleted {
    pub tickets: u64,
    pub feedback: u64,
    /// Agents' notifications sent (or given up on) over [`NOTIFICATIONS_KEPT_MS`] ago.
    pub notifications: u64,
    /// Ideas board updates seen over [`NOTIFICATIONS_KEPT_MS`] ago.
    pub idea_news: u64,
}

/// One pass at `now` (ms): at most [`BATCH`] tickets and [`BATCH`] feedback rows per tenant,
/// and [`NOTIFICATIONS_BATCH`] settled notifications.
/// Run by the jobs loop; tests call it with a clock of their own.
pub async fn apply(db: &Db, now: i64) -> Result<Deleted, sqlx::Error> {
    let mut deleted = Deleted::default();
    for (tenant, r) in store::tenants_with_settings(db).await? {
        if let Some(months) = r.closed_tickets_months {
            let before = now - i64::from(months) * MONTH_MS;
            let mut tx = db.write().await?;
            let ids = store::closed_before(&mut tx, &tenant, before, BATCH).await?;
            for id in &ids {
                store::delete_ticket(&mut tx, id).await?;
            }
            if !ids.is_empty() {
                audited(&mut tx, &tenant, "tickets", ids.len() as u64).await?;
            }
            tx.commit().await?;
            deleted.tickets += ids.len() as u64;
        }
        if let Some(months) = r.feedback_months {
            let before = now - i64::from(months) * MONTH_MS;
            let mut tx = db.write().await?;
            let n = store::delete_feedback_before(&mut tx, &tenant, before, BATCH).await?;
            if n > 0 {
                audited(&mut tx, &tenant, "feedback", n).await?;
            }
            tx.commit().await?;
            deleted.feedback += n;
        }
    }
    // For every tenant, whatever its settings: see `prune_settled`.
    deleted.notifications =
        crate::notify::store::prune_settled(db, now - NOTIFICATIONS_KEPT_MS, NOTIFICATIONS_BATCH)
            .await?;
    deleted.idea_news =
        crate::ideas::store::news::prune_seen(db, now - NOTIFICATIONS_KEPT_MS, NOTIFICATIONS_BATCH)
            .await?;
    if deleted != Deleted::default() {
        tracing::info!(
            tickets = deleted.tickets,
            feedback = deleted.feedback,
            notifications = deleted.notifications,
            idea_news = deleted.idea_news,
            "retention deleted old rows"
        );
    }
    Ok(deleted)
}

/// [`apply`] now.
pub async fn run(db: &Db) -> Result<Deleted, sqlx::Error> {
    apply(db, time::now_ms()).await
}

/// The audit record of one batch: `n` rows of `what` deleted from `tenant`, by no agent.
async fn audited(
    tx: &mut crate::db::Conn,
    tenant: &str,
    what: &str,
    n: u64,
) -> Result<(), sqlx::Error> {
    let detail = format!("{{\"{what}\":{n}}}");
    audit::store::record_in(tx, tenant, None, "retention.delete", tenant, &detail).await
}
