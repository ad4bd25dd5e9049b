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
