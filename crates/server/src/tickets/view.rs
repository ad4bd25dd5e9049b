//! Tickets as clients see them: the store's rows turned into the model's wire types, with
//! the SLA state at this moment, the reopen window, and each message's files at fresh
//! signed addresses.

use panelcare_model::{
    sla::SlaState,
    ticket::{
        Message, TicketSummary,
        console::{AgentRef, QueueItem, Workload},
    },
};

use super::store::{Summary, messages::Entry, queue};
use crate::{attachments, error::AppError, state::AppState, time};

/// A [`TicketSummary`] at `now_ms`, for a tenant whose customers may reopen for
/// `reopen_days`.
pub fn summary(s: Summary, now_ms: i64, reopen_days: u32) -> TicketSummary {
    let target = s.target_minutes.and_then(|t| u32::try_from(t).ok());
    // The deadline shows only while support owes an answer.
    let (due, target) = if s.status.waits_for_support() {
        (s.due_at, target)
    } else {
        (None, None)
    };
    let finished_at = s.resolved_at.into_iter().chain(s.closed_at).max();
    let reopen_until = finished_at
        .filter(|_| s.status.is_finished())
        .map(|at| at + i64::from(reopen_days) * 86_400_000);
    TicketSummary {
        id: s.id,
        number: s.number,
        subject: s.subject,
        department: s.department,
        priority: s.priority,
        status: s.status,
        created_at: time::rfc3339(s.created_at),
        updated_at: time::rfc3339(s.updated_at),
        due_at: due.map(time::rfc3339),
        target_minutes: target,
        sla_state: due.zip(target).map(|(d, t)| SlaState::at(now_ms, d, t)),
        rating: s.rating.map(|r| r as u8),
        reopen_until: reopen_until.map(time::rfc3339),
    }
}

/// A queue item at `now_ms`.
pub fn queue_item(i: queue::Item, now_ms: i64, reopen_days: u32) -> QueueItem {
    QueueItem {
        ticket: summary(i.summary, now_ms, reopen_days),
        tenant_id: i.tenant_id,
        tenant_name: i.tenant_name,
        account_id: i.account_id,
        account_name: i.account_name,
        account_email: i.account_email,
        account_plan: i.account_plan,
        support_tier: i.support_tier,
        assignee: i.assignee.map(|(id, name)| AgentRef { id, name }),
        merged_into: i.merged_into,
        rating_comment: i.rating_comment,
        external_ref: i.external_ref,
    }
}

pub fn workload(l: queue::Load) -> Workload {
    Workload {
        agent: l.agent.map(|(id, name)| AgentRef { id, name }),
        tenant_id: l.tenant_id,
        open: l.open,
        due_soon: l.due_soon,
        breached: l.breached,
    }
}

/// Thread entries with their files.
pub async fn messages(state: &AppState, entries: Vec<Entry>) -> Result<Vec<Message>, AppError> {
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let mut files = attachments::for_messages(state, &ids).await?;
    Ok(entries
        .into_iter()
        .map(|e| Message {
            attachments: files.remove(&e.id).unwrap_or_default(),
            kind: e.kind,
            author: e.author,
            body: e.body,
            status: e.status,
            created_at: time::rfc3339(e.created_at),
            id: e.id,
        })
        .collect())
}
