//! The console's ticket routes against a real SQLite file: answering keeps (or breaks) the SLA
//! and the customer sees it, notes stay internal, the queue sorts by time left, and every
//! route answers 404 outside the agent's tenants.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

async fn open_ticket(
    app: &TestApp,
    tenant: &str,
    account: &str,
    key: &str,
    priority: &str,
) -> String {
    let req = Request::post("/api/v1/tickets")
        .header("authorization", format!("Bearer {}", token(tenant, account)))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(
            json!({"department": "technical", "priority": priority, "subject": format!("{key} subject"),
                   "message": "Help, please."})
            .to_string(),
        ))
        .expect("request");
    let (s, t, _) = app.send(req).await;
    assert_eq!(s, 201, "{t}");
    t["ticket"]["id"].as_str().expect("id").to_owned()
}

async fn customer_view(app: &TestApp, tenant: &str, account: &str, id: &str) -> Value {
    let (s, t, _) = app
        .send(get(
            &format!("/api/v1/tickets/{id}"),
            &token(tenant, account),
        ))
        .await;
    assert_eq!(s, 200, "{t}");
    t
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("scalar")
}

#[tokio::test]
async fn an_answer_in_time_keeps_the_promise_and_reaches_the_customer() {
    let app = TestApp::new().await;
    let id = open_ticket(&app, "acme", "alice", "ticket-0001", "critical").await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;

    let (s, t, _) = app
        .send(andrej.req(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            Some(json!({"kind": "note", "message": "Customer is on web-07; check the disk."})),
        ))
        .await;
    assert_eq!(s, 201, "{t}");
    assert_eq!(t["item"]["sla_state"], "on_track", "a note is no answer");
    let (s, t, _) = app
        .send(andrej.req("POST", &format!("/console/api/tickets/{id}/messages"),
            Some(json!({"kind": "reply", "message": "We are on it: the disk filled up. <b>Fixed</b> in 10 min."}))))
        .await;
    assert_eq!(s, 201, "{t}");
    assert_eq!(t["item"]["status"], "awaiting_customer");
    assert!(t["item"]["due_at"].is_null());
    let kinds: Vec<&str> = t["messages"]
        .as_array()
        .expect("m")
        .iter()
        .filter_map(|m| m["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["customer", "note", "agent", "event"],
        "agents see notes"
    );
    assert_eq!(
        scalar(&app, "SELECT met FROM ticket_sla").await,
        1,
        "answered within the hour"
    );

    let seen = customer_view(&app, "acme", "alice", &id).await;
    let bodies: Vec<&str> = seen["messages"]
        .as_array()
        .expect("m")
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert_eq!(
        bodies,
        [
            "Help, please.",
            "We are on it: the disk filled up. <b>Fixed</b> in 10 min.",
            ""
        ]
    );
    assert_eq!(seen["messages"][1]["author"], "andrej@acme.test");
    assert!(
        !seen.to_string().contains("web-07"),
        "the note stays internal"
    );
    assert_eq!(seen["ticket"]["status"], "awaiting_customer");

    // The customer writes back: the next answer is owed within the critical next-response target.
    let req = Request::post(format!("/api/v1/tickets/{id}/replies"))
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/json")
        .header("idempotency-key", "reply-0001")
        .body(Body::from(json!({"message": "Still slow."}).to_string()))
        .expect("request");
    assert_eq!(app.send(req).await.0, 201);
    let seen = customer_view(&app, "acme", "alice", &id).await;
    assert_eq!(seen["ticket"]["status"], "awaiting_support");
    assert_eq!(seen["ticket"]["target_minutes"], 60);

    // A late answer is recorded as breached.
    sqlx::query("UPDATE tickets SET due_at = due_from - 1")
        .execute(&app.state.db.pool)
        .await
        .expect("late");
    let (s, _, _) = app
        .send(andrej.req(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            Some(json!({"kind": "progress", "message": "Moving you to a faster disk: 50 %."})),
        ))
        .await;
    assert_eq!(s, 201);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM ticket_sla WHERE met = 0").await,
        1
    );
    let seen = customer_view(&app, "acme", "alice", &id).await;
    assert_eq!(
        seen["ticket"]["status"], "awaiting_support",
        "a progress update keeps the status"
    );
    assert!(
        seen["ticket"]["due_at"].is_null(),
        "but answers what was owed"
    );
}

