//! Safe outbound calls (issue 17): webhooks and the ticket bridge never reach this machine or a
//! private network unless the server's operator allowed the host, whether the address is an
//! IP literal or a name that resolves there; redirects are not followed; and what the console
//! shows of a failure is its class, never what the other side answered.

use std::sync::{Arc, Mutex};

use axum::{
    Router,
    body::Body,
    http::Request,
    http::{HeaderMap, StatusCode, header::LOCATION},
    response::IntoResponse,
    routing::post,
};
use panelcare_model::console::Role;
use panelcare_server::{
    bridge, notify,
    outbound::{AllowList, Failure},
    time,
};
use serde_json::{Value, json};

use crate::common::*;

/// What a receiver got, by path.
type Hits = Arc<Mutex<Vec<String>>>;

/// A receiver on 127.0.0.1: `/hook` takes a delivery, `/redirect` sends it on to `/hook` with
/// a 302, `/fail` answers 500 with a body that must never reach the console. Its port.
async fn receiver() -> (u16, Hits) {
    let hits: Hits = Arc::default();
    let record = |path: &'static str, hits: Hits| {
        move |_: HeaderMap, _: String| {
            let hits = hits.clone();
            async move {
                hits.lock().expect("lock").push(path.to_owned());
                match path {
                    "/redirect" => (StatusCode::FOUND, [(LOCATION, "/hook")]).into_response(),
                    "/fail" => (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        r#"{"error":"db_down","detail":"redis at 10.0.0.7:6379 refused"}"#,
                    )
                        .into_response(),
                    _ => StatusCode::OK.into_response(),
                }
            }
        }
    };
    let app = Router::new()
        .route("/hook", post(record("/hook", hits.clone())))
        .route("/redirect", post(record("/redirect", hits.clone())))
        .route("/fail", post(record("/fail", hits.clone())));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (port, hits)
}

/// An app whose operator allowed nothing.
async fn strict() -> TestApp {
    TestApp::new_with(|c| c.outbound_allow = AllowList::default()).await
}

/// The newest webhook delivery's attempts and stored failure.
async fn last_webhook(app: &TestApp) -> (i64, Option<String>) {
    sqlx::query_as(
        "SELECT attempts, last_error FROM notifications WHERE channel = 'webhook' \
         ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .expect("row")
}

/// Stores `url` as acme's webhook the way a name that resolves somewhere new would arrive:
/// past the console's check.
async fn webhook_at(app: &TestApp, url: &str) {
    let settings =
        json!({"emails": [], "webhook_url": url, "webhook_secret": "whsec-0123456789abcdef"});
    let mut conn = app.state.db.pool.acquire().await.expect("conn");
    notify::store::save_settings(
        &mut conn,
        &app.state.db.secrets,
        "acme",
        &serde_json::from_value(settings).expect("settings"),
    )
    .await
    .expect("settings");
}

async fn test_delivery(app: &TestApp, admin: &Who) {
    let (s, body, _) = app
        .send(admin.req("POST", "/console/api/tenants/acme/notifications/test", None))
        .await;
    assert_eq!(s, 200, "{body}");
}

#[tokio::test]
async fn webhooks_to_this_machine_are_not_sent_without_the_operators_allow() {
    let app = strict().await;
    let (port, hits) = receiver().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    for host in [
        "127.0.0.1",
        "localhost",
        "[::ffff:127.0.0.1]",
        "169.254.169.254",
    ] {
        let url = format!("http://{host}:{port}/hook");
        let (s, body, _) = app
            .send(ada.req("PUT", "/console/api/tenants/acme/notifications",
                Some(json!({"emails": [], "webhook_url": url, "webhook_secret": "whsec-0123456789abcdef"}))))
            .await;
        // The model's own rule (http only to this machine) or the guard's: either way no.
        assert_eq!(s, 422, "{host}: {body}");
        assert_eq!(
            fields(&body),
            [("webhook_url".into(), "invalid_url".into())]
        );
    }
    // A literal and a name (localhost: the rebinding case, judged as it resolves).
    for host in ["127.0.0.1", "localhost"] {
        webhook_at(&app, &format!("http://{host}:{port}/hook")).await;
        test_delivery(&app, &ada).await;
        assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 0);
        let (attempts, error) = last_webhook(&app).await;
        assert_eq!(attempts, 1, "{host}: the attempt is recorded");
        assert_eq!(error.as_deref(), Some("not_allowed"), "{host}");
    }
    assert!(
        hits.lock().expect("lock").is_empty(),
        "nothing reached the receiver"
    );
}

