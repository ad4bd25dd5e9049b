//! Agent rows.

use panelcare_model::console::Role;
use sqlx::Row as _;

use crate::{db::Db, time::now_ms};

#[derive(Debug, Clone)]
pub struct Agent {
    pub id: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("an agent with the e-mail {0} exists already")]
    EmailTaken(String),
    #[error("no tenant {0}")]
    NoTenant(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Creates an agent; returns its id.
pub async fn create(
    db: &Db,
    tenant_id: &str,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<String, CreateError> {
    let tenant: Option<String> = sqlx::query_scalar("SELECT id FROM tenants WHERE id = ?")
        .bind(tenant_id)
        .fetch_optional(&db.pool)
        .await?;
    if tenant.is_none() {
        return Err(CreateError::NoTenant(tenant_id.to_owned()));
    }
    let hash = super::password::hash(password).map_err(|e| CreateError::Hash(e.to_string()))?;
    let id = uuid::Uuid::new_v4().to_string();
    let done = sqlx::query(
        "INSERT INTO agents (id, tenant_id, email, name, role, password_hash, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING",
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

const SELECT: &str = "SELECT a.id, a.tenant_id, t.name AS tenant_name, a.email, a.name, a.role, \
     a.password_hash, a.failed_logins, a.locked_until FROM agents a JOIN tenants t ON t.id = a.tenant_id";

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Agent, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(Agent {
        id: row.try_get("id")?,
        tenant_id: row.try_get("tenant_id")?,
        tenant_name: row.try_get("tenant_name")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "role".into(),
            source: format!("unknown role {role:?}").into(),
        })?,
        password_hash: row.try_get("password_hash")?,
        failed_logins: row.try_get("failed_logins")?,
        locked_until: row.try_get("locked_until")?,
    })
}

/// The agent with this e-mail (case does not matter); removed agents are not found.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<Agent>, sqlx::Error> {
    sqlx::query(&format!(
        "{SELECT} WHERE a.email = ? AND a.removed_at IS NULL"
    ))
    .bind(email.trim())
    .fetch_optional(&db.pool)
    .await?
    .map(|r| from_row(&r))
    .transpose()
}

/// A current agent by id; removed agents are not found.
pub async fn by_id(db: &Db, id: &str) -> Result<Option<Agent>, sqlx::Error> {
    sqlx::query(&format!("{SELECT} WHERE a.id = ? AND a.removed_at IS NULL"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

/// Counts a failed sign-in and locks the agent out when there were too many; returns the
/// new count.
pub async fn record_failure(db: &Db, id: &str) -> Result<i64, sqlx::Error> {
    let failures: i64 = sqlx::query_scalar(
        "UPDATE agents SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    if let Some(ms) = super::password::lockout_ms(failures) {
        sqlx::query("UPDATE agents SET locked_until = ? WHERE id = ?")
            .bind(now_ms() + ms)
            .bind(id)
            .execute(&db.pool)
            .await?;
    }
    Ok(failures)
}

pub async fn record_success(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE id = ?")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
