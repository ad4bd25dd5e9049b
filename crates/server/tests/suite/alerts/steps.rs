//! What the low-rating tests share: a customer's suggestion and ticket, an agent's steps, the
//! outbox's rows and the mails and webhook calls that arrived.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

/// The customer's request with their token and, for a new thing, an idempotency key.
pub fn customer_post(
    tenant: &str,
    account: &str,
    path: &str,
    key: Option<&str>,
    body: &Value,
) -> Request<Body> {
    let mut req = Request::post(path)
        .header(
            "authorization",
            format!("Bearer {}", token(tenant, account)),
        )
        .header("content-type", "application/json");
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    req.body(Body::from(body.to_string())).expect("request")
}

/// Sends a suggestion rated `rating` (under idempotency key `alerts-{key}`); returns the
/// answer's status and body.
pub async fn suggest(
    app: &TestApp,
    tenant: &str,
    account: &str,
    key: &str,
    rating: i64,
) -> (u16, Value) {
    let body = json!({"category": "problem", "message": format!("The panel is slow ({key})."),
                      "rating": rating});
    let (s, b, _) = app
        .send(customer_post(
            tenant,
            account,
            "/api/v1/feedback",
            Some(&format!("alerts-{key}")),
            &body,
        ))
        .await;
    (s.as_u16(), b)
}

/// Opens a ticket for `account`; returns its id.
pub async fn open_ticket(app: &TestApp, tenant: &str, account: &str, key: &str) -> String {
    let body = json!({"department": "technical", "priority": "high", "subject": "Mail bounces",
                      "message": "Every mail to gmail bounces."});
    let (s, t, _) = app
        .send(customer_post(
            tenant,
            account,
            "/api/v1/tickets",
            Some(&format!("alerts-{key}")),
            &body,
        ))
        .await;
    assert_eq!(s, 201, "{t}");
    t["ticket"]["id"].as_str().expect("id").to_owned()
}

/// The agent answers the ticket (resolving it, if `resolve`).
pub async fn agent_reply(app: &TestApp, agent: &Who, id: &str, resolve: bool) {
    let mut body = json!({"kind": "reply", "message": "Fixed: the SPF record was wrong."});
    if resolve {
        body["status"] = json!("resolved");
    }
    let path = format!("/console/api/tickets/{id}/messages");
    let (s, b, _) = app.send(agent.req("POST", &path, Some(body))).await;
    assert_eq!(s, 201, "{b}");
}

/// The customer rates ticket `id`; returns the answer's status and body.
pub async fn rate(
    app: &TestApp,
    tenant: &str,
    account: &str,
    id: &str,
    rating: i64,
) -> (u16, Value) {
    let body = json!({"rating": rating, "comment": "Took three days."});
    let path = format!("/api/v1/tickets/{id}/rating");
    let (s, b, _) = app
        .send(customer_post(tenant, account, &path, None, &body))
        .await;
    (s.as_u16(), b)
}

/// Saves `tenant`'s notification settings as `admin`.
pub async fn save_settings(app: &TestApp, admin: &Who, tenant: &str, body: Value) {
    let path = format!("/console/api/tenants/{tenant}/notifications");
    let (s, b, _) = app.send(admin.req("PUT", &path, Some(body))).await;
    assert_eq!(s, 200, "{b}");
}

/// The outbox: (tenant, channel, target, event) of every row, in a stable order.
pub async fn queued(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT tenant_id, channel, target, event FROM notifications \
         ORDER BY event, channel, target",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("rows")
}

pub fn row(
    tenant: &str,
    channel: &str,
    target: &str,
    event: &str,
) -> (String, String, String, String) {
    (tenant.into(), channel.into(), target.into(), event.into())
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// A console account of `tenant` with `role`, signed in.
pub async fn console(app: &TestApp, tenant: &str, name: &str, role: Role) -> Who {
    signed_in(app, tenant, name, role).await
}

/// A GET of the console API; (status, body).
pub async fn console_get(app: &TestApp, who: &Who, path: &str) -> (u16, Value) {
    let (s, b, _) = app.send(who.req("GET", path, None)).await;
    (s.as_u16(), b)
}

/// The mail as sent, its quoted-printable soft line breaks undone.
pub fn unfolded(mail: &str) -> String {
    mail.replace("=\r\n", "").replace("=\n", "")
}

/// The mail sent to `to`, if one was.
pub fn mail_to(mails: &[String], to: &str) -> Option<String> {
    mails
        .iter()
        .find(|m| m.contains(&format!("To: {to}")))
        .map(|m| unfolded(m))
}
