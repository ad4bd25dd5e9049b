//! Taking a backup: the copy under a temporary name, checked (integrity, the same record of
//! migrations as the database), flushed and renamed; then the key file beside it.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use sqlx::Connection as _;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::{BackupError, KeyOutcome, database_file, files, key_beside, size, store};
use crate::secrets::config::KeySources;

/// How long the copy waits for a writer that holds the database (`VACUUM INTO` only reads,
/// but a checkpoint may be running).
const BUSY: Duration = Duration::from_secs(30);

/// A backup written, for the command's report.
#[derive(Debug)]
pub struct Taken {
    pub path: PathBuf,
    pub bytes: u64,
    /// The newest migration applied to the copy.
    pub schema: i64,
    /// When the copy's read began: the instant the copy holds.
    pub at: OffsetDateTime,
    pub took: Duration,
    pub key: KeyOutcome,
}

impl std::fmt::Display for Taken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "backup written to {}", self.path.display())?;
        writeln!(f, "  size    {}", size(self.bytes))?;
        writeln!(f, "  schema  migration {}", self.schema)?;
        writeln!(
            f,
            "  time    {} (took {:.1} s)",
            self.at.format(&Rfc3339).unwrap_or_default(),
            self.took.as_secs_f64()
        )?;
        writeln!(f, "  checked integrity ok, migrations as in the database")?;
        write!(f, "  key     {}", self.key)
    }
}

/// Backs the SQLite database `db_url` names up to `to` while it may be serving; `force`
/// replaces an earlier backup (and its key file) there.
pub async fn take(
    db_url: &str,
    keys: &KeySources,
    to: &Path,
    force: bool,
) -> Result<Taken, BackupError> {
    let source = database_file(db_url)?;
    if !source.is_file() {
        return Err(BackupError::NoDatabase(source));
    }
    if files::same_file(&source, to) {
        return Err(BackupError::OntoItself(to.to_owned()));
    }
    // Nor onto the files SQLite and the server keep beside it, not even with --force: a copy
    // there would wreck the database or its key.
    for own in ["-wal", "-shm", "-journal", ".key"] {
        if files::same_file(&files::with_suffix(&source, own), to) {
            return Err(BackupError::OntoDatabaseFile(to.to_owned()));
        }
    }
    let key_from = key_file(&source, keys);
    let key_to = key_beside(to);
    let copies_key = matches!(key_from, Ok(Ok(_)));
    if !force {
        if to.exists() {
            return Err(BackupError::Exists(to.to_owned()));
        }
        if key_to.exists() {
            // Replaced by this backup's key, or left from an earlier backup where a restore
            // would take it for this one's: either way, only with --force.
            return Err(if copies_key {
                BackupError::Exists(key_to)
            } else {
                BackupError::StaleKey(key_to)
            });
        }
    }
    let partial = files::Partial::private(to).map_err(BackupError::io(format!(
        "cannot write beside {}",
        to.display()
    )))?;

    let started = Instant::now();
    let now = OffsetDateTime::now_utc();
    let at = now.replace_nanosecond(0).unwrap_or(now);
    let what = format!("cannot copy {}", source.display());
    let mut conn = store::open(&source, BUSY)
        .await
        .map_err(BackupError::sql(what.clone()))?;
    let applied = store::migrations(&mut conn)
        .await
        .map_err(BackupError::sql(what.clone()))?
        .ok_or_else(|| BackupError::NotPanelcare(source.clone()))?;
    store::vacuum_into(&mut conn, &partial.path)
        .await
        .map_err(BackupError::sql(what.clone()))?;
    conn.close().await.map_err(BackupError::sql(what))?;

    let schema = check_copy(&partial.path, &applied).await?;
    // Made 0600 (the copy is as secret as the database); as readable as the database only
    // now that it is checked.
    files::same_access_as(&partial.path, &source)
        .map_err(BackupError::io("cannot set the copy's permissions"))?;
    let bytes = std::fs::metadata(&partial.path)
        .map_err(BackupError::io("cannot read the copy"))?
        .len();
    partial
        .put_in_place()
        .map_err(BackupError::io(format!("cannot write {}", to.display())))?;

    let key = match key_from {
        Ok(Ok(from)) => {
            files::copy_private(&from, &key_to).map_err(BackupError::io(format!(
                "the backup is written, but the key {} could not be copied to {}",
                from.display(),
                key_to.display()
            )))?;
            KeyOutcome::Copied { from, to: key_to }
        }
        // No key goes with this copy: a key file an earlier backup left under its name
        // (--force got this far) must not pass for its key.
        Ok(Err(looked_at)) => {
            remove_stale_key(&key_to)?;
            KeyOutcome::Missing { looked_at }
        }
        Err(apart) => {
            remove_stale_key(&key_to)?;
            apart
        }
    };
    Ok(Taken {
        path: to.to_owned(),
        bytes,
        schema,
        at,
        took: started.elapsed(),
        key,
    })
}

/// Removes the key file an earlier backup left beside this one's name.
fn remove_stale_key(key_to: &Path) -> Result<(), BackupError> {
    files::remove_if_there(key_to).map_err(BackupError::io(format!(
        "the backup is written, but {} (left from an earlier backup) could not be removed",
        key_to.display()
    )))
}

/// Checks the copy before it gets its final name; the newest migration it holds.
async fn check_copy(copy: &Path, applied: &[(i64, Vec<u8>)]) -> Result<i64, BackupError> {
    let what = "cannot check the copy";
    let mut conn = store::open(copy, BUSY)
        .await
        .map_err(BackupError::sql(what))?;
    let found = store::integrity(&mut conn)
        .await
        .map_err(BackupError::sql(what))?;
    if let Err(detail) = found {
        return Err(BackupError::Damaged {
            path: copy.to_owned(),
            detail,
        });
    }
    let copied = store::migrations(&mut conn)
        .await
        .map_err(BackupError::sql(what))?;
    conn.close().await.map_err(BackupError::sql(what))?;
    if copied.as_deref() != Some(applied) {
        return Err(BackupError::MigrationsDiffer);
    }
    Ok(applied.last().map_or(0, |(v, _)| *v))
}

/// The key file to copy: the one the server made beside the database, `<db>.key` (`Err`
/// with where it was looked for when it is missing). A key the operator configured
/// (`--secret-key-file`, `PANELCARE_SECRET_KEY`) is kept apart from the database on purpose,
/// so a backup does not put it beside the copy: `Apart` names it.
fn key_file(source: &Path, keys: &KeySources) -> Result<Result<PathBuf, PathBuf>, KeyOutcome> {
    match (&keys.key_file, &keys.key) {
        (Some(file), _) => Err(KeyOutcome::Apart {
            source: format!("--secret-key-file {}", file.display()),
        }),
        (None, Some(_)) => Err(KeyOutcome::Apart {
            source: "PANELCARE_SECRET_KEY".into(),
        }),
        (None, None) => {
            let default = key_beside(source);
            Ok(if default.is_file() {
                Ok(default)
            } else {
                Err(default)
            })
        }
    }
}