#[tokio::test]
async fn the_queue_sorts_by_time_left_and_filters() {
    let app = TestApp::new().await;
    let low = open_ticket(&app, "acme", "alice", "ticket-low1", "low").await;
    let critical = open_ticket(&app, "acme", "boris", "ticket-crit", "critical").await;
    let high = open_ticket(&app, "acme", "alice", "ticket-high", "high").await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, q, _) = app
        .send(ada.req("GET", "/console/api/tickets?status=active", None))
        .await;
    assert_eq!(s, 200, "{q}");
    let order: Vec<&str> = q["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(order, [critical.as_str(), high.as_str(), low.as_str()]);
    assert_eq!(q["items"][0]["account_id"], "boris");
    assert_eq!(q["items"][0]["tenant_name"], "Acme Hosting");

    sqlx::query("UPDATE tickets SET due_at = 1 WHERE id = $1")
        .bind(&low)
        .execute(&app.state.db.pool)
        .await
        .expect("breach");
    for (query, want) in [
        ("sla=breached", vec![low.as_str()]),
        ("priority=critical", vec![critical.as_str()]),
        ("department=billing", vec![]),
        ("account=boris", vec![critical.as_str()]),
        ("account=alice&sla=on_track", vec![high.as_str()]),
        (
            "assignee=none&sla=on_track",
            vec![critical.as_str(), high.as_str()],
        ),
    ] {
        let (s, q, _) = app
            .send(ada.req("GET", &format!("/console/api/tickets?{query}"), None))
            .await;
        assert_eq!(s, 200, "{query}: {q}");
        let ids: Vec<&str> = q["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert_eq!(ids, want, "{query}");
    }
    for bad in [
        "sla=late",
        "status=pending",
        "priority=urgent",
        "department=legal",
    ] {
        let (s, b, _) = app
            .send(ada.req("GET", &format!("/console/api/tickets?{bad}"), None))
            .await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{bad}");
    }

    // Assignment and workload.
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let (_, me, _) = app.send(andrej.req("GET", "/console/api/me", None)).await;
    let andrej_id = me["agent"]["id"].as_str().expect("id").to_owned();
    let (s, t, _) = app
        .send(ada.req(
            "POST",
            &format!("/console/api/tickets/{critical}/assign"),
            Some(json!({"agent_id": andrej_id})),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), t["item"]["assignee"]["name"].as_str()),
        (200, Some("andrej@acme.test"))
    );
    let (_, mine, _) = app
        .send(andrej.req("GET", "/console/api/tickets?assignee=me", None))
        .await;
    assert_eq!(mine["items"].as_array().map(Vec::len), Some(1));
    let (_, load, _) = app
        .send(ada.req("GET", "/console/api/tickets/workload", None))
        .await;
    let unassigned = load
        .as_array()
        .expect("load")
        .iter()
        .find(|w| w["agent"].is_null())
        .expect("row");
    assert_eq!(
        (unassigned["open"].as_i64(), unassigned["breached"].as_i64()),
        (Some(2), Some(1))
    );

    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    let (_, me, _) = app.send(bob.req("GET", "/console/api/me", None)).await;
    let (s, b, _) = app
        .send(ada.req(
            "POST",
            &format!("/console/api/tickets/{critical}/assign"),
            Some(json!({"agent_id": me["agent"]["id"]})),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "agent_id"),
        "BlueFox's agent does not work Acme's queue"
    );

    // Raising the priority re-times what is owed from when it started.
    let (_, t, _) = app
        .send(ada.req(
            "POST",
            &format!("/console/api/tickets/{high}/priority"),
            Some(json!({"priority": "critical"})),
        ))
        .await;
    assert_eq!(t["item"]["target_minutes"], 60);
}

