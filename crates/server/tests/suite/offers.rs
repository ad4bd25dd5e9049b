//! Offers against a real SQLite file: the right offer for the reported usage, answers that
//! stick, every bad snapshot and rule refused with a field error, signed conversions only,
//! and tenants kept apart on every route.

#![allow(clippy::unwrap_used)] // In a test, a failed unwrap is the failure report.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::{console::Role, offers::RuleSet};
use panelcare_server::{
    auth::sign,
    demo::offers::{acme_catalogue, acme_rules},
    outbound::signature,
};
use serde_json::{Value, json};

const GB: f64 = 1024.0 * 1024.0 * 1024.0;

fn token_on(tenant: &str, account: &str, plan: &str, tier: Option<&str>) -> String {
    let mut c = claims(tenant, account);
    c.plan = Some(plan.into());
    c.support_tier = tier.map(Into::into);
    sign(&c, "k1", secret_of(tenant))
}

fn post(path: &str, token: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn near_limit() -> Value {
    json!({
        "disk": {"used": 4.6 * GB, "limit": 5.0 * GB},
        "bandwidth": {"used": "41231686041", "limit": "unlimited"},
        "mail_accounts": {"used": 7, "limit": 10},
        "databases": {"used": 3, "limit": 5},
        "service_id": "svc-77"
    })
}

/// Acme with the demo's catalogue and rules, written through the console as an admin would.
async fn acme(app: &TestApp) -> Who {
    let admin = signed_in(app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/offers/catalogue?tenant=acme",
            Some(json!(acme_catalogue())),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let rules = RuleSet {
        rules: acme_rules(),
    };
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/offers/rules?tenant=acme",
            Some(json!(rules)),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    admin
}

async fn offer(app: &TestApp, token: &str, usage: &Value) -> Value {
    let (s, b, _) = app
        .send(post("/api/v1/offers", token, &json!({"usage": usage})))
        .await;
    assert_eq!(s, 200, "{b}");
    b["offer"].clone()
}

async fn event(app: &TestApp, token: &str, o: &Value, kind: &str, view: &str) -> (u16, Value) {
    let body = json!({"rule": o["rule"], "variant": o["variant"], "kind": kind, "view": view});
    let (s, b, _) = app.send(post("/api/v1/offers/events", token, &body)).await;
    (s.as_u16(), b)
}

#[tokio::test]
async fn a_customer_near_the_disk_limit_is_offered_pro_with_their_figures() {
    let app = TestApp::new().await;
    acme(&app).await;
    let alice = token_on("acme", "alice", "starter", None);
    let o = offer(&app, &alice, &near_limit()).await;
    assert_eq!(o["rule"], "starter-disk-pro");
    assert_eq!(o["target"], "pro");
    let headline = o["headline"].as_str().unwrap();
    assert!(
        headline == "You use 4.6\u{a0}GB of your 5\u{a0}GB disk space"
            || headline == "Your disk is 92% full",
        "{headline}"
    );
    assert_eq!(o["price_diff"], "+€5.00/month");
    assert_eq!(o["cta_url"], "/demo/billing.html?account=alice&target=pro");
    assert_eq!(
        o["why"][0],
        json!({"key": "disk", "text": "4.6\u{a0}GB / 5\u{a0}GB (92%)"})
    );
    let disk = o["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "disk")
        .unwrap();
    assert_eq!(
        (disk["current"].as_str(), disk["offered"].as_str()),
        (Some("5\u{a0}GB"), Some("50\u{a0}GB"))
    );
    // With room to spare, Pro is not offered; the databases' backups are.
    let light = json!({"disk": {"used": 1.2 * GB, "limit": 5.0 * GB}, "databases": {"used": 3, "limit": 5}});
    assert_eq!(offer(&app, &alice, &light).await["target"], "backups");
    // Nothing matches: no offer at all, not an empty one.
    assert_eq!(offer(&app, &alice, &json!({})).await, Value::Null);
    // A customer already on Pro is not offered Pro.
    let pro = token_on("acme", "pia", "pro", None);
    assert_ne!(offer(&app, &pro, &near_limit()).await["target"], "pro");
}

#[tokio::test]
async fn not_now_and_dont_show_again_stick_and_views_count_once() {
    let app = TestApp::new().await;
    acme(&app).await;
    let alice = token_on("acme", "alice", "starter", None);
    let o = offer(&app, &alice, &near_limit()).await;
    assert_eq!(
        event(&app, &alice, &o, "impression", "view-0001").await.0,
        201
    );
    let (s, b) = event(&app, &alice, &o, "impression", "view-0001").await;
    assert_eq!((s, b["recorded"].as_bool()), (200, Some(false)));
    assert_eq!(event(&app, &alice, &o, "snooze", "view-0001").await.0, 201);
    // Snoozed: the next best offer instead (backups), never Pro again for now.
    let next = offer(&app, &alice, &near_limit()).await;
    assert_eq!(next["rule"], "databases-backups");
    assert_eq!(
        event(&app, &alice, &next, "dismiss", "view-0002").await.0,
        201
    );
    assert_eq!(offer(&app, &alice, &near_limit()).await, Value::Null);
    let rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM offer_events WHERE account_id = 'alice'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(rows, 3);
}

#[tokio::test]
async fn bad_snapshots_get_field_errors() {
    let app = TestApp::new().await;
    acme(&app).await;
    let alice = token_on("acme", "alice", "starter", None);
    for (usage, field, code_) in [
        (
            json!({"disk": {"used": -5, "limit": 10}}),
            "usage.disk.used",
            "out_of_range",
        ),
        (
            json!({"disk": {"used": 1e30, "limit": 10}}),
            "usage.disk.used",
            "out_of_range",
        ),
        (
            json!({"disk": {"used": "plenty", "limit": 10}}),
            "usage.disk.used",
            "invalid_type",
        ),
        (
            json!({"disk": {"used": [1], "limit": 10}}),
            "usage.disk.used",
            "invalid_type",
        ),
        (
            json!({"disk": {"limit": 10}}),
            "usage.disk.used",
            "required",
        ),
        (
            json!({"disk": {"used": 1, "limit": "ten"}}),
            "usage.disk.limit",
            "invalid_type",
        ),
        (json!({"disk": 4.6}), "usage.disk", "invalid_type"),
        (json!([1, 2]), "usage", "invalid_type"),
        (
            json!({"service_id": "a b"}),
            "usage.service_id",
            "invalid_type",
        ),
    ] {
        let (s, b, _) = app
            .send(post("/api/v1/offers", &alice, &json!({"usage": usage})))
            .await;
        assert_eq!(s, 422, "{usage}: {b}");
        assert_eq!(
            fields(&b),
            [(field.to_owned(), code_.to_owned())],
            "{usage}"
        );
    }
    // Zero and unlimited limits are real plans, not errors; neither makes a percentage.
    for limit in [json!(0), json!("unlimited"), json!(null), json!(-1)] {
        let usage = json!({"disk": {"used": 4.9 * GB, "limit": limit}});
        let (s, b, _) = app
            .send(post("/api/v1/offers", &alice, &json!({"usage": usage})))
            .await;
        assert_eq!(s, 200, "{limit}: {b}");
        assert_ne!(b["offer"]["rule"], "starter-disk-pro", "{limit}");
    }
    let (s, b, _) = app
        .send(post("/api/v1/offers", &alice, &json!({"usage": "lots"})))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"));
    let (s, _, _) = app
        .send(
            Request::post("/api/v1/offers")
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn rules_are_refused_when_saved_never_when_evaluated() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let mut rules = acme_rules();
    rules[0].when.push("disk.fulness >= 3".into());
    rules[1].cta_url = "javascript:alert(document.cookie)".into();
    rules[2].cta_url = "https://evil.example/steal?a={account.id}".into();
    rules[3].id = rules[4].id.clone();
    rules[4].offer = "plan:platinum".into();
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/offers/rules?tenant=acme",
            Some(json!(RuleSet { rules })),
        ))
        .await;
    assert_eq!(s, 422, "{b}");
    let got: Vec<String> = fields(&b).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        got,
        [
            "rule[0].when[2]",
            "rule[1].cta_url",
            "rule[2].cta_url",
            "rule[4].id",
            "rule[4].offer"
        ],
        "{b}"
    );
    let msg = b["error"]["fields"][0]["message"].as_str().unwrap();
    assert!(msg.contains("disk.fulness"), "{msg}");
    // Nothing of the refused set was stored.
    let (_, saved, _) = app
        .send(admin.req("GET", "/console/api/offers/rules?tenant=acme", None))
        .await;
    assert_eq!(saved["rule"].as_array().unwrap().len(), acme_rules().len());
    // A billing origin becomes allowed once it is listed.
    let mut cat = acme_catalogue();
    cat.link_origins = vec!["https://billing.acme.example".into()];
    app.send(admin.req(
        "PUT",
        "/console/api/offers/catalogue?tenant=acme",
        Some(json!(cat)),
    ))
    .await;
    let mut rules = acme_rules();
    rules[0].cta_url = "https://billing.acme.example/upgrade.php?id={service.id}".into();
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/offers/rules?tenant=acme",
            Some(json!(RuleSet { rules })),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let o = offer(
        &app,
        &token_on("acme", "alice", "starter", None),
        &near_limit(),
    )
    .await;
    assert_eq!(
        o["cta_url"],
        "https://billing.acme.example/upgrade.php?id=svc-77"
    );
}

#[tokio::test]
async fn rules_round_trip_through_toml() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let (s, text, res) = app
        .send_raw(admin.req("GET", "/console/api/offers/rules.toml?tenant=acme", None))
        .await;
    assert_eq!(s, 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("offer-rules-acme.toml")
    );
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("[[rule]]") && text.contains("when = ["),
        "{text}"
    );
    let put = |body: String, mime: &str| {
        Request::put("/console/api/offers/rules.toml?tenant=acme")
            .header("cookie", &admin.0)
            .header("x-csrf-token", &admin.1)
            .header("content-type", mime)
            .body(Body::from(body))
            .unwrap()
    };
    // Wipe the rules, import the file, and get the same rules back.
    app.send(admin.req(
        "PUT",
        "/console/api/offers/rules?tenant=acme",
        Some(json!({"rule": []})),
    ))
    .await;
    let (s, b, _) = app.send(put(text.clone(), "application/toml")).await;
    assert_eq!(s, 200, "{b}");
    let (_, back, _) = app
        .send(admin.req("GET", "/console/api/offers/rules?tenant=acme", None))
        .await;
    assert_eq!(
        back,
        json!(RuleSet {
            rules: acme_rules()
        })
    );
    let (s, b, _) = app
        .send(put("[[rule]\nid = ".into(), "application/toml"))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "toml"), "{b}");
    let bad_field = text.replacen("disk.percent >= 80", "disk.fullness >= 80", 1);
    let (s, b, _) = app.send(put(bad_field, "application/toml")).await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "rule[0].when[1]"),
        "{b}"
    );
    let (s, _, _) = app.send(put(text, "application/json")).await;
    assert_eq!(s, 415);
}

