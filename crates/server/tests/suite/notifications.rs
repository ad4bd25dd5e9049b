//! Notifications reach agents through a real SMTP server (Debian's aiosmtpd) and a signed
//! webhook (a small HTTP server) that fails once and is retried; both are started by the test
//! (`common/outbox.rs`).

use crate::common::{outbox::*, *};
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::{notify, outbound};
use serde_json::{Value, json};

async fn pending(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE delivered_at IS NULL")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

fn open(key: &str) -> Request<Body> {
    Request::post("/api/v1/tickets")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
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
async fn new_tickets_replies_and_late_answers_reach_agents_by_mail_and_signed_webhook() {
    let smtp = SmtpSink::start();
    let app = TestApp::new_with(|c| c.smtp_url = format!("smtp://127.0.0.1:{}", smtp.port)).await;
    let (url, seen) = webhook_receiver(1).await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let secret = "whsec-0123456789abcdef";
    let (s, saved, _) = app
        .send(ada.req("PUT", "/console/api/tenants/acme/notifications",
            Some(json!({"emails": ["oncall@acme.test"], "webhook_url": url, "webhook_secret": secret}))))
        .await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(saved["webhook_secret"], "", "the secret is never sent back");
    assert_eq!(saved["webhook_secret_set"], true, "only that one is stored");

    let (s, t, _) = app.send(open("ticket-0001")).await;
    assert_eq!(s, 201, "{t}");
    // A replayed request queues nothing more.
    app.send(open("ticket-0001")).await;
    assert_eq!(pending(&app).await, 2, "one e-mail, one webhook");

    assert_eq!(
        notify::deliver_due(&app.state).await.expect("deliver"),
        1,
        "the mail; the webhook failed once"
    );
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].contains("Subject: [Acme Hosting] New critical ticket #1001: Site down"),
        "{}",
        mail[0]
    );
    assert!(mail[0].contains("To: oncall@acme.test"));
    // The link opens the ticket itself in the console (the mail is quoted-printable: long
    // lines are folded with a trailing `=`).
    let ticket_id = t["ticket"]["id"].as_str().expect("id");
    let unfolded = mail[0].replace("=\r\n", "").replace("=\n", "");
    assert!(
        unfolded.contains(&format!(
            "Open the ticket:\r\nhttp://panelcare.test/console/tickets/{ticket_id}\r\n"
        )) || unfolded.contains(&format!(
            "Open the ticket:\nhttp://panelcare.test/console/tickets/{ticket_id}\n"
        )),
        "{unfolded}"
    );
    let (attempts, error): (i64, String) =
        sqlx::query_as("SELECT attempts, last_error FROM notifications WHERE channel = 'webhook'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("row");
    assert_eq!(attempts, 1);
    assert!(error.contains("500"), "{error}");
    assert_eq!(
        notify::deliver_due(&app.state).await.expect("deliver"),
        0,
        "the retry waits"
    );
    sqlx::query("UPDATE notifications SET next_attempt_at = 0 WHERE delivered_at IS NULL")
        .execute(&app.state.db.pool)
        .await
        .expect("time passes");
    assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 1);
    {
        let seen = seen.lock().expect("lock");
        assert_eq!(seen.len(), 2);
        let (headers, body) = &seen[1];
        let ts: i64 = headers["x-panelcare-timestamp"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("number");
        assert_eq!(
            headers["x-panelcare-signature"].to_str().expect("ascii"),
            outbound::signature(secret, ts, body)
        );
        assert_eq!(headers["x-panelcare-event"], "ticket.created");
        let payload: Value = serde_json::from_str(body).expect("json");
        assert_eq!(payload["ticket"]["number"], 1001);
        assert_eq!(payload["ticket"]["priority"], "critical");
        assert_eq!(
            payload["ticket"]["url"],
            format!("http://panelcare.test/console/tickets/{ticket_id}")
        );
    }

    // The customer replies; then the answer owed gets into its last quarter: agents are
    // warned once for that deadline.
    let id = t["ticket"]["id"].as_str().expect("id");
    let reply = Request::post(format!("/api/v1/tickets/{id}/replies"))
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", "reply-0001")
        .body(Body::from(json!({"message": "Any news?"}).to_string()))
        .expect("request");
    assert_eq!(app.send(reply).await.0, 201);
    assert_eq!(
        panelcare_server::tickets::lifecycle::warn_due_soon(&app.state)
            .await
            .expect("sweep"),
        0,
        "plenty of time left"
    );
    sqlx::query("UPDATE tickets SET due_at = $1 WHERE id = $2")
        .bind(panelcare_server::time::now_ms() + 10 * 60_000)
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("near");
    assert_eq!(
        panelcare_server::tickets::lifecycle::warn_due_soon(&app.state)
            .await
            .expect("sweep"),
        1
    );
    assert_eq!(
        panelcare_server::tickets::lifecycle::warn_due_soon(&app.state)
            .await
            .expect("sweep"),
        0,
        "once per deadline"
    );
    notify::deliver_due(&app.state).await.expect("deliver");
    let subjects: Vec<String> = smtp
        .messages()
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.starts_with("Subject:"))
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    assert!(
        subjects.iter().any(|s| s.contains("replied on #1001")),
        "{subjects:?}"
    );
    assert!(
        subjects
            .iter()
            .any(|s| s.contains("Answer due soon on critical ticket #1001")),
        "{subjects:?}"
    );
    assert_eq!(pending(&app).await, 0);
}

