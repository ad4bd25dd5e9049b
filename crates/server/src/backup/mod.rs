//! `panelcare-server backup` and `restore`: a consistent copy of a SQLite database taken while
//! the server serves and writes (`VACUUM INTO`, one read transaction, so one instant), checked
//! before it is trusted, and put back in place atomically. The secret key that seals the stored
//! signing and webhook secrets travels beside the copy as `<copy>.key`, since a copy without it
//! cannot sign anything. PostgreSQL has its own tools (`pg_dump`/`pg_restore`, see the README):
//! both commands refuse it and say so.

mod files;
mod restore;
mod store;
mod take;

use std::path::{Path, PathBuf};

pub use restore::{Restored, restore};
pub use take::{Taken, take};

/// Why a backup or a restore did not happen. Nothing is left under the final name when one
/// fails: the work is done under a temporary name beside it.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "backup and restore copy a SQLite database; on PostgreSQL use its own tools: \
         `pg_dump -Fc` while the server runs and `pg_restore --clean --if-exists` to put it back \
         (README, \"Backups and restore\"), and keep the secret key (--secret-key-file or \
         PANELCARE_SECRET_KEY) apart from the dump"
    )]
    Postgres,
    #[error("an in-memory database has no file to back up or restore")]
    InMemory,
    #[error("there is no database at {0}")]
    NoDatabase(PathBuf),
    #[error("{0} already exists: give --force to replace it")]
    Exists(PathBuf),
    #[error("{0} is the database itself: write the backup to another file")]
    OntoItself(PathBuf),
    #[error(
        "{0} is one of the database's own files (its -wal, -shm, -journal or key): write the \
         backup to another file"
    )]
    OntoDatabaseFile(PathBuf),
    #[error(
        "{0} is left from an earlier backup and would pass for this one's key (this backup \
         copies none): remove it, or give --force to have it removed"
    )]
    StaleKey(PathBuf),
    #[error(
        "{0} lies beside the backup: it holds commits the backup file alone lacks, which a \
         restore would drop; fold them in first (`sqlite3 FILE 'PRAGMA \
         wal_checkpoint(TRUNCATE);'`, nothing else having it open) or restore a copy made by \
         `panelcare-server backup`"
    )]
    SidecarWal(PathBuf),
    #[error("{0} is not a SQLite database")]
    NotSqlite(PathBuf),
    #[error("{path} is damaged (SQLite's integrity check: {detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{0} is not a panelcare database: it has no record of migrations")]
    NotPanelcare(PathBuf),
    #[error(
        "{path} was made by a newer panelcare (migrations {newer:?}; this build knows up to \
         {known}): restore it with that version or a newer one"
    )]
    Newer {
        path: PathBuf,
        newer: Vec<i64>,
        known: i64,
    },
    #[error(
        "the copy's record of migrations differs from the database's (a migration ran while it \
         was taken?): run the backup again"
    )]
    MigrationsDiffer,
    #[error(
        "{0} is in use (a server or another program has it open): stop the server, then restore"
    )]
    InUse(PathBuf),
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("{what}: {source}")]
    Sql { what: String, source: sqlx::Error },
}

impl BackupError {
    fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let what = what.into();
        move |source| Self::Io { what, source }
    }

    fn sql(what: impl Into<String>) -> impl FnOnce(sqlx::Error) -> Self {
        let what = what.into();
        move |source| Self::Sql { what, source }
    }
}

/// The SQLite file `--db` names, or why there is none.
fn database_file(db_url: &str) -> Result<PathBuf, BackupError> {
    if db_url.starts_with("postgres://") || db_url.starts_with("postgresql://") {
        return Err(BackupError::Postgres);
    }
    crate::db::sqlite_file(db_url).ok_or(BackupError::InMemory)
}

/// Where the key of a database or a backup at `path` lives: `<path>.key`.
fn key_beside(path: &Path) -> PathBuf {
    files::with_suffix(path, ".key")
}

/// What became of the secret key, for the command's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOutcome {
    /// The key file was copied to `to` (mode 0600).
    Copied { from: PathBuf, to: PathBuf },
    /// The key is configured (`source`: `--secret-key-file <file>` or `PANELCARE_SECRET_KEY`),
    /// kept apart from the database by choice: the backup does not copy it.
    Apart { source: String },
    /// A key is configured (`source`: `--secret-key-file <file>` or `PANELCARE_SECRET_KEY`)
    /// and stays as it is; whether it is the backup's.
    Configured { source: String, matches: bool },
    /// No key file was found beside the backup or the database.
    Missing { looked_at: PathBuf },
}

impl std::fmt::Display for KeyOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Copied { from, to } => write!(
                f,
                "copied {} to {} (mode 0600); keep the two together, and as safe as the \
                 database: it opens the stored signing secrets",
                from.display(),
                to.display()
            ),
            Self::Apart { source } => write!(
                f,
                "NOT COPIED: the key is {source}, kept apart from the database; back it up \
                 separately, without it the stored signing secrets cannot be read"
            ),
            Self::Configured {
                source,
                matches: true,
            } => write!(
                f,
                "the server's key ({source}) is the backup's; nothing to install"
            ),
            Self::Configured {
                source,
                matches: false,
            } => write!(
                f,
                "WARNING: the server's key ({source}) is not the backup's key and was not \
                 changed: serve with the backup's key, or give it as --old-secret-key-file \
                 and run rotate-secrets"
            ),
            Self::Missing { looked_at } => write!(
                f,
                "WARNING: no key file at {}; the stored signing secrets need the key the \
                 server ran with (--secret-key-file or PANELCARE_SECRET_KEY): keep it with \
                 the backup",
                looked_at.display()
            ),
        }
    }
}

/// `1 234 567 bytes (1.2 MiB)`.
fn size(bytes: u64) -> String {
    format!("{bytes} bytes ({:.1} MiB)", bytes as f64 / 1_048_576.0)
}
