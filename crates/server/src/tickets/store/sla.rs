//! A ticket's SLA clock in the database: the deadline of the answer owed (`due_from`,
//! `due_at`, `due_first`, `target_minutes` on the ticket), the record of each answer against
//! it (`ticket_sla`), and the one SQL form of the "due soon / breached" rule that the queue,
//! the workload and the warning sweep share.

use panelcare_model::sla::{DUE_SOON_PARTS, SlaState};
use sqlx::Row as _;

use crate::db::{Conn, Db};

/// Tickets `t` that wait for support with a clock running.
pub(crate) const WAITING: &str =
    "t.status IN ('open', 'awaiting_support') AND t.due_at IS NOT NULL";

/// `t.due_at - {now}`, compared with the last part of the target.
fn left(now: &str) -> String {
    format!("t.due_at - {now}")
}

fn last_part() -> String {
    format!("t.target_minutes * 60000 / {DUE_SOON_PARTS}")
}

/// The SQL form of [`SlaState::at`] for a waiting ticket `t`, at the time bound as `now`
/// (a placeholder such as `$2`). Combine with [`WAITING`].
pub(crate) fn in_state(state: SlaState, now: &str) -> String {
    match state {
        SlaState::Breached => format!("t.due_at < {now}"),
        SlaState::DueSoon => format!("t.due_at >= {now} AND {} <= {}", left(now), last_part()),
        SlaState::OnTrack => format!("{} > {}", left(now), last_part()),
    }
}

/// Due soon or already late: the answers agents are warned about.
fn due_soon_or_late(now: &str) -> String {
    format!("{} <= {}", left(now), last_part())
}

/// Support owes an answer from `from_ms`, due at `due_ms`, `target_minutes` after it (the
/// first answer when `first`). An answer already owed keeps its earlier deadline (a
/// customer writing twice does not push it back).
pub(in crate::tickets) async fn start(
    conn: &mut Conn,
    ticket_id: &str,
    from_ms: i64,
    due_ms: i64,
    first: bool,
    target_minutes: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE tickets SET due_from = $2, due_at = $3, due_first = $4, target_minutes = $5 \
         WHERE id = $1 AND due_at IS NULL",
    )
    .bind(ticket_id)
    .bind(from_ms)
    .bind(due_ms)
    .bind(i64::from(first))
    .bind(target_minutes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The answer owed on a ticket, if one is: since when, and whether it is the first.
pub async fn owed(conn: &mut Conn, ticket_id: &str) -> Result<Option<(i64, bool)>, sqlx::Error> {
    let owed: Option<(i64, i64)> = sqlx::query_as(
        "SELECT due_from, due_first FROM tickets WHERE id = $1 AND due_at IS NOT NULL",
    )
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(owed.map(|(from, first)| (from, first != 0)))
}

/// An answer went out at `now_ms`: records whether it met the deadline owed (if any) and
/// stops the clock.
pub(in crate::tickets) async fn answered(
    conn: &mut Conn,
    ticket_id: &str,
    agent_id: Option<&str>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let owed = sqlx::query(
        "SELECT tenant_id, priority, due_from, due_at, due_first FROM tickets \
         WHERE id = $1 AND due_at IS NOT NULL",
    )
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(owed) = owed else {
        return Ok(());
    };
    let due_at: i64 = owed.try_get("due_at")?;
    let first: i64 = owed.try_get("due_first")?;
    sqlx::query(
        "INSERT INTO ticket_sla (ticket_id, tenant_id, priority, first, due_from, due_at, \
         answered_at, agent_id, met) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(ticket_id)
    .bind(owed.try_get::<String, _>("tenant_id")?)
    .bind(owed.try_get::<String, _>("priority")?)
    .bind(first)
    .bind(owed.try_get::<i64, _>("due_from")?)
    .bind(due_at)
    .bind(now_ms)
    .bind(agent_id)
    .bind(i64::from(now_ms <= due_at))
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE tickets SET due_from = NULL, due_at = NULL, due_first = NULL, \
         target_minutes = NULL, first_response_at = COALESCE(first_response_at, $2) WHERE id = $1",
    )
    .bind(ticket_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The ticket no longer waits for support (resolved, closed, merged): the clock stops
/// without an outcome.
pub(in crate::tickets) async fn stop(conn: &mut Conn, ticket_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE tickets SET due_from = NULL, due_at = NULL, due_first = NULL, \
         target_minutes = NULL WHERE id = $1",
    )
    .bind(ticket_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Up to 100 waiting tickets whose answer is due soon or late and whose agents were not yet
/// warned about this deadline: `(ticket id, tenant id, due_at)`.
pub async fn unwarned_due_soon(
    db: &Db,
    now_ms: i64,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT t.id, t.tenant_id, t.due_at FROM tickets t WHERE {WAITING} AND {} \
         AND (t.sla_warned_for IS NULL OR t.sla_warned_for != t.due_at) LIMIT 100",
        due_soon_or_late("$1")
    ))
    .bind(now_ms)
    .fetch_all(&db.pool)
    .await
}

/// Per tenant (every tenant, those with none at 0): tickets waiting for support whose
/// answer is due soon at `now_ms`, and those whose answer is late. For the metrics.
pub async fn due_by_tenant(db: &Db, now_ms: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT tn.id, COUNT(t.id) FILTER (WHERE {}), COUNT(t.id) FILTER (WHERE {}) \
         FROM tenants tn LEFT JOIN tickets t ON t.tenant_id = tn.id AND {WAITING} \
         GROUP BY tn.id",
        in_state(SlaState::DueSoon, "$1"),
        in_state(SlaState::Breached, "$1"),
    ))
    .bind(now_ms)
    .fetch_all(&db.pool)
    .await
}

