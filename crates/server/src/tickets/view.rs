//! Ticket rows as clients see them. Customers' threads never contain internal notes: the
//! query that reads them leaves notes out, so no later filter can forget to.

use panelcare_model::{
    sla::{Priority, SlaState},
    ticket::{Department, Message, MessageKind, TicketStatus, TicketSummary},
};
use sqlx::{Row as _, sqlite::SqliteRow};

use crate::{attachments, error::AppError, state::AppState, time};

/// Columns [`summary`] reads, for `SELECT {SUMMARY} FROM tickets t`.
pub const SUMMARY: &str = "t.id, t.number, t.subject, t.department, t.priority, t.status, \
    t.created_at, t.updated_at, t.due_at, t.target_minutes, t.rating, t.resolved_at, \
    t.closed_at";

fn bad(col: &str, v: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: col.into(),
        source: format!("unexpected value {v:?}").into(),
    }
}

/// A [`TicketSummary`] from a row of [`SUMMARY`] columns, at `now_ms`, for a tenant whose
/// customers may reopen for `reopen_days`.
pub fn summary(
    row: &SqliteRow,
    now_ms: i64,
    reopen_days: u32,
) -> Result<TicketSummary, sqlx::Error> {
    let department: String = row.try_get("department")?;
    let priority: String = row.try_get("priority")?;
    let status: String = row.try_get("status")?;
    let status = TicketStatus::parse(&status).ok_or_else(|| bad("status", &status))?;
    let due: Option<i64> = row.try_get("due_at")?;
    let target: Option<i64> = row.try_get("target_minutes")?;
    let target = target.and_then(|t| u32::try_from(t).ok());
    let (due, target) = if status.waits_for_support() {
        (due, target)
    } else {
        (None, None)
    };
    let finished_at: Option<i64> = row
        .try_get::<Option<i64>, _>("resolved_at")?
        .into_iter()
        .chain(row.try_get::<Option<i64>, _>("closed_at")?)
        .max();
    let reopen_until = finished_at
        .filter(|_| status.is_finished())
        .map(|at| at + i64::from(reopen_days) * 86_400_000);
    Ok(TicketSummary {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        subject: row.try_get("subject")?,
        department: Department::parse(&department).ok_or_else(|| bad("department", &department))?,
        priority: Priority::parse(&priority).ok_or_else(|| bad("priority", &priority))?,
        status,
        created_at: time::rfc3339(row.try_get("created_at")?),
        updated_at: time::rfc3339(row.try_get("updated_at")?),
        due_at: due.map(time::rfc3339),
        target_minutes: target,
        sla_state: due.zip(target).map(|(d, t)| SlaState::at(now_ms, d, t)),
        rating: row.try_get::<Option<i64>, _>("rating")?.map(|r| r as u8),
        reopen_until: reopen_until.map(time::rfc3339),
    })
}

/// The thread of `ticket_id` as its customer sees it, oldest first, with files.
pub async fn customer_thread(state: &AppState, ticket_id: &str) -> Result<Vec<Message>, AppError> {
    let rows = sqlx::query(
        "SELECT m.id, m.kind, m.body, m.status, m.created_at, COALESCE(a.name, m.author_name, '') AS author \
         FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id \
         WHERE m.ticket_id = ? AND m.kind != 'note' ORDER BY m.created_at, m.rowid",
    )
    .bind(ticket_id)
    .fetch_all(&state.db.pool)
    .await?;
    messages(state, &rows).await
}

/// Messages from rows of `id, kind, body, status, created_at, author`.
pub async fn messages(state: &AppState, rows: &[SqliteRow]) -> Result<Vec<Message>, AppError> {
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    let mut files = attachments::store::for_messages(state, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("id")?;
        let kind: String = row.try_get("kind")?;
        let status: Option<String> = row.try_get("status")?;
        out.push(Message {
            kind: MessageKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
            author: row.try_get("author")?,
            body: row.try_get("body")?,
            status: status.as_deref().and_then(TicketStatus::parse),
            attachments: files.remove(&id).unwrap_or_default(),
            created_at: time::rfc3339(row.try_get("created_at")?),
            id,
        });
    }
    Ok(out)
}
