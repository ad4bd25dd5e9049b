//! The feedback inbox in the database, always within an agent's [`Scope`]. Every scoped statement
//! binds the scope's tenant as `$1` and its own values as `$2`, `$3`…

use panelcare_model::{
    FeedbackCategory, FeedbackStatus,
    console::{InboxItem, Note},
};
use sqlx::Row as _;

use crate::{
    db::{Db, Row},
    tenants::{Scope, store::condition},
    time,
};

/// Inbox filters; `None` means any.
#[derive(Debug, Default)]
pub struct Filter {
    pub status: Option<FeedbackStatus>,
    pub category: Option<FeedbackCategory>,
    pub rating: Option<u8>,
    pub tenant: Option<String>,
}

/// Most items one inbox page lists.
const LIMIT: i64 = 500;

const SELECT: &str = "SELECT f.id, f.tenant_id, t.name AS tenant_name, f.account_id, \
     f.account_name, f.account_email, f.category, f.message, f.rating, f.page, f.status, \
     f.answer, f.answered_at, f.created_at, \
     (SELECT COUNT(*) FROM feedback_notes n WHERE n.feedback_id = f.id) AS note_count \
     FROM feedback f JOIN tenants t ON t.id = f.tenant_id";

fn item(r: &Row) -> Result<InboxItem, sqlx::Error> {
    let bad = |col: &str, v: String| sqlx::Error::ColumnDecode {
        index: col.into(),
        source: format!("unexpected value {v:?}").into(),
    };
    let category: String = r.try_get("category")?;
    let status: String = r.try_get("status")?;
    let rating = r.try_get::<Option<i64>, _>("rating")?.map(|v| v as u8);
    Ok(InboxItem {
        id: r.try_get("id")?,
        tenant_id: r.try_get("tenant_id")?,
        tenant_name: r.try_get("tenant_name")?,
        account_id: r.try_get("account_id")?,
        account_name: r.try_get("account_name")?,
        account_email: r.try_get("account_email")?,
        category: FeedbackCategory::parse(&category).ok_or_else(|| bad("category", category))?,
        message: r.try_get("message")?,
        rating,
        low_rating: rating.is_some_and(|r| r <= 2),
        page: r.try_get("page")?,
        status: FeedbackStatus::parse(&status).ok_or_else(|| bad("status", status))?,
        answer: r.try_get("answer")?,
        answered_at: r
            .try_get::<Option<i64>, _>("answered_at")?
            .map(time::rfc3339),
        created_at: time::rfc3339(r.try_get("created_at")?),
        note_count: r.try_get::<i64, _>("note_count")? as u32,
    })
}

/// Low ratings first (they need an answer soonest), then newest first.
pub async fn list(db: &Db, scope: &Scope, filter: &Filter) -> Result<Vec<InboxItem>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE {} AND ($2 IS NULL OR f.status = $2) AND ($3 IS NULL OR f.category = $3) \
         AND ($4 IS NULL OR f.rating = $4) AND ($5 IS NULL OR f.tenant_id = $5) \
         ORDER BY (f.rating IS NOT NULL AND f.rating <= 2) DESC, f.created_at DESC, f.id \
         LIMIT $6",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(filter.status.map(FeedbackStatus::as_str))
    .bind(filter.category.map(FeedbackCategory::as_str))
    .bind(filter.rating.map(i64::from))
    .bind(filter.tenant.as_deref())
    .bind(LIMIT)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(item).collect()
}

pub async fn get(db: &Db, scope: &Scope, id: &str) -> Result<Option<InboxItem>, sqlx::Error> {
    sqlx::query(&format!(
        "{SELECT} WHERE {} AND f.id = $2",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .as_ref()
    .map(item)
    .transpose()
}

pub async fn notes(db: &Db, feedback_id: &str) -> Result<Vec<Note>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT n.id, a.name AS agent_name, n.body, n.created_at FROM feedback_notes n \
         JOIN agents a ON a.id = n.agent_id WHERE n.feedback_id = $1 ORDER BY n.created_at, n.id",
    )
    .bind(feedback_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Note {
                id: r.try_get("id")?,
                agent_name: r.try_get("agent_name")?,
                body: r.try_get("body")?,
                created_at: time::rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// Sets the status; returns the tenant and the old status, or `None` if not in scope.
pub async fn set_status(
    db: &Db,
    scope: &Scope,
    id: &str,
    status: FeedbackStatus,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let old: Option<(String, String)> = sqlx::query_as(&format!(
        "SELECT tenant_id, status FROM feedback f WHERE {} AND f.id = $2",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    if old.is_some() {
        sqlx::query("UPDATE feedback SET status = $2 WHERE id = $1")
            .bind(id)
            .bind(status.as_str())
            .execute(&db.pool)
            .await?;
    }
    Ok(old)
}

/// Writes the public answer; the first answer's time is kept (time to first answer).
pub async fn answer(
    db: &Db,
    scope: &Scope,
    id: &str,
    agent_id: &str,
    text: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "UPDATE feedback AS f SET answer = $3, answered_by = $4, \
         answered_at = COALESCE(answered_at, $5) WHERE {} AND f.id = $2 RETURNING tenant_id",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .bind(text)
    .bind(agent_id)
    .bind(time::now_ms())
    .fetch_optional(&db.pool)
    .await
}

/// Adds an internal note; `None` if the suggestion is not in scope.
pub async fn add_note(
    db: &Db,
    scope: &Scope,
    id: &str,
    agent_id: &str,
    text: &str,
) -> Result<Option<String>, sqlx::Error> {
    let note_id = uuid::Uuid::new_v4().to_string();
    let tenant: Option<String> = sqlx::query_scalar(&format!(
        "INSERT INTO feedback_notes (id, feedback_id, tenant_id, agent_id, body, created_at) \
         SELECT $3, f.id, f.tenant_id, $4, $5, $6 FROM feedback f WHERE {} AND f.id = $2 \
         RETURNING tenant_id",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .bind(&note_id)
    .bind(agent_id)
    .bind(text)
    .bind(time::now_ms())
    .fetch_optional(&db.pool)
    .await?;
    Ok(tenant.map(|_| note_id))
}
