//! Notice rows and what customers see of them.

use std::collections::HashMap;

use panelcare_model::notice::{Notice, NoticeKind, NoticeUpdate};
use sqlx::{Row as _, sqlite::SqliteRow};

use crate::{db::Db, time};

pub const COLUMNS: &str = "n.id, n.tenant_id, n.kind, n.title, n.body, n.starts_at, n.ends_at, \
    n.affected_plans, n.affected_servers";

/// How far ahead upcoming maintenance is announced.
pub const AHEAD_MS: i64 = 14 * 86_400_000;

/// Notices from rows of [`COLUMNS`], with their updates (newest first), at `now_ms`.
pub async fn notices(
    db: &Db,
    rows: &[SqliteRow],
    now_ms: i64,
) -> Result<Vec<(String, Notice)>, sqlx::Error> {
    let mut updates: HashMap<String, Vec<NoticeUpdate>> = HashMap::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let list: Vec<(String, i64)> = sqlx::query_as(
            "SELECT body, created_at FROM notice_updates WHERE notice_id = ? ORDER BY created_at DESC, id DESC",
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
