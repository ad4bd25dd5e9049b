//! Demo mode and real data never share a database: a server without `--demo` refuses one the
//! demo seeded, and demo mode refuses one with tenants it did not make. Both with the real
//! binary, as an operator would start it.

use std::{
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::common::{
    TEST_SECRET_KEY, engine,
    process::{Instance, THIS_BUILD, run_command},
};

/// Starts `serve` on `db` with `args`, which must refuse to start: what it said on stderr.
fn refused(db: &str, args: &[&str]) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new(THIS_BUILD)
        .args(["--db", db, "serve", "--listen", "127.0.0.1:0", "--dist"])
        .arg(root.join("dist"))
        .args(args)
        .env("PANELCARE_SECRET_KEY", TEST_SECRET_KEY)
        .env("PANELCARE_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("serve {args:?} did not refuse within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut said = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut said)
        .expect("stderr");
    assert!(
        !status.success(),
        "serve {args:?} should have refused: {said}"
    );
    said
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_server_refuses_a_database_the_demo_seeded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = engine::fresh(dir.path()).await;
    {
        let demo = Instance::start_with(&fresh.url, &["--demo"], &[]);
        let (s, _, _) = demo
            .call("GET", "/demo-api/token?account=alice", &[], None)
            .await;
        assert_eq!(s, 200);
    }
    let said = refused(&fresh.url, &[]);
    assert!(said.contains("demo mode"), "{said}");
    assert!(said.contains("tenant create"), "says how to go on: {said}");
    // The CLI's admin commands are not serving: they still run on it (to inspect, say).
    run_command(THIS_BUILD, &fresh.url, &["migrate"]);
    // Demo mode itself starts on it again, as `cargo xtask demo` does on its kept database.
    drop(Instance::start_with(&fresh.url, &["--demo"], &[]));
    if let Some((base, name)) = fresh.drop {
        engine::drop_database(base, name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_mode_refuses_a_database_with_real_tenants() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = engine::fresh(dir.path()).await;
    run_command(
        THIS_BUILD,
        &fresh.url,
        &["tenant", "create", "--id", "acme", "--name", "Acme Hosting"],
    );
    // Even a real tenant with the demo's own id: the seed would add a published key to it.
    let said = refused(&fresh.url, &["--demo"]);
    assert!(said.contains("refusing demo mode"), "{said}");
    assert!(said.contains("acme"), "names the tenants: {said}");
    let db = crate::common::connect(&fresh.url).await.expect("db");
    let demo_keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenant_keys WHERE kid <> 'k1'")
        .fetch_one(&db.pool)
        .await
        .expect("keys");
    assert_eq!(demo_keys, 0, "no demo key was added");
    drop(db);
    // Nothing of the demo was written: the real server still serves it.
    let real = Instance::start(&fresh.url);
    let (s, _, _) = real.call("GET", "/readyz", &[], None).await;
    assert_eq!(s, 200);
    drop(real);
    if let Some((base, name)) = fresh.drop {
        engine::drop_database(base, name);
    }
}
