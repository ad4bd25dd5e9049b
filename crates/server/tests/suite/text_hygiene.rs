//! Text hygiene (issue 17): bidi overrides and control characters typed by a customer, an
//! agent or an admin are refused with `forbidden_characters` and nothing is stored; invisible
//! formatting is removed and CR LF becomes LF; text from the ticket bridge, a panel's token and
//! file names is cleaned without being refused.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::outbound::signature;
use serde_json::{Value, json};

/// What the issue names: RLO, LRI, NUL, ESC and BEL.
const REFUSED: [&str; 5] = ["\u{202e}", "\u{2066}", "\u{0}", "\u{1b}", "\u{7}"];

fn post(path: &str, token: &str, key: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .expect("request")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// The status, error code and refused fields of an answer.
fn refused(s: axum::http::StatusCode, b: &Value) -> (u16, &str, Vec<(String, String)>) {
    (s.as_u16(), code(b), fields(b))
}

fn on(field: &str) -> Vec<(String, String)> {
    vec![(field.into(), "forbidden_characters".into())]
}

async fn open_ticket(app: &TestApp, key: &str, subject: &str, message: &str) -> Value {
    let body = json!({"department": "technical", "priority": "normal",
                      "subject": subject, "message": message});
    let (s, t, _) = app
        .send(post("/api/v1/tickets", &token("acme", "alice"), key, &body))
        .await;
    assert_eq!(s, 201, "{t}");
    t
}

#[tokio::test]
async fn customers_cannot_send_bidi_overrides_or_control_characters() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let id = open_ticket(&app, "hygiene-0000", "Mail", "Mail is slow.").await["ticket"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let messages = count(&app, "SELECT COUNT(*) FROM ticket_messages").await;
    for (i, bad) in REFUSED.iter().enumerate() {
        let text = format!("invoice{bad}fdp.exe");
        let feedback = json!({"category": "idea", "message": text});
        let (s, b, _) = app
            .send(post_feedback(
                &alice,
                &format!("hygiene-f{i:04}"),
                &feedback,
            ))
            .await;
        assert_eq!(
            refused(s, &b),
            (422, "validation_failed", on("message")),
            "{bad:?}"
        );

        let ticket = json!({"department": "technical", "priority": "normal",
                            "subject": text, "message": "See the subject."});
        let (s, b, _) = app
            .send(post(
                "/api/v1/tickets",
                &alice,
                &format!("hygiene-t{i:04}"),
                &ticket,
            ))
            .await;
        assert_eq!(
            refused(s, &b),
            (422, "validation_failed", on("subject")),
            "{bad:?}"
        );

        let reply = json!({"message": text});
        let path = format!("/api/v1/tickets/{id}/replies");
        let (s, b, _) = app
            .send(post(&path, &alice, &format!("hygiene-r{i:04}"), &reply))
            .await;
        assert_eq!(
            refused(s, &b),
            (422, "validation_failed", on("message")),
            "{bad:?}"
        );
    }
    assert_eq!(app.feedback_rows().await, 0, "no feedback stored");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ticket_messages").await,
        messages,
        "no reply stored"
    );
}

#[tokio::test]
async fn invisible_characters_are_removed_and_line_breaks_become_lf() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let feedback = json!({"category": "idea",
                          "message": "\u{feff}Dark\u{200b} theme\r\nplease 👨\u{200d}👩\u{200d}👧"});
    let (s, b, _) = app
        .send(post_feedback(&alice, "hygiene-0001", &feedback))
        .await;
    assert_eq!(s, 201, "{b}");
    let (_, list, _) = app.send(get("/api/v1/feedback", &alice)).await;
    assert_eq!(
        list["items"][0]["message"],
        "Dark theme\nplease 👨\u{200d}👩\u{200d}👧"
    );

    let t = open_ticket(
        &app,
        "hygiene-0002",
        "Site\u{200b} down",
        "one\r\ntwo\rthree",
    )
    .await;
    let id = t["ticket"]["id"].as_str().expect("id");
    let (s, t, _) = app
        .send(get(&format!("/api/v1/tickets/{id}"), &alice))
        .await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(t["ticket"]["subject"], "Site down");
    assert_eq!(t["messages"][0]["body"], "one\ntwo\nthree");

    // The length limit counts what is stored: invisible padding does not make it too long.
    let padded = format!("{}{}", "x".repeat(150), "\u{200b}".repeat(50));
    open_ticket(&app, "hygiene-0003", &padded, "Long subject.").await;
}

