//! Feedback rows in the database: what the widget stores and reads here, the console inbox's
//! scoped queries in [`inbox`].

pub mod inbox;

use panelcare_model::{Feedback, FeedbackCategory, FeedbackStatus, ValidFeedback, numbers::Sample};
use sha2::{Digest, Sha256};
use sqlx::{FromRow, Row as _};

use crate::{
    auth::Customer,
    db::{Conn, Db, Row},
    tenants::{Scope, store::condition},
    time,
};

/// Most suggestions the widget lists at once.
pub const LIST_LIMIT: i64 = 100;

/// What storing a submission did.
#[derive(Debug)]
pub enum Created {
    New(Feedback),
    /// The same key and body were stored before: this is that row.
    Replayed(Feedback),
    /// The key was stored before with a different body.
    KeyReused,
}

const COLUMNS: &str =
    "id, category, message, rating, page, status, answer, answered_at, created_at";

/// Stores a submission exactly once per (tenant, account, idempotency key).
///
/// The insert comes first and does nothing on a key conflict, so concurrent retries race
/// inside the database's single writer rather than in a read-then-write gap here.
pub async fn create(
    db: &Db,
    who: &Customer,
    key: &str,
    fb: &ValidFeedback,
) -> Result<Created, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    match insert(&mut conn, who, key, fb).await? {
        Some(feedback) => Ok(Created::New(feedback)),
        None => earlier(db, who, key, fb).await,
    }
}

/// The insert of [`create`] on `conn` (a caller's transaction): the new row, or `None`
/// when the key was stored before.
pub async fn insert(
    conn: &mut Conn,
    who: &Customer,
    key: &str,
    fb: &ValidFeedback,
) -> Result<Option<Feedback>, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    Ok(sqlx::query_as::<_, Decoded>(&format!(
        "INSERT INTO feedback (id, tenant_id, account_id, account_name, account_email, \
         account_plan, locale, category, message, rating, page, idempotency_key, request_hash, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (tenant_id, account_id, idempotency_key) DO NOTHING RETURNING {COLUMNS}"
    ))
    .bind(&id)
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(&who.name)
    .bind(&who.email)
    .bind(&who.plan)
    .bind(&who.locale)
    .bind(fb.category.as_str())
    .bind(&fb.message)
    .bind(fb.rating.map(i64::from))
    .bind(&fb.page)
    .bind(key)
    .bind(request_hash(fb))
    .bind(time::now_ms())
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| r.0))
}

/// What the submission stored earlier under `key` makes of this one: a replay of it, or a
/// key reused for another body.
pub async fn earlier(
    db: &Db,
    who: &Customer,
    key: &str,
    fb: &ValidFeedback,
) -> Result<Created, sqlx::Error> {
    let hash = request_hash(fb);
    let existing = sqlx::query(&format!(
        "SELECT request_hash, {COLUMNS} FROM feedback \
         WHERE tenant_id = $1 AND account_id = $2 AND idempotency_key = $3"
    ))
    .bind(&who.tenant_id)
    .bind(&who.account_id)
    .bind(key)
    .fetch_optional(&db.pool)
    .await?
    .map(|r| {
        Ok::<_, sqlx::Error>((
            r.try_get::<String, _>("request_hash")?,
            Decoded::from_row(&r)?,
        ))
    })
    .transpose()?;
    match existing {
        Some((stored, row)) if stored == hash => Ok(Created::Replayed(row.0)),
        Some(_) => Ok(Created::KeyReused),
        // Unreachable unless the row was deleted between the two statements.
        None => Err(sqlx::Error::RowNotFound),
    }
}

/// The caller's own suggestions, newest first.
pub async fn list_for_account(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
) -> Result<Vec<Feedback>, sqlx::Error> {
    let rows = sqlx::query_as::<_, Decoded>(&format!(
        "SELECT {COLUMNS} FROM feedback WHERE tenant_id = $1 AND account_id = $2 \
         ORDER BY created_at DESC, id LIMIT $3"
    ))
    .bind(tenant_id)
    .bind(account_id)
    .bind(LIST_LIMIT)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// One suggestion, only if it belongs to this account of this tenant.
pub async fn get_for_account(
    db: &Db,
    tenant_id: &str,
    account_id: &str,
    id: &str,
) -> Result<Option<Feedback>, sqlx::Error> {
    let row = sqlx::query_as::<_, Decoded>(&format!(
        "SELECT {COLUMNS} FROM feedback WHERE id = $1 AND tenant_id = $2 AND account_id = $3"
    ))
    .bind(id)
    .bind(tenant_id)
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| r.0))
}

