//! Prometheus metrics: requests counted by route template (never the raw path), refusals,
//! widget-reported errors, the outbox and ticket gauges after their refresh, and the real
//! binary serving `/metrics` on its own listener only.
//!
//! The recorder is the test process's one, shared by every test running at once: counts are
//! read as deltas, and tenants are this file's own (`metrics-…`), so other tests' requests
//! change nothing asserted here. Only this file refreshes the gauges, each test the ones it
//! reads.

use std::collections::BTreeMap;

use axum::{body::Body, http::Request};
use panelcare_model::notify::NotifySettings;
use panelcare_server::{
    agents,
    auth::sign,
    jobs::metrics::{refresh_outboxes, refresh_tickets},
    metrics, notify, tenants,
    time::now_ms,
};
use serde_json::json;

use crate::common::{process::Instance, *};

/// The recorder, installed once for the whole test process.
fn recorder() {
    metrics::install().expect("the recorder installs");
}

/// The value of the series `name{labels}` (exactly those labels) in a scrape, if present.
fn value(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let want: BTreeMap<&str, &str> = labels.iter().copied().collect();
    text.lines().find_map(|line| {
        let (series, v) = line.rsplit_once(' ')?;
        let (n, rest) = series.split_once('{').unwrap_or((series, "}"));
        if n != name {
            return None;
        }
        let got: BTreeMap<&str, &str> = rest
            .trim_end_matches('}')
            .split("\",")
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.split_once("=\""))
            .map(|(k, v)| (k, v.trim_end_matches('"')))
            .collect();
        (got == want).then(|| v.parse().ok()).flatten()
    })
}

/// [`value`] in the current scrape, 0 when the series is not there yet.
fn now(name: &str, labels: &[(&str, &str)]) -> f64 {
    value(&metrics::render(), name, labels).unwrap_or(0.0)
}

/// A tenant of this test's own, with signing key `k1`; its id and secret.
async fn own_tenant(app: &TestApp, what: &str) -> (String, String) {
    let id = format!(
        "metrics-{what}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let secret = format!("{id}-secret-0123456789abcdef");
    tenants::store::create(&app.state.db, &id, "Metrics Test", None)
        .await
        .expect("tenant");
    agents::store::put_key(&app.state.db, &id, "k1", &secret)
        .await
        .expect("key");
    (id, secret)
}

fn bearer(tenant: &str, secret: &str) -> String {
    format!("Bearer {}", sign(&claims(tenant, "alice"), "k1", secret))
}

fn report(auth: &str, kind: &str) -> Request<Body> {
    Request::post("/api/v1/widget-errors")
        .header("authorization", auth)
        .header("content-type", "application/json")
        .body(Body::from(json!({ "kind": kind }).to_string()))
        .expect("request")
}

fn open_ticket(auth: &str, key: &str) -> Request<Body> {
    Request::post("/api/v1/tickets")
        .header("authorization", auth)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(
            json!({"department": "technical", "priority": "critical",
                   "subject": "Site down", "message": "503 everywhere."})
            .to_string(),
        ))
        .expect("request")
}

