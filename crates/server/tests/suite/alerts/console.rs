//! The console's side of low ratings: the badge counts unseen alerts per tenant in the
//! agent's scope, clears when an agent opens what was rated (recording who and when, seen
//! alike from another server instance), other tenants' suggestions and tickets are not found,
//! and the figure gives the time from a low rating to the first answer.

use super::steps::*;
use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::time::now_ms;
use serde_json::{Value, json};
use tower::ServiceExt as _;

const UNSEEN: &str = "/console/api/alerts/unseen";

/// (total, [(tenant, unseen)]) of the badge as `who` sees it.
async fn badge(app: &TestApp, who: &Who) -> (u64, Vec<(String, u64)>) {
    let (s, b) = console_get(app, who, UNSEEN).await;
    assert_eq!(s, 200, "{b}");
    counts(&b)
}

fn counts(b: &Value) -> (u64, Vec<(String, u64)>) {
    let tenants = b["tenants"]
        .as_array()
        .expect("tenants")
        .iter()
        .map(|t| {
            (
                t["tenant_id"].as_str().expect("id").to_owned(),
                t["unseen"].as_u64().expect("n"),
            )
        })
        .collect();
    (b["unseen"].as_u64().expect("unseen"), tenants)
}

fn per(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect()
}

async fn look(app: &TestApp, who: &Who, kind: &str, id: &str) -> (u16, Value) {
    let path = format!("/console/api/alerts/{kind}/{id}/seen");
    let (s, b, _) = app.send(who.req("POST", &path, None)).await;
    (s.as_u16(), b)
}

