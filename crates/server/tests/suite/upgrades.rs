//! Rolling upgrades: `/readyz` says whether an instance can serve the schema it finds, an
//! instance of the previous build keeps starting and serving once a newer build expanded the
//! schema, and `panelcare-server migrate` is what brings a database up to a build.

use panelcare_server::db::{Db, Options};
use serde_json::Value;

use crate::common::*;

async fn readyz(app: &TestApp) -> (u16, Value) {
    let req = axum::http::Request::get("/readyz")
        .body(axum::body::Body::empty())
        .expect("request");
    let (s, body, _) = app.send(req).await;
    (s.as_u16(), body)
}

#[tokio::test]
async fn an_instance_is_ready_on_its_schema_and_on_a_newer_builds_expansion() {
    let app = TestApp::new().await;
    let (s, body) = readyz(&app).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["ready"], true);
    assert_eq!(body["schema"], body["build"]);
    // A newer build's migration applied (the expand of a rolling upgrade): this build
    // still opens the database, applies nothing, and stays ready.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'a newer build', $1, $2, 1)",
    )
    .bind(true)
    .bind(vec![0u8; 48])
    .execute(&app.state.db.pool)
    .await
    .expect("record a newer migration");
    let reopened = crate::common::connect(&app.db_url)
        .await
        .expect("the previous build starts");
    let schema = reopened.schema().await.expect("schema");
    assert_eq!(
        (schema.applied, schema.newer.as_slice()),
        (9999, &[9999][..])
    );
    assert!(schema.missing.is_empty());
    let (s, body) = readyz(&app).await;
    assert_eq!((s, &body["schema"]), (200, &Value::from(9999)), "{body}");
}

#[tokio::test]
async fn an_instance_that_may_not_migrate_waits_for_migrate() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = engine::fresh_unmigrated(dir.path()).await;
    let options = Options {
        secrets: Some(crate::common::test_keys()),
        migrate: false,
        ..Options::default()
    };
    let db = Db::connect_with(&fresh.url, &options).await.expect("opens");
    let schema = db.schema().await.expect("schema");
    assert_eq!(schema.applied, 0);
    assert!(!schema.missing.is_empty(), "every migration is missing");
    let bin = env!("CARGO_BIN_EXE_panelcare-server");
    let out = std::process::Command::new(bin)
        .args(["--db", &fresh.url, "migrate"])
        .env("PANELCARE_SECRET_KEY", crate::common::TEST_SECRET_KEY)
        .output()
        .expect("run migrate");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("database at migration"), "{said}");
    let schema = db.schema().await.expect("schema");
    assert!(schema.missing.is_empty() && schema.applied == schema.known);
    db.pool.close().await;
    if let Some((base, name)) = fresh.drop {
        engine::drop_database(base, name);
    }
}

/// The previous build's server binary for the rehearsal below: `cargo xtask test` builds the
/// commit before this one and names it here.
const PREVIOUS: &str = "PANELCARE_PREVIOUS_SERVER";

/// The value after `label` on a line of a command's output (`secret abc…`).
fn printed(out: &str, label: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix(label))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("{label:?} in {out}"))
}

fn ticket(subject: &str) -> Value {
    serde_json::json!({"department": "technical", "priority": "high", "subject": subject,
        "message": "The mail queue is stuck.", "attachments": []})
}

