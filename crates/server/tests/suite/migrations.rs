//! Migrations that never strand a database: every migration file matches its checked-in
//! checksum, databases made at earlier steps (tests/fixtures/db) upgrade to exactly a fresh
//! database's schema with every row kept and are served, and a migration edited in a way
//! nobody listed is still refused.

#![allow(clippy::unwrap_used)] // In a test, a failed unwrap is the failure report.

#[path = "migrations/fixture_db.rs"]
mod fixture_db;
#[path = "migrations/generate.rs"]
mod generate;
#[path = "migrations/listing.rs"]
mod listing;
#[path = "migrations/upgrade.rs"]
mod upgrade;

use crate::common::TestApp;
use fixture_db::{applied, load, open, schema};
use listing::{LINES, Line, dir_of, embedded_of, files_of, listed_of, sha384};
use panelcare_server::db::ConnectError;
use sha2::{Digest as _, Sha384};
use sqlx::{
    Connection as _,
    migrate::{MigrateError, Migrator},
};
use upgrade::{
    bridged_tenants_go_on, fresh_schema, outbox_ids_are_never_reused, serves_the_old_rows, upgrade,
};

/// The checksum of 0013 as it first landed, before 30248ac edited it.
const FIRST_0013: &str = "9ad990d1cc6e9a61f778d1549e6d6cbd76fa61d8cd077bc85ddbae2de05de52713cc4fdbcb488543c9309f96f233457a";

#[test]
fn every_migration_file_matches_its_checked_in_checksum() {
    let mut problems = Vec::new();
    for line in LINES {
        let dir = dir_of(line);
        let list = dir.join("checksums.txt");
        let listed = listed_of(line);
        for (version, sum, file) in &listed {
            let Ok(bytes) = std::fs::read(dir.join(file)) else {
                problems.push(format!(
                    "{file} is listed in {} but missing. A landed migration is never \
                     removed or renamed: databases have applied it. Restore it.",
                    list.display()
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
        for (_, file) in files_of(line) {
            if !listed.iter().any(|(_, _, f)| *f == file) {
                let bytes = std::fs::read(dir.join(&file)).expect("read");
                let version = file.split_once('_').map_or("?", |(v, _)| v);
                let version = version.trim_start_matches('0');
                problems.push(format!(
                    "{file} has no line in {}. If it is a new migration, append this \
                     line:\n{version} {} {file}",
                    list.display(),
                    sha384(&bytes)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
}

#[test]
fn migration_numbers_are_contiguous_unique_and_all_in_the_build() {
    for line in LINES {
        let files = files_of(line);
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
            "{line:?}: migration numbers must run 1, 2, 3… with no gap and no number twice: \
             {files:?}"
        );
        // `sqlx::migrate!` embeds the files at build time; build.rs rebuilds when one is added.
        let on_disk: Vec<(i64, String)> = listed_of(line)
            .into_iter()
            .map(|(v, s, _)| (v, s))
            .collect();
        assert_eq!(
            embedded_of(line),
            on_disk,
            "{line:?}: the build embeds other migrations than checksums.txt lists"
        );
    }
}

#[tokio::test]
async fn the_rebuilt_outbox_is_exactly_the_table_0013_makes() {
    // The upgrade tests compare with a fresh database, which 0014 rebuilds too; this
    // compares with the table as 0013 alone makes it.
    let dir = tempfile::tempdir().unwrap();
    let upto_13 = dir.path().join("migrations");
    std::fs::create_dir(&upto_13).unwrap();
    for (_, file) in files_of(Line::Sqlite)
        .iter()
        .filter(|(v, _)| v.is_some_and(|v| v <= 13))
    {
        std::fs::copy(dir_of(Line::Sqlite).join(file), upto_13.join(file)).unwrap();
    }
    let path = dir.path().join("at_13.sqlite");
    let mut conn = open(&path).await;
    Migrator::new(upto_13.as_path())
        .await
        .unwrap()
        .run(&mut conn)
        .await
        .unwrap();
    let want = schema(&mut conn).await;
    let got = fresh_schema().await;
    for object in [
        "table bridge_outbox",
        "index bridge_outbox_pending",
        "index bridge_outbox_ticket",
    ] {
        // A renamed table's SQL names it in quotes.
        let got = got[object].replace(
            "CREATE TABLE \"bridge_outbox\"",
            "CREATE TABLE bridge_outbox",
        );
        assert_eq!(got, want[object], "{object}");
    }
}

#[tokio::test]
async fn a_database_from_before_the_bridge_upgrades_and_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = upgrade("at_0012", dir.path()).await;
    assert_eq!(before.applied.len(), 12);
    let app = TestApp::with_db(path.to_str().unwrap()).await;
    serves_the_old_rows(&app).await;
    outbox_ids_are_never_reused(&path, 0).await;
}

#[tokio::test]
async fn a_database_from_the_first_0013_starts_and_its_outbox_ids_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = upgrade("at_0013_first", dir.path()).await;
    // The fixture is what such a database is: the first checksum, ids without AUTOINCREMENT.
    assert_eq!(before.applied[12].checksum, FIRST_0013);
    assert!(!before.outbox_sql.unwrap().contains("AUTOINCREMENT"));
    // Rows 2 and 6 were deleted; that 6 was ever handed out is recorded nowhere, so the ids
    // go on a million past the highest row left: the 6 never comes back.
    assert_eq!(before.outbox_high, 5);
    let newest = bridged_tenants_go_on(path.to_str().unwrap(), 5 + 1_000_000).await;
    outbox_ids_are_never_reused(&path, newest).await;
}

#[tokio::test]
async fn a_database_from_the_edited_0013_keeps_its_outbox_counter() {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = upgrade("at_0013_edited", dir.path()).await;
    assert_ne!(before.applied[12].checksum, FIRST_0013);
    // Its counter remembers the deleted 6.
    assert_eq!(before.outbox_high, 6);
    let newest = bridged_tenants_go_on(path.to_str().unwrap(), 6).await;
    outbox_ids_are_never_reused(&path, newest).await;
}

#[tokio::test]
async fn a_record_that_matches_no_known_text_is_still_refused() {
    for (fixture, version) in [
        ("at_0013_first", 13),
        ("at_0013_edited", 13),
        ("at_0013_edited", 5),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        load(fixture, &path).await;
        let mut conn = open(&path).await;
        let unknown = Sha384::digest(b"an edit nobody listed").to_vec();
        sqlx::query("UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2")
            .bind(&unknown)
            .bind(version)
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        let err = crate::common::connect(path.to_str().unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, ConnectError::Migrate(sqlx::Error::Migrate(e))
                if matches!(**e, MigrateError::VersionMismatch(v) if v == version)),
            "{fixture}, {version}: {err}"
        );
        let mut conn = open(&path).await;
        let now = applied(&mut conn).await;
        assert_eq!(
            now.len(),
            13,
            "{fixture}: nothing is applied after a refusal"
        );
        let kept = now.iter().find(|a| a.version == version).unwrap();
        assert_eq!(
            kept.checksum,
            hex::encode(&unknown),
            "{fixture}: the record was rewritten"
        );
    }
}
