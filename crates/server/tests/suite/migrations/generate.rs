//! Remakes the fixture dumps. For each step of [`FIXTURES`]: the migrations folder as it was
//! at that commit (read from git) applied by sqlx to a new SQLite file, so `_sqlx_migrations`
//! holds what sqlx writes (stamped with the commit's time); the rows of `seed/` added; the
//! file dumped by the sqlite3 CLI. Run it only to add a step, with git history and `sqlite3`:
//! `cargo test -p panelcare-server --test migrations -- --ignored make_fixture_dumps`.

use std::{path::Path, process::Command};

use sqlx::{Connection as _, migrate::Migrator};

use super::fixture_db::{FIXTURES, dir, open};

fn git(root: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("git")
        .env("TZ", "UTC")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[tokio::test]
#[ignore = "remakes the checked-in fixture dumps"]
async fn make_fixture_dumps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for f in FIXTURES {
        let work = tempfile::tempdir().expect("tempdir");
        let migrations = work.path().join("migrations");
        std::fs::create_dir(&migrations).expect("mkdir");
        let listing = git(
            &root,
            &[
                "ls-tree",
                "--name-only",
                f.commit,
                "crates/server/migrations/",
            ],
        );
        for path in String::from_utf8(listing).expect("utf-8").lines() {
            let name = Path::new(path).file_name().expect("file name");
            let text = git(&root, &["show", &format!("{}:{path}", f.commit)]);
            std::fs::write(migrations.join(name), text).expect("write migration");
        }
        let db = work.path().join("db.sqlite");
        let mut conn = open(&db).await;
        Migrator::new(migrations.as_path())
            .await
            .expect("migrations")
            .run(&mut conn)
            .await
            .expect("migrate");
        // sqlx stamps each migration with the time it ran: make it the time of the commit, as
        // for a database made then (and so the dumps stay the same when remade).
        let made = git(
            &root,
            &[
                "show",
                "-s",
                "--format=%cd",
                "--date=format-local:%Y-%m-%d %H:%M:%S",
                f.commit,
            ],
        );
        sqlx::query("UPDATE _sqlx_migrations SET installed_on = $1")
            .bind(String::from_utf8(made).expect("utf-8").trim())
            .execute(&mut conn)
            .await
            .expect("installed_on");
        for seed in f.seeds {
            let rows = std::fs::read_to_string(dir().join("seed").join(seed)).expect("seed");
            sqlx::raw_sql(&rows)
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{seed}: {e}"));
        }
        conn.close().await.expect("close");
        let dump = Command::new("sqlite3")
            .arg(&db)
            .arg(".dump")
            .output()
            .expect("sqlite3 runs (apt-get install sqlite3)");
        assert!(
            dump.status.success(),
            "{}",
            String::from_utf8_lossy(&dump.stderr)
        );
        let header = format!(
            "-- Made by tests/migrations/generate.rs: the migrations as at {} applied by sqlx, \
             then {}. Do not edit by hand.\n",
            f.commit,
            f.seeds.join(" and ")
        );
        let mut text = header.into_bytes();
        text.extend(dump.stdout);
        std::fs::write(dir().join(format!("{}.sql", f.name)), text).expect("write dump");
    }
}