#[tokio::test]
async fn a_duplicate_is_merged_and_the_customer_is_told_where_to_look() {
    let app = TestApp::new().await;
    let first = open_ticket(&app, "acme", "alice", "ticket-0001", "high").await;
    let dup = open_ticket(&app, "acme", "alice", "ticket-0002", "high").await;
    let boris = open_ticket(&app, "acme", "boris", "ticket-0003", "high").await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, b, _) = app
        .send(ada.req(
            "POST",
            &format!("/console/api/tickets/{dup}/merge"),
            Some(json!({"into": boris})),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "into"),
        "another customer's ticket"
    );
    let (s, t, _) = app
        .send(ada.req(
            "POST",
            &format!("/console/api/tickets/{dup}/merge"),
            Some(json!({"into": first})),
        ))
        .await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(t["item"]["status"], "closed");
    assert_eq!(t["item"]["merged_into"], first.as_str());
    let seen = customer_view(&app, "acme", "alice", &dup).await;
    assert!(
        seen.to_string().contains("continues in ticket #1001"),
        "{seen}"
    );
    let (_, main, _) = app
        .send(ada.req("GET", &format!("/console/api/tickets/{first}"), None))
        .await;
    assert!(
        main.to_string().contains("#1002"),
        "the note on the surviving ticket"
    );
}

#[tokio::test]
async fn every_ticket_route_is_not_found_outside_the_agents_tenants() {
    let app = TestApp::new().await;
    let acme = open_ticket(&app, "acme", "alice", "ticket-acme", "normal").await;
    let fox = open_ticket(&app, "bluefox", "milica", "ticket-fox1", "normal").await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    let routes = |id: &str| -> Vec<(&'static str, String, Option<Value>)> {
        vec![
            ("GET", format!("/console/api/tickets/{id}"), None),
            (
                "POST",
                format!("/console/api/tickets/{id}/messages"),
                Some(json!({"kind": "note", "message": "x"})),
            ),
            (
                "POST",
                format!("/console/api/tickets/{id}/status"),
                Some(json!({"status": "resolved"})),
            ),
            (
                "POST",
                format!("/console/api/tickets/{id}/assign"),
                Some(json!({"agent_id": null})),
            ),
            (
                "POST",
                format!("/console/api/tickets/{id}/priority"),
                Some(json!({"priority": "low"})),
            ),
            (
                "POST",
                format!("/console/api/tickets/{id}/merge"),
                Some(json!({"into": id})),
            ),
        ]
    };
    // (who, the ticket they may work, the one they may not)
    for (name, who, mine, theirs) in [
        ("andrej", &andrej, &acme, Some(&fox)),
        ("bea", &bea, &fox, Some(&acme)),
        ("bob", &bob, &fox, Some(&acme)),
        ("ada", &ada, &fox, None),
    ] {
        let (_, q, _) = app.send(who.req("GET", "/console/api/tickets", None)).await;
        let ids: Vec<&str> = q["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert!(ids.contains(&mine.as_str()), "{name} sees its tenant's");
        if let Some(theirs) = theirs {
            assert!(
                !ids.contains(&theirs.as_str()),
                "{name} does not see another tenant's"
            );
            for (method, path, body) in routes(theirs) {
                let (s, b, _) = app.send(who.req(method, &path, body)).await;
                assert_eq!(
                    (s.as_u16(), code(&b)),
                    (404, "not_found"),
                    "{name} {method} {path}"
                );
            }
            let (s, _, _) = app
                .send(who.req(
                    "POST",
                    &format!("/console/api/tickets/{mine}/merge"),
                    Some(json!({"into": theirs})),
                ))
                .await;
            assert_eq!(s, 422, "{name} cannot merge across tenants");
        }
    }
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM ticket_messages WHERE kind != 'customer'"
        )
        .await,
        0,
        "none of the refused requests wrote anything"
    );
    // Settings are for admins of the tenant.
    for (who, tenant, want) in [
        (&andrej, "acme", 404),
        (&bea, "acme", 404),
        (&bea, "bluefox", 200),
        (&ada, "bluefox", 200),
    ] {
        let (s, _, _) = app
            .send(who.req(
                "GET",
                &format!("/console/api/tenants/{tenant}/ticket-settings"),
                None,
            ))
            .await;
        assert_eq!(s.as_u16(), want, "{tenant}");
    }
    // A state change without the CSRF header changes nothing.
    let req = Request::post(format!("/console/api/tickets/{acme}/status"))
        .header("cookie", &andrej.0)
        .header("content-type", "application/json")
        .body(Body::from(json!({"status": "closed"}).to_string()))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    assert_eq!((s.as_u16(), code(&b)), (403, "csrf_failed"));
}

