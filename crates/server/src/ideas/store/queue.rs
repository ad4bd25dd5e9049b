//! The moderation queue: ideas of the tenants an agent sees ([`Scope`]), their changes and
//! merges. Every scoped statement binds the scope's tenant as `$1`.

use panelcare_model::ideas::{IdeaStatus, IdeaVisibility, QueueSort, QueuedIdea, ValidIdeaChange};
use sqlx::Row as _;

use super::{news, status, visibility};
use crate::{
    db::{Conn, Db, Row},
    tenants::{Scope, store::condition},
    time,
};

/// Most ideas one queue page lists.
pub const LIMIT: i64 = 500;

/// Queue filters; `None` means any.
#[derive(Debug, Default)]
pub struct Filter {
    pub visibility: Option<IdeaVisibility>,
    pub status: Option<IdeaStatus>,
    pub tenant: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.tenant_id, t.name AS tenant_name, i.title, i.body, \
     i.visibility, i.status, i.answer, i.votes, i.author_name, i.feedback_id, i.merged_into, \
     i.created_at, i.status_at, \
     (SELECT COUNT(*) FROM idea_deflections d WHERE d.idea_id = i.id) AS deflections \
     FROM ideas i JOIN tenants t ON t.id = i.tenant_id";

fn queued(r: &Row) -> Result<QueuedIdea, sqlx::Error> {
    Ok(QueuedIdea {
        id: r.try_get("id")?,
        tenant_id: r.try_get("tenant_id")?,
        tenant_name: r.try_get("tenant_name")?,
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        visibility: visibility(r)?,
        status: status(r)?,
        answer: r.try_get("answer")?,
        votes: r.try_get("votes")?,
        revenue_cents: 0,
        currency: String::new(),
        author_name: r.try_get("author_name")?,
        feedback_id: r.try_get("feedback_id")?,
        merged_into: r.try_get("merged_into")?,
        deflections: r.try_get("deflections")?,
        created_at: time::rfc3339(r.try_get("created_at")?),
        status_at: r.try_get::<Option<i64>, _>("status_at")?.map(time::rfc3339),
    })
}

/// The ideas in scope that `filter` lets through: binds `$1`–`$4`.
fn filtered(scope: &Scope) -> String {
    format!(
        "{} AND ($2 IS NULL OR i.visibility = $2) AND ($3 IS NULL OR i.status = $3) \
         AND ($4 IS NULL OR i.tenant_id = $4)",
        condition(scope, "i.tenant_id")
    )
}

/// The queue, waiting ideas first, then newest or most voted first. (By revenue, the caller
/// orders [`keys`], which it prices, and reads the page with [`by_ids`].)
pub async fn list(
    db: &Db,
    scope: &Scope,
    filter: &Filter,
    sort: QueueSort,
) -> Result<Vec<QueuedIdea>, sqlx::Error> {
    let order = match sort {
        QueueSort::New | QueueSort::Revenue => "i.created_at DESC",
        QueueSort::Votes => "i.votes DESC, i.created_at DESC",
    };
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE {} ORDER BY (i.visibility = 'pending') DESC, {order}, i.id LIMIT $5",
        filtered(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(filter.visibility.map(IdeaVisibility::as_str))
    .bind(filter.status.map(IdeaStatus::as_str))
    .bind(filter.tenant.as_deref())
    .bind(LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(queued).collect()
}

/// One idea of those `filter` lets through: what the revenue sort orders before it reads a
/// page (every one, however many: the best-paying may be the oldest).
#[derive(Debug, sqlx::FromRow)]
pub struct Key {
    pub id: String,
    pub tenant_id: String,
    pub visibility: String,
    pub created_at: i64,
}

pub async fn keys(db: &Db, scope: &Scope, filter: &Filter) -> Result<Vec<Key>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT i.id, i.tenant_id, i.visibility, i.created_at FROM ideas i WHERE {}",
        filtered(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(filter.visibility.map(IdeaVisibility::as_str))
    .bind(filter.status.map(IdeaStatus::as_str))
    .bind(filter.tenant.as_deref())
    .fetch_all(&db.pool)
    .await
}

/// The ideas in scope named in `ids` (at most [`LIMIT`]), in no order.
pub async fn by_ids(
    db: &Db,
    scope: &Scope,
    ids: &[String],
) -> Result<Vec<QueuedIdea>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "{SELECT} WHERE {} AND i.id IN ({})",
        condition(scope, "i.tenant_id"),
        marks.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(&scope.tenant_id);
    for id in ids {
        query = query.bind(id);
    }
    query
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(queued)
        .collect()
}

pub async fn get(db: &Db, scope: &Scope, id: &str) -> Result<Option<QueuedIdea>, sqlx::Error> {
    sqlx::query(&format!(
        "{SELECT} WHERE {} AND i.id = $2",
        condition(scope, "i.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(queued)
    .transpose()
}

/// How many voters of each idea in scope (or of the one idea `only` names) are on each
/// plan: `(idea, plan, voters)`.
pub async fn voter_plans(
    db: &Db,
    scope: &Scope,
    only: Option<&str>,
) -> Result<Vec<(String, Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT v.idea_id, v.plan, COUNT(*) FROM idea_votes v JOIN ideas i ON i.id = v.idea_id \
         WHERE {} AND ($2 IS NULL OR v.idea_id = $2) GROUP BY v.idea_id, v.plan",
        condition(scope, "i.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(only)
    .fetch_all(&db.pool)
    .await
}

/// What a change found.
#[derive(Debug)]
pub enum Changed {
    /// Done: the idea's tenant, and what the audit log should say.
    Done {
        tenant: String,
        detail: String,
    },
    NotFound,
    /// A merged idea stays as it is; its votes live on the idea it was merged into.
    Merged,
}

/// Applies an agent's change in one transaction, telling the voters of a new status.
pub async fn change(
    conn: &mut Conn,
    scope: &Scope,
    id: &str,
    agent_id: &str,
    c: &ValidIdeaChange,
) -> Result<Changed, sqlx::Error> {
    let found: Option<(String, String, String, String, String, Option<String>)> =
        sqlx::query_as(&format!(
            "SELECT i.tenant_id, i.visibility, i.status, i.title, i.body, i.answer FROM ideas i \
         WHERE {} AND i.id = $2",
            condition(scope, "i.tenant_id")
        ))
        .bind(&scope.tenant_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((tenant, old_visibility, old_status, old_title, old_body, old_answer)) = found else {
        return Ok(Changed::NotFound);
    };
    if old_visibility == IdeaVisibility::Merged.as_str() {
        return Ok(Changed::Merged);
    }
    let now = time::now_ms();
    let mut detail = Vec::new();
    // Only what differs is written (and audited): the same form sent again changes nothing.
    if let Some(title) = c.title.as_ref().filter(|t| **t != old_title) {
        set(conn, id, "title", Some(title), now).await?;
        detail.push("title".to_owned());
    }
    if let Some(body) = c.body.as_ref().filter(|b| **b != old_body) {
        set(conn, id, "body", Some(body), now).await?;
        detail.push("text".to_owned());
    }
    if let Some(v) = c.visibility.filter(|v| v.as_str() != old_visibility) {
        set(conn, id, "visibility", Some(v.as_str()), now).await?;
        detail.push(format!("{old_visibility} → {}", v.as_str()));
    }
    if let Some(answer) = c.answer.as_ref().filter(|a| **a != old_answer) {
        sqlx::query(
            "UPDATE ideas SET answer = $2, answered_by = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(answer.as_deref())
        .bind(answer.as_ref().map(|_| agent_id))
        .bind(now)
        .execute(&mut *conn)
        .await?;
        detail.push(
            if answer.is_some() {
                "answer"
            } else {
                "answer removed"
            }
            .to_owned(),
        );
    }
    if let Some(s) = c.status.filter(|s| s.as_str() != old_status) {
        sqlx::query("UPDATE ideas SET status = $2, status_at = $3, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(s.as_str())
            .bind(now)
            .execute(&mut *conn)
            .await?;
        news::tell_voters(conn, id, Some(s)).await?;
        detail.push(format!("{old_status} → {}", s.as_str()));
    }
    Ok(Changed::Done {
        tenant,
        detail: detail.join(", "),
    })
}

/// Sets one text column (`column` is one of ours, never the client's).
async fn set(
    conn: &mut Conn,
    id: &str,
    column: &'static str,
    value: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE ideas SET {column} = $2, updated_at = $3 WHERE id = $1"
    ))
    .bind(id)
    .bind(value)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What a merge found.
#[derive(Debug)]
pub enum Merge {
    /// Done: the tenant, and how many of the merged idea's voters had not voted for the
    /// other one already (the votes it gained).
    Done { tenant: String, gained: u64 },
    /// Either idea is not in scope, or they belong to different tenants.
    NotFound,
    /// Merging an idea into itself, or into one merged already.
    Refused(&'static str),
}

/// Folds `from` into `into`: `from`'s voters are told, their votes move (an account that
/// voted for both counts once), deflections move likewise, and ideas merged into `from`
/// before now point at `into`.
pub async fn merge(
    conn: &mut Conn,
    scope: &Scope,
    from: &str,
    into: &str,
) -> Result<Merge, sqlx::Error> {
    let both: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT i.id, i.tenant_id, i.visibility FROM ideas i WHERE {} AND i.id IN ($2, $3)",
        condition(scope, "i.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(from)
    .bind(into)
    .fetch_all(&mut *conn)
    .await?;
    let find = |id: &str| both.iter().find(|(i, _, _)| i == id);
    if from == into {
        return Ok(Merge::Refused("An idea cannot be merged into itself."));
    }
    let (Some(source), Some(target)) = (find(from), find(into)) else {
        return Ok(Merge::NotFound);
    };
    if source.1 != target.1 {
        // Another tenant's idea is not merely refused: this tenant's board never saw it.
        return Ok(Merge::NotFound);
    }
    if source.2 == IdeaVisibility::Merged.as_str() {
        return Ok(Merge::Refused("This idea was merged already."));
    }
    if target.2 == IdeaVisibility::Merged.as_str() {
        return Ok(Merge::Refused(
            "That idea was merged into another; merge into that one.",
        ));
    }
    if target.2 != IdeaVisibility::Published.as_str() {
        // Its voters would hold votes on an idea they cannot see, nor take back.
        return Ok(Merge::Refused(
            "Publish that idea first: votes can only move to an idea on the board.",
        ));
    }
    news::tell_voters(conn, from, None).await?;
    let gained = sqlx::query(
        "INSERT INTO idea_votes (idea_id, tenant_id, account_id, plan, created_at) \
         SELECT $2, tenant_id, account_id, plan, created_at FROM idea_votes WHERE idea_id = $1 \
         ON CONFLICT (idea_id, account_id) DO NOTHING",
    )
    .bind(from)
    .bind(into)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query(
        "INSERT INTO idea_deflections (idea_id, tenant_id, account_id, created_at) \
         SELECT $2, tenant_id, account_id, created_at FROM idea_deflections WHERE idea_id = $1 \
         ON CONFLICT (idea_id, account_id) DO NOTHING",
    )
    .bind(from)
    .bind(into)
    .execute(&mut *conn)
    .await?;
    for table in ["idea_votes", "idea_deflections"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE idea_id = $1"))
            .bind(from)
            .execute(&mut *conn)
            .await?;
    }
    let now = time::now_ms();
    sqlx::query(
        "UPDATE ideas SET votes = (SELECT COUNT(*) FROM idea_votes WHERE idea_id = $1), \
         updated_at = $2 WHERE id = $1",
    )
    .bind(into)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE ideas SET visibility = 'merged', merged_into = $2, votes = 0, updated_at = $3 \
         WHERE id = $1 OR merged_into = $1",
    )
    .bind(from)
    .bind(into)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(Merge::Done {
        tenant: source.1.clone(),
        gained,
    })
}
