//! What a customer does to their own tickets: open one (exactly once per idempotency key),
//! reply, close, reopen within the tenant's window, and rate the help. Anyone else's ticket
//! is not found.

use panelcare_model::{
    ErrorCode,
    limits::LimitedAction,
    ticket::{MessageKind, TicketStatus, ValidReply, ValidTicket},
};

use super::{By, Ticket, announce, key_reused, move_to, request_hash, start_clock_at};
use crate::{
    attachments::{self, Uploader},
    auth::Customer,
    error::AppError,
    events::TicketEvent,
    limits,
    state::AppState,
    tickets::store::{self, messages::NewEntry, settings, tickets::Current},
    time,
};

/// What opening a ticket did.
#[derive(Debug)]
pub enum Opened {
    New(String),
    /// The same key and content were sent before: this is that ticket's id.
    Replayed(String),
    KeyReused,
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
    // Refused a moment ago: answered from memory, before the write lock (a retry of a stored
    // ticket sent meanwhile gets the 429 too, and its replay after the wait).
    if let Some(refusal) = limits::refused_here(state, who, LimitedAction::Ticket) {
        return Err(refusal);
    }
    let limits = limits::of_tenant(state, &who.tenant_id).await?;
    let mut tx = state.db.write().await?;
    let row = store::tickets::NewTicket {
        id: &id,
        tenant_id: &who.tenant_id,
        account_id: &who.account_id,
        account_name: who.name.as_deref(),
        account_email: who.email.as_deref(),
        account_plan: who.plan.as_deref(),
        support_tier: who.support_tier.as_deref(),
        locale: who.locale.as_deref(),
        department: t.department.as_str(),
        priority: t.priority.as_str(),
        subject: &t.subject,
        idempotency_key: key,
        request_hash: &hash,
        now_ms: now,
    };
    let inserted = store::tickets::insert(&mut tx, &row).await?;
    if inserted {
        // A new ticket (not a replay) is what the limit counts.
        limits::take_in(state, &mut tx, who, &limits, LimitedAction::Ticket).await?;
    } else {
        tx.rollback().await?;
        return match store::tickets::by_key(&state.db, &who.tenant_id, &who.account_id, key).await?
        {
            Some((id, stored)) if stored == hash => Ok(Opened::Replayed(id)),
            Some(_) => Ok(Opened::KeyReused),
            None => Err(AppError::Internal(
                "ticket vanished between statements".into(),
            )),
        };
    }
    let ticket = Ticket {
        tenant_id: &who.tenant_id,
        id: &id,
        priority: t.priority,
        support_tier: who.support_tier.as_deref(),
    };
    let message_id = written(&mut tx, &ticket, who, &t.message, &t.attachments, None, now).await?;
    let policy = settings.policy(who.support_tier.as_deref());
    start_clock_at(&mut tx, &id, &policy, t.priority, true, now).await?;
    let event = TicketEvent::Opened {
        message_id: &message_id,
    };
    announce(state, &mut tx, &ticket, event, By::Customer).await?;
    tx.commit().await?;
    Ok(Opened::New(id))
}

/// The customer's words and files in the thread; returns the entry's id.
async fn written(
    conn: &mut crate::db::Conn,
    t: &Ticket<'_>,
    who: &Customer,
    message: &str,
    files: &[String],
    key: Option<(&str, &str)>,
    now_ms: i64,
) -> Result<String, AppError> {
    let message_id = store::messages::add(
        conn,
        &NewEntry {
            tenant_id: t.tenant_id,
            ticket_id: t.id,
            kind: MessageKind::Customer,
            agent_id: None,
            author_name: None,
            body: message,
            status: None,
            key,
            now_ms,
        },
    )
    .await?;
    let uploader = Uploader::Customer(who.account_id.clone());
    attachments::store::claim(conn, t.tenant_id, &uploader, files, &message_id).await?;
    Ok(message_id)
}

/// What a reply did: stored now, or stored before under the same key (its id either way).
#[derive(Debug)]
pub enum Replied {
    New(String),
    Replayed(String),
}

/// Whether a finished ticket may still be written to or reopened by its customer.
fn within_window(finished_at: Option<i64>, reopen_days: u32, now: i64) -> bool {
    finished_at.is_none_or(|at| now <= at + i64::from(reopen_days) * 86_400_000)
}

fn reopen_expired() -> AppError {
    AppError::client(
        ErrorCode::ReopenExpired,
        "This ticket was finished too long ago to reopen. Please open a new one.",
    )
}

