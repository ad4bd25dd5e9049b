//! Console accounts as a team (create, list, remove), tenants' token signing keys and their
//! allowed panel origins. What signing in reads of an account is in `console/store.rs`.

use panelcare_model::console::{KeyInfo, Role, TeamMember};

use crate::{
    console::password,
    db::Db,
    tenants::{Scope, store as tenants},
    time::{self, now_ms},
};

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an agent with the e-mail {0} exists already")]
    EmailTaken(String),
    #[error("no tenant {0}")]
    NoTenant(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// Every hashing turn stayed taken (a flood of sign-ins): nothing was created.
    #[error("the server is busy hashing passwords; try again in a few seconds")]
    Busy,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Creates an agent with `password` (only its hash is kept); returns its id.
pub async fn create(
    db: &Db,
    tenant_id: &str,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<String, CreateError> {
    if !tenants::exists(db, tenant_id).await? {
        return Err(CreateError::NoTenant(tenant_id.to_owned()));
    }
    // Hashed on the blocking pool within the sign-ins' bound, like every other argon2 call:
    // an admin making accounts never stalls the widget API.
    let owned = password.to_owned();
    let hash = password::off_runtime(move || password::hash(&owned))
        .await
        .ok_or(CreateError::Busy)?
        .map_err(|e| CreateError::Hash(e.to_string()))?;
    let id = uuid::Uuid::new_v4().to_string();
    let done = sqlx::query(
        "INSERT INTO agents (id, tenant_id, email, name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(tenant_id)
    .bind(email.trim())
    .bind(name.trim())
    .bind(role.as_str())
    .bind(&hash)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(CreateError::EmailTaken(email.to_owned()));
    }
    Ok(id)
}

/// The current accounts of the tenants of `scope`.
pub async fn team(db: &Db, scope: &Scope) -> Result<Vec<TeamMember>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, tenant_id, email, name, role FROM agents a \
         WHERE {} AND a.removed_at IS NULL ORDER BY tenant_id, lower(email)",
        tenants::condition(scope, "a.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, tenant_id, email, name, role)| {
            Some(TeamMember {
                id,
                tenant_id,
                email,
                name,
                role: Role::parse(&role)?,
            })
        })
        .collect())
}

/// The id of a current account with this e-mail, if any.
pub async fn id_by_email(db: &Db, email: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM agents WHERE lower(email) = lower($1) AND removed_at IS NULL",
    )
    .bind(email)
    .fetch_optional(&db.pool)
    .await
}

/// Ends an account's sign-in. Notes, answers and audit entries keep naming the person; the
/// address moves aside so a new account may use it.
pub async fn remove(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE agents SET removed_at = $2, removed_email = email, \
         email = id || '@removed.invalid' WHERE id = $1",
    )
    .bind(id)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Who may work on the tickets of tenant `t`: its own current people, or a provider admin
/// above its reseller. A condition on agents `a` and tenants `t`.
const WORKS_FOR: &str = "a.removed_at IS NULL AND (a.tenant_id = t.id \
     OR (a.role = 'provider_admin' AND a.tenant_id = t.parent_id))";

/// Whether `agent_id` may work on `tenant_id`'s tickets.
pub async fn works_for(db: &Db, agent_id: &str, tenant_id: &str) -> Result<bool, sqlx::Error> {
    let ok: Option<String> = sqlx::query_scalar(&format!(
        "SELECT a.id FROM agents a JOIN tenants t ON t.id = $2 WHERE a.id = $1 AND {WORKS_FOR}"
    ))
    .bind(agent_id)
    .bind(tenant_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(ok.is_some())
}

/// Everyone who may work on the tickets of each tenant of `scope`: `(tenant, agent id,
/// name)`, by name.
pub async fn assignable(
    db: &Db,
    scope: &Scope,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT t.id, a.id, a.name FROM tenants t JOIN agents a ON {WORKS_FOR} \
         WHERE {} ORDER BY t.id, a.name, a.id",
        tenants::condition(scope, "t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await
}

/// Adds (or replaces) the key `kid` of a tenant.
pub async fn put_key(db: &Db, tenant_id: &str, kid: &str, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tenant_keys (tenant_id, kid, secret, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (tenant_id, kid) DO UPDATE SET secret = excluded.secret",
    )
    .bind(tenant_id)
    .bind(kid)
    .bind(
        db.secrets
            .seal(secret, &crate::secrets::signing_key_context(tenant_id, kid)),
    )
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The secret of key `kid` of tenant `tenant_id`, if both exist.
pub async fn signing_secret(
    db: &Db,
    tenant_id: &str,
    kid: &str,
) -> Result<Option<String>, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT secret FROM tenant_keys WHERE tenant_id = $1 AND kid = $2")
            .bind(tenant_id)
            .bind(kid)
            .fetch_optional(&db.pool)
            .await?;
    let context = crate::secrets::signing_key_context(tenant_id, kid);
    stored
        .map(|s| db.secrets.open(&s, &context).map(|o| o.plain))
        .transpose()
        .map_err(crate::secrets::decode_error)
}

/// A tenant's keys (never their secrets), oldest first.
pub async fn keys(db: &Db, tenant_id: &str) -> Result<Vec<KeyInfo>, sqlx::Error> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kid, created_at FROM tenant_keys WHERE tenant_id = $1 ORDER BY created_at, kid",
    )
    .bind(tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kid, at)| KeyInfo {
            kid,
            created_at: time::rfc3339(at),
        })
        .collect())
}

/// What removing a key did.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyRemoval {
    Removed,
    /// It is the tenant's last key: tokens could no longer be signed.
    Last,
    NotFound,
}

/// Removes key `kid` unless it is the tenant's last one.
pub async fn remove_key(db: &Db, tenant_id: &str, kid: &str) -> Result<KeyRemoval, sqlx::Error> {
    let mut tx = db.write().await?;
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenant_keys WHERE tenant_id = $1")
        .bind(tenant_id)
        .fetch_one(&mut *tx)
        .await?;
    let gone = sqlx::query("DELETE FROM tenant_keys WHERE tenant_id = $1 AND kid = $2 AND $3 > 1")
        .bind(tenant_id)
        .bind(kid)
        .bind(count)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(match (gone.rows_affected(), count) {
        (0, ..=1) => KeyRemoval::Last,
        (0, _) => KeyRemoval::NotFound,
        _ => KeyRemoval::Removed,
    })
}

/// A tenant's allowed panel origins, sorted.
pub async fn origins(db: &Db, tenant_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT origin FROM tenant_origins WHERE tenant_id = $1 ORDER BY origin")
        .bind(tenant_id)
        .fetch_all(&db.pool)
        .await
}

/// Replaces a tenant's allowed panel origins.
pub async fn set_origins(db: &Db, tenant_id: &str, origins: &[String]) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    sqlx::query("DELETE FROM tenant_origins WHERE tenant_id = $1")
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    for o in origins {
        sqlx::query("INSERT INTO tenant_origins (tenant_id, origin) VALUES ($1, $2)")
            .bind(tenant_id)
            .bind(o)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}
