//! The migrations folder and its checked-in list of checksums, as the tests read them.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha384};
use sqlx::migrate::Migrator;

/// The migrations as this build embeds them, as the server does.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// (version, SHA-384 in hex) of each embedded migration.
pub fn embedded() -> Vec<(i64, String)> {
    MIGRATOR
        .iter()
        .map(|m| (m.version, hex::encode(&m.checksum)))
        .collect()
}

pub fn migrations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")
}

pub fn sha384(bytes: &[u8]) -> String {
    hex::encode(Sha384::digest(bytes))
}

/// The lines of checksums.txt: (version, checksum, file name).
pub fn listed() -> Vec<(i64, String, String)> {
    let text = std::fs::read_to_string(migrations_dir().join("checksums.txt"))
        .expect("crates/server/migrations/checksums.txt");
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

/// Every `.sql` file of the migrations folder with its version (from `NNNN_…`), sorted.
pub fn files() -> Vec<(Option<i64>, String)> {
    let mut out: Vec<(Option<i64>, String)> = std::fs::read_dir(migrations_dir())
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