#[tokio::test]
async fn the_badge_counts_per_tenant_and_clears_when_someone_looks() {
    let app = TestApp::new().await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    let andrej = console(&app, "acme", "andrej", Role::Agent).await;
    let bea = console(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let bob = console(&app, "bluefox", "bob", Role::Agent).await;
    let (_, fa) = suggest(&app, "acme", "alice", "fb-1", 1).await;
    let (_, fm) = suggest(&app, "bluefox", "milica", "fb-2", 2).await;
    let (_, three) = suggest(&app, "acme", "alice", "fb-3", 3).await;
    let (fa, fm, three) = (
        fa["id"].as_str().expect("id").to_owned(),
        fm["id"].as_str().expect("id").to_owned(),
        three["id"].as_str().expect("id").to_owned(),
    );
    let ta = open_ticket(&app, "acme", "alice", "t-1").await;
    agent_reply(&app, &andrej, &ta, true).await;
    assert_eq!(rate(&app, "acme", "alice", &ta, 1).await.0, 200);

    assert_eq!(
        badge(&app, &ada).await,
        (3, per(&[("acme", 2), ("bluefox", 1)]))
    );
    assert_eq!(badge(&app, &andrej).await, (2, per(&[("acme", 2)])));
    assert_eq!(badge(&app, &bea).await, (1, per(&[("bluefox", 1)])));
    let (_, list) = console_get(&app, &bea, "/console/api/alerts").await;
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "only BlueFox's: {list}");
    assert_eq!(
        (
            &items[0]["kind"],
            &items[0]["id"],
            &items[0]["rating"],
            &items[0]["customer"]
        ),
        (
            &json!("feedback"),
            &json!(fm),
            &json!(2),
            &json!("milica name")
        )
    );
    assert_eq!(items[0]["title"], "The panel is slow (fb-2).");
    assert_eq!(items[0]["seen"], Value::Null);
    let (_, all) = console_get(&app, &ada, "/console/api/alerts").await;
    assert_eq!(all["items"].as_array().map(Vec::len), Some(3));
    let ticket_item = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["kind"] == "ticket")
        .expect("the ticket");
    assert_eq!(ticket_item["title"], "#1001 Mail bounces");

    // Another tenant's ids, or an unknown kind or id: not found, and nothing changes.
    for (who, kind, id) in [
        (&bea, "feedback", fa.as_str()),
        (&bob, "ticket", ta.as_str()),
        (&andrej, "feedback", fm.as_str()),
        (&ada, "idea", fa.as_str()),
        (&ada, "feedback", "no-such-id"),
        (&ada, "ticket", fa.as_str()),
    ] {
        let (s, b) = look(&app, who, kind, id).await;
        assert_eq!((s, code(&b)), (404, "not_found"), "{kind} {id}");
    }
    assert_eq!(badge(&app, &ada).await.0, 3);

    // Andrej opens Alice's suggestion: acme's badge drops, for everyone, on every instance.
    let (s, b) = look(&app, &andrej, "feedback", &fa).await;
    assert_eq!((s, counts(&b)), (200, (1, per(&[("acme", 1)]))));
    let other = panelcare_server::app(app.another_instance().await);
    let res = other
        .oneshot(andrej.req("GET", UNSEEN, None))
        .await
        .expect("answer");
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    let on_other: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(
        counts(&on_other),
        (1, per(&[("acme", 1)])),
        "stored, not in memory"
    );
    assert_eq!(
        badge(&app, &ada).await,
        (2, per(&[("acme", 1), ("bluefox", 1)]))
    );

    // Looking again, by someone else, keeps who looked first; a 3 has nothing to clear.
    assert_eq!(look(&app, &ada, "feedback", &fa).await.0, 200);
    assert_eq!(look(&app, &ada, "feedback", &three).await.0, 200);
    let (_, all) = console_get(&app, &ada, "/console/api/alerts").await;
    let seen = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == fa.as_str())
        .expect("still listed once seen")["seen"]
        .clone();
    assert_eq!(seen["agent_name"], "andrej@acme.test");
    assert!(
        seen["at"].as_str().is_some_and(|a| a.ends_with('Z')),
        "{seen}"
    );
    let first = all["items"][0]["seen"].clone();
    assert_eq!(first, Value::Null, "unseen ones first");

    assert_eq!(look(&app, &andrej, "ticket", &ta).await.1["unseen"], 0);
    assert_eq!(look(&app, &bob, "feedback", &fm).await.1["unseen"], 0);
    assert_eq!(
        badge(&app, &ada).await,
        (0, per(&[("acme", 0), ("bluefox", 0)]))
    );
    let who_looked: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.seen_by, COALESCE(a.feedback_id, a.ticket_id) FROM low_rating_alerts a \
         ORDER BY a.seen_at, a.id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("rows");
    assert_eq!(who_looked.len(), 3);
    assert!(who_looked.iter().all(|(agent, _)| !agent.is_empty()));

    // Signed out: nothing.
    let req = Request::get(UNSEEN).body(Body::empty()).expect("request");
    assert_eq!(app.send(req).await.0, 401);
}

async fn set(app: &TestApp, sql: &str, at: i64, id: &str) {
    sqlx::query(sql)
        .bind(at)
        .bind(id)
        .execute(&app.state.db.pool)
        .await
        .expect("backdate");
}

const H: i64 = 3_600_000;

