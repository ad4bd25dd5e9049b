//! The widget's ticket API. The caller is always a verified [`Customer`] and only ever
//! reaches its own tickets; anyone else's answer `404`, as if they did not exist.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
    http::{HeaderMap, HeaderValue, StatusCode},
};
use panelcare_model::{
    ErrorCode, FieldError,
    error::FieldErrorCode,
    ticket::{
        Message, NewRating, NewReply, NewTicket, TicketList, TicketOptions, TicketStatus,
        TicketThread,
    },
};
use serde::Deserialize;
use sqlx::Row as _;

use super::{
    settings, sla,
    store::{self, Opened},
    view,
};
use crate::{
    attachments::store::{self as files, Uploader},
    auth::Customer,
    bridge,
    error::{AppError, AppResult},
    extract::{ApiJson, IdempotencyKey},
    notify,
    state::AppState,
    time,
};

/// Tickets per page of the customer's list; older ones come with `?before=`.
pub const PAGE: i64 = 50;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    /// The `next` of the previous page: `<updated_at ms>.<number>` of its last ticket.
    before: Option<String>,
}

/// `<updated ms>.<number>`, the place in the list after which the next page starts.
fn cursor(updated_ms: i64, number: i64) -> String {
    format!("{updated_ms}.{number}")
}

fn parse_cursor(s: &str) -> Option<(i64, i64)> {
    let (updated, number) = s.split_once('.')?;
    Some((updated.parse().ok()?, number.parse().ok()?))
}

#[derive(Debug, Deserialize)]
pub struct OptionsQuery {
    /// The widget's language, for the upsell's price; the token's locale when absent.
    #[serde(default)]
    lang: Option<String>,
}

pub async fn options(
    State(state): State<AppState>,
    mut who: Customer,
    Query(q): Query<OptionsQuery>,
) -> AppResult<Json<TicketOptions>> {
    if q.lang.is_some() {
        who.locale = q.lang;
    }
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let policy = s.policy(who.support_tier.as_deref());
    Ok(Json(TicketOptions {
        departments: s.departments.clone(),
        first_response: policy.first_response,
        business_hours: policy.business_hours.is_some(),
        max_file_bytes: s.attachment_max_bytes,
        max_files: s.max_files(),
        reopen_days: s.reopen_days,
        // The offers' cached catalogue: every new-ticket form asks for these options.
        upsell: crate::offers::upsell::premium(
            &state.offers.get(&state.db, &who.tenant_id).await?.catalogue,
            &s,
            &who,
        ),
    }))
}

