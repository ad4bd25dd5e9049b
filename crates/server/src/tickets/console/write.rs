//! Agents changing tickets: writing (answer, progress update, internal note), status,
//! assignment, priority and merging a duplicate. Each handler checks scope and input, then
//! asks the ticket lifecycle to make the change; changes go to the audit log.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode, FieldError, clean,
    console::StatusChange,
    error::FieldErrorCode,
    sla::Priority,
    ticket::{
        BODY_MAX_CHARS, MessageKind, TicketStatus,
        console::{AgentThread, AgentWrite, Assign, Merge, NewAgentMessage, PriorityChange},
    },
};

use super::{one, thread};
use crate::{
    agents, audit,
    console::SignedIn,
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    tickets::lifecycle::{
        Ticket,
        agent::{self as lifecycle, Merged, Writing},
    },
};

fn field(name: &str, code: FieldErrorCode, message: &str) -> AppError {
    AppError::validation(vec![FieldError::new(name, code, message)])
}

/// A ticket in the agent's scope, as the lifecycle changes it.
struct InScope {
    tenant_id: String,
    status: TicketStatus,
    priority: Priority,
    support_tier: Option<String>,
}

impl InScope {
    fn ticket<'a>(&'a self, id: &'a str) -> Ticket<'a> {
        Ticket {
            tenant_id: &self.tenant_id,
            id,
            priority: self.priority,
            support_tier: self.support_tier.as_deref(),
        }
    }
}

/// The ticket's tenant and state, if it is in the agent's scope.
async fn in_scope(state: &AppState, who: &SignedIn, id: &str) -> AppResult<InScope> {
    let item = one(state, &who.scope(), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(InScope {
        tenant_id: item.tenant_id,
        status: item.ticket.status,
        priority: item.ticket.priority,
        support_tier: item.support_tier,
    })
}

/// The status an answer leaves the ticket in (awaiting the customer unless the agent picks
/// resolved or closed); other entries change no status.
fn next_status(kind: AgentWrite, asked: Option<&str>) -> AppResult<Option<TicketStatus>> {
    Ok(match (kind, asked.filter(|s| !s.is_empty())) {
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
    })
}

#[utoipa::path(
    post, path = "/tickets/{id}/messages", tag = "tickets",
    operation_id = "console_write_ticket_message",
    summary = "Answer, post a progress update or add an internal note",
    description = "An answer leaves the ticket `awaiting_customer` unless `status` says \
        `resolved` or `closed`; the other kinds take no `status`. A closed ticket takes only \
        notes (`409 ticket_closed`). `attachments` are ids from `POST /attachments`.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = NewAgentMessage,
    responses((status = 201, description = "Written: the ticket and its thread now",
        body = AgentThread), Refusals),
)]
pub async fn message(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewAgentMessage>,
) -> AppResult<(StatusCode, Json<AgentThread>)> {
    let t = in_scope(&state, &who, &id).await?;
    let cleaned =
        clean::text(&body.message).map_err(|e| AppError::validation(vec![e.on("message")]))?;
    let text = cleaned.trim();
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
    let next = next_status(body.kind, body.status.as_deref())?;
    if t.status == TicketStatus::Closed && body.kind != AgentWrite::Note {
        return Err(AppError::client(
            ErrorCode::TicketClosed,
            "This ticket is closed. Reopen it (set a status) before answering.",
        ));
    }
    let kind = match body.kind {
        AgentWrite::Reply => MessageKind::Agent,
        AgentWrite::Progress => MessageKind::Progress,
        AgentWrite::Note => MessageKind::Note,
    };
    let writing = Writing {
        kind,
        text,
        attachments: &body.attachments,
        status: t.status,
        next,
    };
    lifecycle::write(&state, &t.ticket(&id), &who.agent.id, &writing).await?;
    if body.kind == AgentWrite::Reply {
        audit::record(
            &state.db,
            &t.tenant_id,
            &who.agent.id,
            "ticket.answer",
            &id,
            "",
        )
        .await?;
    }
    Ok((StatusCode::CREATED, Json(thread(&state, &who, &id).await?)))
}

