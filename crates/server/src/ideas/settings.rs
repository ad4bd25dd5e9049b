//! `GET|PUT /console/api/tenants/{id}/ideas`: a tenant's board settings, for its admins.
//! A reseller's board is its own: its admins set it, and the provider's admins may too.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::ideas::IdeaSettings;

use super::store::settings as store;
use crate::{
    audit,
    console::{SignedIn, scope::require_admin_of},
    error::AppResult,
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
};

#[utoipa::path(
    get, path = "/tenants/{id}/ideas", tag = "ideas", operation_id = "console_get_idea_settings",
    summary = "A tenant's ideas board settings",
    description = "Admins of the tenant only. A tenant that never saved any has no board.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    responses((status = 200, body = IdeaSettings), Refusals),
)]
pub async fn read(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
) -> AppResult<Json<IdeaSettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    Ok(Json(store::of_tenant(&state.db, &tenant).await?))
}

#[utoipa::path(
    put, path = "/tenants/{id}/ideas", tag = "ideas",
    operation_id = "console_update_idea_settings",
    summary = "Turn a tenant's ideas board on or off, and choose how it works",
    description = "Turning the board on publishes nothing: only suggestions their authors \
        shared as ideas are ideas. Admins of the tenant only. Audited.",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The tenant's id")),
    request_body = IdeaSettings,
    responses((status = 200, description = "Saved", body = IdeaSettings), Refusals),
)]
pub async fn update(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(tenant): ApiPath<String>,
    ApiJson(body): ApiJson<IdeaSettings>,
) -> AppResult<Json<IdeaSettings>> {
    require_admin_of(&state.db, &who.agent, &tenant).await?;
    store::save(&state.db, &tenant, &body).await?;
    let detail = format!(
        "board {}, {}, authors {}",
        if body.board { "on" } else { "off" },
        if body.moderated {
            "moderated"
        } else {
            "published at once"
        },
        body.authors.as_str()
    );
    audit::record(
        &state.db,
        &tenant,
        &who.agent.id,
        "ideas.settings",
        &tenant,
        &detail,
    )
    .await?;
    Ok(Json(body))
}
