//! The widget's ticket API. The caller is always a verified [`Customer`] and only ever
//! reaches its own tickets; anyone else's answer `404`, as if they did not exist.

use crate::extract::{ApiPath, ApiQuery};
use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode},
};
use panelcare_model::limits::LimitedAction;
use panelcare_model::{
    ErrorCode, FieldError,
    error::FieldErrorCode,
    ticket::{Message, NewRating, NewReply, NewTicket, TicketList, TicketOptions, TicketThread},
};
use serde::Deserialize;

use super::{
    lifecycle::customer::{self as lifecycle, Opened, Replied},
    store::{self, settings},
    view,
};
use crate::{
    auth::Customer,
    error::{AppError, AppResult},
    extract::{ApiJson, IdempotencyKey},
    limits,
    openapi::Refusals,
    state::AppState,
    time,
};

/// Tickets per page of the customer's list; older ones come with `?before=`.
pub const PAGE: i64 = 50;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OptionsQuery {
    /// The widget's language, for the upsell's price; the token's locale when absent.
    #[serde(default)]
    lang: Option<String>,
}

#[utoipa::path(
    get, path = "/ticket-options", tag = "tickets", operation_id = "get_ticket_options",
    summary = "What the new-ticket form offers and promises this customer",
    description = "Departments, first-answer targets of the customer's support tier, file \
        limits, the reopen window, and a faster support tier to buy when the tenant sells one.",
    security(("customer_token" = [])),
    params(OptionsQuery),
    responses((status = 200, body = TicketOptions), Refusals),
)]
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
            &crate::offers::offering(&state, &who.tenant_id)
                .await?
                .catalogue,
            &s,
            &who,
        ),
    }))
}

#[utoipa::path(
    get, path = "/tickets", tag = "tickets", operation_id = "list_tickets",
    summary = "The customer's tickets, most recently updated first",
    description = "50 a page; `next` (absent on the last page) is the `before` of the next.",
    security(("customer_token" = [])),
    params(ListQuery),
    responses((status = 200, body = TicketList), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: Customer,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<TicketList>> {
    // Without a cursor the page starts at the newest ticket.
    let after = match query.before.as_deref() {
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
    let (tenant, account) = (&who.tenant_id, &who.account_id);
    let mut rows =
        store::tickets::customer_page(&state.db, tenant, account, after, PAGE + 1).await?;
    let total = store::tickets::customer_count(&state.db, tenant, account).await?;
    let more = rows.len() > PAGE as usize;
    rows.truncate(PAGE as usize);
    let next = match (more, rows.last()) {
        (true, Some(last)) => Some(cursor(last.updated_at, last.number)),
        _ => None,
    };
    let now = time::now_ms();
    let items = rows
        .into_iter()
        .map(|r| view::summary(r, now, s.reopen_days))
        .collect();
    Ok(Json(TicketList { items, total, next }))
}

/// One of the caller's tickets with its thread.
async fn thread(state: &AppState, who: &Customer, id: &str) -> AppResult<TicketThread> {
    let s = settings::load(&state.db, &who.tenant_id).await?;
    let row = store::tickets::customer_one(&state.db, &who.tenant_id, &who.account_id, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let entries = store::messages::customer_thread(&state.db, id).await?;
    Ok(TicketThread {
        ticket: view::summary(row, time::now_ms(), s.reopen_days),
        messages: view::messages(state, entries).await?,
    })
}

#[utoipa::path(
    get, path = "/tickets/{id}", tag = "tickets", operation_id = "get_ticket",
    summary = "One of the customer's tickets with its thread",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    responses((status = 200, body = TicketThread), Refusals),
)]
pub async fn get_one(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
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

#[utoipa::path(
    post, path = "/tickets", tag = "tickets", operation_id = "open_ticket",
    summary = "Open a ticket",
    description = "Retries with the same `Idempotency-Key` and body answer the first result again; \
        the same key with another body is refused. `attachments` are ids from \
        `POST /attachments`.",
    security(("customer_token" = [])),
    params(("Idempotency-Key" = String, Header, description = "The client's name for this request, reused on every retry")),
    request_body = NewTicket,
    responses(
        (status = 201, description = "Opened", body = TicketThread,
            headers(("Idempotent-Replayed" = String, description = "`true` when this answers a retry with the first result"))),
        Refusals,
    ),
)]
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
    let (id, replayed) = match lifecycle::open(&state, &who, &key, &valid).await? {
        Opened::New(id) => (id, false),
        Opened::Replayed(id) => (id, true),
        Opened::KeyReused => {
            return Err(AppError::client(
                ErrorCode::IdempotencyKeyReused,
                "This Idempotency-Key was already used for a different request.",
            ));
        }
    };
    Ok((
        StatusCode::CREATED,
        replayed_headers(replayed),
        Json(thread(&state, &who, &id).await?),
    ))
}

