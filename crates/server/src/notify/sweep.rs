//! Warns agents once per deadline when an answer owed is in its last quarter (or late).

use sqlx::Row as _;

use super::{Event, enqueue};
use crate::{state::AppState, time};

pub async fn warn_due_soon(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = time::now_ms();
    let due = sqlx::query(
        "SELECT id, due_at FROM tickets WHERE status IN ('open', 'awaiting_support') \
         AND due_at IS NOT NULL AND due_at - ?1 <= target_minutes * 60000 / 4 \
         AND (sla_warned_for IS NULL OR sla_warned_for != due_at) LIMIT 100",
    )
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?;
    for row in &due {
        let id: String = row.try_get("id")?;
        let due_at: i64 = row.try_get("due_at")?;
        let mut tx = state.db.write().await?;
        // Marked in the same transaction as the warning is queued: sent once, never lost.
        let claimed = sqlx::query("UPDATE tickets SET sla_warned_for = ?1 WHERE id = ?2 AND due_at = ?1 AND (sla_warned_for IS NULL OR sla_warned_for != ?1)")
            .bind(due_at)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() == 1 {
            enqueue(&mut tx, Event::SlaDueSoon, &id, &state.config.public_url).await?;
        }
        tx.commit().await?;
    }
    Ok(due.len())
}
