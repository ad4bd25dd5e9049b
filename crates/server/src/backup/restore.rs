//! Restoring a backup: everything is checked before anything is touched (the backup is a
//! sound SQLite database of a schema this build knows, the target is not in use, its key is
//! not another one), then, the old database locked all along, it is moved aside with its
//! `-wal` and `-shm` (kept, never replayed onto the restored file) and the copy takes its
//! place in one rename.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use sqlx::Connection as _;

use super::{BackupError, KeyOutcome, database_file, files, key_beside, size, store};
use crate::{
    db::{Engine, known_migrations},
    secrets::config::KeySources,
};

/// A database restored, for the command's report.
#[derive(Debug)]
pub struct Restored {
    pub path: PathBuf,
    pub from: PathBuf,
    pub bytes: u64,
    /// The newest migration applied to the backup, and the newest this build has.
    pub schema: i64,
    pub known: i64,
    pub key: KeyOutcome,
    /// Where the database replaced (with its `-wal`/`-shm`), and its key if replaced, were
    /// moved.
    pub set_aside: Vec<PathBuf>,
}

impl std::fmt::Display for Restored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "restored {} from {}",
            self.path.display(),
            self.from.display()
        )?;
        writeln!(f, "  size    {}", size(self.bytes))?;
        write!(f, "  schema  migration {}", self.schema)?;
        if self.schema < self.known {
            write!(
                f,
                " (this build's newest is {}: `serve` or `migrate` brings it up to date)",
                self.known
            )?;
        }
        writeln!(f)?;
        writeln!(f, "  checked integrity ok")?;
        if !self.set_aside.is_empty() {
            let moved: Vec<String> = self
                .set_aside
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            writeln!(
                f,
                "  before  the replaced files are kept as {}: delete them once the restored \
                 database is confirmed",
                moved.join(", ")
            )?;
        }
        write!(f, "  key     {}", self.key)
    }
}

/// Puts the backup at `from` in place of the SQLite database `db_url` names; `force` replaces
/// an existing database (never one in use) and its key file.
pub async fn restore(
    db_url: &str,
    keys: &KeySources,
    from: &Path,
    force: bool,
) -> Result<Restored, BackupError> {
    let target = database_file(db_url)?;
    if !from.is_file() {
        return Err(BackupError::NoDatabase(from.to_owned()));
    }
    // Commits still in a -wal beside the file are not in it: copying the file alone would
    // drop them.
    let sidecar = files::with_suffix(from, "-wal");
    if sidecar.exists() {
        return Err(BackupError::SidecarWal(sidecar));
    }
    if target.exists() && !force {
        return Err(BackupError::Exists(target));
    }
    let readable = files::looks_like_sqlite(from)
        .map_err(BackupError::io(format!("cannot read {}", from.display())))?;
    if !readable {
        return Err(BackupError::NotSqlite(from.to_owned()));
    }
    // The checks run on a copy, which becomes the database: the backup itself is never
    // opened for writing (opening a SQLite file may write to it).
    // Made 0600, and widened to the database's permissions only after the checks.
    let partial = files::Partial::private(&target).map_err(BackupError::io(format!(
        "cannot write beside {}",
        target.display()
    )))?;
    partial
        .fill_from(from)
        .map_err(BackupError::io(format!("cannot copy {}", from.display())))?;
    let (schema, known) = check_backup(&partial.path, from).await?;
    // Held until the copy is in place: a server starting meanwhile cannot write to the
    // database being replaced.
    let lock = if target.exists() {
        let lock = store::lock(&target)
            .await
            .map_err(BackupError::sql(format!(
                "cannot tell whether {} is in use",
                target.display()
            )))?;
        Some(lock.ok_or_else(|| BackupError::InUse(target.clone()))?)
    } else {
        None
    };
    let key = key_plan(from, &target, keys, force)?;
    // The database's permissions (and owner) when there is one, else the backup's
    // permissions.
    let widened = if target.exists() {
        files::same_access_as(&partial.path, &target)
    } else {
        std::fs::metadata(from)
            .and_then(|m| std::fs::set_permissions(&partial.path, m.permissions()))
    };
    widened.map_err(BackupError::io(
        "cannot give the copy the database's permissions",
    ))?;
    let bytes = std::fs::metadata(&partial.path)
        .map_err(BackupError::io("cannot read the copy"))?
        .len();

    // The database replaced is moved aside, not deleted, with its -wal and -shm (SQLite must
    // never replay them onto the restored file, and the old database needs them).
    let aside = files::aside_name(&target, "before-restore");
    let mut set_aside = Vec::new();
    if target.exists() {
        for sidecar in ["-wal", "-shm", "-journal"] {
            let from = files::with_suffix(&target, sidecar);
            let to = files::with_suffix(&aside, sidecar);
            if files::move_if_there(&from, &to).map_err(BackupError::io(format!(
                "cannot move {} to {}",
                from.display(),
                to.display()
            )))? {
                set_aside.push(to);
            }
        }
        files::move_if_there(&target, &aside).map_err(BackupError::io(format!(
            "cannot move {} to {}",
            target.display(),
            aside.display()
        )))?;
        set_aside.insert(0, aside.clone());
    } else {
        // Left by a database no longer there: never to be replayed onto the restored one.
        for stale in ["-wal", "-shm", "-journal"] {
            let stale = files::with_suffix(&target, stale);
            files::remove_if_there(&stale).map_err(BackupError::io(format!(
                "cannot remove {}",
                stale.display()
            )))?;
        }
    }
    let placed = partial.put_in_place().map_err(BackupError::io(format!(
        "cannot write {} (the database it replaces is {})",
        target.display(),
        aside.display()
    )));
    if let Some(lock) = lock {
        let _ = lock.close().await;
    }
    placed?;
    if let KeyOutcome::Copied { from, to } = &key {
        let differs = to.exists()
            && !files::same_key(from, to)
                .map_err(BackupError::io(format!("cannot read {}", to.display())))?;
        if differs {
            let key_aside = files::with_suffix(&aside, ".key");
            files::move_if_there(to, &key_aside).map_err(BackupError::io(format!(
                "the database is restored, but its old key {} could not be moved to {}",
                to.display(),
                key_aside.display()
            )))?;
            set_aside.push(key_aside);
        }
        files::copy_private(from, to).map_err(BackupError::io(format!(
            "the database is restored, but its key {} could not be copied to {}",
            from.display(),
            to.display()
        )))?;
        // The server reads its key as the user it runs as, who owns the database.
        files::same_owner_as(to, &target).map_err(BackupError::io(format!(
            "cannot give {} the database's owner",
            to.display()
        )))?;
    }
    Ok(Restored {
        path: target,
        from: from.to_owned(),
        bytes,
        schema,
        known,
        key,
        set_aside,
    })
}

