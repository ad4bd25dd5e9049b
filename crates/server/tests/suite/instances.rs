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
    a.lift_limits("acme").await;
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

/// One logical write: sent to `first`, and to `other` with the same key if `first` did not
/// answer (as a load balancer retries on the instance that is left). The status answered.
async fn write_once(
    first: &crate::common::process::Instance,
    other: &crate::common::process::Instance,
    path: &str,
    key: &str,
    bearer: &str,
    body: &serde_json::Value,
) -> u16 {
    let headers = [("authorization", bearer), ("idempotency-key", key)];
    match first.try_call("POST", path, &headers, Some(body)).await {
        Some((s, _)) => s,
        None => other.call("POST", path, &headers, Some(body)).await.0,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_instance_killed_under_load_loses_nothing_and_its_work_is_finished() {
    use std::collections::BTreeSet;

    use crate::common::{outbox::SmtpSink, process::Instance};

    let smtp = SmtpSink::start();
    let (hook, seen) = webhook_receiver(0).await;
    let app = TestApp::new().await;
    app.lift_limits("acme").await;
    let settings = json!({"emails": ["oncall@acme.test"], "webhook_url": hook,
        "webhook_secret": "whsec-0123456789abcdef"});
    let mut conn = app.state.db.pool.acquire().await.expect("conn");
    notify::store::save_settings(
        &mut conn,
        &app.state.db.secrets,
        "acme",
        &serde_json::from_value(settings).expect("settings"),
    )
    .await
    .expect("notification settings");
    drop(conn);
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    // A short lease, so the survivor takes over what the killed instance had claimed soon.
    let env = [("PANELCARE_JOB_LEASE_MS", "1500")];
    let a = std::sync::Arc::new(Instance::start_with(
        &app.db_url,
        &["--smtp-url", &smtp_url],
        &env,
    ));
    let b = std::sync::Arc::new(Instance::start_with(
        &app.db_url,
        &["--smtp-url", &smtp_url],
        &env,
    ));
    let bearer = format!("Bearer {}", token("acme", "alice"));

    const WRITES: usize = 36;
    let mut acknowledged = 0;
    for round in 0..3 {
        if round == 1 {
            // Mid-load, while both deliver what the first third queued.
            a.kill();
        }
        let mut tasks = Vec::new();
        for i in round * WRITES / 3..(round + 1) * WRITES / 3 {
            let (first, other) = if i % 2 == 0 {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            let body = if i % 3 == 0 {
                json!({"department": "technical", "priority": "high", "subject": format!("Down {i}"),
                    "message": "Please look.", "attachments": []})
            } else {
                json!({"category": "problem", "message": format!("Slow page {i}")})
            };
            let path = if i % 3 == 0 {
                "/api/v1/tickets"
            } else {
                "/api/v1/feedback"
            };
            let key = format!("killed-load-{i:04}");
            let bearer = bearer.clone();
            tasks.push(tokio::spawn(async move {
                write_once(&first, &other, path, &key, &bearer, &body).await
            }));
        }
        for task in tasks {
            assert_eq!(task.await.expect("task"), 201);
            acknowledged += 1;
        }
    }
    assert_eq!(acknowledged, WRITES);
    // Every acknowledged write is stored exactly once.
    let count = |sql: &'static str| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .expect(sql)
        }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM tickets").await,
        (WRITES / 3) as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM feedback").await,
        (WRITES - WRITES / 3) as i64
    );
    // The survivor delivers everything, the dead instance's claims included.
    let delivered = within(40, || async {
        count("SELECT COUNT(*) FROM notifications WHERE delivered_at IS NULL").await == 0
    })
    .await;
    assert!(delivered, "notifications still waiting after 40 s");
    let hooks = count("SELECT COUNT(*) FROM notifications WHERE channel = 'webhook'").await;
    let mails = count("SELECT COUNT(*) FROM notifications WHERE channel = 'email'").await;
    assert_eq!((hooks, mails), ((WRITES / 3) as i64, (WRITES / 3) as i64));
    let ids: BTreeSet<String> = seen
        .lock()
        .expect("lock")
        .iter()
        .filter_map(|(h, _)| {
            h.get("x-panelcare-delivery")?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(
        ids.len() as i64,
        hooks,
        "each webhook delivery arrived, under its own id"
    );
    let message_ids: BTreeSet<String> = smtp
        .messages()
        .iter()
        .filter_map(|m| {
            m.lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .map(|l| l[11..].trim().to_owned())
        })
        .collect();
    assert_eq!(
        message_ids.len() as i64,
        mails,
        "each e-mail arrived, under its own Message-ID"
    );
}

#[tokio::test]
async fn a_claim_left_by_a_dead_instance_is_taken_over_once_its_lease_ends() {
    let a = TestApp::new().await;
    let b = a.another_instance().await;
    let (url, seen) = webhook_receiver(0).await;
    let settings =
        json!({"emails": [], "webhook_url": url, "webhook_secret": "whsec-0123456789abcdef"});
    let mut conn = a.state.db.pool.acquire().await.expect("conn");
    notify::store::save_settings(
        &mut conn,
        &a.state.db.secrets,
        "acme",
        &serde_json::from_value(settings).expect("settings"),
    )
    .await
    .expect("settings");
    drop(conn);
    let body = json!({"department": "technical", "priority": "low", "subject": "Hello",
        "message": "Hello there.", "attachments": []});
    let req = Request::post("/api/v1/tickets")
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", "lease-0001")
        .body(Body::from(body.to_string()))
        .expect("request");
    let (s, t, _) = a.send(req).await;
    assert_eq!(s, 201, "{t}");
    // Instance A claims the delivery for 300 ms, then dies before sending it.
    let now = panelcare_server::time::now_ms();
    let claimed = notify::store::claim_next(&a.state.db, now, now + 300)
        .await
        .expect("claim")
        .expect("a delivery to claim");
    // While the lease runs, B leaves it alone.
    assert_eq!(notify::deliver_due(&b).await.expect("deliver"), 0);
    // Once it has ended, B sends it, once.
    let taken_over = within(5, || async {
        notify::deliver_due(&b).await.expect("deliver") == 1
    })
    .await;
    assert!(taken_over, "B never took the dead instance's delivery over");
    let seen = seen.lock().expect("lock");
    let ids: Vec<&str> = seen
        .iter()
        .filter_map(|(h, _)| h.get("x-panelcare-delivery")?.to_str().ok())
        .collect();
    assert_eq!(ids, [claimed.id.to_string().as_str()]);
}
