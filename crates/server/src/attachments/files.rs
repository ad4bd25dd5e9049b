//! Files as clients get them: an upload checked by its content (images get a re-encoded
//! thumbnail) and stored, and the files of a thread with fresh signed addresses.

use std::collections::HashMap;

use panelcare_model::{ErrorCode, clean, ticket::Attachment};

use super::{
    signing, sniff,
    store::{self, NewFile, Uploader},
    thumbnail,
};
use crate::{error::AppError, state::AppState, time};

/// Longest file name kept, in characters.
const NAME_MAX: usize = 200;

/// The last path segment of `name` by the text hygiene rule, leniently, and without line
/// breaks or tabs; `file` if nothing is left. Lenient, not refused: the name was given by the
/// customer's computer, and a customer cannot easily rename a file to get rid of a character
/// they never see — but "invoice\u{202e}fdp.exe" must not reach an agent as "invoiceexe.pdf".
fn clean_name(name: &str) -> String {
    let name = clean::lenient(name);
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
    store::insert(
        &state.db,
        &NewFile {
            id: &id,
            tenant_id,
            uploader,
            name: &name,
            content_type: kind.content_type(),
            bytes,
            thumbnail: thumb.as_deref(),
        },
        time::now_ms(),
    )
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
    let url = signing::path(state, id, false, now).await?;
    let thumbnail_url = if has_thumbnail {
        Some(signing::path(state, id, true, now).await?)
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

/// The files of each of `message_ids`, with fresh signed addresses.
pub async fn for_messages(
    state: &AppState,
    message_ids: &[String],
) -> Result<HashMap<String, Vec<Attachment>>, AppError> {
    let mut out: HashMap<String, Vec<Attachment>> = HashMap::new();
    for f in store::on_messages(&state.db, message_ids).await? {
        let a = describe(
            state,
            &f.id,
            f.name,
            f.content_type,
            f.size,
            f.has_thumbnail,
        )
        .await?;
        out.entry(f.message_id).or_default().push(a);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(clean_name("C:\\Users\\a\\error.log"), "error.log");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\u{0}b\nc.txt"), "abc.txt");
        assert_eq!(
            clean_name("invoice\u{202e}fdp\u{200b}.exe"),
            "invoicefdp.exe"
        );
        assert_eq!(clean_name(".."), "file");
        assert_eq!(clean_name(""), "file");
    }
}
