//! Notice rows and their incident updates, and what customers see of them.

use std::collections::HashMap;

use panelcare_model::notice::{AgentNotice, Notice, NoticeKind, NoticeUpdate};
use sqlx::Row as _;

use crate::{
    db::{Db, Row},
    tenants::{Scope, store::condition},
    time,
};

const COLUMNS: &str = "n.id, n.tenant_id, n.kind, n.title, n.body, n.starts_at, n.ends_at, \
    n.affected_plans, n.affected_servers";

/// How far ahead upcoming maintenance is announced.
pub const AHEAD_MS: i64 = 14 * 86_400_000;

/// A notice's checked fields, as stored.
#[derive(Debug, Clone)]
pub struct Fields {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
    pub starts: i64,
    pub ends: Option<i64>,
    /// A JSON array of plan names; empty concerns every plan.
    pub plans: String,
    /// A JSON array of server names; empty concerns every server.
    pub servers: String,
}

/// Notices from rows of [`COLUMNS`], with their updates (newest first), at `now_ms`; each
/// with its tenant.
async fn notices(db: &Db, rows: &[Row], now_ms: i64) -> Result<Vec<(String, Notice)>, sqlx::Error> {
    let mut updates: HashMap<String, Vec<NoticeUpdate>> = HashMap::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let list: Vec<(String, i64)> = sqlx::query_as(
            "SELECT body, created_at FROM notice_updates WHERE notice_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(&id)
        .fetch_all(&db.pool)
        .await?;
        updates.insert(
            id,
            list.into_iter()
                .map(|(body, at)| NoticeUpdate {
                    body,
                    created_at: time::rfc3339(at),
                })
                .collect(),
        );
    }
    rows.iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let kind: String = row.try_get("kind")?;
            let starts: i64 = row.try_get("starts_at")?;
            let ends: Option<i64> = row.try_get("ends_at")?;
            let list = |col: &str| -> Result<Vec<String>, sqlx::Error> {
                let json: String = row.try_get(col)?;
                Ok(serde_json::from_str(&json).unwrap_or_default())
            };
            let notice = Notice {
                kind: NoticeKind::parse(&kind).unwrap_or(NoticeKind::Incident),
                title: row.try_get("title")?,
                body: row.try_get("body")?,
                starts_at: time::rfc3339(starts),
                ends_at: ends.map(time::rfc3339),
                current: starts <= now_ms && ends.is_none_or(|e| now_ms < e),
                affected_plans: list("affected_plans")?,
                affected_servers: list("affected_servers")?,
                updates: updates.remove(&id).unwrap_or_default(),
                id,
            };
            Ok((row.try_get("tenant_id")?, notice))
        })
        .collect()
}

fn for_agents(list: Vec<(String, Notice)>) -> Vec<AgentNotice> {
    list.into_iter()
        .map(|(tenant_id, notice)| AgentNotice { tenant_id, notice })
        .collect()
}

/// The tenant's notices that have started, or start within [`AHEAD_MS`], and have not ended
/// at `now_ms`; soonest first. Whom each concerns is for the caller to decide.
pub async fn current_and_upcoming(
    db: &Db,
    tenant_id: &str,
    now_ms: i64,
) -> Result<Vec<Notice>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notices n WHERE n.tenant_id = $1 AND n.starts_at <= $2 \
         AND (n.ends_at IS NULL OR n.ends_at > $3) ORDER BY n.starts_at"
    ))
    .bind(tenant_id)
    .bind(now_ms + AHEAD_MS)
    .bind(now_ms)
    .fetch_all(&db.pool)
    .await?;
    Ok(notices(db, &rows, now_ms)
        .await?
        .into_iter()
        .map(|(_, n)| n)
        .collect())
}

/// The newest 200 notices of the tenants of `scope`, as at `now_ms`.
pub async fn list(db: &Db, scope: &Scope, now_ms: i64) -> Result<Vec<AgentNotice>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notices n WHERE {} ORDER BY n.starts_at DESC LIMIT 200",
        condition(scope, "n.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(for_agents(notices(db, &rows, now_ms).await?))
}

/// Notice `id` as at `now_ms`, whatever its tenant: callers check the scope first.
pub async fn get(db: &Db, id: &str, now_ms: i64) -> Result<Option<AgentNotice>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM notices n WHERE n.id = $1"))
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    Ok(for_agents(notices(db, &rows, now_ms).await?).pop())
}

/// The tenant of notice `id`, if it is one of the tenants of `scope`.
pub async fn tenant_of(db: &Db, scope: &Scope, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "SELECT n.tenant_id FROM notices n WHERE {} AND n.id = $2",
        condition(scope, "n.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Publishes a notice of `tenant_id` by agent `created_by`.
pub async fn create(
    db: &Db,
    id: &str,
    tenant_id: &str,
    f: &Fields,
    created_by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (id, tenant_id, kind, title, body, starts_at, ends_at, affected_plans, \
         affected_servers, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(f.kind.as_str())
    .bind(&f.title)
    .bind(&f.body)
    .bind(f.starts)
    .bind(f.ends)
    .bind(&f.plans)
    .bind(&f.servers)
    .bind(created_by)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Rewrites notice `id`; its updates stay.
pub async fn update(db: &Db, id: &str, f: &Fields) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notices SET kind = $1, title = $2, body = $3, starts_at = $4, ends_at = $5, \
         affected_plans = $6, affected_servers = $7 WHERE id = $8",
    )
    .bind(f.kind.as_str())
    .bind(&f.title)
    .bind(&f.body)
    .bind(f.starts)
    .bind(f.ends)
    .bind(&f.plans)
    .bind(&f.servers)
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Adds an incident update by agent `agent_id` to notice `notice_id`.
pub async fn add_update(
    db: &Db,
    notice_id: &str,
    body: &str,
    agent_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_updates (notice_id, body, agent_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(notice_id)
    .bind(body)
    .bind(agent_id)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Deletes notice `id`.
pub async fn delete(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM notices WHERE id = $1")
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// A demo notice of tenant `acme`.
#[derive(Debug, Clone, Copy)]
pub struct SeedNotice<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    /// A JSON array of server names.
    pub affected_servers: &'a str,
}

/// Demo seed: a notice of tenant `acme` (named in the statement) with a fixed id, inserted
/// once; later edits in the console are kept.
pub async fn seed_acme_notice(db: &Db, n: &SeedNotice<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notices (id, tenant_id, kind, title, body, starts_at, ends_at, \
         affected_servers, created_at) VALUES ($1, 'acme', $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT DO NOTHING",
    )
    .bind(n.id)
    .bind(n.kind)
    .bind(n.title)
    .bind(n.body)
    .bind(n.starts_at)
    .bind(n.ends_at)
    .bind(n.affected_servers)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Demo seed: the one update of the demo mail incident (`demo-notice-mail`, text in the
/// statement) at `created_at`, added only while that notice has none.
pub async fn seed_mail_incident_update(db: &Db, created_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_updates (notice_id, body, created_at) SELECT 'demo-notice-mail', \
         'The cause is found: a blocklisted relay. Mail is moving to a clean one.', $1 \
         WHERE NOT EXISTS (SELECT 1 FROM notice_updates WHERE notice_id = 'demo-notice-mail')",
    )
    .bind(created_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}
