//! "Send a test" from the console: one e-mail to each saved address and one signed
//! `ticket.test` webhook delivery, through the outbox, to a real SMTP server and webhook
//! receiver; only admins of the tenant may ask, and only once something is saved.

use crate::common::{outbox::*, *};
use panelcare_model::console::Role;
use panelcare_server::{notify, outbound};
use serde_json::{Value, json};

async fn queued(app: &TestApp) -> Vec<(String, String, String, String)> {
    sqlx::query_as(
        "SELECT tenant_id, channel, target, event FROM notifications ORDER BY channel, target",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("rows")
}

const TEST: &str = "/console/api/tenants/acme/notifications/test";

#[tokio::test]
async fn an_admin_sends_a_test_by_mail_and_signed_webhook() {
    let smtp = SmtpSink::start();
    let app = TestApp::new_with(|c| c.smtp_url = format!("smtp://127.0.0.1:{}", smtp.port)).await;
    let (url, seen) = webhook_receiver(0).await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;

    // Nothing saved yet: nowhere to send a test to.
    let (s, b, _) = app.send(ada.req("POST", TEST, None)).await;
    assert_eq!(
        (s.as_u16(), code(&b), fields(&b)[0].0.as_str()),
        (422, "validation_failed", "emails"),
        "{b}"
    );

    let secret = "whsec-test-0123456789";
    let (s, saved, _) = app
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/notifications",
            Some(json!({"emails": ["oncall@acme.test", "lead@acme.test"],
                "webhook_url": url, "webhook_secret": secret})),
        ))
        .await;
    assert_eq!(s, 200, "{saved}");

    // Agents, another tenant's admin and agent: not found, and nothing queued.
    for (name, who, tenant) in [
        ("andrej", &andrej, "acme"),
        ("bea", &bea, "acme"),
        ("bob", &bob, "acme"),
        ("bob", &bob, "bluefox"),
    ] {
        let (s, b, _) = app
            .send(who.req(
                "POST",
                &format!("/console/api/tenants/{tenant}/notifications/test"),
                None,
            ))
            .await;
        assert_eq!(
            (s.as_u16(), code(&b)),
            (404, "not_found"),
            "{name} {tenant}"
        );
    }
    assert!(queued(&app).await.is_empty());

    let (s, answer, _) = app.send(ada.req("POST", TEST, None)).await;
    assert_eq!(s, 200, "{answer}");
    assert_eq!(
        answer,
        json!({"emails": ["oncall@acme.test", "lead@acme.test"], "webhook_url": url}),
        "says what was queued"
    );
    let rows = queued(&app).await;
    let want: Vec<(String, String, String, String)> = [
        ("email", "lead@acme.test"),
        ("email", "oncall@acme.test"),
        ("webhook", url.as_str()),
    ]
    .iter()
    .map(|(c, t)| {
        (
            "acme".into(),
            (*c).into(),
            (*t).into(),
            "ticket.test".into(),
        )
    })
    .collect();
    assert_eq!(rows, want, "one e-mail per address, one webhook delivery");

    assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 3);
    let mail = smtp.messages();
    assert_eq!(mail.len(), 2);
    for to in ["oncall@acme.test", "lead@acme.test"] {
        let m = mail
            .iter()
            .find(|m| m.contains(&format!("To: {to}")))
            .unwrap_or_else(|| panic!("no mail to {to}: {mail:?}"));
        assert!(
            m.contains("Subject: [Acme Hosting] Test notification"),
            "{m}"
        );
        assert!(m.contains("because ada@acme.test"), "who asked: {m}");
        assert!(m.contains("http://panelcare.test/console/"), "{m}");
    }
    {
        let seen = seen.lock().expect("lock");
        assert_eq!(seen.len(), 1);
        let (headers, body) = &seen[0];
        assert_eq!(headers["x-panelcare-event"], "ticket.test");
        let ts: i64 = headers["x-panelcare-timestamp"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("number");
        assert_eq!(
            headers["x-panelcare-signature"].to_str().expect("ascii"),
            outbound::signature(secret, ts, body),
            "signed with the tenant's secret"
        );
        let payload: Value = serde_json::from_str(body).expect("json");
        assert_eq!(payload["event"], "ticket.test");
        assert_eq!(payload["tenant_id"], "acme");
        assert_eq!(payload["test"], true);
        assert_eq!(payload["requested_by"]["name"], "ada@acme.test");
    }
    let (_, log, _) = app.send(ada.req("GET", "/console/api/audit", None)).await;
    assert!(
        log.as_array()
            .expect("entries")
            .iter()
            .any(|e| e["action"] == "notifications.test" && e["tenant_id"] == "acme"),
        "{log}"
    );

    // A reseller's admin tests its own webhook-only set-up; the provider's admin may too.
    let (s, _, _) = app
        .send(bea.req(
            "PUT",
            "/console/api/tenants/bluefox/notifications",
            Some(json!({"webhook_url": url, "webhook_secret": "fox-secret-0123456789"})),
        ))
        .await;
    assert_eq!(s, 200);
    for who in [&bea, &ada] {
        let (s, answer, _) = app
            .send(who.req(
                "POST",
                "/console/api/tenants/bluefox/notifications/test",
                None,
            ))
            .await;
        assert_eq!(s, 200, "{answer}");
        assert_eq!(answer, json!({"emails": [], "webhook_url": url}));
    }
    assert_eq!(notify::deliver_due(&app.state).await.expect("deliver"), 2);
    assert_eq!(smtp.messages().len(), 2, "no mail for BlueFox");
    assert_eq!(seen.lock().expect("lock").len(), 3);
}