#[tokio::test]
async fn the_figure_is_the_time_from_a_low_rating_to_the_first_answer_after_it() {
    let app = TestApp::new().await;
    let andrej = console(&app, "acme", "andrej", Role::Agent).await;
    let ada = console(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = console(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let now = now_ms();
    let alert_at =
        "UPDATE low_rating_alerts SET raised_at = $1 WHERE feedback_id = $2 OR ticket_id = $2";

    // A suggestion rated 1 four hours ago, answered an hour later.
    let (_, f1) = suggest(&app, "acme", "alice", "fb-1", 1).await;
    let f1 = f1["id"].as_str().expect("id").to_owned();
    let answer = json!({"text": "Sorry: we moved you to a faster server."});
    let (s, b, _) = app
        .send(andrej.req(
            "POST",
            &format!("/console/api/feedback/{f1}/answer"),
            Some(answer),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    set(&app, alert_at, now - 4 * H, &f1).await;
    set(
        &app,
        "UPDATE feedback SET answered_at = $1 WHERE id = $2",
        now - 3 * H,
        &f1,
    )
    .await;

    // A ticket answered ten hours ago (before the rating, which does not count), rated 1 five
    // hours ago, a note after it (the customer never sees one), answered again two hours ago.
    let t1 = open_ticket(&app, "acme", "alice", "t-1").await;
    agent_reply(&app, &andrej, &t1, true).await;
    set(
        &app,
        "UPDATE ticket_messages SET created_at = $1 WHERE ticket_id = $2 AND kind = 'agent'",
        now - 10 * H,
        &t1,
    )
    .await;
    assert_eq!(rate(&app, "acme", "alice", &t1, 1).await.0, 200);
    set(&app, alert_at, now - 5 * H, &t1).await;
    let note = json!({"kind": "note", "message": "Call her back."});
    let path = format!("/console/api/tickets/{t1}/messages");
    assert_eq!(app.send(andrej.req("POST", &path, Some(note))).await.0, 201);
    set(
        &app,
        "UPDATE ticket_messages SET created_at = $1 WHERE ticket_id = $2 AND kind = 'note'",
        now - 4 * H - H / 2,
        &t1,
    )
    .await;
    agent_reply(&app, &andrej, &t1, false).await;
    set(
        &app,
        "UPDATE ticket_messages SET created_at = $1 WHERE ticket_id = $2 AND kind = 'agent' \
         AND created_at > $1",
        now - 2 * H,
        &t1,
    )
    .await;

    // One still waiting six hours, one too old to count, and one of BlueFox's.
    let (_, f2) = suggest(&app, "acme", "alice", "fb-2", 2).await;
    set(&app, alert_at, now - 6 * H, f2["id"].as_str().expect("id")).await;
    let (_, f3) = suggest(&app, "acme", "alice", "fb-3", 1).await;
    set(
        &app,
        alert_at,
        now - 40 * 24 * H,
        f3["id"].as_str().expect("id"),
    )
    .await;
    let (_, fm) = suggest(&app, "bluefox", "milica", "fb-m", 1).await;
    set(&app, alert_at, now - H, fm["id"].as_str().expect("id")).await;

    let (s, n) = console_get(&app, &ada, "/console/api/alerts/numbers").await;
    assert_eq!(s, 200, "{n}");
    assert_eq!(n["period_days"], 30);
    let acme = &n["tenants"][0];
    assert_eq!(acme["tenant_id"], "acme");
    let s = &acme["summary"];
    assert_eq!(
        (
            &s["low_ratings"],
            &s["replied"],
            &s["waiting"],
            &s["median_reply_secs"]
        ),
        (&json!(3), &json!(2), &json!(1), &json!(2 * 3600)),
        "1 h and 3 h: {s}"
    );
    let longest = s["longest_wait_secs"].as_i64().expect("waiting");
    assert!((6 * 3600..6 * 3600 + 120).contains(&longest), "{longest}");
    let t = &n["total"];
    assert_eq!(
        (
            &t["low_ratings"],
            &t["replied"],
            &t["waiting"],
            &t["median_reply_secs"]
        ),
        (&json!(4), &json!(2), &json!(2), &json!(2 * 3600))
    );
    let (_, theirs) = console_get(&app, &bea, "/console/api/alerts/numbers").await;
    let tenants = theirs["tenants"].as_array().expect("tenants");
    assert_eq!(tenants.len(), 1, "BlueFox sees its own alone");
    let s = &tenants[0]["summary"];
    assert_eq!(
        (&s["low_ratings"], &s["replied"], &s["median_reply_secs"]),
        (&json!(1), &json!(0), &Value::Null)
    );
    // The list says when the customer got that first answer.
    let (_, list) = console_get(&app, &ada, "/console/api/alerts").await;
    let replied: Vec<bool> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["tenant_id"] == "acme")
        .map(|i| i["replied_at"].is_string())
        .collect();
    assert_eq!(replied.iter().filter(|r| **r).count(), 2, "{list}");
}
