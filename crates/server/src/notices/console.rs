//! Agents publish, change and update notices for their tenants.

use crate::extract::ApiPath;
use ::time::{OffsetDateTime, format_description::well_known::Rfc3339};
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    FieldError, clean,
    console::AgentText,
    error::FieldErrorCode,
    notice::{AFFECTED_MAX, AgentNotice, BODY_MAX_CHARS, NewNotice, NoticeKind, TITLE_MAX_CHARS},
};

use super::store::{self, Fields};
use crate::{
    audit,
    console::{SignedIn, scope::require_writer_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    time,
};

#[utoipa::path(
    get, path = "/notices", tag = "notices", operation_id = "console_list_notices",
    summary = "The newest 200 notices of the tenants the agent sees",
    description = "Past ones included, latest start first.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<AgentNotice>), Refusals),
)]
pub async fn list(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<AgentNotice>>> {
    Ok(Json(
        store::list(&state.db, &who.scope(), time::now_ms()).await?,
    ))
}

fn parse_time(s: &str) -> Option<i64> {
    OffsetDateTime::parse(s.trim(), &Rfc3339)
        .ok()
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
}

fn check(n: &NewNotice) -> Result<Fields, AppError> {
    let mut errors = Vec::new();
    let kind = NoticeKind::parse(&n.kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            FieldErrorCode::UnknownValue,
            "Kind is maintenance or incident.",
        ));
    }
    let title = clean::required("title", &n.title, TITLE_MAX_CHARS, &mut errors);
    let body = clean::required("body", &n.body, BODY_MAX_CHARS, &mut errors);
    let mut bad = |f: &str, c: FieldErrorCode, m: String| errors.push(FieldError::new(f, c, m));
    let starts = parse_time(&n.starts_at);
    if starts.is_none() {
        bad(
            "starts_at",
            FieldErrorCode::InvalidType,
            "A time like 2026-11-23T02:00:00Z.".into(),
        );
    }
    let ends = match n
        .ends_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => match parse_time(s) {
            Some(e) if starts.is_none_or(|st| e > st) => Some(e),
            Some(_) => {
                bad(
                    "ends_at",
                    FieldErrorCode::OutOfRange,
                    "The end comes after the start.".into(),
                );
                None
            }
            None => {
                bad(
                    "ends_at",
                    FieldErrorCode::InvalidType,
                    "A time like 2026-11-23T04:00:00Z, or empty.".into(),
                );
                None
            }
        },
    };
    if kind == Some(NoticeKind::Maintenance)
        && ends.is_none()
        && n.ends_at.as_deref().is_none_or(|s| s.trim().is_empty())
    {
        bad(
            "ends_at",
            FieldErrorCode::Required,
            "Maintenance has an end.".into(),
        );
    }
    let mut names = |field: &str, list: &[String]| -> String {
        // Refused like any typed text; `lenient` then only removes the invisible characters.
        let kept: Vec<String> = list
            .iter()
            .map(|s| clean::lenient(s).trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if list.iter().any(|s| clean::text(s).is_err()) {
            bad(
                field,
                FieldErrorCode::ForbiddenCharacters,
                clean::REFUSED.into(),
            );
        } else if kept.len() > AFFECTED_MAX || kept.iter().any(|s| s.chars().count() > 100) {
            bad(
                field,
                FieldErrorCode::TooLong,
                format!("At most {AFFECTED_MAX} names of up to 100 characters."),
            );
        }
        serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into())
    };
    let plans = names("affected_plans", &n.affected_plans);
    let servers = names("affected_servers", &n.affected_servers);
    match (kind, starts, errors.is_empty()) {
        (Some(kind), Some(starts), true) => Ok(Fields {
            kind,
            title,
            body,
            starts,
            ends,
            plans,
            servers,
        }),
        _ => Err(AppError::validation(errors)),
    }
}

/// The tenant of notice `id`, if the agent may change it.
async fn owned(state: &AppState, who: &SignedIn, id: &str) -> AppResult<String> {
    let tenant = store::tenant_of(&state.db, &who.scope(), id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_writer_of(&state.db, &who.agent, &tenant).await?;
    Ok(tenant)
}

async fn one(state: &AppState, id: &str) -> AppResult<AgentNotice> {
    store::get(&state.db, id, time::now_ms())
        .await?
        .ok_or_else(AppError::not_found)
}

#[utoipa::path(
    post, path = "/notices", tag = "notices", operation_id = "console_create_notice",
    summary = "Publish a notice of maintenance or an incident",
    description = "Any agent publishes for their own tenant; admins also for the tenants they \
        administer. Times are RFC 3339; maintenance has an end. Audited.",
    security(("console_session" = [])),
    request_body = NewNotice,
    responses((status = 201, description = "Published", body = AgentNotice), Refusals),
)]
pub async fn create(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewNotice>,
) -> AppResult<(StatusCode, Json<AgentNotice>)> {
    require_writer_of(&state.db, &who.agent, &body.tenant_id).await?;
    let v = check(&body)?;
    let id = uuid::Uuid::new_v4().to_string();
    store::create(
        &state.db,
        &id,
        &body.tenant_id,
        &v,
        &who.agent.id,
        time::now_ms(),
    )
    .await?;
    audit::record(
        &state.db,
        &body.tenant_id,
        &who.agent.id,
        "notice.publish",
        &id,
        &v.title,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(one(&state, &id).await?)))
}

#[utoipa::path(
    put, path = "/notices/{id}", tag = "notices", operation_id = "console_update_notice",
    summary = "Change a notice",
    description = "The notice stays with its tenant: the body's `tenant_id` is not read. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The notice's id")),
    request_body = NewNotice,
    responses((status = 200, description = "The notice as it is now", body = AgentNotice),
        Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NewNotice>,
) -> AppResult<Json<AgentNotice>> {
    let tenant = owned(&state, &who, &id).await?;
    let v = check(&body)?;
    store::update(&state.db, &id, &v).await?;
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "notice.change",
        &id,
        &v.title,
    )
    .await?;
    Ok(Json(one(&state, &id).await?))
}

#[utoipa::path(
    post, path = "/notices/{id}/updates", tag = "notices",
    operation_id = "console_add_notice_update",
    summary = "Add an update to a notice",
    description = "Such as \"we found the cause\"; shown newest first under the notice.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The notice's id")),
    request_body = AgentText,
    responses((status = 201, description = "Added; the notice with its updates",
        body = AgentNotice), Refusals),
)]
/// An incident update ("we found the cause"), shown newest first under the notice.
pub async fn add_update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AgentText>,
) -> AppResult<(StatusCode, Json<AgentNotice>)> {
    owned(&state, &who, &id).await?;
    let text = body.validate().map_err(|e| AppError::validation(vec![e]))?;
    store::add_update(&state.db, &id, &text, &who.agent.id, time::now_ms()).await?;
    Ok((StatusCode::CREATED, Json(one(&state, &id).await?)))
}

#[utoipa::path(
    delete, path = "/notices/{id}", tag = "notices", operation_id = "console_delete_notice",
    summary = "Delete a notice",
    description = "Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The notice's id")),
    responses((status = 204, description = "Deleted"), Refusals),
)]
pub async fn remove(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    let tenant = owned(&state, &who, &id).await?;
    store::delete(&state.db, &id).await?;
    audit::record(&state.db, &tenant, &who.agent.id, "notice.remove", &id, "").await?;
    Ok(StatusCode::NO_CONTENT)
}
