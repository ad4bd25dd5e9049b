//! Attachment rows: an upload kept until a message claims it, the files of messages, a file's
//! bytes for a signed download, the key that signs those addresses, and the purge of uploads
//! nobody attached.

use sha2::{Digest, Sha256};
use sqlx::Row as _;

use crate::{
    db::{Conn, Db, flag},
    error::AppError,
    secrets::{decode_error, server_secret_context},
};
use panelcare_model::{FieldError, error::FieldErrorCode};

/// Who uploaded a file; only they may attach it to a message.
#[derive(Debug, Clone)]
pub enum Uploader {
    Customer(String),
    Agent(String),
}

impl Uploader {
    fn columns(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Self::Customer(account) => (Some(account), None),
            Self::Agent(agent) => (None, Some(agent)),
        }
    }
}

/// An upload as it is stored.
#[derive(Debug)]
pub struct NewFile<'a> {
    pub id: &'a str,
    pub tenant_id: &'a str,
    pub uploader: &'a Uploader,
    pub name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub thumbnail: Option<&'a [u8]>,
}

/// Stores an upload; it belongs to no message yet.
pub async fn insert(db: &Db, f: &NewFile<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    let (account, agent) = f.uploader.columns();
    sqlx::query(
        "INSERT INTO attachments (id, tenant_id, account_id, agent_id, name, content_type, size, \
         sha256, data, thumbnail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(f.id)
    .bind(f.tenant_id)
    .bind(account)
    .bind(agent)
    .bind(f.name)
    .bind(f.content_type)
    .bind(f.bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(f.bytes)))
    .bind(f.bytes)
    .bind(f.thumbnail)
    .bind(now_ms)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Ties the uploader's unused files `ids` to `message_id`, inside the caller's transaction.
/// Any id that is not the uploader's, or is on a message already, refuses the whole message.
pub async fn claim(
    conn: &mut Conn,
    tenant_id: &str,
    uploader: &Uploader,
    ids: &[String],
    message_id: &str,
) -> Result<(), AppError> {
    let (account, agent) = uploader.columns();
    for id in ids {
        let done = sqlx::query(
            "UPDATE attachments SET message_id = $1 WHERE id = $2 AND tenant_id = $3 \
             AND account_id IS NOT DISTINCT FROM $4 AND agent_id IS NOT DISTINCT FROM $5 \
             AND message_id IS NULL",
        )
        .bind(message_id)
        .bind(id)
        .bind(tenant_id)
        .bind(account)
        .bind(agent)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() != 1 {
            return Err(AppError::validation(vec![FieldError::new(
                "attachments",
                FieldErrorCode::UnknownValue,
                "A file was not found or is on another message already; upload it again.",
            )]));
        }
    }
    Ok(())
}

/// A stored file as a thread lists it.
#[derive(Debug)]
pub struct Listed {
    pub id: String,
    pub message_id: String,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    pub has_thumbnail: bool,
}

/// The files on any of `message_ids`, oldest first.
pub async fn on_messages(db: &Db, message_ids: &[String]) -> Result<Vec<Listed>, sqlx::Error> {
    if message_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=message_ids.len()).map(|n| format!("${n}")).collect();
    let marks = marks.join(", ");
    let sql = format!(
        "SELECT id, message_id, name, content_type, size, CASE WHEN thumbnail IS NULL THEN 0 ELSE 1 END AS thumb \
         FROM attachments WHERE message_id IN ({marks}) ORDER BY created_at, id"
    );
    let mut query = sqlx::query(&sql);
    for id in message_ids {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|row| {
            Ok(Listed {
                id: row.try_get("id")?,
                message_id: row.try_get("message_id")?,
                name: row.try_get("name")?,
                content_type: row.try_get("content_type")?,
                size: row.try_get::<i64, _>("size")?.max(0) as u64,
                has_thumbnail: flag(row, "thumb")?,
            })
        })
        .collect()
}

/// A file on a message, as a download sends it.
#[derive(Debug)]
pub struct Download {
    pub name: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// The file (or its thumbnail) `id`, if it is on a message; uploads nobody attached are
/// never served.
pub async fn download(db: &Db, id: &str, thumbnail: bool) -> Result<Option<Download>, sqlx::Error> {
    let column = if thumbnail { "thumbnail" } else { "data" };
    let row = sqlx::query(&format!(
        "SELECT name, content_type, {column} AS body FROM attachments \
         WHERE id = $1 AND message_id IS NOT NULL"
    ))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let body: Option<Vec<u8>> = row.try_get("body")?;
    Ok(match body {
        Some(body) => Some(Download {
            name: row.try_get("name")?,
            content_type: row.try_get("content_type")?,
            body,
        }),
        None => None,
    })
}

/// The key that signs file addresses: `fresh` unless another process stored one first.
/// Stored sealed under the server's secret key (a backup alone signs no file address); one
/// stored before sealing reads as it is until start-up or `rotate-secrets` seals it.
pub async fn file_url_key(db: &Db, fresh: &str) -> Result<String, sqlx::Error> {
    let context = server_secret_context(FILE_URLS);
    sqlx::query(
        "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(FILE_URLS)
    .bind(db.secrets.seal(fresh, &context))
    .execute(&db.pool)
    .await?;
    let stored: String = sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
        .bind(FILE_URLS)
        .fetch_one(&db.pool)
        .await?;
    db.secrets
        .open(&stored, &context)
        .map(|o| o.plain)
        .map_err(decode_error)
}

/// The name of the file-address key among the server's secrets.
const FILE_URLS: &str = "file_urls";

/// Uploads nobody attached within a day are dropped.
pub async fn purge_unused(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM attachments WHERE message_id IS NULL AND created_at < $1")
        .bind(now_ms - 24 * 3_600_000)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}
