//! The files' bytes and validators, read once and kept while the file on disk is unchanged
//! (a release replaces dist/ under a running server in development; hashing a 400 KB wasm on
//! every request would cost more than sending it).

use std::{
    collections::HashMap,
    io::ErrorKind,
    path::{Path, PathBuf},
    sync::Mutex,
    time::SystemTime,
};

use axum::{body::Bytes, http::HeaderValue};
use sha2::{Digest as _, Sha256};

/// One copy of a file as it is sent.
#[derive(Clone)]
pub struct Variant {
    pub bytes: Bytes,
    /// Strong: a hash of exactly these bytes, so each coding has its own.
    pub etag: HeaderValue,
    /// What the file on disk was when read: a change reads it again. The inode and change
    /// time too, so a file replaced with the same length and modification time (`rsync -a`,
    /// reproducible builds) is still noticed.
    stamp: Stamp,
}

type Stamp = (SystemTime, u64, u64, i64, i64);

fn stamp(meta: &std::fs::Metadata) -> std::io::Result<Stamp> {
    use std::os::unix::fs::MetadataExt as _;
    Ok((
        meta.modified()?,
        meta.len(),
        meta.ino(),
        meta.ctime(),
        meta.ctime_nsec(),
    ))
}

#[derive(Default)]
pub struct Store {
    copies: Mutex<HashMap<PathBuf, Variant>>,
}

impl Store {
    /// The copy at `path`, `None` when there is no such file.
    pub async fn get(&self, path: &Path) -> std::io::Result<Option<Variant>> {
        let meta = match tokio::fs::metadata(path).await {
            Ok(m) if m.is_file() => m,
            Ok(_) => return Ok(None),
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                // Gone (an older build's hashed file): no need to keep its bytes.
                self.lock().remove(path);
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let stamp = stamp(&meta)?;
        if let Some(copy) = self.lock().get(path).filter(|c| c.stamp == stamp) {
            return Ok(Some(copy.clone()));
        }
        let bytes = Bytes::from(tokio::fs::read(path).await?);
        let digest = hex::encode(&Sha256::digest(&bytes)[..12]);
        let etag = HeaderValue::from_str(&format!("\"{digest}\"")).expect("hex is a valid header");
        let copy = Variant { bytes, etag, stamp };
        self.lock().insert(path.to_owned(), copy.clone());
        Ok(Some(copy))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Variant>> {
        // A panic while holding it leaves a map that is still whole.
        self.copies.lock().unwrap_or_else(|e| e.into_inner())
    }
}