#[tokio::test]
async fn agents_and_admins_cannot_write_bidi_overrides() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let t = open_ticket(&app, "hygiene-0004", "Mail", "Mail is slow.").await;
    let id = t["ticket"]["id"].as_str().expect("id");
    let (s, _, _) = app
        .send(post_feedback(
            &token("acme", "alice"),
            "hygiene-0005",
            &json!({"category": "idea", "message": "Dark theme"}),
        ))
        .await;
    assert_eq!(s, 201);
    let feedback_id: String = sqlx::query_scalar("SELECT id FROM feedback")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("id");
    let rlo = "Refund\u{202e}gnp.exe";
    let messages = count(&app, "SELECT COUNT(*) FROM ticket_messages").await;
    let cases = [
        (
            format!("/console/api/tickets/{id}/messages"),
            json!({"kind": "reply", "message": rlo}),
            "message",
        ),
        (
            format!("/console/api/tickets/{id}/messages"),
            json!({"kind": "note", "message": rlo}),
            "message",
        ),
        (
            "/console/api/canned-replies".into(),
            json!({"tenant_id": "acme", "title": rlo, "body": "We cleaned up."}),
            "title",
        ),
        (
            "/console/api/kb".into(),
            json!({"tenant_id": "acme", "lang": "en", "title": "Mail",
                   "body": rlo, "published": true}),
            "body",
        ),
        (
            "/console/api/notices".into(),
            json!({"tenant_id": "acme", "kind": "incident", "title": rlo,
                   "body": "Mail is queued.", "starts_at": "2026-11-23T02:00:00Z"}),
            "title",
        ),
        (
            format!("/console/api/feedback/{feedback_id}/answer"),
            json!({"text": rlo}),
            "text",
        ),
        (
            format!("/console/api/feedback/{feedback_id}/notes"),
            json!({"text": rlo}),
            "text",
        ),
    ];
    for (path, body, field) in cases {
        let (s, b, _) = app.send(ada.req("POST", &path, Some(body))).await;
        assert_eq!(
            refused(s, &b),
            (422, "validation_failed", on(field)),
            "{path}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ticket_messages").await,
        messages
    );
    for table in ["canned_replies", "kb_articles", "notices"] {
        let n = count(&app, &format!("SELECT COUNT(*) FROM {table}")).await;
        assert_eq!(n, 0, "{table}");
    }
}

/// A signed host call, as the WHMCS addon makes it.
fn signed(path: &str, body: &Value) -> Request<Body> {
    let body = body.to_string();
    let ts = panelcare_server::time::now_secs();
    Request::post(path)
        .header("content-type", "application/json")
        .header("x-panelcare-key", "k1")
        .header("x-panelcare-timestamp", ts.to_string())
        .header("x-panelcare-signature", signature(ACME_SECRET, ts, &body))
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn the_bridge_token_names_and_file_names_are_cleaned_not_refused() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, b, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/ticket-bridge",
            Some(json!({"url": "https://billing.acme.example/bridge.php", "key_id": "k1"})),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    let t = open_ticket(&app, "hygiene-0006", "DNS", "Zone missing.").await;
    let id = t["ticket"]["id"].as_str().expect("id");
    let reply = json!({"tenant": "acme", "external_id": "whmcs-1", "from": "support",
                       "author": "Dana\u{202e}", "message": "Fixed\u{202e} now\u{7}.\r\nBye"});
    let (s, b, _) = app
        .send(signed(
            &format!("/api/v1/bridge/tickets/{id}/replies"),
            &reply,
        ))
        .await;
    assert_eq!(s, 201, "{b}");
    let (_, t, _) = app
        .send(get(
            &format!("/api/v1/tickets/{id}"),
            &token("acme", "alice"),
        ))
        .await;
    let bridged = t["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .find(|m| m["kind"] == "agent");
    let bridged = bridged.expect("the bridged reply");
    assert_eq!(
        (&bridged["body"], &bridged["author"]),
        (&json!("Fixed now.\nBye"), &json!("Dana")),
        "{t}"
    );
    let stored: Vec<String> = sqlx::query_scalar("SELECT body FROM ticket_messages")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("bodies");
    assert!(stored.iter().all(|b| !b.contains('\u{202e}')), "{stored:?}");

    // A panel's name for its customer, from the signed token, is cleaned too.
    let mut c = claims("acme", "bidi");
    c.name = Some("Ni\u{202e}ko\u{200b}".into());
    let bidi = panelcare_server::auth::sign(&c, "k1", ACME_SECRET);
    let ticket = json!({"department": "technical", "priority": "low", "subject": "Hello",
                        "message": "Hello there."});
    let (s, b, _) = app
        .send(post("/api/v1/tickets", &bidi, "hygiene-0007", &ticket))
        .await;
    assert_eq!(s, 201, "{b}");
    let name: Option<String> =
        sqlx::query_scalar("SELECT account_name FROM tickets WHERE account_id = 'bidi'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("name");
    assert_eq!(name.as_deref(), Some("Niko"));

    // "invoice<RLO>fdp.exe" would show as "invoiceexe.pdf": the override is removed.
    let upload = Request::post("/api/v1/attachments?name=invoice%E2%80%AEfdp.exe")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/octet-stream")
        .body(Body::from("plain text\n"))
        .expect("request");
    let (s, f, _) = app.send(upload).await;
    assert_eq!(s, 201, "{f}");
    assert_eq!(f["name"], "invoicefdp.exe");
}