/// The customer's own ticket `id`, or not found.
async fn own(conn: &mut crate::db::Conn, who: &Customer, id: &str) -> Result<Current, AppError> {
    store::tickets::owned(conn, &who.tenant_id, &who.account_id, id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// The customer writes on their ticket; their word hands a ticket that awaits them (or was
/// resolved) back to support, whose clock for the next answer starts.
pub async fn reply(
    state: &AppState,
    who: &Customer,
    id: &str,
    key: &str,
    r: &ValidReply,
) -> Result<Replied, AppError> {
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let hash = request_hash(&[&r.message, &r.attachments.join(",")]);
    let now = time::now_ms();
    if let Some(refusal) = limits::refused_here(state, who, LimitedAction::Reply) {
        return Err(refusal);
    }
    let limits = limits::of_tenant(state, &who.tenant_id).await?;
    let mut tx = state.db.write().await?;
    let current = own(&mut tx, who, id).await?;
    if let Some((earlier, stored)) = store::messages::by_key(&mut tx, id, key).await? {
        if stored != hash {
            return Err(key_reused());
        }
        tx.rollback().await?;
        return Ok(Replied::Replayed(earlier));
    }
    limits::take_in(state, &mut tx, who, &limits, LimitedAction::Reply).await?;
    match current.status {
        TicketStatus::Closed => {
            return Err(AppError::client(
                ErrorCode::TicketClosed,
                "This ticket is closed. Reopen it to write more, or open a new one.",
            ));
        }
        TicketStatus::Resolved if !within_window(current.finished_at, s.reopen_days, now) => {
            return Err(reopen_expired());
        }
        _ => {}
    }
    let ticket = Ticket {
        tenant_id: &who.tenant_id,
        id,
        priority: current.priority,
        support_tier: current.support_tier.as_deref(),
    };
    let message_id = written(
        &mut tx,
        &ticket,
        who,
        &r.message,
        &r.attachments,
        Some((key, &hash)),
        now,
    )
    .await?;
    customer_wrote(
        state,
        &mut tx,
        &ticket,
        current.status,
        &message_id,
        By::Customer,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Replied::New(message_id))
}

/// After a customer's message (in the widget or the helpdesk's client area): the ticket is
/// support's again, its clock runs, and the listeners hear of the reply.
async fn customer_wrote(
    state: &AppState,
    conn: &mut crate::db::Conn,
    t: &Ticket<'_>,
    status: TicketStatus,
    message_id: &str,
    by: By<'_>,
    now_ms: i64,
) -> Result<(), AppError> {
    if status.waits_for_support() {
        store::tickets::touch(conn, t.id, now_ms).await?;
        // A customer writing twice does not push back the deadline of the answer owed.
        super::start_clock(conn, t, now_ms).await?;
    } else {
        move_to(state, conn, t, TicketStatus::AwaitingSupport, by, now_ms).await?;
    }
    let event = TicketEvent::CustomerReply { message_id };
    announce(state, conn, t, event, by).await?;
    Ok(())
}

/// Closes the customer's ticket; closing twice is the same as closing once.
pub async fn close(state: &AppState, who: &Customer, id: &str) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let current = own(&mut tx, who, id).await?;
    if current.status != TicketStatus::Closed {
        let ticket = Ticket {
            tenant_id: &who.tenant_id,
            id,
            priority: current.priority,
            support_tier: current.support_tier.as_deref(),
        };
        let now = time::now_ms();
        move_to(
            state,
            &mut tx,
            &ticket,
            TicketStatus::Closed,
            By::Customer,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Reopens a finished ticket within the tenant's window; an open one stays as it is.
pub async fn reopen(state: &AppState, who: &Customer, id: &str) -> Result<(), AppError> {
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let current = own(&mut tx, who, id).await?;
    if current.status.is_finished() {
        if !within_window(current.finished_at, s.reopen_days, now) {
            return Err(reopen_expired());
        }
        let ticket = Ticket {
            tenant_id: &who.tenant_id,
            id,
            priority: current.priority,
            support_tier: current.support_tier.as_deref(),
        };
        let next = TicketStatus::AwaitingSupport;
        move_to(state, &mut tx, &ticket, next, By::Customer, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Rates the help once support resolved the ticket; once only.
pub async fn rate(
    state: &AppState,
    who: &Customer,
    id: &str,
    rating: u8,
    comment: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let current = own(&mut tx, who, id).await?;
    if !current.status.is_finished() || current.rated {
        return Err(AppError::client(
            ErrorCode::NotRatable,
            if current.rated {
                "This ticket is rated already. Thank you!"
            } else {
                "A ticket can be rated once it is resolved."
            },
        ));
    }
    store::tickets::rate(&mut tx, id, rating, comment, time::now_ms()).await?;
    let ticket = Ticket {
        tenant_id: &who.tenant_id,
        id,
        priority: current.priority,
        support_tier: current.support_tier.as_deref(),
    };
    // A low rating alerts agents; the listeners decide, in this transaction.
    let rated = TicketEvent::Rated { rating, comment };
    announce(state, &mut tx, &ticket, rated, By::Customer).await?;
    tx.commit().await?;
    Ok(())
}
