//! Admins manage their tenants' console accounts. A new account's password is shown once,
//! when created; only its hash is kept.

use crate::extract::ApiPath;
use axum::{Json, extract::State, http::StatusCode};
use panelcare_model::{
    ErrorCode, clean,
    console::{CreatedAgent, NewAgent, Role, TeamMember},
    error::FieldErrorCode,
};

use super::{
    refuse,
    store::{self, CreateError},
};
use crate::{
    audit,
    console::{self, SignedIn, password, scope::require_admin_of},
    error::{AppError, AppResult},
    extract::ApiJson,
    openapi::Refusals,
    state::AppState,
    tenants::store as tenants,
};

#[utoipa::path(
    get, path = "/agents", tag = "agents", operation_id = "console_list_agents",
    summary = "The console accounts of the admin's tenants",
    description = "Admins only: an agent gets `404`.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<TeamMember>), Refusals),
)]
pub async fn list_agents(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<TeamMember>>> {
    if who.agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    Ok(Json(store::team(&state.db, &who.scope()).await?))
}

#[utoipa::path(
    post, path = "/agents", tag = "agents", operation_id = "console_create_agent",
    summary = "Create a console account in a tenant the admin administers",
    description = "`role` is `agent`, or the admin role of the tenant's kind (`provider_admin` \
        for a provider, `reseller_admin` for a reseller). The server chooses the password and \
        answers it this once; only its hash is kept.",
    security(("console_session" = [])),
    request_body = NewAgent,
    responses((status = 201, description = "Created, with its password", body = CreatedAgent),
        Refusals),
)]
pub async fn create_agent(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewAgent>,
) -> AppResult<(StatusCode, Json<CreatedAgent>)> {
    require_admin_of(&state.db, &who.agent, &body.tenant_id).await?;
    let email = clean::text(&body.email).map_err(|e| AppError::validation(vec![e.on("email")]))?;
    let name = clean::text(&body.name).map_err(|e| AppError::validation(vec![e.on("name")]))?;
    let (email, name) = (email.trim(), name.trim());
    if email.len() < 3
        || email.len() > 320
        || !email.contains('@')
        || email.contains(char::is_whitespace)
    {
        return Err(refuse(
            "email",
            FieldErrorCode::InvalidType,
            "Enter an e-mail address.",
        ));
    }
    if name.is_empty() || name.chars().count() > 100 {
        return Err(refuse(
            "name",
            FieldErrorCode::Required,
            "Enter a name of at most 100 characters.",
        ));
    }
    let is_reseller = tenants::parent_of(&state.db, &body.tenant_id)
        .await?
        .is_some();
    // A provider's own people may be provider admins; a reseller's at most reseller admins.
    let role = match (Role::parse(&body.role), is_reseller) {
        (Some(Role::Agent), _) => Role::Agent,
        (Some(Role::ProviderAdmin), false) => Role::ProviderAdmin,
        (Some(Role::ResellerAdmin), true) => Role::ResellerAdmin,
        _ => {
            return Err(refuse(
                "role",
                FieldErrorCode::OutOfRange,
                "Choose agent, or the admin role of this kind of tenant.",
            ));
        }
    };
    let secret = password::generate();
    let id = match store::create(&state.db, &body.tenant_id, email, name, role, &secret).await {
        Ok(id) => id,
        Err(CreateError::EmailTaken(_)) => {
            return Err(refuse(
                "email",
                FieldErrorCode::InvalidType,
                "An account with this e-mail exists already.",
            ));
        }
        Err(CreateError::Busy) => return Err(password::busy()),
        Err(e) => return Err(AppError::Internal(e.to_string())),
    };
    audit::record(
        &state.db,
        &body.tenant_id,
        &who.agent.id,
        "agent.create",
        email,
        role.as_str(),
    )
    .await?;
    let agent = TeamMember {
        id,
        tenant_id: body.tenant_id,
        email: email.to_owned(),
        name: name.to_owned(),
        role,
    };
    Ok((
        StatusCode::CREATED,
        Json(CreatedAgent {
            agent,
            password: secret,
        }),
    ))
}

#[utoipa::path(
    delete, path = "/agents/{id}", tag = "agents", operation_id = "console_delete_agent",
    summary = "Remove a console account and end its sessions",
    description = "For the admins of the account's tenant; one's own account is refused (`422`).",
    security(("console_session" = [])),
    params(("id" = String, Path, description = "The console account's id")),
    responses((status = 204, description = "Removed"), Refusals),
)]
pub async fn delete_agent(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath(id): ApiPath<String>,
) -> AppResult<StatusCode> {
    let target = console::store::by_id(&state.db, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_admin_of(&state.db, &who.agent, &target.tenant_id).await?;
    if target.id == who.agent.id {
        return Err(AppError::client(
            ErrorCode::ValidationFailed,
            "You cannot remove your own account.",
        ));
    }
    console::store::end_sessions_of(&state.db, &id).await?;
    store::remove(&state.db, &id).await?;
    audit::record(
        &state.db,
        &target.tenant_id,
        &who.agent.id,
        "agent.remove",
        &target.email,
        "",
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
