//! The ticket lifecycle: every change to a ticket goes through here, from the widget
//! ([`customer`]), the console ([`agent`]), the helpdesk over the bridge ([`helpdesk`]) and
//! the SLA warning job ([`warn_due_soon`]).
//!
//! A change runs in one transaction with everything it implies: the thread entry, the status
//! and its timestamps, the SLA clock (started when support owes an answer, stopped with its
//! outcome when an answer the customer sees goes out, restarted when the ticket is back on
//! support's desk), and the [`TicketEvent`]s the listeners (notifications, the bridge) turn
//! into outbox rows. Nothing else changes a ticket (the demo's seeds write finished history
//! whole, through `store::import`).

pub mod agent;
pub mod customer;
pub mod helpdesk;

use panelcare_model::{
    sla::{self, Priority},
    ticket::{MessageKind, TicketStatus},
};
use sha2::{Digest, Sha256};

use super::store::{self, messages::NewEntry, settings, sla as clock};
use crate::{
    db::Conn,
    error::AppError,
    events::{Happened, Source, TicketEvent},
    state::AppState,
    time,
};

/// A hash of what was sent, after validation: the same idempotency key with other content is
/// refused, the same content replays the first answer.
pub fn request_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Who makes a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By<'a> {
    Customer,
    Agent(&'a str),
    /// Someone in the tenant's helpdesk, over the bridge.
    Helpdesk,
}

impl By<'_> {
    fn agent_id(self) -> Option<String> {
        match self {
            Self::Agent(id) => Some(id.to_owned()),
            _ => None,
        }
    }

    fn source(self) -> Source {
        match self {
            Self::Helpdesk => Source::Helpdesk,
            _ => Source::Panelcare,
        }
    }
}

/// The ticket a change is about, as its clock needs it.
#[derive(Debug, Clone, Copy)]
pub struct Ticket<'a> {
    pub tenant_id: &'a str,
    pub id: &'a str,
    pub priority: Priority,
    pub support_tier: Option<&'a str>,
}

/// Tells the listeners, inside the change's transaction.
async fn announce(
    state: &AppState,
    conn: &mut Conn,
    t: &Ticket<'_>,
    event: TicketEvent<'_>,
    by: By<'_>,
) -> Result<(), sqlx::Error> {
    let what = Happened {
        tenant_id: t.tenant_id,
        ticket_id: t.id,
        event,
        source: by.source(),
    };
    state.listeners.tell(conn, what).await
}

/// Appends an entry of `kind` to the thread; returns its id.
async fn append(
    conn: &mut Conn,
    t: &Ticket<'_>,
    kind: MessageKind,
    by: By<'_>,
    body: &str,
    now_ms: i64,
) -> Result<String, sqlx::Error> {
    let agent = by.agent_id();
    store::messages::add(
        conn,
        &NewEntry {
            tenant_id: t.tenant_id,
            ticket_id: t.id,
            kind,
            agent_id: agent.as_deref(),
            author_name: None,
            body,
            status: None,
            key: None,
            now_ms,
        },
    )
    .await
}

/// Support owes an answer from `now_ms` on, under the tenant's policy for the ticket's tier:
/// the first one if support has not answered yet. An answer already owed keeps its deadline.
async fn start_clock(conn: &mut Conn, t: &Ticket<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    let policy = settings::load_in(conn, t.tenant_id)
        .await?
        .policy(t.support_tier);
    let first = store::tickets::first_answer_pending(conn, t.id).await?;
    start_clock_at(conn, t.id, &policy, t.priority, first, now_ms).await
}

/// Starts the clock for an answer owed from `from_ms`.
async fn start_clock_at(
    conn: &mut Conn,
    ticket_id: &str,
    policy: &sla::SlaPolicy,
    priority: Priority,
    first: bool,
    from_ms: i64,
) -> Result<(), sqlx::Error> {
    let targets = if first {
        &policy.first_response
    } else {
        &policy.next_response
    };
    let due = sla::due_at(policy, priority, first, from_ms);
    let target = i64::from(targets.of(priority));
    clock::start(conn, ticket_id, from_ms, due, first, target).await
}

/// Moves the ticket to `new` at `now_ms`: the status and its timestamps, an entry in the
/// thread, the listeners told, and the clock: running again when the ticket is back on
/// support's desk, stopped while it awaits the customer or once it is finished.
async fn move_to(
    state: &AppState,
    conn: &mut Conn,
    t: &Ticket<'_>,
    new: TicketStatus,
    by: By<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    store::tickets::set_status(conn, t.id, new, now_ms).await?;
    let agent = by.agent_id();
    store::messages::add(
        conn,
        &NewEntry {
            tenant_id: t.tenant_id,
            ticket_id: t.id,
            kind: MessageKind::Event,
            agent_id: agent.as_deref(),
            author_name: None,
            body: "",
            status: Some(new),
            key: None,
            now_ms,
        },
    )
    .await?;
    if new.is_finished() || new == TicketStatus::AwaitingCustomer {
        clock::stop(conn, t.id).await?;
    }
    announce(state, conn, t, TicketEvent::Status(new), by).await?;
    if new.waits_for_support() {
        start_clock(conn, t, now_ms).await?;
    }
    Ok(())
}

/// An answer the customer sees went out: recorded against the deadline owed, which stops
/// the clock.
async fn answered(
    conn: &mut Conn,
    t: &Ticket<'_>,
    by: By<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let agent = by.agent_id();
    clock::answered(conn, t.id, agent.as_deref(), now_ms).await
}

/// The helpdesk's reference for a ticket, from its answer to a delivery (inside the
/// delivery's own transaction, so the reference and "delivered" are recorded together).
pub async fn record_external_ref(
    conn: &mut Conn,
    ticket_id: &str,
    reference: &str,
) -> Result<(), sqlx::Error> {
    store::tickets::set_external_ref(conn, ticket_id, reference).await
}

/// Warns agents once per deadline when an answer owed is in its last quarter, or late;
/// returns how many tickets were looked at.
pub async fn warn_due_soon(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = time::now_ms();
    let due = clock::unwarned_due_soon(&state.db, now).await?;
    for (id, tenant_id, due_at) in &due {
        let mut tx = state.db.write().await?;
        // Marked in the same transaction as the warning is queued: sent once, never lost.
        if clock::claim_warning(&mut tx, id, *due_at).await? {
            let what = Happened {
                tenant_id,
                ticket_id: id,
                event: TicketEvent::SlaDueSoon,
                source: Source::Panelcare,
            };
            state.listeners.tell(&mut tx, what).await?;
        }
        tx.commit().await?;
    }
    Ok(due.len())
}

fn key_reused() -> AppError {
    AppError::client(
        panelcare_model::ErrorCode::IdempotencyKeyReused,
        "This Idempotency-Key was already used for a different request.",
    )
}
