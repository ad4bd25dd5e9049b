//! The widget's ticket API against a real SQLite file: opening exactly once, the SLA
//! promise, replies, close/reopen/rating rules, and that nobody reaches anyone else's ticket.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::{console::Role, ticket::TicketStatus};
use panelcare_server::tickets::store::settings;
use serde_json::{Value, json};

fn post(path: &str, token: &str, key: Option<&str>, body: &Value) -> Request<Body> {
    let mut req = Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json");
    if let Some(key) = key {
        req = req.header("idempotency-key", key);
    }
    req.body(Body::from(body.to_string())).expect("request")
}

fn critical() -> Value {
    json!({"department": "technical", "priority": "critical", "subject": "Site down",
           "message": "Every page answers 503 since 10:00."})
}

async fn open(app: &TestApp, tenant: &str, account: &str, key: &str, body: &Value) -> Value {
    let (s, t, _) = app
        .send(post(
            "/api/v1/tickets",
            &token(tenant, account),
            Some(key),
            body,
        ))
        .await;
    assert_eq!(s, 201, "{t}");
    t
}

/// Moves a ticket as an agent does, through the console.
async fn move_to(app: &TestApp, agent: &Who, id: &str, status: TicketStatus) {
    let path = format!("/console/api/tickets/{id}/status");
    let (s, b, _) = app
        .send(agent.req("POST", &path, Some(json!({"status": status.as_str()}))))
        .await;
    assert_eq!(s, 200, "{b}");
}

