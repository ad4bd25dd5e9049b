//! What agents do to tickets in the console: write (an answer or a progress update the
//! customer sees, or an internal note), change status, assignment and priority, and merge a
//! duplicate into another ticket of the same customer. The console handlers check scope and
//! input first; here the change is made whole.

use panelcare_model::{
    sla::Priority,
    ticket::{MessageKind, TicketStatus},
};

use super::{By, Ticket, announce, answered, append, move_to, start_clock_at};
use crate::{
    attachments::{self, Uploader},
    error::AppError,
    events::TicketEvent,
    state::AppState,
    tickets::store::{self, settings, sla as clock},
    time,
};

/// An entry an agent writes.
#[derive(Debug)]
pub struct Writing<'a> {
    /// `Agent` (an answer), `Progress` or `Note`.
    pub kind: MessageKind,
    pub text: &'a str,
    pub attachments: &'a [String],
    /// The ticket's status now, and the one an answer moves it to.
    pub status: TicketStatus,
    pub next: Option<TicketStatus>,
}

/// Writes an entry. Whatever the customer sees from support counts as an answer: it stops
/// the clock and records whether it was in time.
pub async fn write(
    state: &AppState,
    t: &Ticket<'_>,
    agent_id: &str,
    w: &Writing<'_>,
) -> Result<(), AppError> {
    let now = time::now_ms();
    let by = By::Agent(agent_id);
    let mut tx = state.db.write().await?;
    let message_id = append(&mut tx, t, w.kind, by, w.text, now).await?;
    let uploader = Uploader::Agent(agent_id.to_owned());
    attachments::store::claim(&mut tx, t.tenant_id, &uploader, w.attachments, &message_id).await?;
    if w.kind != MessageKind::Note {
        let event = TicketEvent::AgentReply {
            message_id: &message_id,
        };
        announce(state, &mut tx, t, event, by).await?;
        answered(&mut tx, t, by, now).await?;
        store::tickets::touch(&mut tx, t.id, now).await?;
    }
    if let Some(next) = w.next.filter(|n| *n != w.status) {
        move_to(state, &mut tx, t, next, by, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves the ticket to `new`, with its clock.
pub async fn set_status(
    state: &AppState,
    t: &Ticket<'_>,
    agent_id: &str,
    new: TicketStatus,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    move_to(state, &mut tx, t, new, By::Agent(agent_id), time::now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives the ticket to `agent_id` (checked by the caller), or to nobody.
pub async fn assign(
    state: &AppState,
    ticket_id: &str,
    agent_id: Option<&str>,
) -> Result<(), AppError> {
    store::tickets::set_assignee(&state.db, ticket_id, agent_id).await?;
    Ok(())
}

/// Changes the priority; an answer already owed is re-timed from when it started, under
/// the new priority.
pub async fn set_priority(state: &AppState, t: &Ticket<'_>, new: Priority) -> Result<(), AppError> {
    let policy = settings::load(&state.db, t.tenant_id)
        .await?
        .policy(t.support_tier);
    let mut tx = state.db.write().await?;
    let owed = clock::owed(&mut tx, t.id).await?;
    store::tickets::set_priority(&mut tx, t.id, new).await?;
    if let Some((from, first)) = owed {
        clock::stop(&mut tx, t.id).await?;
        start_clock_at(&mut tx, t.id, &policy, new, first, from).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A ticket merged away or into.
#[derive(Debug)]
pub struct Merged<'a> {
    pub ticket: Ticket<'a>,
    pub number: i64,
    pub subject: &'a str,
}

/// Closes `from` as a duplicate of `into` (the same customer's, checked by the caller),
/// telling the customer where the conversation goes on and noting it on `into`.
pub async fn merge(
    state: &AppState,
    agent_id: &str,
    from: &Merged<'_>,
    into: &Merged<'_>,
) -> Result<(), AppError> {
    let now = time::now_ms();
    let by = By::Agent(agent_id);
    let mut tx = state.db.write().await?;
    let text = format!("This request continues in ticket #{}.", into.number);
    let pointer = append(&mut tx, &from.ticket, MessageKind::Progress, by, &text, now).await?;
    let note = format!(
        "Ticket #{} (“{}”) was merged into this one.",
        from.number, from.subject
    );
    append(&mut tx, &into.ticket, MessageKind::Note, by, &note, now).await?;
    let event = TicketEvent::AgentReply {
        message_id: &pointer,
    };
    announce(state, &mut tx, &from.ticket, event, by).await?;
    store::tickets::set_merged_into(&mut tx, from.ticket.id, into.ticket.id).await?;
    move_to(state, &mut tx, &from.ticket, TicketStatus::Closed, by, now).await?;
    tx.commit().await?;
    Ok(())
}
