//! What signing in reads and writes: console accounts by e-mail or id with their sign-in
//! state, and sessions (only a hash of the cookie's token is stored).

use panelcare_model::console::Role;
use sqlx::Row as _;

use super::Agent;
use crate::db::{Db, Row};

const SELECT: &str = "SELECT a.id, a.tenant_id, t.name AS tenant_name, a.email, a.name, a.role, \
     a.password_hash FROM agents a JOIN tenants t ON t.id = a.tenant_id";

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

/// Reserves an attempt on throttle `key` at `now` in one statement: counts it as a failure
/// and moves the time of the next attempt by `pause` (an SQL expression of `failures`, the
/// count before this one), only if that time has come. Failures older than `quiet_ms` are
/// forgotten first. A free attempt leaves no time to wait (`next_at` 0): parallel attempts
/// that read the clock a moment apart must not wait for each other. `None` when reserved;
/// otherwise when the next attempt may be made.
pub async fn reserve_attempt(
    db: &Db,
    key: &str,
    now: i64,
    quiet_ms: i64,
    pause: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_in_throttle (key, failures, next_at, last_at) VALUES ($1, 0, 0, 0) \
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .execute(&db.pool)
    .await?;
    let reserved: Option<i64> = sqlx::query_scalar(&format!(
        "UPDATE sign_in_throttle SET \
           failures = CASE WHEN $2 - last_at > $3 THEN 1 ELSE failures + 1 END, \
           next_at = CASE WHEN $2 - last_at > $3 OR ({pause}) = 0 THEN 0 \
                          ELSE $2 + ({pause}) END, \
           last_at = $2 \
         WHERE key = $1 AND (next_at <= $2 OR $2 - last_at > $3) \
         RETURNING failures"
    ))
    .bind(key)
    .bind(now)
    .bind(quiet_ms)
    .fetch_optional(&db.pool)
    .await?;
    if reserved.is_some() {
        return Ok(None);
    }
    let next_at: i64 = sqlx::query_scalar("SELECT next_at FROM sign_in_throttle WHERE key = $1")
        .bind(key)
        .fetch_one(&db.pool)
        .await?;
    Ok(Some(next_at))
}

/// Takes back one failure of `key`: the attempt it was reserved for succeeded.
pub async fn refund_attempt(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sign_in_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END \
         WHERE key = $1",
    )
    .bind(key)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Deletes the throttle rows last touched before `before`.
pub async fn sweep_throttle(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM sign_in_throttle WHERE last_at < $1")
            .bind(before)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// Forgets `key`'s failures (a successful sign-in).
pub async fn clear_throttle(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1")
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}