async fn rows(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_critical_ticket_promises_an_answer_within_the_hour() {
    let app = TestApp::new().await;
    let before = panelcare_server::time::now_ms();
    let t = open(&app, "acme", "alice", "ticket-0001", &critical()).await;
    let ticket = &t["ticket"];
    assert_eq!(ticket["number"], 1001);
    assert_eq!(ticket["status"], "open");
    assert_eq!(ticket["target_minutes"], 60);
    assert_eq!(ticket["sla_state"], "on_track");
    let due = time::OffsetDateTime::parse(
        ticket["due_at"].as_str().expect("due"),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("rfc3339");
    let due_ms = (due.unix_timestamp_nanos() / 1_000_000) as i64;
    assert!(
        (due_ms - before - 3_600_000).abs() < 5_000,
        "due in one hour"
    );
    assert_eq!(t["messages"][0]["kind"], "customer");
    assert_eq!(
        t["messages"][0]["body"],
        "Every page answers 503 since 10:00."
    );

    let second = open(
        &app,
        "acme",
        "boris",
        "ticket-0009",
        &json!({"department": "billing",
        "priority": "low", "subject": "Invoice", "message": "Wrong VAT."}),
    )
    .await;
    assert_eq!(second["ticket"]["number"], 1002, "numbers run per tenant");
    assert_eq!(second["ticket"]["target_minutes"], 24 * 60);
    let fox = open(&app, "bluefox", "milica", "ticket-0001", &critical()).await;
    assert_eq!(fox["ticket"]["number"], 1001, "BlueFox counts its own");

    let (s, list, _) = app
        .send(get("/api/v1/tickets", &token("acme", "alice")))
        .await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["subject"], "Site down");
}

#[tokio::test]
async fn opening_twice_with_one_key_stores_one_ticket() {
    let app = TestApp::new().await;
    let first = open(&app, "acme", "alice", "same-key-01", &critical()).await;
    let (s, again, res) = app
        .send(post(
            "/api/v1/tickets",
            &token("acme", "alice"),
            Some("same-key-01"),
            &critical(),
        ))
        .await;
    assert_eq!(s, 201);
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    assert_eq!(again["ticket"]["id"], first["ticket"]["id"]);
    let mut other = critical();
    other["subject"] = json!("Something else");
    let (s, b, _) = app
        .send(post(
            "/api/v1/tickets",
            &token("acme", "alice"),
            Some("same-key-01"),
            &other,
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "idempotency_key_reused"));
    assert_eq!(rows(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    assert_eq!(rows(&app, "SELECT COUNT(*) FROM ticket_messages").await, 1);
}

#[tokio::test]
async fn bad_tickets_are_refused_field_by_field_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    for (body, field, want) in [
        (
            json!({"priority": "high", "subject": "s", "message": "m"}),
            "department",
            "required",
        ),
        (
            json!({"department": "legal", "priority": "high", "subject": "s", "message": "m"}),
            "department",
            "unknown_value",
        ),
        (
            json!({"department": "technical", "priority": "urgent", "subject": "s", "message": "m"}),
            "priority",
            "unknown_value",
        ),
        (
            json!({"department": "technical", "priority": "high", "subject": " ", "message": "m"}),
            "subject",
            "required",
        ),
        (
            json!({"department": "technical", "priority": "high", "subject": "x".repeat(151), "message": "m"}),
            "subject",
            "too_long",
        ),
        (
            json!({"department": "technical", "priority": "high", "subject": "s", "message": "m".repeat(10_001)}),
            "message",
            "too_long",
        ),
        (
            json!({"department": "technical", "priority": "high", "subject": "s", "message": "m", "attachments": ["nope"]}),
            "attachments",
            "unknown_value",
        ),
    ] {
        let (s, b, _) = app
            .send(post("/api/v1/tickets", &alice, Some("ticket-0002"), &body))
            .await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{body}");
        assert_eq!(fields(&b)[0], (field.to_owned(), want.to_owned()), "{body}");
    }
    let (s, b, _) = app
        .send(post("/api/v1/tickets", &alice, None, &critical()))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (400, "missing_idempotency_key"));
    let (s, b, _) = app
        .send(post(
            "/api/v1/tickets",
            &alice,
            Some("ticket-0002"),
            &json!({"subject": 5}),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "invalid_body"));
    let (s, b, _) = app.send(get("/api/v1/tickets", "not-a-token")).await;
    assert_eq!((s.as_u16(), code(&b)), (401, "invalid_token"));

    // A department the tenant does not offer.
    let mut s_ = settings::load(&app.state.db, "acme")
        .await
        .expect("settings");
    s_.departments = vec![panelcare_model::ticket::Department::Technical];
    settings::save(&app.state.db, "acme", &s_)
        .await
        .expect("save");
    let mut sales = critical();
    sales["department"] = json!("sales");
    let (s, b, _) = app
        .send(post("/api/v1/tickets", &alice, Some("ticket-0003"), &sales))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "department"));
    let (_, options, _) = app.send(get("/api/v1/ticket-options", &alice)).await;
    assert_eq!(options["departments"], json!(["technical"]));
    assert_eq!(rows(&app, "SELECT COUNT(*) FROM tickets").await, 0);
}

#[tokio::test]
async fn nobody_reaches_anyone_elses_ticket() {
    let app = TestApp::new().await;
    let t = open(&app, "acme", "alice", "ticket-0002", &critical()).await;
    let id = t["ticket"]["id"].as_str().expect("id").to_owned();
    // Boris is another customer of the same tenant; Milica's tenant is BlueFox, whose token
    // names "alice" too, to prove the tenant counts and not only the account name.
    for who in [
        token("acme", "boris"),
        token("bluefox", "milica"),
        token("bluefox", "alice"),
    ] {
        let (s, _, _) = app.send(get(&format!("/api/v1/tickets/{id}"), &who)).await;
        assert_eq!(s, 404);
        for (path, body) in [
            ("replies", json!({"message": "hi"})),
            ("close", json!({})),
            ("reopen", json!({})),
            ("rating", json!({"rating": 1})),
        ] {
            let (s, b, _) = app
                .send(post(
                    &format!("/api/v1/tickets/{id}/{path}"),
                    &who,
                    Some("xxxx-xxxx"),
                    &body,
                ))
                .await;
            assert_eq!((s.as_u16(), code(&b)), (404, "not_found"), "{path}");
        }
        let (_, list, _) = app.send(get("/api/v1/tickets", &who)).await;
        assert_eq!(list["total"], 0);
    }
    assert_eq!(rows(&app, "SELECT COUNT(*) FROM ticket_messages").await, 1);
}