pub async fn list(
    State(state): State<AppState>,
    who: Customer,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> AppResult<Json<TicketList>> {
    let Query(query) = query.map_err(|e| {
        AppError::client(
            ErrorCode::InvalidBody,
            format!("The query string is not valid: {e}."),
        )
    })?;
    // Without a cursor the page starts at the newest ticket.
    let (updated, number) = match query.before.as_deref() {
        None => (i64::MAX, i64::MAX),
        Some(c) => parse_cursor(c).ok_or_else(|| {
            AppError::validation(vec![FieldError::new(
                "before",
                FieldErrorCode::UnknownValue,
                "This is not a place in the ticket list; use the `next` of a list answer.",
            )])
        })?,
    };
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let rows = sqlx::query(&format!(
        "SELECT {} FROM tickets t WHERE t.tenant_id = ?1 AND t.account_id = ?2 \
         AND (t.updated_at < ?3 OR (t.updated_at = ?3 AND t.number < ?4)) \
         ORDER BY t.updated_at DESC, t.number DESC LIMIT ?5",
        view::SUMMARY
    ))
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(updated)
    .bind(number)
    .bind(PAGE + 1)
    .fetch_all(&state.db.pool)
    .await?;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM tickets WHERE tenant_id = ? AND account_id = ?")
            .bind(&who.tenant_id)
            .bind(&who.account_id)
            .fetch_one(&state.db.pool)
            .await?;
    let page = &rows[..rows.len().min(PAGE as usize)];
    let next = match (rows.len() > page.len(), page.last()) {
        (true, Some(last)) => Some(cursor(last.try_get("updated_at")?, last.try_get("number")?)),
        _ => None,
    };
    let now = time::now_ms();
    let items = page
        .iter()
        .map(|r| view::summary(r, now, s.reopen_days))
        .collect::<Result<_, _>>()?;
    Ok(Json(TicketList { items, total, next }))
}

/// One of the caller's tickets with its thread.
async fn thread(state: &AppState, who: &Customer, id: &str) -> AppResult<TicketThread> {
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let row = sqlx::query(&format!(
        "SELECT {} FROM tickets t WHERE t.id = ? AND t.tenant_id = ? AND t.account_id = ?",
        view::SUMMARY
    ))
    .bind(id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(AppError::not_found)?;
    Ok(TicketThread {
        ticket: view::summary(&row, time::now_ms(), s.reopen_days)?,
        messages: view::customer_thread(state, id).await?,
    })
}

pub async fn get_one(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
) -> AppResult<Json<TicketThread>> {
    Ok(Json(thread(&state, &who, &id).await?))
}

fn replayed_headers(replayed: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    headers
}

pub async fn open(
    State(state): State<AppState>,
    who: Customer,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<NewTicket>,
) -> AppResult<(StatusCode, HeaderMap, Json<TicketThread>)> {
    let valid = body.validate().map_err(AppError::validation)?;
    let s = settings::load(&state.db, &who.tenant_id).await?;
    if !s.departments.contains(&valid.department) {
        return Err(AppError::validation(vec![FieldError::new(
            "department",
            FieldErrorCode::UnknownValue,
            "This support desk does not have that department.",
        )]));
    }
    let (id, replayed) = match store::open(&state, &who, &key, &valid).await? {
        Opened::New(id) => (id, false),
        Opened::Replayed(id) => (id, true),
        Opened::KeyReused => return Err(key_reused()),
    };
    Ok((
        StatusCode::CREATED,
        replayed_headers(replayed),
        Json(thread(&state, &who, &id).await?),
    ))
}

fn key_reused() -> AppError {
    AppError::client(
        ErrorCode::IdempotencyKeyReused,
        "This Idempotency-Key was already used for a different request.",
    )
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

pub async fn reply(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<NewReply>,
) -> AppResult<(StatusCode, HeaderMap, Json<Message>)> {
    let valid = body.validate().map_err(AppError::validation)?;
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let hash = store::request_hash(&[&valid.message, &valid.attachments.join(",")]);
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let ticket = store::owned(&mut tx, &who, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let earlier = sqlx::query(
        "SELECT id, request_hash FROM ticket_messages WHERE ticket_id = ? AND idempotency_key = ?",
    )
    .bind(&id)
    .bind(&key)
    .fetch_optional(&mut *tx)
    .await?;
    let message_id = if let Some(earlier) = earlier {
        if earlier.try_get::<String, _>("request_hash")? != hash {
            return Err(key_reused());
        }
        tx.rollback().await?;
        earlier.try_get::<String, _>("id")?
    } else {
        match ticket.status {
            TicketStatus::Closed => {
                return Err(AppError::client(
                    ErrorCode::TicketClosed,
                    "This ticket is closed. Reopen it to write more, or open a new one.",
                ));
            }
            TicketStatus::Resolved if !within_window(ticket.finished_at, s.reopen_days, now) => {
                return Err(reopen_expired());
            }
            _ => {}
        }
        let message_id = store::add_message(
            &mut tx,
            &who.tenant_id,
            &id,
            "customer",
            None,
            &valid.message,
            None,
            Some((&key, &hash)),
            now,
        )
        .await?;
        files::claim(
            &mut tx,
            &who.tenant_id,
            &Uploader::Customer(who.account_id.clone()),
            &valid.attachments,
            &message_id,
        )
        .await?;
        if ticket.status.waits_for_support() {
            sqlx::query("UPDATE tickets SET updated_at = ? WHERE id = ?")
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        } else {
            // Awaiting the customer, or resolved: the customer's word hands it back.
            store::set_status(
                &mut tx,
                &who.tenant_id,
                &id,
                TicketStatus::AwaitingSupport,
                None,
                now,
            )
            .await?;
        }
        let first = first_answer_pending(&mut tx, &id).await?;
        let policy = s.policy(ticket.support_tier.as_deref());
        sla::start(&mut tx, &id, &policy, ticket.priority, first, now).await?;
        notify::enqueue(
            &mut tx,
            notify::Event::CustomerReply,
            &id,
            &state.config.public_url,
        )
        .await?;
        bridge::enqueue(
            &mut tx,
            &who.tenant_id,
            &id,
            bridge::Event::CustomerReply {
                message_id: &message_id,
            },
        )
        .await?;
        tx.commit().await?;
        return Ok((
            StatusCode::CREATED,
            replayed_headers(false),
            Json(message(&state, &message_id).await?),
        ));
    };
    Ok((
        StatusCode::CREATED,
        replayed_headers(true),
        Json(message(&state, &message_id).await?),
    ))
}

/// Support has not answered this ticket yet.
async fn first_answer_pending(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT first_response_at IS NULL FROM tickets WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
}

/// One message of a thread, as its customer sees it.
async fn message(state: &AppState, id: &str) -> AppResult<Message> {
    let rows = sqlx::query(
        "SELECT m.id, m.kind, m.body, m.status, m.created_at, COALESCE(a.name, m.author_name, '') AS author \
         FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id WHERE m.id = ?",
    )
    .bind(id)
    .fetch_all(&state.db.pool)
    .await?;
    view::messages(state, &rows)
        .await?
        .pop()
        .ok_or_else(AppError::not_found)
}

pub async fn close(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
) -> AppResult<Json<TicketThread>> {
    let mut tx = state.db.write().await?;
    let ticket = store::owned(&mut tx, &who, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    // Closing twice is the same as closing once.
    if ticket.status != TicketStatus::Closed {
        store::set_status(
            &mut tx,
            &who.tenant_id,
            &id,
            TicketStatus::Closed,
            None,
            time::now_ms(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

pub async fn reopen(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
) -> AppResult<Json<TicketThread>> {
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let now = time::now_ms();
    let mut tx = state.db.write().await?;
    let ticket = store::owned(&mut tx, &who, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if ticket.status.is_finished() {
        if !within_window(ticket.finished_at, s.reopen_days, now) {
            return Err(reopen_expired());
        }
        store::set_status(
            &mut tx,
            &who.tenant_id,
            &id,
            TicketStatus::AwaitingSupport,
            None,
            now,
        )
        .await?;
        let first = first_answer_pending(&mut tx, &id).await?;
        let policy = s.policy(ticket.support_tier.as_deref());
        sla::start(&mut tx, &id, &policy, ticket.priority, first, now).await?;
    }
    tx.commit().await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

pub async fn rate(
    State(state): State<AppState>,
    who: Customer,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NewRating>,
) -> AppResult<Json<TicketThread>> {
    let (rating, comment) = body.validate().map_err(AppError::validation)?;
    let mut tx = state.db.write().await?;
    let ticket = store::owned(&mut tx, &who, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !ticket.status.is_finished() || ticket.rated {
        return Err(AppError::client(
            ErrorCode::NotRatable,
            if ticket.rated {
                "This ticket is rated already. Thank you!"
            } else {
                "A ticket can be rated once it is resolved."
            },
        ));
    }
    sqlx::query("UPDATE tickets SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ?")
        .bind(i64::from(rating))
        .bind(&comment)
        .bind(time::now_ms())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Json(thread(&state, &who, &id).await?))
}
