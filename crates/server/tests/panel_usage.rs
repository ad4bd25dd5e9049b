//! The WHMCS addon's usage mapping (PHP, run by its interpreter) against GetClientsProducts
//! answers as WHMCS documents them — a live service among cancelled ones, unlimited limits,
//! an error — and the snapshot it makes picks the right offer on the real server.

mod common;

use std::{path::PathBuf, process::Command};

use axum::{body::Body, http::Request};
use common::*;
use panelcare_server::{demo_offers, offers::store};
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `PanelcareUsage::fromProducts` on a fixture: `[snapshot, error]`.
fn whmcs_usage(fixture: &str) -> Value {
    let usage = root().join("integrations/whmcs/modules/addons/panelcare/lib/Usage.php");
    let fixture = root().join("tests/fixtures/whmcs").join(fixture);
    let code = "require $argv[1]; \
                echo json_encode(PanelcareUsage::fromProducts(json_decode(file_get_contents($argv[2]), true)));";
    let out = Command::new("php")
        .args(["-r", code])
        .arg(&usage)
        .arg(&fixture)
        .output()
        .expect("php runs (cargo xtask setup installs php-cli)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

const MB: f64 = 1_048_576.0;

#[tokio::test]
async fn whmcs_products_become_a_snapshot_that_picks_the_offer() {
    let [snapshot, error] = <[Value; 2]>::try_from(
        whmcs_usage("GetClientsProducts.json")
            .as_array()
            .expect("pair")
            .clone(),
    )
    .expect("two");
    assert_eq!(error, Value::Null);
    // The active service, not the cancelled one with more disk; megabytes become bytes.
    assert_eq!(snapshot["service_id"], "31");
    let n = |v: &Value| v.as_f64().expect("a number");
    assert_eq!(n(&snapshot["disk"]["used"]), 4710.0 * MB);
    assert_eq!(n(&snapshot["disk"]["limit"]), 5120.0 * MB);
    assert_eq!(n(&snapshot["bandwidth"]["limit"]), 102_400.0 * MB);

    let unlimited = whmcs_usage("GetClientsProducts_unlimited.json");
    assert_eq!(
        unlimited[0]["disk"]["limit"],
        Value::Null,
        "a 0 limit is no limit"
    );
    let failed = whmcs_usage("GetClientsProducts_error.json");
    assert_eq!(failed[0], Value::Null);
    assert_eq!(failed[1], "GetClientsProducts: Client Not Found");

    let app = TestApp::new().await;
    store::save_catalogue(&app.state.db, "acme", &demo_offers::acme_catalogue())
        .await
        .expect("catalogue");
    store::save_rules(&app.state.db, "acme", &demo_offers::acme_rules())
        .await
        .expect("rules");
    let req = Request::post("/api/v1/offers")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "client-7")),
        )
        .header("content-type", "application/json")
        .body(Body::from(json!({ "usage": snapshot }).to_string()))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["offer"]["target"], "pro", "92 % of 5 GB on Starter: {b}");
    assert_eq!(
        b["offer"]["why"][0]["text"],
        "4.6\u{a0}GB / 5\u{a0}GB (92%)"
    );
}