#[tokio::test]
async fn replies_are_stored_once_and_internal_notes_never_reach_the_customer() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let t = open(&app, "acme", "alice", "ticket-0002", &critical()).await;
    let id = t["ticket"]["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/tickets/{id}/replies");
    let reply = json!({"message": "<script>alert(1)</script> still down"});
    let (s, m, _) = app
        .send(post(&path, &alice, Some("reply-0001"), &reply))
        .await;
    assert_eq!(s, 201, "{m}");
    let (s, again, res) = app
        .send(post(&path, &alice, Some("reply-0001"), &reply))
        .await;
    assert_eq!((s.as_u16(), &again["id"]), (201, &m["id"]));
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    let (s, b, _) = app
        .send(post(
            &path,
            &alice,
            Some("reply-0001"),
            &json!({"message": "other"}),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "idempotency_key_reused"));
    let (s, b, _) = app
        .send(post(
            &path,
            &alice,
            Some("reply-0002"),
            &json!({"message": ""}),
        ))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "message"));

    let agent = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let note = json!({"kind": "note", "message": "Customer is on the old cluster"});
    let path = format!("/console/api/tickets/{id}/messages");
    let (s, b, _) = app.send(agent.req("POST", &path, Some(note))).await;
    assert_eq!(s, 201, "{b}");
    let (_, thread, _) = app
        .send(get(&format!("/api/v1/tickets/{id}"), &alice))
        .await;
    let bodies: Vec<&str> = thread["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        [
            "Every page answers 503 since 10:00.",
            "<script>alert(1)</script> still down"
        ],
        "stored as given, once, and no internal note"
    );
    assert!(!thread.to_string().contains("old cluster"));
}

#[tokio::test]
async fn close_reopen_and_rate_follow_the_rules() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let t = open(&app, "acme", "alice", "ticket-0002", &critical()).await;
    let id = t["ticket"]["id"].as_str().expect("id").to_owned();
    let at = |what: &str| format!("/api/v1/tickets/{id}/{what}");

    let (s, b, _) = app
        .send(post(&at("rating"), &alice, None, &json!({"rating": 5})))
        .await;
    assert_eq!(
        (s.as_u16(), code(&b)),
        (409, "not_ratable"),
        "not resolved yet"
    );

    let agent = signed_in(&app, "acme", "andrej", Role::Agent).await;
    move_to(&app, &agent, &id, TicketStatus::Resolved).await;
    let (_, thread, _) = app
        .send(get(&format!("/api/v1/tickets/{id}"), &alice))
        .await;
    assert_eq!(thread["ticket"]["status"], "resolved");
    assert!(thread["ticket"]["reopen_until"].is_string());
    assert!(
        thread["ticket"]["due_at"].is_null(),
        "no promise runs on a resolved ticket"
    );
    for bad in [
        json!({"rating": 0}),
        json!({"rating": 6}),
        json!({}),
        json!({"rating": 3, "comment": "x".repeat(2001)}),
    ] {
        let (s, b, _) = app.send(post(&at("rating"), &alice, None, &bad)).await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{bad}");
    }
    let (s, rated, _) = app
        .send(post(
            &at("rating"),
            &alice,
            None,
            &json!({"rating": 5, "comment": "Fast!"}),
        ))
        .await;
    assert_eq!((s.as_u16(), &rated["ticket"]["rating"]), (200, &json!(5)));
    let (s, b, _) = app
        .send(post(&at("rating"), &alice, None, &json!({"rating": 1})))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (409, "not_ratable"), "rated once");

    // The customer closes it; a reply then needs a reopen, which restarts the clock.
    let (s, closed, _) = app.send(post(&at("close"), &alice, None, &json!({}))).await;
    assert_eq!(
        (s.as_u16(), &closed["ticket"]["status"]),
        (200, &json!("closed"))
    );
    let (s, b, _) = app
        .send(post(
            &at("replies"),
            &alice,
            Some("reply-late"),
            &json!({"message": "again"}),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (409, "ticket_closed"));
    let (s, back, _) = app
        .send(post(&at("reopen"), &alice, None, &json!({})))
        .await;
    assert_eq!(s, 200);
    assert_eq!(back["ticket"]["status"], "awaiting_support");
    assert_eq!(
        back["ticket"]["target_minutes"], 60,
        "support still owes the first answer"
    );

    // Past the window (seven days by default) the customer opens a new ticket instead.
    move_to(&app, &agent, &id, TicketStatus::Closed).await;
    sqlx::query("UPDATE tickets SET closed_at = closed_at - 8 * 86400000, resolved_at = NULL")
        .execute(&app.state.db.pool)
        .await
        .expect("age");
    let (s, b, _) = app
        .send(post(&at("reopen"), &alice, None, &json!({})))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (409, "reopen_expired"));
}

