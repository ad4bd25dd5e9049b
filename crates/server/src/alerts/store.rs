//! Low-rating alerts in the database: raised inside the rating's transaction, counted and
//! listed within an agent's [`Scope`] (every scoped statement binds the scope's tenant as
//! `$1`), marked seen by the first agent who opens what was rated. The first answer after a
//! rating is read from the rated row itself: a suggestion's first public answer, a ticket's
//! first reply or progress update the customer sees.

use panelcare_model::alerts::{Alert, AlertKind, SeenBy, TenantUnseen, title_of_message};
use sqlx::Row as _;

use crate::{
    db::{Conn, Db, Row},
    tenants::{Scope, store::condition},
    time,
};

/// What was rated.
#[derive(Debug, Clone, Copy)]
pub struct Rated<'a> {
    pub tenant_id: &'a str,
    pub kind: AlertKind,
    /// The suggestion's or ticket's id.
    pub id: &'a str,
    pub rating: u8,
}

/// Raises the alert for `rated` at `now_ms`, once per suggestion or ticket, in `conn`'s
/// transaction.
pub async fn raise(conn: &mut Conn, rated: &Rated<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    let (feedback_id, ticket_id) = match rated.kind {
        AlertKind::Feedback => (Some(rated.id), None),
        AlertKind::Ticket => (None, Some(rated.id)),
    };
    sqlx::query(
        "INSERT INTO low_rating_alerts (id, tenant_id, feedback_id, ticket_id, rating, raised_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(rated.tenant_id)
    .bind(feedback_id)
    .bind(ticket_id)
    .bind(i64::from(rated.rating))
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The first answer the customer saw at or after the rating: the suggestion's first public
/// answer, or the ticket's first reply or progress update.
const REPLIED_AT: &str = "CASE WHEN a.feedback_id IS NOT NULL THEN \
     (SELECT f2.answered_at FROM feedback f2 WHERE f2.id = a.feedback_id \
      AND f2.answered_at >= a.raised_at) \
     ELSE (SELECT MIN(m.created_at) FROM ticket_messages m WHERE m.ticket_id = a.ticket_id \
      AND m.kind IN ('agent', 'progress') AND m.created_at >= a.raised_at) END";

/// Every tenant of `scope` with its unseen alerts (0 included), the provider first.
pub async fn unseen(db: &Db, scope: &Scope) -> Result<Vec<TenantUnseen>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.id, t.name, (SELECT COUNT(*) FROM low_rating_alerts a \
         WHERE a.tenant_id = t.id AND a.seen_at IS NULL) AS unseen \
         FROM tenants t WHERE {} ORDER BY t.parent_id IS NOT NULL, t.name",
        condition(scope, "t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tenant_id, tenant_name, unseen)| TenantUnseen {
            tenant_id,
            tenant_name,
            unseen: u32::try_from(unseen).unwrap_or(u32::MAX),
        })
        .collect())
}

/// Most alerts one list gives.
const LIST_LIMIT: i64 = 200;

fn alert(r: &Row) -> Result<Alert, sqlx::Error> {
    let feedback_id: Option<String> = r.try_get("feedback_id")?;
    let (kind, id, customer, title) = match feedback_id {
        Some(id) => {
            let name: Option<String> = r.try_get("f_name")?;
            let customer = name.map_or_else(|| r.try_get("f_account"), Ok)?;
            let message: String = r.try_get("f_message")?;
            (
                AlertKind::Feedback,
                id,
                customer,
                title_of_message(&message),
            )
        }
        None => {
            let name: Option<String> = r.try_get("t_name")?;
            let customer = name.map_or_else(|| r.try_get("t_account"), Ok)?;
            let number: i64 = r.try_get("t_number")?;
            let subject: String = r.try_get("t_subject")?;
            let title = format!("#{number} {subject}");
            (AlertKind::Ticket, r.try_get("ticket_id")?, customer, title)
        }
    };
    let seen_at: Option<i64> = r.try_get("seen_at")?;
    let seen = match (seen_at, r.try_get::<Option<String>, _>("seen_by")?) {
        (Some(at), Some(agent_id)) => Some(SeenBy {
            agent_id,
            agent_name: r.try_get("seen_by_name")?,
            at: time::rfc3339(at),
        }),
        _ => None,
    };
    Ok(Alert {
        kind,
        id,
        tenant_id: r.try_get("tenant_id")?,
        tenant_name: r.try_get("tenant_name")?,
        rating: u8::try_from(r.try_get::<i64, _>("rating")?).unwrap_or(1),
        customer,
        title,
        raised_at: time::rfc3339(r.try_get("raised_at")?),
        seen,
        replied_at: r
            .try_get::<Option<i64>, _>("replied_at")?
            .map(time::rfc3339),
    })
}

/// The unseen alerts of `scope`, then those seen that were raised since `since_ms`; unseen
/// first, newest first.
pub async fn list(db: &Db, scope: &Scope, since_ms: i64) -> Result<Vec<Alert>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT a.tenant_id, tn.name AS tenant_name, a.feedback_id, a.ticket_id, a.rating, \
         a.raised_at, a.seen_at, a.seen_by, COALESCE(ag.name, '') AS seen_by_name, \
         f.message AS f_message, f.account_name AS f_name, f.account_id AS f_account, \
         t.number AS t_number, t.subject AS t_subject, t.account_name AS t_name, \
         t.account_id AS t_account, {REPLIED_AT} AS replied_at \
         FROM low_rating_alerts a JOIN tenants tn ON tn.id = a.tenant_id \
         LEFT JOIN feedback f ON f.id = a.feedback_id \
         LEFT JOIN tickets t ON t.id = a.ticket_id \
         LEFT JOIN agents ag ON ag.id = a.seen_by \
         WHERE {} AND (a.seen_at IS NULL OR a.raised_at >= $2) \
         ORDER BY (a.seen_at IS NULL) DESC, a.raised_at DESC, a.id LIMIT $3",
        condition(scope, "a.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .bind(LIST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(alert).collect()
}

/// (tenant, raised at, first answer at) of the alerts of `scope` raised since `since_ms`.
pub async fn samples_since(
    db: &Db,
    scope: &Scope,
    since_ms: i64,
) -> Result<Vec<(String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT a.tenant_id, a.raised_at, {REPLIED_AT} AS replied_at \
         FROM low_rating_alerts a WHERE {} AND a.raised_at >= $2",
        condition(scope, "a.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await
}

/// Marks the alert on suggestion or ticket `id` seen by `agent_id` at `now_ms`, unless
/// someone saw it before. `None` when `id` is no suggestion or ticket of `scope`; otherwise
/// whether this marked it.
pub async fn mark_seen(
    db: &Db,
    scope: &Scope,
    kind: AlertKind,
    id: &str,
    agent_id: &str,
    now_ms: i64,
) -> Result<Option<bool>, sqlx::Error> {
    let (table, column) = match kind {
        AlertKind::Feedback => ("feedback", "feedback_id"),
        AlertKind::Ticket => ("tickets", "ticket_id"),
    };
    let found: Option<String> = sqlx::query_scalar(&format!(
        "SELECT r.id FROM {table} r WHERE {} AND r.id = $2",
        condition(scope, "r.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    if found.is_none() {
        return Ok(None);
    }
    let marked = sqlx::query(&format!(
        "UPDATE low_rating_alerts SET seen_at = $1, seen_by = $2 \
         WHERE {column} = $3 AND seen_at IS NULL"
    ))
    .bind(now_ms)
    .bind(agent_id)
    .bind(id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(Some(marked > 0))
}
