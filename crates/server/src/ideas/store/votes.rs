//! Votes: one per account and idea, added and taken back exactly once however often a
//! client repeats itself; the idea's `votes` count moves in the same transaction. A customer
//! who votes for an idea instead of writing their own is a deflection, counted once.

use crate::{auth::Customer, db::Conn, time};

/// What a vote or its withdrawal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voted {
    /// The vote was added or removed.
    Changed,
    /// It already was as asked.
    AsBefore,
    /// No published idea of the caller's tenant has this id.
    NoSuchIdea,
}

/// Adds the caller's vote to a published idea of its tenant.
pub async fn add(conn: &mut Conn, who: &Customer, idea_id: &str) -> Result<Voted, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO idea_votes (idea_id, tenant_id, account_id, plan, created_at) \
         SELECT id, tenant_id, $3, $4, $5 FROM ideas \
         WHERE id = $1 AND tenant_id = $2 AND visibility = 'published' \
         ON CONFLICT (idea_id, account_id) DO NOTHING",
    )
    .bind(idea_id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(&who.plan)
    .bind(time::now_ms())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if added == 1 {
        count(conn, idea_id, 1).await?;
        return Ok(Voted::Changed);
    }
    Ok(if published(conn, who, idea_id).await? {
        Voted::AsBefore
    } else {
        Voted::NoSuchIdea
    })
}

/// Takes the caller's vote back from a published idea of its tenant.
pub async fn remove(conn: &mut Conn, who: &Customer, idea_id: &str) -> Result<Voted, sqlx::Error> {
    if !published(conn, who, idea_id).await? {
        return Ok(Voted::NoSuchIdea);
    }
    let removed = sqlx::query(
        "DELETE FROM idea_votes WHERE idea_id = $1 AND tenant_id = $2 AND account_id = $3",
    )
    .bind(idea_id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if removed == 1 {
        count(conn, idea_id, -1).await?;
        Ok(Voted::Changed)
    } else {
        Ok(Voted::AsBefore)
    }
}

/// Counts a deflection (once per account and idea); the caller votes in the same
/// transaction.
pub async fn deflect(conn: &mut Conn, who: &Customer, idea_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO idea_deflections (idea_id, tenant_id, account_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (idea_id, account_id) DO NOTHING",
    )
    .bind(idea_id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(time::now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn published(conn: &mut Conn, who: &Customer, idea_id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM ideas WHERE id = $1 AND tenant_id = $2 AND visibility = 'published'",
    )
    .bind(idea_id)
    .bind(&who.tenant_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

async fn count(conn: &mut Conn, idea_id: &str, by: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ideas SET votes = votes + $2 WHERE id = $1")
        .bind(idea_id)
        .bind(by)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
