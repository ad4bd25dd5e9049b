//! Migrations that never strand a database: every migration file matches its checked-in
//! checksum, and the numbers run without a gap.

#![allow(clippy::unwrap_used)] // In a test, a failed unwrap is the failure report.

#[path = "migrations/listing.rs"]
mod listing;

use listing::{embedded, files, listed, migrations_dir, sha384};

#[test]
fn every_migration_file_matches_its_checked_in_checksum() {
    let listed = listed();
    let mut problems = Vec::new();
    for (version, sum, file) in &listed {
        let Ok(bytes) = std::fs::read(migrations_dir().join(file)) else {
            problems.push(format!(
                "{file} is listed in checksums.txt but missing. A landed migration is never \
                 removed or renamed: databases have applied it. Restore it."
            ));
            continue;
        };
        let now = sha384(&bytes);
        if now != *sum {
            problems.push(format!(
                "{file} was edited after it landed (its SHA-384 is {now}, checksums.txt has \
                 {sum}). Databases that applied it would refuse to start. Restore it (git \
                 checkout) and make the change in a new migration instead."
            ));
        }
        if !file.starts_with(&format!("{version:04}_")) {
            problems.push(format!("checksums.txt lists {file} as version {version}."));
        }
    }
    for (_, file) in files() {
        if !listed.iter().any(|(_, _, f)| *f == file) {
            let bytes = std::fs::read(migrations_dir().join(&file)).expect("read");
            let version = file.split_once('_').map_or("?", |(v, _)| v);
            let version = version.trim_start_matches('0');
            problems.push(format!(
                "{file} has no line in crates/server/migrations/checksums.txt. If it is a new \
                 migration, append this line:\n{version} {} {file}",
                sha384(&bytes)
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
}

#[test]
fn migration_numbers_are_contiguous_unique_and_all_in_the_build() {
    let files = files();
    for (version, file) in &files {
        assert!(
            version.is_some() && file.len() > 9 && file.as_bytes()[4] == b'_',
            "{file}: a migration is named NNNN_description.sql (sqlx skips a file without \
             a number and an underscore)"
        );
    }
    let versions: Vec<i64> = files.iter().filter_map(|(v, _)| *v).collect();
    let expected: Vec<i64> = (1..=versions.len() as i64).collect();
    assert_eq!(
        versions, expected,
        "migration numbers must run 1, 2, 3… with no gap and no number twice: {files:?}"
    );
    // `sqlx::migrate!` embeds the files at build time; build.rs rebuilds when one is added.
    let on_disk: Vec<(i64, String)> = listed().into_iter().map(|(v, s, _)| (v, s)).collect();
    assert_eq!(
        embedded(),
        on_disk,
        "the build embeds other migrations than checksums.txt lists"
    );
}
