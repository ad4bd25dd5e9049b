//! Ticket rows: opening a ticket exactly once per idempotency key, adding messages, moving
//! status. Every change to a ticket runs in one transaction with its thread and SLA clock.

use panelcare_model::ticket::{TicketStatus, ValidTicket};
use sha2::{Digest, Sha256};
use sqlx::{Row as _, SqliteConnection};

use crate::{
    attachments::store::{self as files, Uploader},
    auth::Customer,
    bridge,
    error::AppError,
    notify,
    state::AppState,
    time,
};

use super::{settings, sla};

/// What opening a ticket did.
#[derive(Debug)]
pub enum Opened {
    New(String),
    /// The same key and content were sent before: this is that ticket's id.
    Replayed(String),
    KeyReused,
}

/// A hash of what was sent, after validation (see the feedback store for why).
pub fn request_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Opens a ticket for `who`, with its first message, files and SLA clock.
pub async fn open(
    state: &AppState,
    who: &Customer,
    key: &str,
    t: &ValidTicket,
) -> Result<Opened, AppError> {
    let settings = settings::load(&state.db, &who.tenant_id).await?;
    let joined = t.attachments.join(",");
    let hash = request_hash(&[
        t.department.as_str(),
        t.priority.as_str(),
        &t.subject,
        &t.message,
        &joined,
    ]);
    let now = time::now_ms();
    let id = uuid::Uuid::new_v4().to_string();
    let mut tx = state.db.write().await?;
    // The number is the tenant's highest plus one, computed inside the insert: SQLite's one
    // writer makes it unique without a counter table.
    let inserted: Option<String> = sqlx::query_scalar(
        "INSERT INTO tickets (id, tenant_id, number, account_id, account_name, account_email, \
         account_plan, support_tier, locale, department, priority, subject, idempotency_key, \
         request_hash, created_at, updated_at) \
         SELECT ?1, ?2, COALESCE(MAX(number), 1000) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
         ?12, ?13, ?14, ?14 FROM tickets WHERE tenant_id = ?2 \
         ON CONFLICT (tenant_id, account_id, idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(&id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(&who.name)
    .bind(&who.email)
    .bind(&who.plan)
    .bind(&who.support_tier)
    .bind(&who.locale)
    .bind(t.department.as_str())
    .bind(t.priority.as_str())
    .bind(&t.subject)
    .bind(key)
    .bind(&hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if inserted.is_none() {
        tx.rollback().await?;
        let existing: Option<(String, String)> = sqlx::query_as(
            "SELECT id, request_hash FROM tickets \
             WHERE tenant_id = ? AND account_id = ? AND idempotency_key = ?",
        )
        .bind(&who.tenant_id)
        .bind(&who.account_id)
        .bind(key)
        .fetch_optional(&state.db.pool)
        .await?;
        return match existing {
            Some((id, stored)) if stored == hash => Ok(Opened::Replayed(id)),
            Some(_) => Ok(Opened::KeyReused),
            None => Err(AppError::Internal(
                "ticket vanished between statements".into(),
            )),
        };
    }
    let message_id = add_message(
        &mut tx,
        &who.tenant_id,
        &id,
        "customer",
        None,
        &t.message,
        None,
        None,
        now,
    )
    .await?;
    files::claim(
        &mut tx,
        &who.tenant_id,
        &Uploader::Customer(who.account_id.clone()),
        &t.attachments,
        &message_id,
    )
    .await?;
    let policy = settings.policy(who.support_tier.as_deref());
    sla::start(&mut tx, &id, &policy, t.priority, true, now).await?;
    bridge::enqueue(
        &mut tx,
        &who.tenant_id,
        &id,
        bridge::Event::Created {
            message_id: &message_id,
        },
    )
    .await?;
    notify::enqueue(
        &mut tx,
        notify::Event::Created,
        &id,
        &state.config.public_url,
    )
    .await?;
    tx.commit().await?;
    Ok(Opened::New(id))
}

/// Appends one entry to a thread; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn add_message(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    ticket_id: &str,
    kind: &str,
    agent_id: Option<&str>,
    body: &str,
    status: Option<TicketStatus>,
    key: Option<(&str, &str)>,
    now_ms: i64,
) -> Result<String, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO ticket_messages (id, ticket_id, tenant_id, kind, agent_id, body, status, \
         idempotency_key, request_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(ticket_id)
    .bind(tenant_id)
    .bind(kind)
    .bind(agent_id)
    .bind(body)
    .bind(status.map(TicketStatus::as_str))
    .bind(key.map(|k| k.0))
    .bind(key.map(|k| k.1))
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Moves a ticket to `status` at `now_ms`, notes the change in its thread and tells the
/// tenant's bridge.
pub async fn set_status(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    ticket_id: &str,
    status: TicketStatus,
    agent_id: Option<&str>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    set_status_quietly(conn, tenant_id, ticket_id, status, agent_id, now_ms).await?;
    bridge::enqueue(conn, tenant_id, ticket_id, bridge::Event::Status(status)).await
}

/// [`set_status`] without telling the bridge: for changes the bridge itself reported.
pub async fn set_status_quietly(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    ticket_id: &str,
    status: TicketStatus,
    agent_id: Option<&str>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let (resolved, closed) = match status {
        TicketStatus::Resolved => (Some(now_ms), None),
        TicketStatus::Closed => (None, Some(now_ms)),
        _ => (None, None),
    };
    sqlx::query(
        "UPDATE tickets SET status = ?2, updated_at = ?3, \
         resolved_at = CASE WHEN ?4 IS NOT NULL THEN ?4 WHEN ?2 IN ('resolved', 'closed') \
         THEN resolved_at ELSE NULL END, \
         closed_at = CASE WHEN ?5 IS NOT NULL THEN ?5 WHEN ?2 = 'closed' THEN closed_at \
         ELSE NULL END WHERE id = ?1",
    )
    .bind(ticket_id)
    .bind(status.as_str())
    .bind(now_ms)
    .bind(resolved)
    .bind(closed)
    .execute(&mut *conn)
    .await?;
    add_message(
        conn,
        tenant_id,
        ticket_id,
        "event",
        agent_id,
        "",
        Some(status),
        None,
        now_ms,
    )
    .await?;
    if status.is_finished() {
        sla::stop(conn, ticket_id).await?;
    }
    Ok(())
}

/// A status change someone asked for, with what its SLA clock needs.
pub struct StatusChange<'a> {
    pub tenant: &'a str,
    pub ticket: &'a str,
    pub new: TicketStatus,
    pub priority: panelcare_model::sla::Priority,
    pub support_tier: Option<&'a str>,
    pub agent_id: Option<&'a str>,
    pub now_ms: i64,
}

/// Moves a ticket to `c.new` with its SLA clock: running again when the ticket is back on
/// support's desk, stopped while it awaits the customer. `tell_bridge` is false only for a
/// change the bridge itself reported.
pub async fn change_status(
    state: &AppState,
    conn: &mut SqliteConnection,
    c: &StatusChange<'_>,
    tell_bridge: bool,
) -> Result<(), AppError> {
    if tell_bridge {
        set_status(conn, c.tenant, c.ticket, c.new, c.agent_id, c.now_ms).await?;
    } else {
        set_status_quietly(conn, c.tenant, c.ticket, c.new, c.agent_id, c.now_ms).await?;
    }
    if c.new.waits_for_support() {
        let s = settings::load(&state.db, c.tenant).await?;
        let first: bool =
            sqlx::query_scalar("SELECT first_response_at IS NULL FROM tickets WHERE id = ?")
                .bind(c.ticket)
                .fetch_one(&mut *conn)
                .await?;
        sla::start(
            conn,
            c.ticket,
            &s.policy(c.support_tier),
            c.priority,
            first,
            c.now_ms,
        )
        .await?;
    } else if c.new == TicketStatus::AwaitingCustomer {
        sla::stop(conn, c.ticket).await?;
    }
    Ok(())
}

/// The status, priority, tier and finish time of a ticket, if `who` owns it.
pub struct Owned {
    pub status: TicketStatus,
    pub priority: panelcare_model::sla::Priority,
    pub support_tier: Option<String>,
    /// When it was resolved or closed, whichever is later.
    pub finished_at: Option<i64>,
    pub rated: bool,
}

pub async fn owned(
    conn: &mut SqliteConnection,
    who: &Customer,
    ticket_id: &str,
) -> Result<Option<Owned>, AppError> {
    let row = sqlx::query(
        "SELECT status, priority, support_tier, MAX(COALESCE(resolved_at, 0), \
         COALESCE(closed_at, 0)) AS finished_at, rating IS NOT NULL AS rated FROM tickets \
         WHERE id = ? AND tenant_id = ? AND account_id = ?",
    )
    .bind(ticket_id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    let priority: String = row.try_get("priority")?;
    let finished: i64 = row.try_get("finished_at")?;
    Ok(Some(Owned {
        status: TicketStatus::parse(&status)
            .ok_or_else(|| AppError::Internal(format!("status {status:?}")))?,
        priority: panelcare_model::sla::Priority::parse(&priority)
            .ok_or_else(|| AppError::Internal(format!("priority {priority:?}")))?,
        support_tier: row.try_get("support_tier")?,
        finished_at: (finished > 0).then_some(finished),
        rated: row.try_get("rated")?,
    }))
}