#[tokio::test]
async fn a_premium_customer_gets_the_premium_promise() {
    let app = TestApp::new().await;
    let mut s = settings::load(&app.state.db, "acme")
        .await
        .expect("settings");
    let mut premium = panelcare_model::sla::SlaPolicy::default();
    premium.first_response.critical = 15;
    s.policies.insert("premium".into(), premium);
    settings::save(&app.state.db, "acme", &s)
        .await
        .expect("save");
    let mut claims = claims("acme", "vip");
    claims.support_tier = Some("premium".into());
    let vip = panelcare_server::auth::sign(&claims, "k1", ACME_SECRET);
    let (_, options, _) = app.send(get("/api/v1/ticket-options", &vip)).await;
    assert_eq!(options["first_response"]["critical"], 15);
    let (_, t, _) = app
        .send(post(
            "/api/v1/tickets",
            &vip,
            Some("ticket-0002"),
            &critical(),
        ))
        .await;
    assert_eq!(t["ticket"]["target_minutes"], 15);
    let (_, options, _) = app
        .send(get("/api/v1/ticket-options", &token("acme", "alice")))
        .await;
    assert_eq!(options["first_response"]["critical"], 60);
}

#[tokio::test]
async fn the_list_comes_in_pages_newest_first_and_misses_none() {
    let app = TestApp::new().await;
    app.lift_limits("acme").await;
    let page = panelcare_server::tickets::LIST_PAGE as usize;
    let count = 2 * page + 7;
    for i in 0..count {
        open(
            &app,
            "acme",
            "alice",
            &format!("page-ticket-{i:04}"),
            &critical(),
        )
        .await;
    }
    // Someone else's ticket never shows up on Alice's pages.
    open(&app, "acme", "boris", "page-ticket-boris", &critical()).await;
    let alice = token("acme", "alice");
    let (mut seen, mut path, mut pages) = (Vec::new(), "/api/v1/tickets".to_owned(), 0);
    loop {
        let (s, list, _) = app.send(get(&path, &alice)).await;
        assert_eq!(s, 200, "{list}");
        assert_eq!(list["total"], count as i64);
        let items = list["items"].as_array().expect("items");
        seen.extend(items.iter().map(|t| t["number"].as_i64().expect("number")));
        pages += 1;
        match list["next"].as_str() {
            Some(next) => path = format!("/api/v1/tickets?before={next}"),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let newest_first: Vec<i64> = (1001..1001 + count as i64).rev().collect();
    assert_eq!(seen, newest_first, "every ticket once, newest first");

    for bad in ["yesterday", "1.x", ".", "12"] {
        let (s, b, _) = app
            .send(get(&format!("/api/v1/tickets?before={bad}"), &alice))
            .await;
        assert_eq!(s, 422, "{bad}: {b}");
        assert_eq!(b["error"]["fields"][0]["field"], "before");
    }
}
