//! `panelcare-server backup` and `restore` through the real binary: a backup taken while a
//! real server is writing holds every write acknowledged before it began, restores whole with
//! its key, and the refusals (an existing file, a damaged, foreign or newer backup, a database
//! in use, PostgreSQL) say why and leave everything as it was. SQLite only, whatever engine the
//! run is for: the commands copy SQLite files.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
    process::{Command, Output},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
};

use panelcare_server::db::Db;
use serde_json::json;

use crate::common::{TEST_SECRET_KEY, connect, engine, lift_limits, process::Instance, token};

/// Runs `panelcare-server --db <db> <args>` as an operator would, with no key in the
/// environment (the database's `<file>.key` is the key, as on a single server).
fn cli(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelcare-server"))
        .args(["--db", db])
        .args(args)
        .env_remove("PANELCARE_SECRET_KEY")
        .env_remove("PANELCARE_SECRET_KEY_FILE")
        .env_remove("PANELCARE_DB")
        .output()
        .expect("the server binary runs")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A migrated SQLite database at `dir/name` with tenant `acme` (key `k1`) and its key file
/// beside it, as a server that made its own key leaves it.
async fn sqlite_database(dir: &Path, name: &str) -> (String, Db) {
    let path = dir.join(name);
    std::fs::write(dir.join(format!("{name}.key")), TEST_SECRET_KEY).expect("key file");
    let url = path.to_str().expect("utf-8").to_owned();
    let db = connect(&url).await.expect("db");
    panelcare_server::tenants::store::create(&db, "acme", "Acme Hosting", None)
        .await
        .expect("tenant");
    panelcare_server::agents::store::put_key(&db, "acme", "k1", crate::common::ACME_SECRET)
        .await
        .expect("key");
    lift_limits(&db, "acme").await;
    (url, db)
}

/// The ids in `table` of `db`.
async fn ids(db: &Db, table: &str) -> BTreeSet<String> {
    sqlx::query_scalar::<_, String>(&format!("SELECT id FROM {table}"))
        .fetch_all(&db.pool)
        .await
        .expect("ids")
        .into_iter()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_load_restores_every_acknowledged_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db_url, db) = sqlite_database(dir.path(), "live.sqlite").await;
    let server = Arc::new(Instance::start(&db_url));
    let bearer = format!("Bearer {}", token("acme", "alice"));

    // A writer that stores feedback and tickets until told to stop, recording each write the
    // server acknowledged (201), in order, and announcing how many there are.
    let acked: Arc<Mutex<Vec<(&'static str, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let (count_tx, mut count) = tokio::sync::watch::channel(0usize);
    let writer = {
        let (server, acked, stop) = (server.clone(), acked.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let key = format!("backup-load-{n:06}");
                let headers = [
                    ("authorization", bearer.as_str()),
                    ("idempotency-key", &key),
                ];
                let (table, path, body) = if n.is_multiple_of(3) {
                    let body = json!({"department": "technical", "priority": "high",
                        "subject": format!("Down {n}"), "message": "Please look.", "attachments": []});
                    ("tickets", "/api/v1/tickets", body)
                } else {
                    let body = json!({"category": "problem", "message": format!("Slow page {n}")});
                    ("feedback", "/api/v1/feedback", body)
                };
                let (s, b, _) = server.call("POST", path, &headers, Some(&body)).await;
                assert_eq!(s, 201, "{b}");
                let id = if table == "tickets" {
                    &b["ticket"]["id"]
                } else {
                    &b["id"]
                };
                let id = id.as_str().expect("an id").to_owned();
                let mut acked = acked.lock().expect("lock");
                acked.push((table, id));
                count_tx.send_replace(acked.len());
                n += 1;
            }
        })
    };

    // A database readable by its owner and group only gives a backup no more readable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let perms = std::fs::Permissions::from_mode(0o640);
        std::fs::set_permissions(&db_url, perms).expect("chmod");
    }
    count
        .wait_for(|n| *n >= 30)
        .await
        .expect("the writer writes");
    // Everything acknowledged before the backup begins must be in it.
    let before: Vec<(&str, String)> = acked.lock().expect("lock").clone();
    let out = dir.path().join("nightly.sqlite");
    let out_arg = out.to_str().expect("utf-8").to_owned();
    let taken = {
        let db_url = db_url.clone();
        let out_arg = out_arg.clone();
        tokio::task::spawn_blocking(move || cli(&db_url, &["backup", "--to", &out_arg]))
            .await
            .expect("backup ran")
    };
    assert!(taken.status.success(), "backup failed: {}", said(&taken));
    let report = said(&taken);
    for line in [
        "backup written to",
        "size",
        "schema  migration",
        "time",
        "key     copied",
    ] {
        assert!(report.contains(line), "{line:?} in {report}");
    }
    // The server went on taking writes after the backup.
    let at_backup_end = *count.borrow();
    count
        .wait_for(|n| *n >= at_backup_end + 10)
        .await
        .expect("the writer writes on");
    stop.store(true, Ordering::Relaxed);
    writer.await.expect("the writer ends cleanly");
    assert!(acked.lock().expect("lock").len() > before.len());

    // The key that opens the backup's secrets travels with it, readable by its owner only.
    let out_key = dir.path().join("nightly.sqlite.key");
    assert_eq!(
        std::fs::read_to_string(&out_key).expect("key"),
        TEST_SECRET_KEY
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out_key)
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(&out)
            .expect("backup")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o640,
            "the backup as readable as the database"
        );
    }
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // A second backup to the same name is refused without --force, and changes nothing.
    let first = std::fs::read(&out).expect("backup");
    let again = cli(&db_url, &["backup", "--to", &out_arg]);
    assert!(!again.status.success(), "{}", said(&again));
    assert!(said(&again).contains("already exists") && said(&again).contains("--force"));
    assert_eq!(std::fs::read(&out).expect("backup"), first);
    // Nor, even with --force, onto the database itself.
    let onto = cli(&db_url, &["backup", "--to", &db_url, "--force"]);
    assert!(!onto.status.success() && said(&onto).contains("the database itself"));

    // Restored into a new place, with the server's key installed beside it.
    let restored = dir.path().join("restored.sqlite");
    let restored_url = restored.to_str().expect("utf-8").to_owned();
    let put = cli(&restored_url, &["restore", "--from", &out_arg]);
    assert!(put.status.success(), "restore failed: {}", said(&put));
    assert!(said(&put).contains("restored"), "{}", said(&put));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("restored.sqlite.key")).expect("key"),
        TEST_SECRET_KEY
    );
    // The copy is made owner-only and widened only after the checks: to the backup's mode
    // here (no database was there), never left at the umask's.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&restored)
            .expect("restored")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o640,
            "the restored file as readable as the backup"
        );
    }
    let copy = connect(&restored_url)
        .await
        .expect("the restored database opens");
    let check: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&copy.pool)
        .await
        .expect("integrity check");
    assert_eq!(check, ["ok"]);
    let (feedback, tickets) = (ids(&copy, "feedback").await, ids(&copy, "tickets").await);
    for (table, id) in &before {
        let found = if *table == "tickets" {
            &tickets
        } else {
            &feedback
        };
        assert!(
            found.contains(id),
            "acknowledged {table} {id} missing from the backup"
        );
    }
    copy.pool.close().await;
    db.pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_what_it_cannot_trust_and_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = |name: &str| dir.path().join(name).to_str().expect("utf-8").to_owned();
    let (db_url, db) = sqlite_database(dir.path(), "live.sqlite").await;
    db.pool.close().await;
    let good = path("good.sqlite");
    let taken = cli(&db_url, &["backup", "--to", &good]);
    assert!(taken.status.success(), "{}", said(&taken));
    let target = db_url.as_str();
    let untouched = std::fs::read(target).expect("database");
    let refused = |from: &str, expect: &str| {
        let out = cli(target, &["restore", "--from", from, "--force"]);
        assert!(!out.status.success(), "restored {from}: {}", said(&out));
        assert!(said(&out).contains(expect), "{expect:?} in {}", said(&out));
        assert_eq!(
            std::fs::read(target).expect("database"),
            untouched,
            "{from}"
        );
    };

    // Not a database at all.
    let junk = path("junk.sqlite");
    std::fs::write(&junk, b"not a database, just text\n".repeat(100)).expect("junk");
    refused(&junk, "is not a SQLite database");
    // A database cut short (a copy interrupted half-way).
    let bytes = std::fs::read(&good).expect("backup");
    let cut = path("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("cut");
    refused(&cut, "is damaged");
    // A SQLite database that is not panelcare's.
    let other = path("other.sqlite");
    let made = Command::new("sqlite3")
        .args([&other, "CREATE TABLE t(a); INSERT INTO t VALUES (1);"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        refused(&other, "is not a panelcare database");
    }
    // A backup from a newer version, whose schema this build does not know.
    let newer = path("newer.sqlite");
    std::fs::copy(&good, &newer).expect("copy");
    let newer_db = connect(&newer).await.expect("open");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99999, 'from the future', 1, x'00', 0)",
    )
    .execute(&newer_db.pool)
    .await
    .expect("a newer migration");
    newer_db.pool.close().await;
    // sqlx finishes closing its SQLite connections on their worker threads, after `close()`
    // returns; the last one folds the WAL back in and removes it. Wait for that (10 s at
    // most), so the restore is refused for the schema, not for a WAL still beside the file.
    let wal = format!("{newer}-wal");
    let start = std::time::Instant::now();
    while std::path::Path::new(&wal).exists()
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    refused(&newer, "newer panelcare");
    // Without --force, an existing database is not replaced.
    let out = cli(target, &["restore", "--from", &good]);
    assert!(!out.status.success() && said(&out).contains("already exists"));
    // A database a server has open is not replaced, even with --force.
    let server = Instance::start(target);
    let out = cli(target, &["restore", "--from", &good, "--force"]);
    assert!(!out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("is in use"), "{}", said(&out));
    drop(server);
    // Nothing half-done anywhere.
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // A backup with its own -wal beside it: the commits in it would be dropped.
    let with_wal = path("with-wal.sqlite");
    std::fs::copy(&good, &with_wal).expect("copy");
    std::fs::write(format!("{with_wal}-wal"), b"commits").expect("wal");
    refused(&with_wal, "with-wal.sqlite-wal lies beside the backup");
    // Once the server has stopped, the same restore goes through; the database it replaces,
    // and its key (another one here), are moved aside, not deleted, and it says where.
    let before = std::fs::read(target).expect("database");
    let old_key = "b2xkIGtleSBvZiB0aGUgZGF0YWJhc2UgcmVwbGFjZWQhISE=";
    std::fs::write(format!("{target}.key"), old_key).expect("old key");
    let out = cli(target, &["restore", "--from", &good, "--force"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("kept as"), "{}", said(&out));
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            name.starts_with("live.sqlite.before-restore-")
                && !name.ends_with(".key")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let aside = aside[0].to_str().expect("utf-8").to_owned();
    assert!(said(&out).contains(&aside), "{}", said(&out));
    assert_eq!(std::fs::read(&aside).expect("aside"), before);
    assert_eq!(
        std::fs::read_to_string(format!("{aside}.key")).expect("old key aside"),
        old_key
    );
    assert_eq!(
        std::fs::read_to_string(format!("{target}.key")).expect("key"),
        TEST_SECRET_KEY
    );
    assert!(!Path::new(&format!("{target}-wal")).exists());
    assert_eq!(
        std::fs::read(target).expect("database"),
        std::fs::read(&good).expect("backup")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_never_writes_over_the_databases_own_files_nor_leaves_a_stale_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = |name: &str| dir.path().join(name).to_str().expect("utf-8").to_owned();
    let (db_url, db) = sqlite_database(dir.path(), "live.sqlite").await;
    // The server's connections keep the -wal and -shm there.
    let _ = sqlx::query("PRAGMA journal_mode=WAL")
        .execute(&db.pool)
        .await;

    // The database's -wal, -shm, -journal and key are refused like the database itself,
    // --force or not, and left as they were.
    for own in ["-wal", "-shm", "-journal", ".key"] {
        let to = format!("{db_url}{own}");
        let before = std::fs::read(&to).ok();
        let out = cli(&db_url, &["backup", "--to", &to, "--force"]);
        assert!(!out.status.success(), "backup onto {own}: {}", said(&out));
        assert!(
            said(&out).contains("the database's own files"),
            "{own}: {}",
            said(&out)
        );
        assert_eq!(std::fs::read(&to).ok(), before, "{own} untouched");
    }
    db.pool.close().await;

    // A first backup copies the server-made key beside it.
    let out_path = path("nightly.sqlite");
    let out_key = format!("{out_path}.key");
    let taken = cli(&db_url, &["backup", "--to", &out_path]);
    assert!(taken.status.success(), "{}", said(&taken));
    assert!(Path::new(&out_key).is_file());
    // With a configured key, nothing is copied: the key left there by the first backup would
    // pass for this one's. Refused without --force (the earlier backup left as it was)...
    let configured = path("configured.key");
    std::fs::write(&configured, TEST_SECRET_KEY).expect("key file");
    let fresh = path("fresh.sqlite");
    std::fs::copy(&out_key, format!("{fresh}.key")).expect("stale key");
    let apart = |to: &str, force: bool| {
        let mut args = vec!["--secret-key-file", &configured, "backup", "--to", to];
        if force {
            args.push("--force");
        }
        cli(&db_url, &args)
    };
    let out = apart(&fresh, false);
    assert!(!out.status.success(), "{}", said(&out));
    assert!(
        said(&out).contains("left from an earlier backup"),
        "{}",
        said(&out)
    );
    assert!(!Path::new(&fresh).exists());
    // ... and removed with it, as when --force replaces the earlier backup.
    for to in [&fresh, &out_path] {
        let out = apart(to, true);
        assert!(out.status.success(), "{}", said(&out));
        assert!(said(&out).contains("NOT COPIED"), "{}", said(&out));
        assert!(
            !Path::new(&format!("{to}.key")).exists(),
            "a stale key beside {to}"
        );
    }
    // So a restore of it installs no key.
    let restored = path("restored.sqlite");
    let put = cli(&restored, &["restore", "--from", &out_path]);
    assert!(put.status.success(), "{}", said(&put));
    assert!(!Path::new(&format!("{restored}.key")).exists());
}

#[test]
fn postgresql_gets_the_pg_dump_recipe() {
    let url = engine::postgres()
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    for args in [
        ["backup", "--to", "/tmp/never-written.dump"],
        ["restore", "--from", "/tmp/never-read.dump"],
    ] {
        let out = cli(&url, &args);
        assert!(!out.status.success(), "{args:?}: {}", said(&out));
        let said = said(&out);
        for recipe in [
            "pg_dump -Fc",
            "pg_restore --clean --if-exists",
            "secret key",
        ] {
            assert!(said.contains(recipe), "{recipe:?} in {said}");
        }
    }
}