#[tokio::test]
async fn canned_replies_and_settings_are_checked() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let (s, c, _) = app
        .send(andrej.req("POST", "/console/api/canned-replies",
            Some(json!({"tenant_id": "acme", "title": "Disk full", "body": "We cleaned up your disk."}))))
        .await;
    assert_eq!(s, 201, "{c}");
    for bad in [
        json!({"tenant_id": "acme", "title": "", "body": "x"}),
        json!({"tenant_id": "acme", "title": "x".repeat(101), "body": "x"}),
    ] {
        let (s, b, _) = app
            .send(andrej.req("POST", "/console/api/canned-replies", Some(bad)))
            .await;
        assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "title"));
    }
    let (s, _, _) = app
        .send(andrej.req(
            "POST",
            "/console/api/canned-replies",
            Some(json!({"tenant_id": "bluefox", "title": "t", "body": "b"})),
        ))
        .await;
    assert_eq!(s, 404, "an agent writes for its own tenant only");
    let (_, list, _) = app
        .send(bea.req("GET", "/console/api/canned-replies", None))
        .await;
    assert_eq!(list, json!([]), "BlueFox does not see Acme's");
    let id = c["id"].as_str().expect("id");
    let (s, _, _) = app
        .send(bea.req("DELETE", &format!("/console/api/canned-replies/{id}"), None))
        .await;
    assert_eq!(s, 404);
    let (s, _, _) = app
        .send(andrej.req("DELETE", &format!("/console/api/canned-replies/{id}"), None))
        .await;
    assert_eq!(s, 204);

    let mut settings = json!({"departments": ["technical", "billing"], "reopen_days": 14,
        "policies": {"standard": {"business_hours": {"time_zone": "Europe/Belgrade",
            "days": [{"start": 540, "end": 1020}, null, null, null, null, null, null]}}}});
    let (s, saved, _) = app
        .send(bea.req(
            "PUT",
            "/console/api/tenants/bluefox/ticket-settings",
            Some(settings.clone()),
        ))
        .await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(
        saved["policies"]["standard"]["first_response"]["critical"], 60,
        "defaults fill the rest"
    );
    settings["policies"]["standard"]["business_hours"]["time_zone"] = json!("Mars/Base");
    let (s, b, _) = app
        .send(bea.req(
            "PUT",
            "/console/api/tenants/bluefox/ticket-settings",
            Some(settings.clone()),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "policies.standard.business_hours.time_zone")
    );
    let (s, b, _) = app
        .send(bea.req("PUT", "/console/api/tenants/bluefox/ticket-settings",
            Some(json!({"policies": {"standard": {"first_response": {"low": 2000, "normal": 60, "high": 60, "critical": 60}}}}))))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&b)[0].0.as_str()),
        (422, "policies.standard.first_response.low")
    );
    let (_, now, _) = app
        .send(bea.req("GET", "/console/api/tenants/bluefox/ticket-settings", None))
        .await;
    assert_eq!(now["reopen_days"], 14, "refused settings changed nothing");
}

