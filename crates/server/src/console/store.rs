//! What signing in reads and writes: console accounts by e-mail or id with their sign-in
//! state, and sessions (only a hash of the cookie's token is stored).

use panelcare_model::console::Role;
use sqlx::Row as _;

use super::Agent;
use crate::db::{Db, Row};

const SELECT: &str = "SELECT a.id, a.tenant_id, t.name AS tenant_name, a.email, a.name, a.role, \
     a.password_hash, a.failed_logins, a.locked_until FROM agents a JOIN tenants t ON t.id = a.tenant_id";

fn agent(row: &Row) -> Result<Agent, sqlx::Error> {
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
        "{SELECT} WHERE lower(a.email) = lower($1) AND a.removed_at IS NULL"
    ))
    .bind(email.trim())
    .fetch_optional(&db.pool)
    .await?
    .map(|r| agent(&r))
    .transpose()
}

/// A current agent by id; removed agents are not found.
pub async fn by_id(db: &Db, id: &str) -> Result<Option<Agent>, sqlx::Error> {
    sqlx::query(&format!(
        "{SELECT} WHERE a.id = $1 AND a.removed_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .map(|r| agent(&r))
    .transpose()
}

/// Counts a failed sign-in; returns the new count.
pub async fn count_failure(db: &Db, id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE agents SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
}

/// Refuses sign-in for the agent until `until_ms`.
pub async fn lock_until(db: &Db, id: &str, until_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agents SET locked_until = $1 WHERE id = $2")
        .bind(until_ms)
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets earlier failures and any lock.
pub async fn clear_failures(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agents SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A stored session: whose it is, its CSRF token and when it ends.
#[derive(Debug)]
pub struct Session {
    pub agent_id: String,
    pub csrf_token: String,
    pub expires_at: i64,
}

/// Stores a session, dropping expired ones on the way (the rare path, rather than a timer).
pub async fn create_session(
    db: &Db,
    token_hash: &str,
    session: &Session,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms)
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, agent_id, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(&session.agent_id)
    .bind(&session.csrf_token)
    .bind(now_ms)
    .bind(session.expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn session(db: &Db, token_hash: &str) -> Result<Option<Session>, sqlx::Error> {
    let row =
        sqlx::query("SELECT agent_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&db.pool)
            .await?;
    row.map(|r| {
        Ok(Session {
            agent_id: r.try_get("agent_id")?,
            csrf_token: r.try_get("csrf_token")?,
            expires_at: r.try_get("expires_at")?,
        })
    })
    .transpose()
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of an agent (the account was removed).
pub async fn end_sessions_of(db: &Db, agent_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE agent_id = $1")
        .bind(agent_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