#[tokio::test]
async fn requests_are_counted_by_route_template_with_latency_and_refusals() {
    recorder();
    let app = TestApp::new().await;
    let (tenant, secret) = own_tenant(&app, "http").await;
    let auth = bearer(&tenant, &secret);
    let created = [
        ("route", "/api/v1/feedback"),
        ("method", "POST"),
        ("status", "201"),
    ];
    let missing = [
        ("route", "/api/v1/tickets/{id}"),
        ("method", "GET"),
        ("status", "404"),
    ];
    let refused = [
        ("route", "/api/v1/widget-errors"),
        ("method", "POST"),
        ("status", "429"),
    ];
    let file = [("route", "/assets/*"), ("method", "GET"), ("status", "404")];
    let timed = [("route", "/api/v1/feedback"), ("method", "POST")];
    let before = metrics::render();
    let was = |name, labels| value(&before, name, labels).unwrap_or(0.0);
    let (created_0, missing_0, refused_0) = (
        was(metrics::HTTP_REQUESTS, &created[..]),
        was(metrics::HTTP_REQUESTS, &missing[..]),
        was(metrics::HTTP_REQUESTS, &refused[..]),
    );
    let file_0 = was(metrics::HTTP_REQUESTS, &file[..]);
    let timed_0 = was("http_request_duration_seconds_count", &timed[..]);
    let refusals_0 = was(metrics::REFUSALS, &[("action", "widget_error")][..]);

    let feedback = Request::post("/api/v1/feedback")
        .header("authorization", &auth)
        .header("content-type", "application/json")
        .header("idempotency-key", "metrics-0001")
        .body(Body::from(
            json!({"category": "idea", "message": "Dark mode, please."}).to_string(),
        ))
        .expect("request");
    let (s, b, _) = app.send(feedback).await;
    assert_eq!(s, 201, "{b}");
    let raw_id = format!("t-{}", uuid::Uuid::new_v4().simple());
    let (s, _, _) = app
        .send(
            Request::get(format!("/api/v1/tickets/{raw_id}"))
                .header("authorization", &auth)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(s, 404);
    // A nested service's files have no template of their own: one label for them all.
    let (s, _, _) = app
        .send_raw(
            Request::get(format!("/assets/{raw_id}.wasm"))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(s, 404);
    // A kind outside the closed set is the client's mistake, named on its field.
    let (s, b, _) = app.send(report(&auth, "segfault")).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        fields(&b),
        [("kind".to_owned(), "unknown_value".to_owned())]
    );
    // A widget failing in a loop: counted up to its budget, then refused.
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(app.send(report(&auth, "api")).await.0.as_u16());
    }
    assert_eq!(statuses[..10], [204; 10], "{statuses:?}");
    assert_eq!(statuses[10..], [429; 2], "{statuses:?}");

    let after = metrics::render();
    let grew =
        |name, labels: &[(&str, &str)], was: f64| value(&after, name, labels).unwrap_or(0.0) - was;
    assert!(
        grew(metrics::HTTP_REQUESTS, &created, created_0) >= 1.0,
        "{after}"
    );
    assert!(
        grew(metrics::HTTP_REQUESTS, &missing, missing_0) >= 1.0,
        "{after}"
    );
    assert!(
        grew(metrics::HTTP_REQUESTS, &refused, refused_0) >= 2.0,
        "{after}"
    );
    assert!(
        grew(metrics::HTTP_REQUESTS, &file, file_0) >= 1.0,
        "{after}"
    );
    assert!(grew("http_request_duration_seconds_count", &timed, timed_0) >= 1.0);
    let bucket = [
        ("route", "/api/v1/feedback"),
        ("method", "POST"),
        ("le", "+Inf"),
    ];
    assert!(value(&after, "http_request_duration_seconds_bucket", &bucket).is_some());
    assert!(grew(metrics::REFUSALS, &[("action", "widget_error")], refusals_0) >= 2.0);
    assert_eq!(
        value(
            &after,
            metrics::WIDGET_ERRORS,
            &[("tenant", tenant.as_str()), ("kind", "api")]
        ),
        Some(10.0),
        "the refused and the invalid reports are not counted"
    );
    assert!(!after.contains(&raw_id), "a raw path reached a label");
    assert!(
        !after.contains("__private__axum"),
        "a catch-all reads as `*`"
    );
}

#[tokio::test]
async fn outbox_gauges_show_what_waits_how_long_and_what_was_given_up_on() {
    recorder();
    let app = TestApp::new().await;
    let (tenant, secret) = own_tenant(&app, "outbox").await;
    let settings = NotifySettings {
        emails: vec!["oncall@metrics.test".into()],
        ..Default::default()
    };
    let mut conn = app.state.db.pool.acquire().await.expect("conn");
    notify::store::save_settings(&mut conn, &app.state.db.secrets, &tenant, &settings)
        .await
        .expect("settings");
    drop(conn);
    let (s, b, _) = app
        .send(open_ticket(&bearer(&tenant, &secret), "metrics-outbox-1"))
        .await;
    assert_eq!(s, 201, "{b}");
    // Queued ten minutes ago, as if the mail server had been down since.
    sqlx::query("UPDATE notifications SET created_at = $1")
        .bind(now_ms() - 600_000)
        .execute(&app.state.db.pool)
        .await
        .expect("age");

    refresh_outboxes(&app.state.db).await.expect("refresh");
    let email = [("channel", "email")];
    let text = metrics::render();
    assert_eq!(
        value(&text, metrics::OUTBOX_DEPTH, &email),
        Some(1.0),
        "{text}"
    );
    let oldest = value(&text, metrics::OUTBOX_OLDEST, &email).expect("oldest");
    assert!((600.0..700.0).contains(&oldest), "{oldest}");
    assert_eq!(value(&text, metrics::OUTBOX_FAILED, &email), Some(0.0));
    for channel in ["webhook", "bridge"] {
        let labels = [("channel", channel)];
        assert_eq!(value(&text, metrics::OUTBOX_DEPTH, &labels), Some(0.0));
        assert_eq!(value(&text, metrics::OUTBOX_OLDEST, &labels), Some(0.0));
    }

    // No SMTP server is configured: the attempt fails, is counted, and waits for a retry.
    let failures_0 = now(metrics::DELIVERY_FAILURES, &email);
    assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 0);
    assert!(now(metrics::DELIVERY_FAILURES, &email) - failures_0 >= 1.0);
    // Given up on: no longer waiting, counted as failed.
    sqlx::query("UPDATE notifications SET failed_at = $1")
        .bind(now_ms())
        .execute(&app.state.db.pool)
        .await
        .expect("give up");
    refresh_outboxes(&app.state.db).await.expect("refresh");
    let text = metrics::render();
    assert_eq!(value(&text, metrics::OUTBOX_DEPTH, &email), Some(0.0));
    assert_eq!(value(&text, metrics::OUTBOX_OLDEST, &email), Some(0.0));
    assert_eq!(value(&text, metrics::OUTBOX_FAILED, &email), Some(1.0));
}