#[tokio::test]
async fn numbers_show_sla_kept_ratings_and_deflection_per_tenant_and_agent() {
    let app = TestApp::new().await;
    let ontime = open_ticket(&app, "acme", "alice", "ticket-0001", "critical").await;
    let late = open_ticket(&app, "acme", "boris", "ticket-0002", "high").await;
    open_ticket(&app, "bluefox", "milica", "ticket-0003", "low").await;
    sqlx::query("UPDATE tickets SET due_at = 1 WHERE id = $1")
        .bind(&late)
        .execute(&app.state.db.pool)
        .await
        .expect("late");
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    for id in [&ontime, &late] {
        let (s, _, _) = app
            .send(andrej.req(
                "POST",
                &format!("/console/api/tickets/{id}/messages"),
                Some(json!({"kind": "reply", "message": "Done.", "status": "resolved"})),
            ))
            .await;
        assert_eq!(s, 201);
    }
    let rate = Request::post(format!("/api/v1/tickets/{ontime}/rating"))
        .header(
            "authorization",
            format!("Bearer {}", token("acme", "alice")),
        )
        .header("content-type", "application/json")
        .body(Body::from(json!({"rating": 4}).to_string()))
        .expect("request");
    assert_eq!(app.send(rate).await.0, 200);
    let (_, article, _) = app
        .send(andrej.req(
            "POST",
            "/console/api/kb",
            Some(json!({"tenant_id": "acme", "lang": "en",
            "title": "Disk full", "body": "Clean up.", "published": true})),
        ))
        .await;
    let solved = Request::post(format!(
        "/api/v1/kb/{}/solved",
        article["id"].as_str().expect("id")
    ))
    .header(
        "authorization",
        format!("Bearer {}", token("acme", "carol")),
    )
    .body(Body::empty())
    .expect("request");
    assert_eq!(app.send(solved).await.0, 204);

    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, n, _) = app
        .send(ada.req("GET", "/console/api/ticket-numbers", None))
        .await;
    assert_eq!(s, 200, "{n}");
    let acme = &n["tenants"][0];
    assert_eq!(acme["tenant_id"], "acme");
    assert_eq!(acme["summary"]["opened"], 2);
    assert_eq!(acme["summary"]["sla"], json!({"answers": 2, "met": 1}));
    let critical = acme["summary"]["by_priority"]
        .as_array()
        .expect("p")
        .iter()
        .find(|p| p["priority"] == "critical")
        .expect("critical");
    assert_eq!(critical["sla"], json!({"answers": 1, "met": 1}));
    assert_eq!(acme["summary"]["average_rating"], 4.0);
    assert_eq!(acme["summary"]["solved_by_article"], 1);
    assert!((acme["summary"]["deflection_rate"].as_f64().expect("rate") - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(n["total"]["opened"], 3);
    assert_eq!(n["by_agent"][0]["agent"]["name"], "andrej@acme.test");
    assert_eq!(n["by_agent"][0]["sla"], json!({"answers": 2, "met": 1}));

    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let (_, fox, _) = app
        .send(bea.req("GET", "/console/api/ticket-numbers", None))
        .await;
    let ids: Vec<&str> = fox["tenants"]
        .as_array()
        .expect("t")
        .iter()
        .filter_map(|t| t["tenant_id"].as_str())
        .collect();
    assert_eq!(ids, ["bluefox"]);
    assert_eq!(fox["total"]["opened"], 1);
    assert_eq!(fox["by_agent"], json!([]));
}

/// `"tenant name"` of each assignee `who` is offered, sorted.
async fn assignees(app: &TestApp, who: &Who) -> Vec<String> {
    let (s, v, _) = app
        .send(who.req("GET", "/console/api/tickets/assignees", None))
        .await;
    assert_eq!(s, 200, "{v}");
    let list = v.as_array().expect("list");
    assert!(
        list.iter().all(|a| a.get("email").is_none()),
        "names only: {v}"
    );
    let mut pairs: Vec<String> = list
        .iter()
        .map(|a| {
            format!(
                "{} {}",
                a["tenant_id"].as_str().unwrap_or(""),
                a["name"].as_str().unwrap_or("")
            )
        })
        .collect();
    pairs.sort();
    pairs
}

#[tokio::test]
async fn assignees_are_whom_assign_accepts_in_the_agents_scope() {
    let app = TestApp::new().await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    // Acme's own people work Acme's tickets; its provider admin also BlueFox's.
    let acme = vec![
        "acme ada@acme.test".to_owned(),
        "acme andrej@acme.test".to_owned(),
    ];
    assert_eq!(assignees(&app, &andrej).await, acme);
    let fox = vec![
        "bluefox ada@acme.test".to_owned(),
        "bluefox bea@bluefox.test".to_owned(),
        "bluefox bob@bluefox.test".to_owned(),
    ];
    assert_eq!(assignees(&app, &bea).await, fox);
    assert_eq!(assignees(&app, &bob).await, fox);
    let all = assignees(&app, &ada).await;
    for want in acme.iter().chain(&fox) {
        assert!(all.contains(want), "{want} in {all:?}");
    }

    // Each one offered is accepted by assign.
    let ticket = open_ticket(&app, "bluefox", "milica", "ticket-assign", "normal").await;
    let ada_id: String = sqlx::query_scalar("SELECT id FROM agents WHERE email = 'ada@acme.test'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("ada");
    let (s, v, _) = app
        .send(bea.req(
            "POST",
            &format!("/console/api/tickets/{ticket}/assign"),
            Some(json!({ "agent_id": ada_id })),
        ))
        .await;
    assert_eq!(s, 200, "{v}");
}
