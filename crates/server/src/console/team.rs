//! Admins manage their tenants' console accounts and token signing keys. Passwords and
//! secrets are shown once, when created; only a hash (passwords) or the secret itself
//! (signing keys, needed to verify) is kept.

use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use panelcare_model::{
    ErrorCode, FieldError,
    console::{CreatedAgent, CreatedKey, KeyInfo, NewAgent, NewKey, Role, TeamMember},
    error::FieldErrorCode,
};

use super::{
    scope::{Scope, require_admin_of},
    session::SignedIn,
};
use crate::{
    agents::{self, password, store::CreateError},
    audit,
    error::{AppError, AppResult},
    extract::ApiJson,
    state::AppState,
    tenants, time,
};

fn refuse(field: &str, code: FieldErrorCode, message: &str) -> AppError {
    AppError::validation(vec![FieldError::new(field, code, message)])
}

pub async fn list_agents(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<TeamMember>>> {
    if who.agent.role == Role::Agent {
        return Err(AppError::not_found());
    }
    let scope = Scope::of(&who.agent);
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, tenant_id, email, name, role FROM agents a \
         WHERE {} AND a.removed_at IS NULL ORDER BY tenant_id, email",
        scope.condition("a.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .filter_map(|(id, tenant_id, email, name, role)| {
                Some(TeamMember {
                    id,
                    tenant_id,
                    email,
                    name,
                    role: Role::parse(&role)?,
                })
            })
            .collect(),
    ))
}

pub async fn create_agent(
    State(state): State<AppState>,
    who: SignedIn,
    ApiJson(body): ApiJson<NewAgent>,
) -> AppResult<(StatusCode, Json<CreatedAgent>)> {
    require_admin_of(&state.db, &who.agent, &body.tenant_id).await?;
    let email = body.email.trim();
    let name = body.name.trim();
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
    let id =
        match agents::store::create(&state.db, &body.tenant_id, email, name, role, &secret).await {
            Ok(id) => id,
            Err(CreateError::EmailTaken(_)) => {
                return Err(refuse(
                    "email",
                    FieldErrorCode::InvalidType,
                    "An account with this e-mail exists already.",
                ));
            }
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

pub async fn delete_agent(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let target = agents::store::by_id(&state.db, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    require_admin_of(&state.db, &who.agent, &target.tenant_id).await?;
    if target.id == who.agent.id {
        return Err(AppError::client(
            ErrorCode::ValidationFailed,
            "You cannot remove your own account.",
        ));
    }
    // Notes, answers and audit entries keep naming the person; only sign-in ends. The
    // address moves aside so a new account may use it.
    sqlx::query("DELETE FROM sessions WHERE agent_id = ?1")
        .bind(&id)
        .execute(&state.db.pool)
        .await?;
    sqlx::query(
        "UPDATE agents SET removed_at = ?2, removed_email = email, \
         email = id || '@removed.invalid' WHERE id = ?1",
    )
    .bind(&id)
    .bind(time::now_ms())
    .execute(&state.db.pool)
    .await?;
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

pub async fn list_keys(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
) -> AppResult<Json<Vec<KeyInfo>>> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kid, created_at FROM tenant_keys WHERE tenant_id = ?1 ORDER BY created_at, kid",
    )
    .bind(&tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(kid, at)| KeyInfo {
                kid,
                created_at: time::rfc3339(at),
            })
            .collect(),
    ))
}

pub async fn add_key(
    State(state): State<AppState>,
    who: SignedIn,
    Path(tenant_id): Path<String>,
    ApiJson(body): ApiJson<NewKey>,
) -> AppResult<(StatusCode, Json<CreatedKey>)> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let kid = body.kid.trim();
    if kid.is_empty()
        || kid.len() > 40
        || !kid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    {
        return Err(refuse(
            "kid",
            FieldErrorCode::InvalidType,
            "A key id is 1 to 40 letters, digits, '-', '_' or '.'.",
        ));
    }
    let exists: Option<String> =
        sqlx::query_scalar("SELECT kid FROM tenant_keys WHERE tenant_id = ?1 AND kid = ?2")
            .bind(&tenant_id)
            .bind(kid)
            .fetch_optional(&state.db.pool)
            .await?;
    if exists.is_some() {
        return Err(refuse(
            "kid",
            FieldErrorCode::InvalidType,
            "This tenant has a key with this id already.",
        ));
    }
    let secret = tenants::generate_secret();
    tenants::put_key(&state.db, &tenant_id, kid, &secret).await?;
    audit::record(&state.db, &tenant_id, &who.agent.id, "key.add", kid, "").await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedKey {
            kid: kid.to_owned(),
            secret,
        }),
    ))
}

pub async fn remove_key(
    State(state): State<AppState>,
    who: SignedIn,
    Path((tenant_id, kid)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    require_admin_of(&state.db, &who.agent, &tenant_id).await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenant_keys WHERE tenant_id = ?1")
        .bind(&tenant_id)
        .fetch_one(&state.db.pool)
        .await?;
    let gone = sqlx::query("DELETE FROM tenant_keys WHERE tenant_id = ?1 AND kid = ?2 AND ?3 > 1")
        .bind(&tenant_id)
        .bind(&kid)
        .bind(count)
        .execute(&state.db.pool)
        .await?;
    if gone.rows_affected() == 0 {
        return if count <= 1 {
            Err(AppError::client(
                ErrorCode::ValidationFailed,
                "A tenant keeps at least one key: add the new key before removing the old one.",
            ))
        } else {
            Err(AppError::not_found())
        };
    }
    state.keys.forget(&tenant_id, &kid);
    audit::record(&state.db, &tenant_id, &who.agent.id, "key.remove", &kid, "").await?;
    Ok(StatusCode::NO_CONTENT)
}