fn conversion(
    tenant: &str,
    account: &str,
    target: &str,
    order: &str,
    secret: &str,
    ts_shift: i64,
) -> Request<Body> {
    let body = json!({"tenant": tenant, "account": account, "target": target, "order_id": order})
        .to_string();
    let ts = time::OffsetDateTime::now_utc().unix_timestamp() + ts_shift;
    Request::post("/api/v1/offers/conversions")
        .header("content-type", "application/json")
        .header("x-panelcare-key", "k1")
        .header("x-panelcare-timestamp", ts.to_string())
        .header("x-panelcare-signature", signature(secret, ts, &body))
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn only_signed_conversions_count_and_each_order_once() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let alice = token_on("acme", "alice", "starter", None);
    let o = offer(&app, &alice, &near_limit()).await;
    event(&app, &alice, &o, "impression", "view-1111").await;
    event(&app, &alice, &o, "click", "view-1111").await;
    // Forged: another tenant's key, a wrong secret, a stale timestamp, no signature at all.
    for req in [
        conversion("acme", "alice", "plan:pro", "o-1", BLUEFOX_SECRET, 0),
        conversion("acme", "alice", "plan:pro", "o-1", "guessed-secret", 0),
        conversion("acme", "alice", "plan:pro", "o-1", ACME_SECRET, -3600),
    ] {
        let (s, b, _) = app.send(req).await;
        assert_eq!((s.as_u16(), code(&b)), (401, "invalid_signature"), "{b}");
    }
    let bare = Request::post("/api/v1/offers/conversions")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    assert_eq!(app.send(bare).await.0, 401);
    let (s, b, _) = app
        .send(conversion(
            "acme",
            "alice",
            "plan:gold",
            "o-1",
            ACME_SECRET,
            0,
        ))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "target"));
    let (s, b, _) = app
        .send(conversion(
            "acme",
            "alice",
            "plan:pro",
            "o-1",
            ACME_SECRET,
            0,
        ))
        .await;
    assert_eq!(s, 201, "{b}");
    assert_eq!(b["credited_to"]["rule"], "starter-disk-pro");
    let (s, b, _) = app
        .send(conversion(
            "acme",
            "alice",
            "plan:pro",
            "o-1",
            ACME_SECRET,
            0,
        ))
        .await;
    assert_eq!((s.as_u16(), b["recorded"].as_bool()), (200, Some(false)));
    // The same purchase seen again in the next snapshot (plan now Pro) is not a second one.
    offer(&app, &token_on("acme", "alice", "pro", None), &near_limit()).await;
    let (_, n, _) = app
        .send(admin.req("GET", "/console/api/offers/numbers?days=30", None))
        .await;
    let acme = n["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tenant_id"] == "acme")
        .unwrap();
    let row = &acme["rows"][0];
    assert_eq!(
        (
            row["shown"].as_u64(),
            row["clicked"].as_u64(),
            row["converted"].as_u64()
        ),
        (Some(1), Some(1), Some(1)),
        "{row}"
    );
    assert_eq!(row["uplift_monthly_cents"], 500);
    assert_eq!(row["rate"], 1.0);
    let (s, csv, res) = app
        .send_raw(admin.req("GET", "/console/api/offers/numbers.csv?days=30", None))
        .await;
    assert_eq!(s, 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("\"acme\",\"starter-disk-pro\""),
        "{csv}"
    );
    let (s, _, _) = app
        .send(admin.req("GET", "/console/api/offers/numbers?days=0", None))
        .await;
    assert_eq!(s, 422);
}