#[utoipa::path(
    post, path = "/tickets/{id}/replies", tag = "tickets", operation_id = "reply_to_ticket",
    summary = "Write on one of the customer's tickets",
    description = "Hands the ticket back to support. A closed ticket, or one resolved longer ago \
        than the reopen window, refuses (409). Retries with the same `Idempotency-Key` answer \
        the first message again.",
    security(("customer_token" = [])),
    params(
        ("id" = String, Path, description = "The ticket's id"),
        ("Idempotency-Key" = String, Header, description = "The client's name for this reply, reused on every retry"),
    ),
    request_body = NewReply,
    responses(
        (status = 201, description = "Stored", body = Message,
            headers(("Idempotent-Replayed" = String, description = "`true` when this answers a retry with the first result"))),
        Refusals,
    ),
)]
pub async fn reply(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(body): ApiJson<NewReply>,
) -> AppResult<(StatusCode, HeaderMap, Json<Message>)> {
    let valid = body.validate().map_err(AppError::validation)?;
    let (message_id, replayed) = match lifecycle::reply(&state, &who, &id, &key, &valid).await? {
        Replied::New(m) => (m, false),
        Replied::Replayed(m) => (m, true),
    };
    let entry = store::messages::one(&state.db, &message_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let message = view::messages(&state, vec![entry])
        .await?
        .pop()
        .ok_or_else(AppError::not_found)?;
    Ok((
        StatusCode::CREATED,
        replayed_headers(replayed),
        Json(message),
    ))
}

#[utoipa::path(
    post, path = "/tickets/{id}/close", tag = "tickets", operation_id = "close_ticket",
    summary = "Close one of the customer's tickets",
    description = "Closing a closed ticket changes nothing. No body is read.",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    responses((status = 200, body = TicketThread), Refusals),
)]
pub async fn close(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<TicketThread>> {
    limits::take(&state, &who, LimitedAction::Reply).await?;
    lifecycle::close(&state, &who, &id).await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

#[utoipa::path(
    post, path = "/tickets/{id}/reopen", tag = "tickets", operation_id = "reopen_ticket",
    summary = "Reopen a resolved or closed ticket within the tenant's reopen window",
    description = "An unfinished ticket stays as it is; past the window (`reopen_until`) it \
        refuses (409). No body is read.",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    responses((status = 200, body = TicketThread), Refusals),
)]
pub async fn reopen(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
) -> AppResult<Json<TicketThread>> {
    limits::take(&state, &who, LimitedAction::Reply).await?;
    lifecycle::reopen(&state, &who, &id).await?;
    Ok(Json(thread(&state, &who, &id).await?))
}

#[utoipa::path(
    post, path = "/tickets/{id}/rating", tag = "tickets", operation_id = "rate_ticket",
    summary = "Rate the help on a resolved or closed ticket, once",
    security(("customer_token" = [])),
    params(("id" = String, Path, description = "The ticket's id")),
    request_body = NewRating,
    responses((status = 200, body = TicketThread), Refusals),
)]
pub async fn rate(
    State(state): State<AppState>,
    who: Customer,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewRating>,
) -> AppResult<Json<TicketThread>> {
    let (rating, comment) = body.validate().map_err(AppError::validation)?;
    limits::take(&state, &who, LimitedAction::Reply).await?;
    lifecycle::rate(&state, &who, &id, rating, &comment).await?;
    Ok(Json(thread(&state, &who, &id).await?))
}
