//! The panels' usage mappings (PHP, run by its interpreter) against their APIs' answers as
//! documented: WHMCS's GetClientsProducts (a live service among cancelled ones, unlimited
//! limits, an error) and Plesk's XML API webspace `get` (two subscriptions, unlimited, an
//! error, nonsense). The snapshots they make pick the right offer on the real server.

use std::{path::PathBuf, process::Command};

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_server::{demo::offers as demo_offers, offers::store};
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

/// `Modules_Panelcare_Usage::fromReply` on a fixture's text: `[snapshot, error]`.
fn plesk_usage(xml: &str) -> Value {
    let usage = root().join("integrations/plesk/plib/library/Usage.php");
    let code = "require $argv[1]; \
                echo json_encode(Modules_Panelcare_Usage::fromReply(file_get_contents('php://stdin')));";
    let mut child = Command::new("php")
        .args(["-r", code])
        .arg(&usage)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("php runs (cargo xtask setup installs php-cli)");
    {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(xml.as_bytes())
            .expect("write");
    }
    let out = child.wait_with_output().expect("php");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn plesk_fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/plesk").join(name)).expect("fixture")
}

const MB: f64 = 1_048_576.0;

/// The offer Acme's demo catalogue and rules pick for `account` with `snapshot`, from the
/// real offers endpoint.
async fn offer_for(snapshot: &Value, account: &str) -> Value {
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
            format!("Bearer {}", token("acme", account)),
        )
        .header("content-type", "application/json")
        .body(Body::from(json!({ "usage": snapshot }).to_string()))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    assert_eq!(s, 200, "{b}");
    b
}

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

    let b = offer_for(&snapshot, "client-7").await;
    assert_eq!(b["offer"]["target"], "pro", "92 % of 5 GB on Starter: {b}");
    assert_eq!(
        b["offer"]["why"][0]["text"],
        "4.6\u{a0}GB / 5\u{a0}GB (92%)"
    );
}

#[tokio::test]
async fn plesk_subscriptions_become_a_snapshot_that_picks_the_offer() {
    let both = plesk_usage(&plesk_fixture("webspace_get.xml"));
    assert_eq!(both[1], Value::Null, "{both}");
    let snapshot = both[0].clone();
    // The subscription with the most disk, in bytes; mailboxes and databases as counts.
    assert_eq!(
        snapshot,
        json!({"service_id": "3",
               "disk": {"used": 4_939_212_390_u64, "limit": 5_368_709_120_u64},
               "bandwidth": {"used": 41_016_937_676_u64, "limit": 107_374_182_400_u64},
               "mail_accounts": {"used": 7, "limit": 10},
               "databases": {"used": 3, "limit": 5}})
    );
    let unlimited = plesk_usage(&plesk_fixture("webspace_get_unlimited.xml"));
    for metric in ["disk", "bandwidth", "mail_accounts", "databases"] {
        assert_eq!(
            unlimited[0][metric]["limit"],
            Value::Null,
            "-1 is no limit: {metric}"
        );
    }
    let failed = plesk_usage(&plesk_fixture("webspace_get_error.xml"));
    assert_eq!(failed[0], Value::Null);
    assert_eq!(failed[1], "Plesk XML API: Owner does not exist (1013)");
    for (xml, why) in [
        ("<html>login</html>", "this customer has no subscription"),
        ("not xml at all", "Plesk XML API: not an answer"),
        (
            "<packet><system><status>error</status><errcode>1001</errcode>\
             <errtext>Authentication failed</errtext></system></packet>",
            "Plesk XML API: Authentication failed (1001)",
        ),
        (
            "<packet><webspace><get><result><status>ok</status><id>1</id><data><gen_info>\
             <real_size>lots</real_size></gen_info></data></result></get></webspace></packet>",
            "Plesk XML API: disk: not a number",
        ),
    ] {
        let r = plesk_usage(xml);
        assert_eq!(
            (r[0].clone(), r[1].as_str().unwrap_or("")),
            (Value::Null, why),
            "{xml}"
        );
    }

    let b = offer_for(&snapshot, "milica").await;
    assert_eq!(b["offer"]["target"], "pro", "92 % of 5 GB: {b}");
}
