//! Uploading files for a ticket message: the file is the raw request body, read against the
//! tenant's ticket settings (size), checked by its content and kept until a message claims
//! it. Customers upload through the widget, agents through the console.

use std::collections::HashMap;

use axum::{
    Json,
    body::Body,
    extract::{Query, State},
    http::StatusCode,
};
use panelcare_model::{limits::LimitedAction, ticket::Attachment};

use super::store::settings;
use crate::{
    attachments::{self, Uploader},
    auth::Customer,
    console::{SignedIn, scope::require_admin_of},
    error::AppResult,
    limits,
    openapi::{Binary, Refusals},
    state::AppState,
};

/// Reads the body against `tenant`'s limit and stores it for `uploader`.
async fn upload(
    state: &AppState,
    tenant: &str,
    uploader: &Uploader,
    name: &str,
    body: Body,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    let s = settings::load(&state.db, tenant).await?;
    let bytes = attachments::read_body(body, s.attachment_max_bytes).await?;
    let saved = attachments::save(state, tenant, uploader, name, &bytes).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

fn name(query: &HashMap<String, String>) -> &str {
    query.get("name").map(String::as_str).unwrap_or_default()
}

/// `POST /api/v1/attachments?name=…`: a customer's file for a new ticket or a reply.
#[utoipa::path(
    post, path = "/attachments", tag = "tickets", operation_id = "upload_attachment",
    summary = "Upload a file for a new ticket or a reply",
    description = "The body is the file's bytes as they are (not a form). The server judges the \
        file by its content, whatever `Content-Type` says: PNG, JPEG, GIF and WebP images, PDF \
        and UTF-8 text are kept, anything else refused (415); larger than the tenant's \
        `max_file_bytes` or past the account's storage quota refuses (413). The answer's `id` \
        goes into the ticket's or reply's `attachments`.",
    security(("customer_token" = [])),
    params(("name" = Option<String>, Query, description = "The file's name as the customer's computer gave it; cleaned, `file` when absent")),
    request_body(content = inline(Binary), content_type = "application/octet-stream", description = "The file's bytes"),
    responses((status = 201, description = "Stored, attached to nothing yet", body = Attachment), Refusals),
)]
pub async fn for_customer(
    State(state): State<AppState>,
    customer: Customer,
    Query(query): Query<HashMap<String, String>>,
    body: Body,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    limits::take(&state, &customer, LimitedAction::Upload).await?;
    let s = settings::load(&state.db, &customer.tenant_id).await?;
    let bytes = attachments::read_body(body, s.attachment_max_bytes).await?;
    limits::check_upload(&state, &customer, bytes.len() as u64).await?;
    let uploader = Uploader::Customer(customer.account_id.clone());
    let saved =
        attachments::save(&state, &customer.tenant_id, &uploader, name(&query), &bytes).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `POST /console/api/attachments?tenant=…&name=…`: a file an agent attaches to an answer.
#[utoipa::path(
    post, path = "/attachments", tag = "tickets", operation_id = "console_upload_attachment",
    summary = "Upload a file to attach to an answer or note",
    description = "The body is the file's bytes as they are (not a form). Its kind is judged by \
        its content whatever `Content-Type` says: PNG, JPEG, GIF and WebP images, PDF and UTF-8 \
        text are kept, anything else refused (`415`); larger than the tenant's \
        `attachment_max_bytes` refuses (`413`). The answer's `id` goes into a message's \
        `attachments`.",
    security(("console_session" = [])),
    params(
        ("tenant" = Option<String>, Query, description = "The tenant the file is for: the \
            agent's own if not given; another only for its admins"),
        ("name" = Option<String>, Query, description = "The file's name; cleaned, `file` when \
            absent"),
    ),
    request_body(content = inline(Binary), content_type = "application/octet-stream",
        description = "The file's bytes"),
    responses((status = 201, description = "Stored, waiting for a message to claim it",
        body = Attachment), Refusals),
)]
pub async fn for_agent(
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
    let uploader = Uploader::Agent(who.agent.id.clone());
    upload(&state, &tenant, &uploader, name(&query), body).await
}
