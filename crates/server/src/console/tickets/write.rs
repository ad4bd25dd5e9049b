//! Agents changing tickets: writing (answer, progress update, internal note), status,
//! assignment, priority, merging a duplicate, and uploading files to answer with.

use std::collections::HashMap;

use axum::{
    Json,
    body::Body,
    extract::{Path, Query, State},
    http::StatusCode,
};
use panelcare_model::{
    ErrorCode, FieldError,
    console::StatusChange,
    error::FieldErrorCode,
    sla::Priority,
    ticket::{
        Attachment, BODY_MAX_CHARS, TicketStatus,
        console::{AgentThread, AgentWrite, Assign, Merge, NewAgentMessage, PriorityChange},
    },
};
use sqlx::Row as _;

use super::{queue, thread};
use crate::{
    attachments::store::{self as files, Uploader},
    audit, bridge,
    console::{
        scope::{Scope, require_admin_of},
        session::SignedIn,
    },
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    tickets::{settings, sla, store},
    time,
};

fn field(name: &str, code: FieldErrorCode, message: &str) -> AppError {
    AppError::validation(vec![FieldError::new(name, code, message)])
}

/// The ticket's tenant and state, if it is in the agent's scope.
async fn in_scope(
    state: &AppState,
    who: &SignedIn,
    id: &str,
) -> AppResult<(String, TicketStatus, Priority, Option<String>)> {
    let item = queue::one(state, &Scope::of(&who.agent), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((
        item.tenant_id,
        item.ticket.status,
        item.ticket.priority,
        item.support_tier,
    ))
}

pub async fn message(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewAgentMessage>,
) -> AppResult<(StatusCode, Json<AgentThread>)> {
    let (tenant, status, _, _) = in_scope(&state, &who, &id).await?;
    let text = body.message.trim();
    let chars = text.chars().count();
    if chars == 0 {
        return Err(field(
            "message",
            FieldErrorCode::Required,
            "Write something first.",
        ));
    }
    if chars > BODY_MAX_CHARS {
        return Err(field(
            "message",
            FieldErrorCode::TooLong,
            &format!("At most {BODY_MAX_CHARS} characters."),
        ));
    }
    let next = match (body.kind, body.status.as_deref().filter(|s| !s.is_empty())) {
        (AgentWrite::Reply, None) => Some(TicketStatus::AwaitingCustomer),
        (AgentWrite::Reply, Some(s)) => Some(
            TicketStatus::parse(s)
                .filter(|s| !matches!(s, TicketStatus::Open | TicketStatus::AwaitingSupport))
                .ok_or_else(|| {
                    field(
                        "status",
                        FieldErrorCode::UnknownValue,
                        "After an answer the ticket awaits the customer, is resolved or closed.",
                    )
                })?,
        ),
        (_, None) => None,
        (_, Some(_)) => {
            return Err(field(
                "status",
                FieldErrorCode::InvalidType,
                "Only an answer changes the status.",
            ));
        }
    };
    if status == TicketStatus::Closed && body.kind != AgentWrite::Note {
        return Err(AppError::client(
            ErrorCode::TicketClosed,
            "This ticket is closed. Reopen it (set a status) before answering.",
        ));
    }
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let kind = match body.kind {
        AgentWrite::Reply => "agent",
        AgentWrite::Progress => "progress",
        AgentWrite::Note => "note",
    };
    let message_id = store::add_message(
        &mut tx,
        &tenant,
        &id,
        kind,
        Some(&who.agent.id),
        text,
        None,
        None,
        now,
    )
    .await?;
    files::claim(
        &mut tx,
        &tenant,
        &Uploader::Agent(who.agent.id.clone()),
        &body.attachments,
        &message_id,
    )
    .await?;
    if body.kind != AgentWrite::Note {
        bridge::enqueue(
            &mut tx,
            &tenant,
            &id,
            bridge::Event::AgentReply {
                message_id: &message_id,
            },
        )
        .await?;
        // Whatever the customer sees from support counts as an answer.
        sla::answered(&mut tx, &id, Some(&who.agent.id), now).await?;
        sqlx::query("UPDATE tickets SET updated_at = ? WHERE id = ?")
            .bind(now)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(next) = next.filter(|n| *n != status) {
        store::set_status(&mut tx, &tenant, &id, next, Some(&who.agent.id), now).await?;
    }
    tx.commit().await?;
    if body.kind == AgentWrite::Reply {
        audit::record(&state.db, &tenant, &who.agent.id, "ticket.answer", &id, "").await?;
    }
    Ok((StatusCode::CREATED, Json(thread(&state, &who, &id).await?)))
}

pub async fn status(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StatusChange>,
) -> AppResult<Json<AgentThread>> {
    let (tenant, old, priority, tier) = in_scope(&state, &who, &id).await?;
    let new = TicketStatus::parse(&body.status).ok_or_else(|| {
        field(
            "status",
            FieldErrorCode::UnknownValue,
            "Status is one of open, awaiting_support, awaiting_customer, resolved, closed.",
        )
    })?;
    if new != old {
        let now = time::now_ms();
        let mut tx = state.db.write().await?;
        let change = store::StatusChange {
            tenant: &tenant,
            ticket: &id,
            new,
            priority,
            support_tier: tier.as_deref(),
            agent_id: Some(&who.agent.id),
            now_ms: now,
        };
        store::change_status(&state, &mut tx, &change, true).await?;
        tx.commit().await?;
        let detail = format!("{} → {}", old.as_str(), new.as_str());
        audit::record(
            &state.db,
            &tenant,
            &who.agent.id,
            "ticket.status",
            &id,
            &detail,
        )
        .await?;
    }
    Ok(Json(thread(&state, &who, &id).await?))
}

pub async fn assign(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Assign>,
) -> AppResult<Json<AgentThread>> {
    let (tenant, ..) = in_scope(&state, &who, &id).await?;
    if let Some(agent) = &body.agent_id {
        // The ticket's own people, or a provider admin above its reseller.
        let ok: Option<String> = sqlx::query_scalar(
            "SELECT a.id FROM agents a JOIN tenants t ON t.id = ?2 WHERE a.id = ?1 \
             AND a.removed_at IS NULL AND (a.tenant_id = t.id \
             OR (a.role = 'provider_admin' AND a.tenant_id = t.parent_id))",
        )
        .bind(agent)
        .bind(&tenant)
        .fetch_optional(&state.db.pool)
        .await?;
        if ok.is_none() {
            return Err(field(
                "agent_id",
                FieldErrorCode::UnknownValue,
                "No one by that id works on this tenant's tickets.",
            ));
        }
    }
    sqlx::query("UPDATE tickets SET assignee_id = ? WHERE id = ?")
        .bind(&body.agent_id)
        .bind(&id)
        .execute(&state.db.pool)
        .await?;
    let detail = body.agent_id.clone().unwrap_or_else(|| "nobody".into());
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "ticket.assign",
        &id,
        &detail,
    )
    .await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

pub async fn priority(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PriorityChange>,
) -> AppResult<Json<AgentThread>> {
    let (tenant, _, old, tier) = in_scope(&state, &who, &id).await?;
    let new = Priority::parse(&body.priority).ok_or_else(|| {
        field(
            "priority",
            FieldErrorCode::UnknownValue,
            "Priority is one of low, normal, high, critical.",
        )
    })?;
    if new != old {
        let s = settings::load(&state.db, &tenant).await?;
        let policy = s.policy(tier.as_deref());
        let mut tx = state.db.write().await?;
        // An answer already owed is re-timed from when it started, under the new priority.
        let owed = sqlx::query(
            "SELECT due_from, due_first FROM tickets WHERE id = ? AND due_at IS NOT NULL",
        )
        .bind(&id)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query("UPDATE tickets SET priority = ? WHERE id = ?")
            .bind(new.as_str())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        if let Some(owed) = owed {
            let from: i64 = owed.try_get("due_from")?;
            let first: bool = owed.try_get("due_first")?;
            sla::stop(&mut tx, &id).await?;
            sla::start(&mut tx, &id, &policy, new, first, from).await?;
        }
        tx.commit().await?;
        let detail = format!("{} → {}", old.as_str(), new.as_str());
        audit::record(
            &state.db,
            &tenant,
            &who.agent.id,
            "ticket.priority",
            &id,
            &detail,
        )
        .await?;
    }
    Ok(Json(thread(&state, &who, &id).await?))
}

/// Closes this ticket as a duplicate of `into` (same tenant and customer), telling the
/// customer where the conversation goes on.
pub async fn merge(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Merge>,
) -> AppResult<Json<AgentThread>> {
    let scope = Scope::of(&who.agent);
    let from = queue::one(&state, &scope, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let into = queue::one(&state, &scope, &body.into).await?;
    let into = into
        .filter(|t| {
            t.tenant_id == from.tenant_id && t.account_id == from.account_id && t.ticket.id != id
        })
        .ok_or_else(|| {
            field(
                "into",
                FieldErrorCode::UnknownValue,
                "Merge into another ticket of the same customer.",
            )
        })?;
    if from.merged_into.is_some() {
        return Err(AppError::client(
            ErrorCode::TicketClosed,
            "This ticket is merged already.",
        ));
    }
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let pointer = store::add_message(
        &mut tx,
        &from.tenant_id,
        &id,
        "progress",
        Some(&who.agent.id),
        &format!("This request continues in ticket #{}.", into.ticket.number),
        None,
        None,
        now,
    )
    .await?;
    store::add_message(
        &mut tx,
        &from.tenant_id,
        &into.ticket.id,
        "note",
        Some(&who.agent.id),
        &format!(
            "Ticket #{} (“{}”) was merged into this one.",
            from.ticket.number, from.ticket.subject
        ),
        None,
        None,
        now,
    )
    .await?;
    bridge::enqueue(
        &mut tx,
        &from.tenant_id,
        &id,
        bridge::Event::AgentReply {
            message_id: &pointer,
        },
    )
    .await?;
    sqlx::query("UPDATE tickets SET merged_into = ? WHERE id = ?")
        .bind(&into.ticket.id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    store::set_status(
        &mut tx,
        &from.tenant_id,
        &id,
        TicketStatus::Closed,
        Some(&who.agent.id),
        now,
    )
    .await?;
    tx.commit().await?;
    audit::record(
        &state.db,
        &from.tenant_id,
        &who.agent.id,
        "ticket.merge",
        &id,
        &into.ticket.id,
    )
    .await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

/// `POST /console/api/attachments?tenant=…&name=…`: a file an agent attaches to an answer.
pub async fn upload(
    State(state): State<AppState>,
    who: SignedIn,
    Query(query): Query<HashMap<String, String>>,
    body: Body,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    let tenant = query
        .get("tenant")
        .cloned()
        .unwrap_or_else(|| who.agent.tenant_id.clone());
    // Agents upload for their own tenant; admins for the tenants they administer.
    if tenant != who.agent.tenant_id {
        require_admin_of(&state.db, &who.agent, &tenant).await?;
    }
    let s = settings::load(&state.db, &tenant).await?;
    let bytes = crate::attachments::read_body(body, s.attachment_max_bytes).await?;
    let name = query.get("name").map(String::as_str).unwrap_or_default();
    let saved = files::save(
        &state,
        &tenant,
        &Uploader::Agent(who.agent.id.clone()),
        name,
        &bytes,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}
