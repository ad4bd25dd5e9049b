//! The migrations folders (one line of migrations per engine) and their checked-in lists of
//! checksums, as the tests read them.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha384};
use sqlx::migrate::Migrator;

/// The migrations as this build embeds them, as the server does.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// One engine's line of migrations.
#[derive(Debug, Clone, Copy)]
pub enum Line {
    Sqlite,
    Postgres,
}

pub const LINES: [Line; 2] = [Line::Sqlite, Line::Postgres];

impl Line {
    fn migrator(self) -> &'static Migrator {
        match self {
            Self::Sqlite => &MIGRATOR,
            Self::Postgres => &POSTGRES,
        }
    }
}

/// (version, SHA-384 in hex) of each embedded migration of the SQLite line.
pub fn embedded() -> Vec<(i64, String)> {
    embedded_of(Line::Sqlite)
}

/// (version, SHA-384 in hex) of each embedded migration of `line`.
pub fn embedded_of(line: Line) -> Vec<(i64, String)> {
    line.migrator()
        .iter()
        .map(|m| (m.version, hex::encode(&m.checksum)))
        .collect()
}

/// `crates/server/migrations` (SQLite) or `crates/server/migrations/postgres`.
pub fn dir_of(line: Line) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    match line {
        Line::Sqlite => dir,
        Line::Postgres => dir.join("postgres"),
    }
}

pub fn sha384(bytes: &[u8]) -> String {
    hex::encode(Sha384::digest(bytes))
}

/// The lines of `line`'s checksums.txt: (version, checksum, file name).
pub fn listed_of(line: Line) -> Vec<(i64, String, String)> {
    let text = std::fs::read_to_string(dir_of(line).join("checksums.txt"))
        .expect("the migrations folder's checksums.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            match parts[..] {
                [v, sum, file] => (
                    v.parse().expect("a version number"),
                    sum.into(),
                    file.into(),
                ),
                _ => panic!("checksums.txt: `{l}` is not `<version> <sha384> <file name>`"),
            }
        })
        .collect()
}

/// Every `.sql` file of `line`'s folder with its version (from `NNNN_…`), sorted.
pub fn files_of(line: Line) -> Vec<(Option<i64>, String)> {
    let mut out: Vec<(Option<i64>, String)> = std::fs::read_dir(dir_of(line))
        .expect("migrations folder")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
        .filter(|n| n.ends_with(".sql"))
        .map(|n| {
            let version = n.split_once('_').and_then(|(v, _)| v.parse().ok());
            (version, n)
        })
        .collect();
    out.sort();
    out
}
