//! Rate limits on the widget API: a flooding account is refused with `429 rate_limited` and
//! `Retry-After` after its burst, nothing past it is stored, other accounts go on, a tenant's
//! backstop holds, parallel requests and several instances get no more than the limit, and
//! uploads stop at the account's byte quotas. Limits are the provider's to set.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::{console::Role, limits::Limits};
use serde_json::{Value, json};
use tower::ServiceExt as _;

fn feedback() -> Value {
    json!({ "category": "idea", "message": "Add a dark theme", "rating": 5 })
}

fn ticket() -> Value {
    json!({"department": "technical", "priority": "critical", "subject": "Site down",
           "message": "Nothing loads."})
}

fn post_ticket(token: &str, key: &str) -> Request<Body> {
    Request::post("/api/v1/tickets")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(ticket().to_string()))
        .expect("request")
}

fn upload(token: &str, bytes: usize) -> Request<Body> {
    Request::post("/api/v1/attachments?name=notes.txt")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/octet-stream")
        .body(Body::from(vec![b'a'; bytes]))
        .expect("request")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

fn retry_after(res: &axum::http::Response<()>) -> u64 {
    res.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds")
}

/// Sets `tenant`'s limits as the provider's admin would.
async fn set_limits(app: &TestApp, admin: &Who, tenant: &str, limits: &Limits) -> u16 {
    let (s, body, _) = app
        .send(admin.req(
            "PUT",
            &format!("/console/api/tenants/{tenant}/limits"),
            Some(serde_json::to_value(limits).expect("json")),
        ))
        .await;
    assert!(s == 200 || s.is_client_error(), "{s} {body}");
    s.as_u16()
}

#[tokio::test]
async fn a_flood_of_feedback_stops_at_the_burst_and_others_go_on() {
    let app = TestApp::new().await;
    let burst = Limits::default()
        .of(panelcare_model::limits::LimitedAction::Feedback)
        .account
        .burst as usize;
    let t = token("acme", "flooder");
    let mut created = 0;
    let mut refused = None;
    for i in 0..burst + 10 {
        let (s, body, res) = app
            .send(post_feedback(&t, &format!("flood-key-{i:04}"), &feedback()))
            .await;
        match s.as_u16() {
            201 => created += 1,
            429 => {
                assert_eq!(code(&body), "rate_limited", "{body}");
                refused.get_or_insert(retry_after(&res));
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!(created, burst);
    let wait = refused.expect("refused");
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(app.feedback_rows().await, burst as i64);
    // Another customer of the same tenant is not held back by the first.
    let (s, body, _) = app
        .send(post_feedback(
            &token("acme", "calm"),
            "calm-key-0001",
            &feedback(),
        ))
        .await;
    assert_eq!(s, 201, "{body}");
}

#[tokio::test]
async fn a_parallel_burst_gets_no_more_than_a_serial_one() {
    let app = TestApp::new().await;
    let t = token("acme", "racer");
    let sends = (0..25).map(|i| {
        let router = app.router.clone();
        let req = post_ticket(&t, &format!("race-key-{i:04}"));
        async move { router.oneshot(req).await.expect("infallible").status() }
    });
    let statuses = futures_join(sends).await;
    let created = statuses.iter().filter(|s| **s == 201).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((created, refused), (10, 15), "{statuses:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 10);
}

/// Runs every future at once and returns their outputs.
async fn futures_join<F>(futs: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for f in futs {
        set.spawn(f);
    }
    set.join_all().await
}

#[tokio::test]
async fn two_instances_share_one_limit() {
    let app = TestApp::new().await;
    let other = panelcare_server::app(app.another_instance().await);
    let t = token("acme", "roamer");
    let mut created = 0;
    for i in 0..30 {
        let router = if i % 2 == 0 {
            app.router.clone()
        } else {
            other.clone()
        };
        let res = router
            .oneshot(post_ticket(&t, &format!("roam-key-{i:04}")))
            .await
            .expect("infallible");
        if res.status() == 201 {
            created += 1;
        } else {
            assert_eq!(res.status(), 429);
        }
    }
    assert_eq!(created, 10);
}

#[tokio::test]
async fn the_tenant_backstop_holds_and_the_provider_sets_it() {
    let app = TestApp::new().await;
    let provider = signed_in(&app, "acme", "pat", Role::ProviderAdmin).await;
    let reseller = signed_in(&app, "bluefox", "rita", Role::ResellerAdmin).await;
    let mut limits = Limits::default();
    let feedback_limit = limits
        .actions
        .iter_mut()
        .find(|a| a.action == panelcare_model::limits::LimitedAction::Feedback)
        .expect("feedback");
    feedback_limit.tenant.burst = 3;
    feedback_limit.tenant.per_hour = 1;

    // A reseller cannot lift (or set) its own limits; it can read them.
    assert_eq!(set_limits(&app, &reseller, "bluefox", &limits).await, 404);
    let (s, body, _) = app
        .send(reseller.req("GET", "/console/api/tenants/bluefox/limits", None))
        .await;
    assert_eq!(
        (s.as_u16(), body.clone()),
        (200, serde_json::to_value(Limits::default()).expect("json"))
    );
    // The provider sets the reseller's.
    assert_eq!(set_limits(&app, &provider, "bluefox", &limits).await, 200);
    let (_, audit, _) = app
        .send(provider.req("GET", "/console/api/audit?tenant=bluefox", None))
        .await;
    assert!(audit.to_string().contains("limits.update"), "{audit}");

    for account in ["a1", "a2", "a3"] {
        let (s, body, _) = app
            .send(post_feedback(
                &token("bluefox", account),
                "key-00000001",
                &feedback(),
            ))
            .await;
        assert_eq!(s, 201, "{body}");
    }
    let (s, body, res) = app
        .send(post_feedback(
            &token("bluefox", "a4"),
            "key-00000001",
            &feedback(),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (429, "rate_limited"));
    assert!(retry_after(&res) > 60, "a tenant refilled at one an hour");
    // Another tenant is untouched.
    let (s, _, _) = app
        .send(post_feedback(
            &token("acme", "a4"),
            "key-00000001",
            &feedback(),
        ))
        .await;
    assert_eq!(s, 201);
}

#[tokio::test]
async fn limits_that_make_no_sense_are_refused_field_by_field() {
    let app = TestApp::new().await;
    let provider = signed_in(&app, "acme", "pat", Role::ProviderAdmin).await;
    let mut limits = serde_json::to_value(Limits::default()).expect("json");
    limits["actions"][0]["account"]["burst"] = json!(0);
    limits["upload_daily_bytes"] = json!(0);
    let (s, body, _) = app
        .send(provider.req("PUT", "/console/api/tenants/acme/limits", Some(limits)))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
    let got: Vec<(String, String)> = fields(&body);
    assert!(
        got.contains(&(
            "actions.feedback.account.burst".into(),
            "out_of_range".into()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("upload_daily_bytes".into(), "out_of_range".into())),
        "{got:?}"
    );
    let (s, body, _) = app
        .send(provider.req(
            "PUT",
            "/console/api/tenants/acme/limits",
            Some(json!({"actions": "x"})),
        ))
        .await;
    assert_eq!(s, 422, "{body}");
    // Another provider's tenant is not found.
    let (s, _, _) = app
        .send(provider.req("GET", "/console/api/tenants/nobody/limits", None))
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn uploads_stop_at_the_bytes_waiting_and_the_bytes_of_a_day() {
    let app = TestApp::new().await;
    let provider = signed_in(&app, "acme", "pat", Role::ProviderAdmin).await;
    let limits = Limits {
        upload_waiting_bytes: 1_000,
        upload_daily_bytes: 1_500,
        ..Limits::default()
    };
    assert_eq!(set_limits(&app, &provider, "acme", &limits).await, 200);
    let t = token("acme", "uploader");
    let (s, body, _) = app.send(upload(&t, 600)).await;
    assert_eq!(s, 201, "{body}");
    let first = body["id"].as_str().expect("id").to_owned();
    let (s, body, _) = app.send(upload(&t, 600)).await;
    assert_eq!((s.as_u16(), code(&body)), (413, "quota_exceeded"));
    // Sending the file with a message frees the waiting quota, not the day's.
    let mut t1 = ticket();
    t1["attachments"] = json!([first]);
    let req = Request::post("/api/v1/tickets")
        .header("authorization", format!("Bearer {t}"))
        .header("content-type", "application/json")
        .header("idempotency-key", "with-file-0001")
        .body(Body::from(t1.to_string()))
        .expect("request");
    let (s, body, _) = app.send(req).await;
    assert_eq!(s, 201, "{body}");
    let (s, body, _) = app.send(upload(&t, 600)).await;
    assert_eq!(s, 201, "{body}");
    // Within what may wait, past what a day allows.
    let (s, body, res) = app.send(upload(&t, 350)).await;
    assert_eq!((s.as_u16(), code(&body)), (413, "quota_exceeded"));
    assert!(retry_after(&res) > 60 * 60, "{:?}", res.headers());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM attachments").await,
        2,
        "nothing past the quota is kept"
    );
    // Another account has its own quota.
    let (s, _, _) = app.send(upload(&token("acme", "other"), 600)).await;
    assert_eq!(s, 201);
}

#[tokio::test]
async fn new_limits_count_from_now_and_the_wait_is_readable_across_origins() {
    let app = TestApp::new().await;
    let provider = signed_in(&app, "acme", "pat", Role::ProviderAdmin).await;
    let mut limits = Limits::default();
    for a in &mut limits.actions {
        a.account = panelcare_model::limits::Rate::new(1, 1);
    }
    assert_eq!(set_limits(&app, &provider, "acme", &limits).await, 200);
    let t = token("acme", "tight");
    let (s, _, _) = app.send(post_ticket(&t, "tight-key-0001")).await;
    assert_eq!(s, 201);
    let mut req = post_ticket(&t, "tight-key-0002");
    req.headers_mut()
        .insert("origin", "https://panel.example".parse().expect("origin"));
    let (s, _, res) = app.send(req).await;
    assert_eq!(s, 429);
    let exposed = res.headers()["access-control-expose-headers"]
        .to_str()
        .expect("ascii")
        .to_ascii_lowercase();
    assert!(exposed.contains("retry-after"), "{exposed}");
    // The provider goes back to the defaults: the next ticket need not wait out the old hour.
    let (s, _, _) = app
        .send(provider.req("DELETE", "/console/api/tenants/acme/limits", None))
        .await;
    assert_eq!(s, 200);
    let (s, body, _) = app.send(post_ticket(&t, "tight-key-0003")).await;
    assert_eq!(s, 201, "{body}");
}

/// A refusal goes out only after the server's hold (`--refusal-hold-ms`), so a flood that
/// ignores `Retry-After` runs at the pace of its connections; a request that is let through
/// is not held, and another customer is answered meanwhile.
#[tokio::test]
async fn a_refusal_is_held_while_others_are_answered() {
    const HOLD: std::time::Duration = std::time::Duration::from_millis(600);
    let app = TestApp::new_with(|c| c.refusal_hold = HOLD).await;
    let flooder = token("acme", "flooder");
    let mut i = 0;
    let held = loop {
        i += 1;
        assert!(i < 1_000, "never refused");
        let req = post_feedback(&flooder, &format!("held-{i:04}"), &feedback());
        let started = std::time::Instant::now();
        let (s, _, _) = app.send(req).await;
        if s == 429 {
            break started.elapsed();
        }
        assert_eq!(s, 201);
    };
    assert!(held >= HOLD, "the refusal went out after {held:?}");
    // While a refusal is being held, another account's read is answered.
    let refused = app.send(post_feedback(&flooder, "held-again", &feedback()));
    let read = app.send(get("/api/v1/feedback", &token("acme", "reader")));
    tokio::pin!(refused);
    tokio::select! {
        (s, body, _) = read => assert_eq!(s, 200, "{body}"),
        (s, _, _) = &mut refused => panic!("the refusal ({s}) went out before a plain read"),
    }
    assert_eq!(refused.await.0, 429);
}