/// Checks the copy of the backup at `from`: sound, and of a schema this build knows. The
/// newest migration it has, and this build's newest.
async fn check_backup(copy: &Path, from: &Path) -> Result<(i64, i64), BackupError> {
    let damaged = |e: sqlx::Error| BackupError::Damaged {
        path: from.to_owned(),
        detail: e.to_string(),
    };
    let mut conn = store::open(copy, Duration::from_secs(5))
        .await
        .map_err(damaged)?;
    if let Err(detail) = store::integrity(&mut conn).await.map_err(damaged)? {
        return Err(BackupError::Damaged {
            path: from.to_owned(),
            detail,
        });
    }
    let applied = store::migrations(&mut conn)
        .await
        .map_err(damaged)?
        .ok_or_else(|| BackupError::NotPanelcare(from.to_owned()))?;
    conn.close().await.map_err(damaged)?;
    let known = known_migrations(Engine::Sqlite);
    let newest_known = known.last().copied().unwrap_or(0);
    let newer: Vec<i64> = applied
        .iter()
        .map(|(v, _)| *v)
        .filter(|v| !known.contains(v))
        .collect();
    if !newer.is_empty() {
        return Err(BackupError::Newer {
            path: from.to_owned(),
            newer,
            known: newest_known,
        });
    }
    Ok((applied.last().map_or(0, |(v, _)| *v), newest_known))
}

/// What to do with the backup's key file (`<backup>.key`): install it as `<database>.key`
/// when the server finds its key there, else only say how it compares with the configured
/// one. Refuses to replace another key without `force`.
fn key_plan(
    from: &Path,
    target: &Path,
    keys: &KeySources,
    force: bool,
) -> Result<KeyOutcome, BackupError> {
    let backup_key = key_beside(from);
    if !backup_key.is_file() {
        return Ok(KeyOutcome::Missing {
            looked_at: backup_key,
        });
    }
    let compare = |a: &Path, b: &Path| {
        files::same_key(a, b).map_err(BackupError::io(format!(
            "cannot compare {} with {}",
            a.display(),
            b.display()
        )))
    };
    match (&keys.key_file, &keys.key) {
        (Some(file), _) => Ok(KeyOutcome::Configured {
            source: format!("--secret-key-file {}", file.display()),
            matches: file.is_file() && compare(&backup_key, file)?,
        }),
        (None, Some(key)) => {
            let backup = std::fs::read_to_string(&backup_key).map_err(BackupError::io(format!(
                "cannot read {}",
                backup_key.display()
            )))?;
            Ok(KeyOutcome::Configured {
                source: "PANELCARE_SECRET_KEY".into(),
                matches: backup.trim() == key.trim(),
            })
        }
        (None, None) => {
            let to = key_beside(target);
            if to.exists() && !force && !compare(&backup_key, &to)? {
                return Err(BackupError::Exists(to));
            }
            Ok(KeyOutcome::Copied {
                from: backup_key,
                to,
            })
        }
    }
}