#[utoipa::path(
    post, path = "/tickets/{id}/status", tag = "tickets", operation_id = "console_set_ticket_status",
    summary = "Set the ticket's status",
    description = "`open`, `awaiting_support`, `awaiting_customer`, `resolved` or `closed`; the \
        same status again changes nothing.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = StatusChange,
    responses((status = 200, description = "The ticket and its thread now", body = AgentThread),
        Refusals),
)]
pub async fn status(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<StatusChange>,
) -> AppResult<Json<AgentThread>> {
    let t = in_scope(&state, &who, &id).await?;
    let new = TicketStatus::parse(&body.status).ok_or_else(|| {
        field(
            "status",
            FieldErrorCode::UnknownValue,
            "Status is one of open, awaiting_support, awaiting_customer, resolved, closed.",
        )
    })?;
    if new != t.status {
        lifecycle::set_status(&state, &t.ticket(&id), &who.agent.id, new).await?;
        let detail = format!("{} → {}", t.status.as_str(), new.as_str());
        audit::record(
            &state.db,
            &t.tenant_id,
            &who.agent.id,
            "ticket.status",
            &id,
            &detail,
        )
        .await?;
    }
    Ok(Json(thread(&state, &who, &id).await?))
}

#[utoipa::path(
    post, path = "/tickets/{id}/assign", tag = "tickets", operation_id = "console_assign_ticket",
    summary = "Give the ticket to someone, or to nobody (`agent_id: null`)",
    description = "`agent_id` is one of `GET /tickets/assignees` for the ticket's tenant.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = Assign,
    responses((status = 200, description = "The ticket and its thread now", body = AgentThread),
        Refusals),
)]
pub async fn assign(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<Assign>,
) -> AppResult<Json<AgentThread>> {
    let t = in_scope(&state, &who, &id).await?;
    if let Some(agent) = &body.agent_id
        && !agents::store::works_for(&state.db, agent, &t.tenant_id).await?
    {
        return Err(field(
            "agent_id",
            FieldErrorCode::UnknownValue,
            "No one by that id works on this tenant's tickets.",
        ));
    }
    lifecycle::assign(&state, &id, body.agent_id.as_deref()).await?;
    let detail = body.agent_id.clone().unwrap_or_else(|| "nobody".into());
    audit::record(
        &state.db,
        &t.tenant_id,
        &who.agent.id,
        "ticket.assign",
        &id,
        &detail,
    )
    .await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

#[utoipa::path(
    post, path = "/tickets/{id}/priority", tag = "tickets",
    operation_id = "console_set_ticket_priority",
    summary = "Set the ticket's priority",
    description = "`low`, `normal`, `high` or `critical`; the SLA deadlines follow.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = PriorityChange,
    responses((status = 200, description = "The ticket and its thread now", body = AgentThread),
        Refusals),
)]
pub async fn priority(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PriorityChange>,
) -> AppResult<Json<AgentThread>> {
    let t = in_scope(&state, &who, &id).await?;
    let new = Priority::parse(&body.priority).ok_or_else(|| {
        field(
            "priority",
            FieldErrorCode::UnknownValue,
            "Priority is one of low, normal, high, critical.",
        )
    })?;
    if new != t.priority {
        lifecycle::set_priority(&state, &t.ticket(&id), new).await?;
        let detail = format!("{} → {}", t.priority.as_str(), new.as_str());
        audit::record(
            &state.db,
            &t.tenant_id,
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
#[utoipa::path(
    post, path = "/tickets/{id}/merge", tag = "tickets", operation_id = "console_merge_ticket",
    summary = "Close this ticket as a duplicate of another of the same customer",
    description = "The customer is told where the conversation goes on. A ticket merged \
        already is refused (`409 ticket_closed`).",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = Merge,
    responses((status = 200, description = "This (now closed) ticket and its thread",
        body = AgentThread), Refusals),
)]
pub async fn merge(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<Merge>,
) -> AppResult<Json<AgentThread>> {
    let scope = who.scope();
    let from = one(&state, &scope, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let into = one(&state, &scope, &body.into).await?;
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
    let from_ticket = Merged {
        ticket: Ticket {
            tenant_id: &from.tenant_id,
            id: &id,
            priority: from.ticket.priority,
            support_tier: from.support_tier.as_deref(),
        },
        number: from.ticket.number,
        subject: &from.ticket.subject,
    };
    let into_ticket = Merged {
        ticket: Ticket {
            tenant_id: &into.tenant_id,
            id: &into.ticket.id,
            priority: into.ticket.priority,
            support_tier: into.support_tier.as_deref(),
        },
        number: into.ticket.number,
        subject: &into.ticket.subject,
    };
    lifecycle::merge(&state, &who.agent.id, &from_ticket, &into_ticket).await?;
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
