//! Every widget and host endpoint that takes a body, and the rules import, fed arbitrary
//! JSON, JSON of almost the right shape, and arbitrary bytes: the answer is never a 5xx, and
//! every refusal names its `error.code`.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::{outbound::signature, time::now_secs};
use proptest::{prelude::*, test_runner::TestRunner};
use serde_json::{Map, Number, Value, json};

use crate::common::*;

/// Cases per endpoint: enough to find a missing check, few enough to keep the suite quick.
const CASES: u32 = 64;

/// `n` cases, with failures printed rather than written beside a source file the runner
/// cannot find outside the `proptest!` macro.
pub fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Field names of every body these endpoints read, so generated objects often have the
/// right keys with the wrong values.
const KEYS: &[&str] = &[
    "category",
    "message",
    "rating",
    "comment",
    "page",
    "department",
    "priority",
    "subject",
    "attachments",
    "rule",
    "variant",
    "view",
    "kind",
    "usage",
    "lang",
    "metrics",
    "used",
    "limit",
    "service_id",
    "tenant",
    "account",
    "target",
    "order_id",
    "external_id",
    "from",
    "author",
    "status",
    "id",
    "disk",
    "bandwidth",
];

/// Strings that have broken parsers and validators elsewhere.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,12}",
        any::<String>(),
        prop::sample::select(vec![
            "",
            " ",
            "\u{0}",
            "\u{202e}evil",
            "\u{feff}",
            "-1",
            "1e309",
            "unlimited",
            "NaN",
            "technical",
            "normal",
            "bug",
            "impression",
            "click",
            "support",
            "customer",
            "closed",
            "open",
            "acme",
            "bluefox",
            "plan:pro",
            "<script>",
            "../../etc/passwd",
        ])
        .prop_map(str::to_owned),
        (1usize..3).prop_map(|k| "x".repeat(k * 5_000)),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-3i64..8).prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
    ]
}

/// An object key: mostly one of ours.
fn key() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => ".{0,6}",
    ]
}

/// Any JSON value, a few levels deep, with our keys in most objects.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        nasty_string().prop_map(Value::String),
    ];
    let key = key();
    leaf.prop_recursive(3, 32, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A body: JSON (mostly an object), or bytes that may not be JSON at all.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => json().prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => ".{0,60}".prop_map(String::into_bytes),
    ]
}

/// A host's body: an object that names acme (whose key signs it), so it gets past the
/// signature to the parser; sometimes anything at all.
fn host_body() -> impl Strategy<Value = Vec<u8>> {
    let object = prop::collection::btree_map(key(), json(), 0..8).prop_map(|m| {
        let mut o: Map<String, Value> = m.into_iter().collect();
        o.insert("tenant".into(), "acme".into());
        Value::Object(o).to_string().into_bytes()
    });
    // Every field a host call has, each a string: these reach validation and the ticket.
    let shaped = prop::collection::vec(nasty_string(), 8).prop_map(|v| {
        json!({"tenant": "acme", "external_id": v[0], "from": v[1], "author": v[2],
               "message": v[3], "status": v[4], "account": v[5], "target": v[6],
               "order_id": v[7]})
        .to_string()
        .into_bytes()
    });
    prop_oneof![3 => object, 3 => shaped, 1 => body()]
}

/// A path segment a client might send, percent-encoded so it always makes a request.
fn segment() -> impl Strategy<Value = String> {
    nasty_string().prop_map(|s| {
        s.bytes()
            .take(300)
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    })
}

/// Runs `cases` of `strategy` through `app`, each request built by `request`; any 5xx or
/// 4xx without a code fails with the (shrunk) case.
fn check<T: std::fmt::Debug>(
    rt: &tokio::runtime::Runtime,
    app: &TestApp,
    strategy: impl Strategy<Value = T>,
    request: impl Fn(T) -> Request<Body>,
) {
    let mut runner = TestRunner::new(cases(CASES));
    let result = runner.run(&strategy, |case| {
        let shown = format!("{case:?}");
        let (status, body, _) = rt.block_on(app.send(request(case)));
        prop_assert!(!status.is_server_error(), "{status} for {shown}: {body}");
        if status.is_client_error() {
            prop_assert!(
                body["error"]["code"].is_string(),
                "{status} for {shown}: {body}"
            );
        }
        Ok(())
    });
    if let Err(err) = result {
        panic!("{err}");
    }
}

