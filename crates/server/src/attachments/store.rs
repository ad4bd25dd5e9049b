//! Attachment rows: saving an upload, tying uploads to a message, and listing a thread's files.

use std::collections::HashMap;

use panelcare_model::{ErrorCode, FieldError, error::FieldErrorCode, ticket::Attachment};
use sha2::{Digest, Sha256};
use sqlx::{Row as _, SqliteConnection};

use super::{sniff, thumbnail};
use crate::{db::Db, error::AppError, state::AppState, time};

/// Longest file name kept, in characters.
const NAME_MAX: usize = 200;

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

/// The last path segment of `name`, without control characters; `file` if nothing is left.
fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_MAX)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." {
        "file".to_owned()
    } else {
        clean.to_owned()
    }
}

/// Checks and stores an upload; it belongs to no message yet.
pub async fn save(
    state: &AppState,
    tenant_id: &str,
    uploader: &Uploader,
    name: &str,
    bytes: &[u8],
) -> Result<Attachment, AppError> {
    let kind = sniff::sniff(bytes)
        .map_err(|why| AppError::client(ErrorCode::FileTypeNotAllowed, why.message()))?;
    let thumb = if kind.is_image() {
        // Decoding is CPU work; keep it off the threads that serve requests.
        let owned = bytes.to_vec();
        let made = tokio::task::spawn_blocking(move || thumbnail::make(kind, &owned))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Some(made.ok_or_else(|| {
            AppError::client(
                ErrorCode::FileTypeNotAllowed,
                "The image could not be read (damaged, or larger than 40 megapixels).",
            )
        })?)
    } else {
        None
    };
    let id = uuid::Uuid::new_v4().to_string();
    let name = clean_name(name);
    let (account, agent) = uploader.columns();
    sqlx::query(
        "INSERT INTO attachments (id, tenant_id, account_id, agent_id, name, content_type, size, \
         sha256, data, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(tenant_id)
    .bind(account)
    .bind(agent)
    .bind(&name)
    .bind(kind.content_type())
    .bind(bytes.len() as i64)
    .bind(hex::encode(Sha256::digest(bytes)))
    .bind(bytes)
    .bind(thumb.as_deref())
    .bind(time::now_ms())
    .execute(&state.db.pool)
    .await?;
    describe(
        state,
        &id,
        name,
        kind.content_type().to_owned(),
        bytes.len() as u64,
        thumb.is_some(),
    )
    .await
}

async fn describe(
    state: &AppState,
    id: &str,
    name: String,
    content_type: String,
    size: u64,
    has_thumbnail: bool,
) -> Result<Attachment, AppError> {
    let now = time::now_ms();
    let url = state.signer.path(&state.db, id, false, now).await?;
    let thumbnail_url = if has_thumbnail {
        Some(state.signer.path(&state.db, id, true, now).await?)
    } else {
        None
    };
    Ok(Attachment {
        id: id.to_owned(),
        name,
        content_type,
        size,
        url: state.config.file_url(&url),
        thumbnail_url: thumbnail_url.map(|t| state.config.file_url(&t)),
    })
}

/// Ties the uploader's unused files `ids` to `message_id`, inside the caller's transaction.
/// Any id that is not the uploader's, or is on a message already, refuses the whole message.
pub async fn claim(
    conn: &mut SqliteConnection,
    tenant_id: &str,
    uploader: &Uploader,
    ids: &[String],
    message_id: &str,
) -> Result<(), AppError> {
    let (account, agent) = uploader.columns();
    for id in ids {
        let done = sqlx::query(
            "UPDATE attachments SET message_id = ?1 WHERE id = ?2 AND tenant_id = ?3 \
             AND account_id IS ?4 AND agent_id IS ?5 AND message_id IS NULL",
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

/// The files of each of `message_ids`, with fresh signed addresses.
pub async fn for_messages(
    state: &AppState,
    message_ids: &[String],
) -> Result<HashMap<String, Vec<Attachment>>, AppError> {
    let mut out: HashMap<String, Vec<Attachment>> = HashMap::new();
    if message_ids.is_empty() {
        return Ok(out);
    }
    let marks = vec!["?"; message_ids.len()].join(", ");
    let sql = format!(
        "SELECT id, message_id, name, content_type, size, thumbnail IS NOT NULL AS thumb \
         FROM attachments WHERE message_id IN ({marks}) ORDER BY created_at, id"
    );
    let mut query = sqlx::query(&sql);
    for id in message_ids {
        query = query.bind(id);
    }
    for row in query.fetch_all(&state.db.pool).await? {
        let message: String = row.try_get("message_id")?;
        let a = describe(
            state,
            &row.try_get::<String, _>("id")?,
            row.try_get("name")?,
            row.try_get("content_type")?,
            row.try_get::<i64, _>("size")?.max(0) as u64,
            row.try_get("thumb")?,
        )
        .await?;
        out.entry(message).or_default().push(a);
    }
    Ok(out)
}

/// Uploads nobody attached within a day are dropped.
pub async fn purge_unused(db: &Db, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM attachments WHERE message_id IS NULL AND created_at < ?")
        .bind(now_ms - 24 * 3_600_000)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\a\\error.log"), "error.log");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(""), "file");
    }
}
