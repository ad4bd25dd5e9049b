//! What voters have yet to learn: an idea they voted for changed status, or was merged into
//! another. Written for every voter in the transaction of the change; read and marked seen
//! by each voter's widget.

use panelcare_model::ideas::{IdeaNewsKind, IdeaStatus, IdeaUpdate};
use sqlx::Row as _;

use crate::{
    auth::Customer,
    db::{Conn, Db, Engine},
    time,
};

/// Most updates the widget lists at once.
pub const LIMIT: i64 = 50;

/// Tells every voter of `idea_id` that it changed: `status` for a status change, `None` for
/// a merge (written before the votes move, so the merged idea's voters are the ones told).
pub async fn tell_voters(
    conn: &mut Conn,
    idea_id: &str,
    status: Option<IdeaStatus>,
) -> Result<u64, sqlx::Error> {
    let kind = if status.is_some() { "status" } else { "merged" };
    // A random id per row, made by the engine, so the statement stays one INSERT … SELECT;
    // nothing in it names the account (an erase pseudonymises `account_id` alone).
    let random_id = match Engine::of(conn) {
        Engine::Sqlite => "lower(hex(randomblob(16)))",
        Engine::Postgres => "gen_random_uuid()::text",
    };
    // Voters hear of published ideas' status only: a hidden or waiting idea's title stays with
    // agents. A merge is told also from a waiting idea (its voters, its author, saw it), so
    // the votes it moves never move unseen; a hidden one's moves without a word (its text was
    // taken off the board, and its voters see the idea they now vote for in "my votes").
    let shown = if status.is_some() {
        "'published'"
    } else {
        "'published', 'pending'"
    };
    Ok(sqlx::query(&format!(
        "INSERT INTO idea_news (id, tenant_id, account_id, idea_id, kind, status, created_at) \
         SELECT {random_id}, v.tenant_id, v.account_id, v.idea_id, $2, $3, $4 \
         FROM idea_votes v JOIN ideas i ON i.id = v.idea_id \
         WHERE v.idea_id = $1 AND i.visibility IN ({shown})"
    ))
    .bind(idea_id)
    .bind(kind)
    .bind(status.map(IdeaStatus::as_str))
    .bind(time::now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// The caller's updates not seen yet, newest first.
pub async fn unseen(db: &Db, who: &Customer) -> Result<Vec<IdeaUpdate>, sqlx::Error> {
    let rows = sqlx::query(
        // A status update while its idea is still on the board, a merge once it is merged
        // (not if an agent took it off since); the idea merged into is named while it is on
        // the board.
        "SELECT n.id, n.kind, n.idea_id, i.title, n.status, \
         CASE WHEN t.visibility = 'published' THEN t.id END AS merged_into, \
         CASE WHEN t.visibility = 'published' THEN t.title END AS into_title, \
         n.created_at FROM idea_news n JOIN ideas i ON i.id = n.idea_id \
         LEFT JOIN ideas t ON t.id = i.merged_into \
         WHERE n.tenant_id = $1 AND n.account_id = $2 AND n.seen_at IS NULL \
         AND ((n.kind = 'status' AND i.visibility = 'published') \
           OR (n.kind = 'merged' AND i.visibility = 'merged')) \
         ORDER BY n.created_at DESC, n.id LIMIT $3",
    )
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            let merged = kind == "merged";
            Ok(IdeaUpdate {
                id: r.try_get("id")?,
                kind: if merged {
                    IdeaNewsKind::Merged
                } else {
                    IdeaNewsKind::Status
                },
                idea_id: r.try_get("idea_id")?,
                title: r.try_get("title")?,
                status: r
                    .try_get::<Option<String>, _>("status")?
                    .as_deref()
                    .and_then(IdeaStatus::parse),
                into_id: if merged {
                    r.try_get("merged_into")?
                } else {
                    None
                },
                into_title: if merged {
                    r.try_get("into_title")?
                } else {
                    None
                },
                at: time::rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// Marks the caller's updates seen: all of them, or those named in `ids`. Returns how many.
pub async fn mark_seen(db: &Db, who: &Customer, ids: &[String]) -> Result<u64, sqlx::Error> {
    let now = time::now_ms();
    if ids.is_empty() {
        return Ok(sqlx::query(
            "UPDATE idea_news SET seen_at = $3 WHERE tenant_id = $1 AND account_id = $2 \
             AND seen_at IS NULL",
        )
        .bind(&who.tenant_id)
        .bind(&who.account_id)
        .bind(now)
        .execute(&db.pool)
        .await?
        .rows_affected());
    }
    // One statement for the lot ($4, $5, … the ids; at most [`LIMIT`] of them).
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 4)).collect();
    let sql = format!(
        "UPDATE idea_news SET seen_at = $3 WHERE tenant_id = $1 AND account_id = $2 \
         AND seen_at IS NULL AND id IN ({})",
        marks.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(&who.tenant_id)
        .bind(&who.account_id)
        .bind(now);
    for id in ids {
        query = query.bind(id);
    }
    Ok(query.execute(&db.pool).await?.rows_affected())
}

/// Deletes at most `limit` updates seen before `before` (ms); returns how many. Once seen, an
/// update is never shown again, and kept it would grow with every status change times every
/// voter. Unseen ones stay until their voter sees them.
pub async fn prune_seen(db: &Db, before: i64, limit: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM idea_news WHERE id IN (SELECT id FROM idea_news \
         WHERE seen_at IS NOT NULL AND seen_at < $1 ORDER BY id LIMIT $2)",
    )
    .bind(before)
    .bind(limit)
    .execute(&db.pool)
    .await?
    .rows_affected())
}