#[tokio::test]
async fn the_bridge_to_this_machine_is_not_sent_and_the_console_says_why() {
    let app = strict().await;
    let (port, hits) = receiver().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, body, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/ticket-bridge",
            Some(json!({"url": format!("http://localhost:{port}/hook"), "key_id": "k1"})),
        ))
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body), [("url".into(), "invalid_url".into())]);
    for host in ["127.0.0.1", "localhost"] {
        let mut conn = app.state.db.pool.acquire().await.expect("conn");
        let url = format!("http://{host}:{port}/hook");
        bridge::store::save_settings(&mut conn, "acme", &url, "k1", time::now_ms())
            .await
            .expect("bridge");
        drop(conn);
        open_ticket(&app, &format!("bridge-{host}-0001")).await;
        sqlx::query("UPDATE bridge_outbox SET next_attempt_at = 0")
            .execute(&app.state.db.pool)
            .await
            .expect("due now");
        assert_eq!(bridge::deliver_due(&app.state).await.expect("deliver"), 0);
        let state = bridge_state(&app, &ada).await;
        assert_eq!(
            state["last_error"],
            Failure::NotAllowed.to_string(),
            "{host}: {state}"
        );
    }
    assert!(
        hits.lock().expect("lock").is_empty(),
        "nothing reached the receiver"
    );
}

#[tokio::test]
async fn redirects_are_not_followed_and_answers_stay_out_of_the_console() {
    let app = TestApp::new().await;
    let (port, hits) = receiver().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;

    webhook_at(&app, &format!("http://127.0.0.1:{port}/redirect")).await;
    test_delivery(&app, &ada).await;
    assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 0);
    assert_eq!(last_webhook(&app).await.1.as_deref(), Some("redirect"));
    assert_eq!(*hits.lock().expect("lock"), ["/redirect"], "not followed");

    let (s, body, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/ticket-bridge",
            Some(json!({"url": format!("http://127.0.0.1:{port}/redirect"), "key_id": "k1"})),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    open_ticket(&app, "redirected-0001").await;
    assert_eq!(bridge::deliver_due(&app.state).await.expect("deliver"), 0);
    let state = bridge_state(&app, &ada).await;
    assert_eq!(
        state["last_error"],
        "answered a redirect, which is not followed"
    );
    assert_eq!(*hits.lock().expect("lock"), ["/redirect", "/redirect"]);

    let (s, body, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/ticket-bridge",
            Some(json!({"url": format!("http://127.0.0.1:{port}/fail"), "key_id": "k1"})),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    sqlx::query("UPDATE bridge_outbox SET next_attempt_at = 0")
        .execute(&app.state.db.pool)
        .await
        .expect("due now");
    assert_eq!(bridge::deliver_due(&app.state).await.expect("deliver"), 0);
    let state = bridge_state(&app, &ada).await;
    assert_eq!(
        state["last_error"], "answered 500 Internal Server Error",
        "{state}"
    );
    let shown = state.to_string();
    assert!(
        !shown.contains("db_down") && !shown.contains("6379"),
        "{shown}"
    );
}

async fn open_ticket(app: &TestApp, key: &str) {
    let req = Request::post("/api/v1/tickets")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "client-42")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(
            json!({"department": "technical", "priority": "normal", "subject": "Mail",
                "message": "No mail since noon."})
            .to_string(),
        ))
        .expect("request");
    let (s, body, _) = app.send(req).await;
    assert_eq!(s, 201, "{body}");
}

async fn bridge_state(app: &TestApp, admin: &Who) -> Value {
    let (s, state, _) = app
        .send(admin.req("GET", "/console/api/tenants/acme/ticket-bridge", None))
        .await;
    assert_eq!(s, 200, "{state}");
    state
}
