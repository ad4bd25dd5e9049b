//! Canned replies: prepared answers a tenant's agents pick from. Any agent adds, changes and
//! removes them for their own tenant; admins for the tenants they administer.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    FieldError, clean,
    error::FieldErrorCode,
    ticket::{
        BODY_MAX_CHARS,
        console::{CannedReply, NewCannedReply},
    },
};

use crate::{
    console::{SignedIn, scope::require_writer_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    tickets::store::canned as store,
    time,
};

const TITLE_MAX: usize = 100;

#[utoipa::path(
    get, path = "/canned-replies", tag = "tickets", operation_id = "console_list_canned_replies",
    summary = "The canned replies of the tenants in the agent's scope",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<CannedReply>), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<CannedReply>>> {
    Ok(Json(store::list(&state.db, &who.scope()).await?))
}

/// The title and text by the hygiene rule and trimmed, or what is wrong with them.
fn check(body: &NewCannedReply) -> (String, String, Vec<FieldError>) {
    let mut errors = Vec::new();
    let title = clean::required("title", &body.title, TITLE_MAX, &mut errors);
    let text = clean::required("body", &body.body, BODY_MAX_CHARS, &mut errors);
    (title, text, errors)
}

#[utoipa::path(
    post, path = "/canned-replies", tag = "tickets", operation_id = "console_create_canned_reply",
    summary = "Add a canned reply",
    description = "Any agent for their own tenant; admins also for the tenants they administer.",
    security(("console_session" = [])),
    request_body = NewCannedReply,
    responses((status = 201, description = "Added", body = CannedReply), Refusals),
)]
pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewCannedReply>,
) -> AppResult<(StatusCode, Json<CannedReply>)> {
    require_writer_of(&state.db, &who.agent, &body.tenant_id).await?;
    let (title, text, errors) = check(&body);
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let reply = CannedReply {
        id: uuid::Uuid::new_v4().to_string(),
        tenant_id: body.tenant_id,
        title,
        body: text,
    };
    store::insert(&state.db, &reply, &who.agent.id, time::now_ms()).await?;
    Ok((StatusCode::CREATED, Json(reply)))
}

/// The tenant of reply `id` when the agent may change it; out of scope reads as not found,
/// like every other route.
async fn writable(state: &AppState, who: &SignedIn, id: &str) -> AppResult<String> {
    let tenant = store::tenant_of(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_writer_of(&state.db, &who.agent, &tenant).await?;
    Ok(tenant)
}

/// `PUT /console/api/canned-replies/{id}`: a new title and text. A reply stays with its
/// tenant; `tenant_id` must name the one it has.
#[utoipa::path(
    put, path = "/canned-replies/{id}", tag = "tickets",
    operation_id = "console_update_canned_reply",
    summary = "Change a canned reply's title and text",
    description = "A reply stays with its tenant: `tenant_id` must name the one it has.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The canned reply's id")),
    request_body = NewCannedReply,
    responses((status = 200, description = "Changed", body = CannedReply), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewCannedReply>,
) -> AppResult<Json<CannedReply>> {
    let tenant = writable(&state, &who, &id).await?;
    let (title, text, mut errors) = check(&body);
    if body.tenant_id != tenant {
        errors.insert(
            0,
            FieldError::new(
                "tenant_id",
                FieldErrorCode::UnknownValue,
                "A canned reply stays with its tenant; add a new one for the other tenant instead.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    store::update(&state.db, &id, &title, &text).await?;
    Ok(Json(CannedReply {
        id,
        tenant_id: tenant,
        title,
        body: text,
    }))
}

#[utoipa::path(
    delete, path = "/canned-replies/{id}", tag = "tickets",
    operation_id = "console_delete_canned_reply",
    summary = "Remove a canned reply",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The canned reply's id")),
    responses((status = 204, description = "Removed"), Refusals),
)]
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    writable(&state, &who, &id).await?;
    store::remove(&state.db, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