static NEXT_KEY: AtomicU64 = AtomicU64::new(0);

/// A widget request as the widget sends it, with a fresh idempotency key.
fn widget(method: &str, path: &str, token: &str, body: Vec<u8>) -> Request<Body> {
    let n = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", format!("fuzz-{n:012}"))
        .body(Body::from(body))
        .expect("request")
}

/// A host call signed with acme's key, as the WHMCS addon and a host's backend make them.
fn host(path: &str, body: Vec<u8>) -> Request<Body> {
    let body = String::from_utf8_lossy(&body).into_owned();
    let ts = now_secs();
    Request::post(path)
        .header("content-type", "application/json")
        .header("x-panelcare-key", "k1")
        .header("x-panelcare-timestamp", ts.to_string())
        .header("x-panelcare-signature", signature(ACME_SECRET, ts, &body))
        .body(Body::from(body))
        .expect("request")
}

/// An app with acme's limits lifted and one open ticket of alice's; its id.
fn setup() -> (tokio::runtime::Runtime, TestApp, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (app, id) = rt.block_on(async {
        let app = TestApp::new().await;
        app.lift_limits("acme").await;
        let opened = json!({"department": "technical", "priority": "normal",
                            "subject": "Fuzz", "message": "A ticket to reply to."});
        let req = widget(
            "POST",
            "/api/v1/tickets",
            &token("acme", "alice"),
            opened.to_string().into_bytes(),
        );
        let (s, b, _) = app.send(req).await;
        assert_eq!(s, 201, "{b}");
        let id = b["ticket"]["id"].as_str().expect("id").to_owned();
        (app, id)
    });
    (rt, app, id)
}

#[test]
fn feedback_and_ticket_bodies() {
    let (rt, app, id) = setup();
    let alice = token("acme", "alice");
    for path in [
        "/api/v1/feedback".to_owned(),
        "/api/v1/tickets".to_owned(),
        format!("/api/v1/tickets/{id}/replies"),
        format!("/api/v1/tickets/{id}/rating"),
        format!("/api/v1/tickets/{id}/close"),
    ] {
        check(&rt, &app, body(), |b| widget("POST", &path, &alice, b));
    }
    check(&rt, &app, (segment(), body()), |(seg, b)| {
        widget("POST", &format!("/api/v1/tickets/{seg}/replies"), &alice, b)
    });
}

#[test]
fn offer_and_article_bodies() {
    let (rt, app, _) = setup();
    let alice = token("acme", "alice");
    for path in [
        "/api/v1/offers",
        "/api/v1/offers/events",
        "/api/v1/widget-errors",
    ] {
        check(&rt, &app, body(), |b| widget("POST", path, &alice, b));
    }
    check(&rt, &app, (segment(), body()), |(seg, b)| {
        widget("POST", &format!("/api/v1/kb/{seg}/solved"), &alice, b)
    });
}

#[test]
fn uploads_of_any_bytes_under_any_name() {
    let (rt, app, _) = setup();
    let upload = (
        prop_oneof![
            body(),
            prop::collection::vec(any::<u8>(), 0..2048),
            prop::collection::vec(any::<u8>(), 0..512).prop_map(|b| [
                &b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"[..],
                &b
            ]
            .concat()),
        ],
        segment(),
        0u32..1000,
    );
    check(&rt, &app, upload, |(bytes, name, account)| {
        // An account per case: uploads count against a quota per account.
        let t = token("acme", &format!("uploader-{account}"));
        let mut req = widget(
            "POST",
            &format!("/api/v1/attachments?name={name}"),
            &t,
            bytes,
        );
        req.headers_mut().insert(
            "content-type",
            axum::http::HeaderValue::from_static("application/octet-stream"),
        );
        req
    });
}

#[test]
fn signed_host_bodies() {
    let (rt, app, id) = setup();
    rt.block_on(async {
        let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
        let settings = json!({"url": "https://billing.acme.example/bridge.php", "key_id": "k1"});
        let (s, b, _) = app
            .send(admin.req(
                "PUT",
                "/console/api/tenants/acme/ticket-bridge",
                Some(settings),
            ))
            .await;
        assert_eq!(s, 200, "{b}");
    });
    for path in [
        "/api/v1/offers/conversions".to_owned(),
        format!("/api/v1/bridge/tickets/{id}/replies"),
        format!("/api/v1/bridge/tickets/{id}/status"),
    ] {
        check(&rt, &app, host_body(), |b| host(&path, b));
    }
}
