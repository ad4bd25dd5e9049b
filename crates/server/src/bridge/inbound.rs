//! The helpdesk's side coming back: a reply written there (by support staff, or by the
//! customer in the helpdesk's own client area) and status changes made there. Both are
//! signed host calls ([`crate::host_call`]) and neither is sent back over the bridge.

use axum::{
    Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};
use panelcare_model::{
    ErrorCode, FieldError,
    bridge::{BridgeAnswer, BridgeAuthor, BridgedReply, BridgedStatus},
    error::FieldErrorCode,
    sla::Priority,
    ticket::TicketStatus,
};
use sqlx::{Row as _, SqliteConnection};

use crate::{
    error::{AppError, AppResult},
    host_call, notify,
    state::AppState,
    tickets::{
        sla,
        store::{self, StatusChange},
    },
    time,
};

/// The ticket as the bridge may change it.
struct Bridged {
    status: TicketStatus,
    priority: Priority,
    support_tier: Option<String>,
}

/// Ticket `id` of `tenant`, when the tenant bridges; 404 for any other tenant's ticket.
async fn bridged(conn: &mut SqliteConnection, tenant: &str, id: &str) -> AppResult<Bridged> {
    if super::settings::load_in(&mut *conn, tenant)
        .await?
        .is_none()
    {
        return Err(AppError::client(
            ErrorCode::NotFound,
            "This tenant has no ticket bridge. Set one up in the console first.",
        ));
    }
    let row = sqlx::query(
        "SELECT status, priority, support_tier FROM tickets WHERE id = ? AND tenant_id = ?",
    )
    .bind(id)
    .bind(tenant)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(AppError::not_found)?;
    let status: String = row.try_get("status")?;
    let priority: String = row.try_get("priority")?;
    Ok(Bridged {
        status: TicketStatus::parse(&status)
            .ok_or_else(|| AppError::Internal(format!("status {status:?}")))?,
        priority: Priority::parse(&priority)
            .ok_or_else(|| AppError::Internal(format!("priority {priority:?}")))?,
        support_tier: row.try_get("support_tier")?,
    })
}

/// `POST /api/v1/bridge/tickets/{id}/replies`: 201 when stored, 200 when this
/// `external_id` was stored before (nothing is stored twice).
pub async fn reply(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<(StatusCode, Json<BridgeAnswer>)> {
    let tenant = host_call::verify(&state, "reply", &headers, &body).await?;
    let r: BridgedReply = host_call::parse(&tenant, &body)?;
    let text = r.validate().map_err(AppError::validation)?;
    // '/' is not allowed in a customer's Idempotency-Key, so no customer can take this key.
    let key = format!("bridge/{}", r.external_id.trim());
    let hash = store::request_hash(&[&text]);
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let t = bridged(&mut tx, &tenant, &id).await?;
    let earlier: Option<String> = sqlx::query_scalar(
        "SELECT request_hash FROM ticket_messages WHERE ticket_id = ? AND idempotency_key = ?",
    )
    .bind(&id)
    .bind(&key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(earlier) = earlier {
        if earlier != hash {
            return Err(AppError::client(
                ErrorCode::IdempotencyKeyReused,
                "A different reply was stored under this external_id.",
            ));
        }
        return Ok((
            StatusCode::OK,
            Json(BridgeAnswer {
                recorded: false,
                status: t.status,
            }),
        ));
    }
    let (kind, author) = match r.from {
        BridgeAuthor::Support => {
            let name = r.author.trim();
            (
                "agent",
                Some(if name.is_empty() { "Support" } else { name }),
            )
        }
        BridgeAuthor::Customer => ("customer", None),
    };
    let message_id = store::add_message(
        &mut tx,
        &tenant,
        &id,
        kind,
        None,
        &text,
        None,
        Some((&key, &hash)),
        now,
    )
    .await?;
    sqlx::query("UPDATE ticket_messages SET author_name = ? WHERE id = ?")
        .bind(author)
        .bind(&message_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE tickets SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    // The helpdesk moved its own ticket already; ours follows without echoing it back.
    let next = match r.from {
        BridgeAuthor::Support => {
            sla::answered(&mut tx, &id, None, now).await?;
            TicketStatus::AwaitingCustomer
        }
        BridgeAuthor::Customer => {
            notify::enqueue(
                &mut tx,
                notify::Event::CustomerReply,
                &id,
                &state.config.public_url,
            )
            .await?;
            TicketStatus::AwaitingSupport
        }
    };
    // A customer writing on a ticket that already waits for support keeps its clock.
    if next != t.status {
        let change = StatusChange {
            tenant: &tenant,
            ticket: &id,
            new: next,
            priority: t.priority,
            support_tier: t.support_tier.as_deref(),
            agent_id: None,
            now_ms: now,
        };
        store::change_status(&state, &mut tx, &change, false).await?;
    }
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(BridgeAnswer {
            recorded: true,
            status: next,
        }),
    ))
}

/// `POST /api/v1/bridge/tickets/{id}/status`: the ticket moves there (SLA clock included);
/// the same status again changes nothing.
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<BridgeAnswer>> {
    let tenant = host_call::verify(&state, "status change", &headers, &body).await?;
    let s: BridgedStatus = host_call::parse(&tenant, &body)?;
    let new = TicketStatus::parse(s.status.trim()).ok_or_else(|| {
        AppError::validation(vec![FieldError::new(
            "status",
            FieldErrorCode::UnknownValue,
            "Status is one of open, awaiting_support, awaiting_customer, resolved, closed.",
        )])
    })?;
    let mut tx = state.db.write().await?;
    let t = bridged(&mut tx, &tenant, &id).await?;
    if new == t.status {
        return Ok(Json(BridgeAnswer {
            recorded: false,
            status: new,
        }));
    }
    let change = StatusChange {
        tenant: &tenant,
        ticket: &id,
        new,
        priority: t.priority,
        support_tier: t.support_tier.as_deref(),
        agent_id: None,
        now_ms: time::now_ms(),
    };
    store::change_status(&state, &mut tx, &change, false).await?;
    tx.commit().await?;
    Ok(Json(BridgeAnswer {
        recorded: true,
        status: new,
    }))
}