/// An upgrade rehearsed with real binaries: the previous commit's server runs on a database it
/// set up itself; this build migrates it (the expand) while the old instance keeps serving;
/// then both serve side by side, each reading and answering what the other wrote, and the old
/// one stops with nothing lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the previous commit's server in PANELCARE_PREVIOUS_SERVER: cargo xtask test builds it"]
async fn the_previous_build_and_this_one_serve_side_by_side() {
    use crate::common::process::{Instance, THIS_BUILD, run_command};

    let previous = std::env::var(PREVIOUS).expect("PANELCARE_PREVIOUS_SERVER names a binary");
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = engine::fresh_unmigrated(dir.path()).await;
    let db = fresh.url.as_str();

    // The running version, set up as operations would: its schema, a tenant, an admin.
    let out = run_command(
        &previous,
        db,
        &["tenant", "create", "--id", "acme", "--name", "Acme"],
    );
    let secret = printed(&out, "secret");
    let admin = [
        "admin",
        "create",
        "--tenant",
        "acme",
        "--email",
        "ada@acme.test",
        "--name",
        "Ada",
    ];
    let password = printed(&run_command(&previous, db, &admin), "password");
    let old = Instance::start_binary(&previous, db, &[], &[]);
    let bearer = format!(
        "Bearer {}",
        panelcare_server::auth::sign(&claims("acme", "alice"), "k1", &secret)
    );
    let customer =
        |key: &'static str| [("authorization", bearer.as_str()), ("idempotency-key", key)];
    let (s, before, _) = old
        .call(
            "POST",
            "/api/v1/tickets",
            &customer("rehearsal-1"),
            Some(&ticket("Opened before the upgrade")),
        )
        .await;
    assert_eq!(s, 201, "{before}");
    let before_id = before["ticket"]["id"].as_str().expect("id").to_owned();

    // The upgrade's first step, run once: this build's migrations (the expand).
    let said = run_command(THIS_BUILD, db, &["migrate"]);
    assert!(said.contains("database at migration"), "{said}");
    let (s, ready, _) = old.call("GET", "/readyz", &[], None).await;
    assert_eq!(
        s, 200,
        "the old instance stays ready on the expanded schema: {ready}"
    );

    // The new version starts beside it, without migrating.
    let new = Instance::start_with(db, &["--no-migrate"], &[]);
    let (s, ready, _) = new.call("GET", "/readyz", &[], None).await;
    assert_eq!((s, &ready["ready"]), (200, &Value::from(true)), "{ready}");

    // Each answers what the other wrote: the old ticket from the new instance's console, and
    // a ticket opened on the new one from the old one's console.
    let reply = serde_json::json!({"kind": "reply", "message": "Flushed the queue."});
    let (cookie, csrf) = new.sign_in("ada@acme.test", &password).await;
    let on_new = [("cookie", cookie.as_str()), ("x-csrf-token", csrf.as_str())];
    let path = format!("/console/api/tickets/{before_id}/messages");
    let (s, b, _) = new.call("POST", &path, &on_new, Some(&reply)).await;
    assert_eq!(s, 201, "{b}");
    let (s, thread, _) = old
        .call(
            "GET",
            &format!("/api/v1/tickets/{before_id}"),
            &customer("-")[..1],
            None,
        )
        .await;
    assert_eq!(s, 200, "{thread}");
    assert!(
        thread.to_string().contains("Flushed the queue."),
        "{thread}"
    );

    let (s, during, _) = new
        .call(
            "POST",
            "/api/v1/tickets",
            &customer("rehearsal-2"),
            Some(&ticket("Opened on the new version")),
        )
        .await;
    assert_eq!(s, 201, "{during}");
    let during_id = during["ticket"]["id"].as_str().expect("id");
    let (cookie, csrf) = old.sign_in("ada@acme.test", &password).await;
    let on_old = [("cookie", cookie.as_str()), ("x-csrf-token", csrf.as_str())];
    let path = format!("/console/api/tickets/{during_id}/messages");
    let (s, b, _) = old.call("POST", &path, &on_old, Some(&reply)).await;
    assert_eq!(s, 201, "{b}");

    // A submission retried across the two versions at once is stored once.
    let feedback = serde_json::json!({"category": "idea", "message": "Sent during the upgrade."});
    let key = customer("rehearsal-3");
    let (a, b) = tokio::join!(
        old.call("POST", "/api/v1/feedback", &key, Some(&feedback)),
        new.call("POST", "/api/v1/feedback", &key, Some(&feedback)),
    );
    assert!(a.0 < 300 && b.0 < 300, "{} {} / {} {}", a.0, a.1, b.0, b.1);

    // The old instance goes; all written through either version is there, once.
    drop(old);
    let (s, list, _) = new.call("GET", "/console/api/tickets", &on_new, None).await;
    assert_eq!(s, 200, "{list}");
    for subject in ["Opened before the upgrade", "Opened on the new version"] {
        assert_eq!(
            list.to_string().matches(subject).count(),
            1,
            "{subject} in {list}"
        );
    }
    let (s, inbox, _) = new
        .call("GET", "/console/api/feedback", &on_new, None)
        .await;
    assert_eq!(s, 200, "{inbox}");
    let stored = inbox
        .to_string()
        .matches("Sent during the upgrade.")
        .count();
    assert_eq!(stored, 1, "{inbox}");
    drop(new);
    if let Some((base, name)) = fresh.drop {
        engine::drop_database(base, name);
    }
}