/// Marks the warning about the deadline `due_at` as given; false when another round (or the
/// deadline moving) got there first, so each deadline is warned about once.
pub(in crate::tickets) async fn claim_warning(
    conn: &mut Conn,
    ticket_id: &str,
    due_at: i64,
) -> Result<bool, sqlx::Error> {
    let claimed = sqlx::query(
        "UPDATE tickets SET sla_warned_for = $1 WHERE id = $2 AND due_at = $1 \
         AND (sla_warned_for IS NULL OR sla_warned_for != $1)",
    )
    .bind(due_at)
    .bind(ticket_id)
    .execute(&mut *conn)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::tickets::store::tickets::{NewTicket, insert};

    /// A ticket whose answer is due `left_ms` after `now`, for a target of `target` minutes.
    async fn waiting(db: &Db, n: usize, now: i64, left_ms: i64, target: i64) -> String {
        let id = format!("t{n}");
        let key = format!("key-{n}");
        let mut tx = db.write().await.unwrap();
        let t = NewTicket {
            id: &id,
            tenant_id: "acme",
            account_id: "alice",
            account_name: None,
            account_email: None,
            account_plan: None,
            support_tier: None,
            locale: None,
            department: "technical",
            priority: "normal",
            subject: "s",
            idempotency_key: &key,
            request_hash: "h",
            now_ms: now,
        };
        assert!(insert(&mut tx, &t).await.unwrap());
        start(&mut tx, &id, now - 1, now + left_ms, true, target)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    #[tokio::test]
    async fn the_sql_rule_agrees_with_the_model_at_every_edge() {
        let db = Db::in_memory().await.unwrap();
        crate::tenants::store::create(&db, "acme", "Acme", None)
            .await
            .unwrap();
        let now = 1_700_000_000_000;
        let mut expected: Vec<(String, SlaState)> = Vec::new();
        for target in [1i64, 7, 60, 1440] {
            let quarter = target * 60_000 / DUE_SOON_PARTS;
            for left in [
                -60_000,
                -1,
                0,
                1,
                quarter - 1,
                quarter,
                quarter + 1,
                2 * quarter,
            ] {
                let id = waiting(&db, expected.len(), now, left, target).await;
                let model = SlaState::at(now, now + left, u32::try_from(target).unwrap());
                expected.push((id, model));
            }
        }
        for state in [SlaState::OnTrack, SlaState::DueSoon, SlaState::Breached] {
            let sql = format!(
                "SELECT t.id FROM tickets t WHERE {WAITING} AND {} ORDER BY t.id",
                in_state(state, "$1")
            );
            let mut found: Vec<String> = sqlx::query_scalar(&sql)
                .bind(now)
                .fetch_all(&db.pool)
                .await
                .unwrap();
            found.sort();
            let mut want: Vec<String> = expected
                .iter()
                .filter(|(_, s)| *s == state)
                .map(|(id, _)| id.clone())
                .collect();
            want.sort();
            assert_eq!(found, want, "{state:?}");
        }
        // The warning sweep takes what is due soon or late, and nothing on track.
        let warned: Vec<String> = unwarned_due_soon(&db, now)
            .await
            .unwrap()
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        for (id, state) in &expected {
            assert_eq!(warned.contains(id), *state != SlaState::OnTrack, "{id}");
        }
    }

    #[test]
    fn the_sql_rule_reads_like_the_model_rule() {
        assert_eq!(
            in_state(SlaState::DueSoon, "$2"),
            "t.due_at >= $2 AND t.due_at - $2 <= t.target_minutes * 60000 / 4"
        );
        assert_eq!(in_state(SlaState::Breached, "$2"), "t.due_at < $2");
        assert_eq!(
            in_state(SlaState::OnTrack, "$2"),
            "t.due_at - $2 > t.target_minutes * 60000 / 4"
        );
    }
}