#[tokio::test]
async fn a_plan_change_in_the_next_snapshot_converts_the_clicked_offer() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let o = offer(
        &app,
        &token_on("acme", "bob", "starter", None),
        &near_limit(),
    )
    .await;
    event(
        &app,
        &token_on("acme", "bob", "starter", None),
        &o,
        "click",
        "view-2222",
    )
    .await;
    offer(&app, &token_on("acme", "bob", "pro", None), &near_limit()).await;
    let (_, n, _) = app
        .send(admin.req("GET", "/console/api/offers/numbers", None))
        .await;
    assert_eq!(n["tenants"][0]["rows"][0]["converted"], 1, "{n}");
}

#[tokio::test]
async fn tenants_never_see_each_others_offers() {
    let app = TestApp::new().await;
    acme(&app).await;
    let fox = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let agent = signed_in(&app, "acme", "andrej", Role::Agent).await;
    for path in [
        "/console/api/offers/catalogue?tenant=acme",
        "/console/api/offers/rules?tenant=acme",
        "/console/api/offers/rules.toml?tenant=acme",
        "/console/api/offers/overrides?tenant=acme",
    ] {
        assert_eq!(app.send(fox.req("GET", path, None)).await.0, 404, "{path}");
        assert_eq!(
            app.send(agent.req("GET", path, None)).await.0,
            404,
            "agent {path}"
        );
    }
    for (path, body) in [
        ("/console/api/offers/rules?tenant=acme", json!({"rule": []})),
        (
            "/console/api/offers/catalogue?tenant=acme",
            json!(acme_catalogue()),
        ),
        ("/console/api/offers/overrides?tenant=acme", json!({})),
    ] {
        let fox_put = app.send(fox.req("PUT", path, Some(body.clone()))).await.0;
        assert_eq!(fox_put, 404, "{path}");
        let agent_put = app.send(agent.req("PUT", path, Some(body))).await.0;
        assert_eq!(agent_put, 404, "agent {path}");
    }
    // Nothing of Acme's was changed by the refused writes.
    let ada = signed_in(&app, "acme", "ada2", Role::ProviderAdmin).await;
    let (_, saved, _) = app
        .send(ada.req("GET", "/console/api/offers/rules?tenant=acme", None))
        .await;
    assert_eq!(saved["rule"].as_array().unwrap().len(), acme_rules().len());
    // Acme has a funnel row now; BlueFox's CSV still shows none of it.
    let alice = token_on("acme", "alice", "starter", None);
    let o = offer(&app, &alice, &near_limit()).await;
    assert_eq!(
        event(&app, &alice, &o, "impression", "view-6666").await.0,
        201
    );
    let (_, csv, _) = app
        .send_raw(fox.req("GET", "/console/api/offers/numbers.csv", None))
        .await;
    assert!(!String::from_utf8(csv).unwrap().contains("\"acme\""));
    assert_eq!(
        app.send(fox.req(
            "POST",
            "/console/api/offers/preview?tenant=acme",
            Some(json!({}))
        ))
        .await
        .0,
        404
    );
    let (_, n, _) = app
        .send(fox.req("GET", "/console/api/offers/numbers", None))
        .await;
    let ids: Vec<&str> = n["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tenant_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["bluefox"]);
    // A BlueFox customer cannot report events on Acme's rules.
    let milica = token_on("bluefox", "milica", "pro", None);
    let body = json!({"rule": "starter-disk-pro", "variant": "plain", "kind": "click", "view": "view-3333"});
    let (s, b, _) = app
        .send(post("/api/v1/offers/events", &milica, &body))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    // A customer's event names only real kinds, views and variants.
    let alice = token_on("acme", "alice", "starter", None);
    for (body, field) in [
        (
            json!({"rule": "starter-disk-pro", "variant": "plain", "kind": "purchase", "view": "view-4444"}),
            "kind",
        ),
        (
            json!({"rule": "starter-disk-pro", "variant": "plain", "kind": "click", "view": "x"}),
            "view",
        ),
        (
            json!({"rule": "starter-disk-pro", "variant": "gold", "kind": "click", "view": "view-4444"}),
            "variant",
        ),
    ] {
        let (s, b, _) = app.send(post("/api/v1/offers/events", &alice, &body)).await;
        assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, field), "{b}");
    }
}