#[tokio::test]
async fn notification_settings_are_checked_and_scoped() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    for (body, field) in [
        (json!({"emails": ["not an address"]}), "emails.0"),
        (
            json!({"webhook_url": "http://hooks.example/x", "webhook_secret": "0123456789abcdef"}),
            "webhook_url",
        ),
        (
            json!({"webhook_url": "https://hooks.example/x"}),
            "webhook_secret",
        ),
        (
            json!({"webhook_url": "https://hooks.example/x", "webhook_secret": "short"}),
            "webhook_secret",
        ),
    ] {
        let (s, b, _) = app
            .send(ada.req(
                "PUT",
                "/console/api/tenants/acme/notifications",
                Some(body.clone()),
            ))
            .await;
        assert_eq!(
            (s.as_u16(), fields(&b)[0].0.as_str()),
            (422, field),
            "{body}"
        );
    }
    // Whether a secret is stored is said, the secret never; a client cannot claim one.
    let read = |tenant: &'static str| {
        let req = ada.req(
            "GET",
            &format!("/console/api/tenants/{tenant}/notifications"),
            None,
        );
        async { app.send(req).await.1 }
    };
    assert_eq!(read("acme").await["webhook_secret_set"], false);
    let hook =
        json!({"webhook_url": "https://hooks.example/x", "webhook_secret": "0123456789abcdef"});
    for (body, set) in [
        (
            json!({"emails": ["a@acme.test"], "webhook_secret_set": true}),
            false,
        ),
        (hook, true),
        (
            json!({"webhook_url": "https://hooks.example/y", "webhook_secret_set": false}),
            true,
        ),
    ] {
        let (s, saved, _) = app
            .send(ada.req(
                "PUT",
                "/console/api/tenants/acme/notifications",
                Some(body.clone()),
            ))
            .await;
        assert_eq!(s, 200, "{body}: {saved}");
        assert_eq!(
            (&saved["webhook_secret_set"], &saved["webhook_secret"]),
            (&json!(set), &json!("")),
            "{body}"
        );
        let now = read("acme").await;
        assert_eq!(
            (&now["webhook_secret_set"], &now["webhook_secret"]),
            (&json!(set), &json!("")),
            "{body}"
        );
    }
    assert!(!read("acme").await.to_string().contains("0123456789abcdef"));
    assert_eq!(
        read("bluefox").await["webhook_secret_set"],
        false,
        "per tenant"
    );
    app.send(ada.req(
        "PUT",
        "/console/api/tenants/acme/notifications",
        Some(json!({})),
    ))
    .await;
    for (who, tenant, want) in [
        (&bea, "acme", 404),
        (&andrej, "acme", 404),
        (&ada, "bluefox", 200),
    ] {
        let (s, _, _) = app
            .send(who.req(
                "GET",
                &format!("/console/api/tenants/{tenant}/notifications"),
                None,
            ))
            .await;
        assert_eq!(s.as_u16(), want, "{tenant}");
    }
    // Without settings, nothing is queued; without an SMTP server, mail waits and says why.
    app.send(open("ticket-0009")).await;
    assert_eq!(pending(&app).await, 0);
    app.send(ada.req(
        "PUT",
        "/console/api/tenants/acme/notifications",
        Some(json!({"emails": ["oncall@acme.test"]})),
    ))
    .await;
    app.send(open("ticket-0010")).await;
    notify::deliver_due(&app.state).await.expect("deliver");
    let error: String = sqlx::query_scalar("SELECT last_error FROM notifications")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    assert!(error.contains("--smtp-url"), "{error}");
}