/// How many suggestions are stored in all (the bench checks each was stored exactly once).
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM feedback")
        .fetch_one(&db.pool)
        .await
}

/// The suggestions of the tenants of `scope` since `since_ms`, each with its tenant, as the
/// numbers need them.
pub async fn samples_since(
    db: &Db,
    scope: &Scope,
    since_ms: i64,
) -> Result<Vec<(String, Sample)>, sqlx::Error> {
    let rows: Vec<(String, i64, Option<i64>, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT tenant_id, created_at, rating, answered_at FROM feedback f \
         WHERE {} AND f.created_at >= $2",
        condition(scope, "f.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .bind(since_ms)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tenant_id, created_at, rating, answered_at)| {
            let sample = Sample {
                created_at,
                rating: rating.map(|v| v as u8),
                answered_at,
            };
            (tenant_id, sample)
        })
        .collect())
}

/// Demo seed: moves a seeded suggestion of `tenant_id` (found by its idempotency key) back to
/// `created_at`, so the widget shows a history. Only a row created after `fresh_after` is
/// touched: one seeded at an earlier start keeps its date.
pub async fn backdate_seed(
    db: &Db,
    tenant_id: &str,
    key: &str,
    created_at: i64,
    fresh_after: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE feedback SET created_at = $1 \
         WHERE tenant_id = $2 AND idempotency_key = $3 AND created_at > $4",
    )
    .bind(created_at)
    .bind(tenant_id)
    .bind(key)
    .bind(fresh_after)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Demo seed: plans and answers Alice's first idea (idempotency key `seed-alice-1`, named in
/// the statement) `after_ms` after it came, as the provider would; once, while unanswered.
pub async fn answer_seed_alice_1(
    db: &Db,
    tenant_id: &str,
    after_ms: i64,
    answer: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE feedback SET status = 'planned', answered_at = created_at + $1, answer = $2 \
         WHERE tenant_id = $3 AND idempotency_key = 'seed-alice-1' AND answer IS NULL",
    )
    .bind(after_ms)
    .bind(answer)
    .bind(tenant_id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A hash of what was submitted, after validation, so that a retry whose JSON differs only in
/// spacing or key order still counts as the same submission.
fn request_hash(fb: &ValidFeedback) -> String {
    let mut h = Sha256::new();
    for part in [
        fb.category.as_str(),
        &fb.message,
        fb.page.as_deref().unwrap_or(""),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update([fb.rating.unwrap_or(0)]);
    // Only when shared, so a stored suggestion's hash is what it was before ideas existed.
    if fb.share {
        h.update(b"share");
    }
    hex::encode(h.finalize())
}

/// A [`Feedback`] decoded from a row of [`COLUMNS`].
struct Decoded(Feedback);

impl<'r> FromRow<'r, Row> for Decoded {
    fn from_row(row: &'r Row) -> Result<Self, sqlx::Error> {
        let category: String = row.try_get("category")?;
        let status: String = row.try_get("status")?;
        let decode = |col: &str, v: &str| sqlx::Error::ColumnDecode {
            index: col.into(),
            source: format!("unexpected value {v:?}").into(),
        };
        Ok(Self(Feedback {
            id: row.try_get("id")?,
            category: FeedbackCategory::parse(&category)
                .ok_or_else(|| decode("category", &category))?,
            message: row.try_get("message")?,
            rating: row.try_get::<Option<i64>, _>("rating")?.map(|r| r as u8),
            page: row.try_get("page")?,
            status: FeedbackStatus::parse(&status).ok_or_else(|| decode("status", &status))?,
            answer: row.try_get("answer")?,
            answered_at: row
                .try_get::<Option<i64>, _>("answered_at")?
                .map(time::rfc3339),
            created_at: time::rfc3339(row.try_get("created_at")?),
        }))
    }
}
