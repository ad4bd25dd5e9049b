//! Several instances on one database behave as one: background work is claimed, so two
//! instances delivering at the same moment send each delivery once.

use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::notify;
use serde_json::json;

use crate::common::{outbox::webhook_receiver, *};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_delivering_at_once_send_each_notification_once() {
    let a = TestApp::new().await;
    let b = a.another_instance().await;
    let (url, seen) = webhook_receiver(0).await;
    let ada = signed_in(&a, "acme", "ada", Role::ProviderAdmin).await;
    let (s, saved, _) = a
        .send(ada.req(
            "PUT",
            "/console/api/tenants/acme/notifications",
            Some(json!({"emails": [], "webhook_url": url, "webhook_secret": "whsec-0123456789abcdef"})),
        ))
        .await;
    assert_eq!(s, 200, "{saved}");
    const TICKETS: usize = 12;
    let t = token("acme", "alice");
    for n in 0..TICKETS {
        let body = json!({"department": "technical", "priority": "high",
            "subject": format!("Ticket {n}"), "message": "Please look.", "attachments": []});
        let req = Request::post("/api/v1/tickets")
            .header("authorization", format!("Bearer {t}"))
            .header("content-type", "application/json")
            .header("idempotency-key", format!("instances-{n:04}"))
            .body(Body::from(body.to_string()))
            .expect("request");
        let (s, b, _) = a.send(req).await;
        assert_eq!(s, 201, "{b}");
    }
    // Both instances' delivery jobs run at the same moment, as their timers would.
    let (sa, sb) = tokio::join!(notify::deliver_due(&a.state), notify::deliver_due(&b));
    let sent = sa.expect("instance a") + sb.expect("instance b");
    assert_eq!(
        sent, TICKETS,
        "every notification delivered, by one instance or the other"
    );
    let seen = seen.lock().expect("lock");
    let mut ids: Vec<String> = seen
        .iter()
        .filter_map(|(h, _)| {
            h.get("x-panelcare-delivery")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(ids.len(), TICKETS, "each sent once: {ids:?}");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), TICKETS, "under a delivery id of its own");
}

/// Polls `check` every 100 ms until it holds, for at most `seconds`; whether it did.
async fn within<F, Fut>(seconds: u64, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        if check().await {
            return true;
        }
        if std::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_processes_on_one_database_behave_as_one() {
    use crate::common::process::Instance;
    use panelcare_model::console::Role as R;

    let app = TestApp::new().await;
    let password = "a-long-enough-password-0123";
    panelcare_server::agents::store::create(
        &app.state.db,
        "acme",
        "ada@acme.test",
        "Ada",
        R::ProviderAdmin,
        password,
    )
    .await
    .expect("an admin");
    let a = Instance::start(&app.db_url);
    let b = Instance::start(&app.db_url);
    let alice = token("acme", "alice");
    let bearer = format!("Bearer {alice}");

    // A customer opens a ticket on A; an agent answers it on B; the answer shows on A.
    let ticket = json!({"department": "technical", "priority": "critical", "subject": "Site down",
        "message": "Every page answers 503.", "attachments": []});
    let (s, opened, _) = a
        .call(
            "POST",
            "/api/v1/tickets",
            &[
                ("authorization", &bearer),
                ("idempotency-key", "two-instances-1"),
            ],
            Some(&ticket),
        )
        .await;
    assert_eq!(s, 201, "{opened}");
    let id = opened["ticket"]["id"].as_str().expect("id").to_owned();
    let (cookie, csrf) = b.sign_in("ada@acme.test", password).await;
    let console = [("cookie", cookie.as_str()), ("x-csrf-token", csrf.as_str())];
    let answer = json!({"kind": "reply", "message": "We restarted PHP; it is back."});
    let (s, b_thread, _) = b
        .call(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            &console,
            Some(&answer),
        )
        .await;
    assert_eq!(s, 201, "{b_thread}");
    let (s, thread, _) = a
        .call(
            "GET",
            &format!("/api/v1/tickets/{id}"),
            &[("authorization", &bearer)],
            None,
        )
        .await;
    assert_eq!(s, 200, "{thread}");
    assert!(thread.to_string().contains("We restarted PHP"), "{thread}");
    assert_eq!(thread["ticket"]["status"], "awaiting_customer");
    // The console session made on B is good on A too.
    let (s, me, _) = a.call("GET", "/console/api/me", &console, None).await;
    assert_eq!((s, &me["agent"]["email"]), (200, &json!("ada@acme.test")));

    // The same submission sent to both at once is stored once, with one answer.
    let body = json!({"category": "idea", "message": "Sent twice by a flaky network."});
    let headers = [
        ("authorization", bearer.as_str()),
        ("idempotency-key", "both-instances-1"),
    ];
    let (on_a, on_b) = tokio::join!(
        a.call("POST", "/api/v1/feedback", &headers, Some(&body)),
        b.call("POST", "/api/v1/feedback", &headers, Some(&body))
    );
    assert_eq!((on_a.0, on_b.0), (201, 201), "{} {}", on_a.1, on_b.1);
    assert_eq!(on_a.1["id"], on_b.1["id"]);
    assert_eq!(app.feedback_rows().await, 1);

    // A key added on B signs tokens A accepts; the old key removed on B is refused on A
    // within five seconds.
    let (s, key, _) = b
        .call(
            "POST",
            "/console/api/tenants/acme/keys",
            &console,
            Some(&json!({"kid": "k2"})),
        )
        .await;
    assert_eq!(s, 201, "{key}");
    let secret = key["secret"].as_str().expect("secret").to_owned();
    let k2 = panelcare_server::auth::sign(&claims("acme", "alice"), "k2", &secret);
    let (s, _, _) = a
        .call(
            "GET",
            "/api/v1/tickets",
            &[("authorization", &format!("Bearer {k2}"))],
            None,
        )
        .await;
    assert_eq!(s, 200, "the new key works on A at once");
    let (s, _, _) = b
        .call(
            "DELETE",
            "/console/api/tenants/acme/keys/k1",
            &console,
            None,
        )
        .await;
    assert_eq!(s, 204);
    let refused = within(6, || async {
        a.call(
            "GET",
            "/api/v1/tickets",
            &[("authorization", &bearer)],
            None,
        )
        .await
        .0 == 401
    })
    .await;
    assert!(refused, "the removed key still works on A after 6 s");

    // A branding change made on B shows on A.
    let look = json!({"product_name": "Acme Care", "primary": "#0a7cff"});
    let (s, saved, _) = b
        .call(
            "PUT",
            "/console/api/tenants/acme/branding",
            &console,
            Some(&look),
        )
        .await;
    assert_eq!(s, 200, "{saved}");
    let k2_bearer = format!("Bearer {k2}");
    let shown = within(6, || async {
        a.call(
            "GET",
            "/api/v1/branding",
            &[("authorization", &k2_bearer)],
            None,
        )
        .await
        .1["product_name"]
            == "Acme Care"
    })
    .await;
    assert!(shown, "B's branding is not shown on A");
}