#[tokio::test]
async fn resellers_rename_reprice_and_hide_what_their_provider_sells() {
    let app = TestApp::new().await;
    acme(&app).await;
    let fox = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let (s, b, _) = app
        .send(fox.req(
            "PUT",
            "/console/api/offers/catalogue?tenant=bluefox",
            Some(json!(acme_catalogue())),
        ))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "tenant"));
    let mine = json!({"overrides": {"items": {
        "plan:pro": {"name": "Fox Pro", "price": {"cents": 1100, "currency": "EUR", "period": "month"}},
        "plan:business-vps": {"hidden": true}
    }}, "link_origins": []});
    let (s, b, _) = app
        .send(fox.req(
            "PUT",
            "/console/api/offers/overrides?tenant=bluefox",
            Some(mine),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let bad = json!({"overrides": {"items": {"plan:gold": {"hidden": true}}}, "link_origins": ["ftp://x"]});
    let (s, b, _) = app
        .send(fox.req(
            "PUT",
            "/console/api/offers/overrides?tenant=bluefox",
            Some(bad),
        ))
        .await;
    assert_eq!(s, 422);
    assert_eq!(
        fields(&b).into_iter().map(|f| f.0).collect::<Vec<_>>(),
        ["items.plan:gold", "link_origins[0]"]
    );
    let (_, cat, _) = app
        .send(fox.req("GET", "/console/api/offers/catalogue?tenant=bluefox", None))
        .await;
    let plans: Vec<&str> = cat["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(plans, ["Starter", "Fox Pro"]);
    // BlueFox's own rule offers its renamed, repriced Pro.
    let mut rule = acme_rules().remove(0);
    rule.variants.clear();
    rule.headline = "{target.name} for {target.price}".into();
    let (s, b, _) = app
        .send(fox.req(
            "PUT",
            "/console/api/offers/rules?tenant=bluefox",
            Some(json!({"rule": [rule]})),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let o = offer(
        &app,
        &token_on("bluefox", "milica", "starter", None),
        &near_limit(),
    )
    .await;
    assert_eq!(o["headline"], "Fox Pro for €11.00/month");
    assert_eq!(o["price_diff"], "+€7.00/month");
}

#[tokio::test]
async fn standard_customers_are_offered_premium_support_with_its_promise() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let settings = json!({"policies": {
        "standard": {"first_response": {"low": 1440, "normal": 480, "high": 240, "critical": 60}},
        "premium": {"first_response": {"low": 720, "normal": 240, "high": 60, "critical": 15}}
    }});
    let (s, b, _) = app
        .send(admin.req(
            "PUT",
            "/console/api/tenants/acme/ticket-settings",
            Some(settings),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let (_, opts, _) = app
        .send(get(
            "/api/v1/ticket-options",
            &token_on("acme", "alice", "starter", None),
        ))
        .await;
    assert_eq!(opts["upsell"]["rule"], "support:premium");
    assert_eq!(opts["upsell"]["first_response"]["critical"], 15);
    assert_eq!(opts["upsell"]["price"], "€19.00/month");
    assert_eq!(
        opts["upsell"]["cta_url"],
        "/demo/billing.html?account=alice&target=premium&kind=support"
    );
    let (_, opts, _) = app
        .send(get(
            "/api/v1/ticket-options",
            &token_on("acme", "paul", "starter", Some("premium")),
        ))
        .await;
    assert!(opts.get("upsell").is_none(), "{opts}");
    // Its events count under the support pseudo-rule.
    let body = json!({"rule": "support:premium", "kind": "impression", "view": "view-5555"});
    let (s, b, _) = app
        .send(post(
            "/api/v1/offers/events",
            &token_on("acme", "alice", "starter", None),
            &body,
        ))
        .await;
    assert_eq!(s, 201, "{b}");
}

#[tokio::test]
async fn the_console_previews_an_offer_for_typed_in_figures() {
    let app = TestApp::new().await;
    let admin = acme(&app).await;
    let trial = json!({"usage": {"disk": {"used": 4.8 * GB, "limit": 5.0 * GB}}, "plan": "starter", "lang": "ru"});
    let (s, b, _) = app
        .send(admin.req(
            "POST",
            "/console/api/offers/preview?tenant=acme",
            Some(trial),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["offer"]["rule"], "starter-disk-pro");
    assert_eq!(b["offer"]["price"], "9,00\u{a0}€/мес");
    let (s, b, _) = app
        .send(admin.req(
            "POST",
            "/console/api/offers/preview?tenant=acme",
            Some(json!({"plan": "gold"})),
        ))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "plan"));
    let (s, _, _) = app
        .send(admin.req("GET", "/console/api/offers/rules", None))
        .await;
    assert_eq!(s, 422);
}
