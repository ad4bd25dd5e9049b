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
    let reopened = Db::connect(&app.db_url)
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