#[tokio::test]
async fn ticket_gauges_count_due_soon_and_late_answers_per_tenant() {
    recorder();
    let app = TestApp::new().await;
    let (tenant, secret) = own_tenant(&app, "sla").await;
    let (other, other_secret) = own_tenant(&app, "sla-other").await;
    let auth = bearer(&tenant, &secret);
    let mut ids = Vec::new();
    for n in 0..3 {
        let (s, b, _) = app
            .send(open_ticket(&auth, &format!("metrics-sla-{n}")))
            .await;
        assert_eq!(s, 201, "{b}");
        ids.push(b["ticket"]["id"].as_str().expect("id").to_owned());
    }
    let (s, b, _) = app
        .send(open_ticket(&bearer(&other, &other_secret), "metrics-sla-x"))
        .await;
    assert_eq!(s, 201, "{b}");
    // Against a one-hour target: one late, one in its last quarter, one with time to spare.
    let now = now_ms();
    for (id, due) in ids
        .iter()
        .zip([now - 60_000, now + 5 * 60_000, now + 50 * 60_000])
    {
        sqlx::query("UPDATE tickets SET due_at = $1, target_minutes = 60 WHERE id = $2")
            .bind(due)
            .bind(id)
            .execute(&app.state.db.pool)
            .await
            .expect("due");
    }

    refresh_tickets(&app.state.db).await.expect("refresh");
    let text = metrics::render();
    let of = |name, t: &str| value(&text, name, &[("tenant", t)]);
    assert_eq!(of(metrics::TICKETS_BREACHED, &tenant), Some(1.0), "{text}");
    assert_eq!(of(metrics::TICKETS_DUE_SOON, &tenant), Some(1.0));
    // The other tenant's fresh critical ticket is on track.
    assert_eq!(of(metrics::TICKETS_BREACHED, &other), Some(0.0));
    assert_eq!(of(metrics::TICKETS_DUE_SOON, &other), Some(0.0));

    // The late one answered (its clock stopped): the gauge goes back to 0, not away.
    sqlx::query("UPDATE tickets SET due_at = NULL, target_minutes = NULL WHERE id = $1")
        .bind(&ids[0])
        .execute(&app.state.db.pool)
        .await
        .expect("answered");
    refresh_tickets(&app.state.db).await.expect("refresh");
    let text = metrics::render();
    assert_eq!(
        value(&text, metrics::TICKETS_BREACHED, &[("tenant", &tenant)]),
        Some(0.0)
    );
}

#[tokio::test]
async fn the_binary_serves_metrics_on_its_own_listener_only() {
    let app = TestApp::new().await;
    let server = Instance::start_with(&app.db_url, &["--metrics-listen", "127.0.0.1:0"], &[]);
    let metrics_url = server
        .printed
        .iter()
        .find_map(|l| l.strip_prefix("panelcare-server metrics on "))
        .expect("it says where its metrics are")
        .trim()
        .to_owned();
    let (s, _, _) = server.call("GET", "/healthz", &[], None).await;
    assert_eq!(s, 200);
    let (s, _, _) = server.call("GET", "/metrics", &[], None).await;
    assert_eq!(s, 404, "never on the public listener");

    let http = reqwest::Client::new();
    let mut text = String::new();
    // The gauges' job runs at start; its first round is a query away.
    for _ in 0..50 {
        let res = http.get(&metrics_url).send().await.expect("scrape");
        assert_eq!(res.status(), 200);
        let kind = res.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
        text = res.text().await.expect("body");
        if value(&text, metrics::REFRESHED, &[]).is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let healthz = [("route", "/healthz"), ("method", "GET"), ("status", "200")];
    assert_eq!(
        value(&text, metrics::HTTP_REQUESTS, &healthz),
        Some(1.0),
        "{text}"
    );
    let missing = [("route", "unmatched"), ("method", "GET"), ("status", "404")];
    assert_eq!(
        value(&text, metrics::HTTP_REQUESTS, &missing),
        Some(1.0),
        "{text}"
    );
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        value(&text, metrics::BUILD_INFO, &[("version", version)]),
        Some(1.0)
    );
    assert!(
        value(&text, metrics::POOL_MAX, &[]).is_some_and(|v| v >= 1.0),
        "{text}"
    );
    assert!(value(&text, metrics::POOL_SIZE, &[]).is_some());
    assert_eq!(value(&text, metrics::READY, &[]), Some(1.0));
    assert_eq!(
        value(&text, metrics::OUTBOX_DEPTH, &[("channel", "email")]),
        Some(0.0)
    );
    assert_eq!(
        value(&text, metrics::TICKETS_BREACHED, &[("tenant", "acme")]),
        Some(0.0)
    );
    assert!(text.contains("# TYPE http_request_duration_seconds histogram"));
    assert!(text.contains("process_cpu_seconds_total"), "{text}");
}
