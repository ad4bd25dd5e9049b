//! Customers' data rights: an export holds one account's feedback, tickets, messages, file
//! names, ratings, offer events, usage and votes, and nothing of another account or of the
//! same account id at another tenant; an erase removes texts and files (checked in the raw
//! rows), keeps counts and numbers, is idempotent and audited; only the tenant's admins reach
//! either; retention deletes old closed tickets and old feedback of its tenant only; every
//! bad input is a 4xx naming its field.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::{data_rights::retention, time::now_ms};
use serde_json::{Value, json};

const DAY_MS: i64 = 24 * 3_600_000;

fn post(path: &str, token: &str, key: &str, body: &Value) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn upload(token: &str, name: &str, bytes: &[u8]) -> Request<Body> {
    Request::post(format!("/api/v1/attachments?name={name}"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/octet-stream")
        .body(Body::from(bytes.to_vec()))
        .expect("request")
}

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(&app.state.db.pool).await.expect(sql);
}

async fn count(app: &TestApp, sql: &str, binds: &[&str]) -> i64 {
    let mut q = sqlx::query_scalar(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.fetch_one(&app.state.db.pool).await.expect(sql)
}

/// Gives `account` of `tenant` one of everything, each text marked with `tag`; returns the
/// ticket's id.
async fn seed(app: &TestApp, tenant: &str, account: &str, tag: &str) -> String {
    let t = token(tenant, account);
    let body = json!({"category": "idea", "message": format!("idea of {tag}"), "rating": 4});
    let (s, b, _) = app
        .send(post_feedback(&t, &format!("fb-key-{tag}"), &body))
        .await;
    assert_eq!(s, 201, "{b}");
    let (s, file, _) = app
        .send(upload(
            &t,
            &format!("log-{tag}.txt"),
            format!("log of {tag}\n").as_bytes(),
        ))
        .await;
    assert_eq!(s, 201, "{file}");
    let (s, ticket, _) = app
        .send(post(
            "/api/v1/tickets",
            &t,
            &format!("ticket-key-{tag}"),
            &json!({"department": "technical", "priority": "critical",
                    "subject": format!("subject of {tag}"),
                    "message": format!("message of {tag}"), "attachments": [file["id"]]}),
        ))
        .await;
    assert_eq!(s, 201, "{ticket}");
    let id = ticket["ticket"]["id"].as_str().expect("id").to_owned();
    let (s, b, _) = app
        .send(post(
            &format!("/api/v1/tickets/{id}/replies"),
            &t,
            &format!("reply-key-{tag}"),
            &json!({"message": format!("reply of {tag}")}),
        ))
        .await;
    assert_eq!(s, 201, "{b}");
    // Rows other features write, stored as they store them.
    exec(
        app,
        "UPDATE tickets SET rating = 2, rating_comment = $2, rated_at = 1 WHERE id = $1",
        &[&id, &format!("rating of {tag}")],
    )
    .await;
    exec(
        app,
        "INSERT INTO offer_events (tenant_id, account_id, rule_id, target, kind, view_id, \
         created_at) VALUES ($1, $2, $3, 'pro', 'click', $3, 1)",
        &[tenant, account, &format!("rule-{tag}")],
    )
    .await;
    exec(
        app,
        "INSERT INTO usage_days (tenant_id, account_id, day, plan, usage) VALUES ($1, $2, 1, $3, '{}')",
        &[tenant, account, &format!("plan-{tag}")],
    )
    .await;
    exec(
        app,
        "INSERT INTO offer_accounts (tenant_id, account_id, first_seen_at) VALUES ($1, $2, 1)",
        &[tenant, account],
    )
    .await;
    exec(
        app,
        "INSERT INTO kb_articles (id, tenant_id, lang, title, body, html, plain, published, \
         created_at, updated_at) VALUES ($1, $2, 'en', $1, 'b', 'b', 'b', 1, 1, 1)",
        &[&format!("article-{tag}"), tenant],
    )
    .await;
    exec(
        app,
        "INSERT INTO kb_solved (article_id, tenant_id, account_id, created_at) VALUES ($1, $2, $3, 1)",
        &[&format!("article-{tag}"), tenant, account],
    )
    .await;
    id
}

/// Rows of the tables whose counts the reports read.
async fn totals(app: &TestApp) -> Vec<i64> {
    let mut n = Vec::new();
    for t in [
        "feedback",
        "tickets",
        "ticket_messages",
        "offer_events",
        "kb_solved",
    ] {
        n.push(count(app, &format!("SELECT COUNT(*) FROM {t}"), &[]).await);
    }
    n
}

fn export_path(tenant: &str, account: &str) -> String {
    format!("/console/api/tenants/{tenant}/customers/{account}/export")
}

fn erase_path(tenant: &str, account: &str) -> String {
    format!("/console/api/tenants/{tenant}/customers/{account}/erase")
}

/// Acme's alice and bob, and BlueFox's own alice (the same account id at another tenant),
/// with an internal note on acme alice's ticket.
async fn three_customers(app: &TestApp) -> String {
    for t in ["acme", "bluefox"] {
        app.lift_limits(t).await;
        // Agents hear of new tickets and replies: outbox rows that quote the subject.
        let role = if t == "acme" {
            Role::ProviderAdmin
        } else {
            Role::ResellerAdmin
        };
        let admin = signed_in(app, t, "boss", role).await;
        let (s, b, _) = app
            .send(admin.req(
                "PUT",
                &format!("/console/api/tenants/{t}/notifications"),
                Some(json!({"emails": [format!("oncall@{t}.test")]})),
            ))
            .await;
        assert_eq!(s, 200, "{b}");
    }
    let id = seed(app, "acme", "alice", "alice-acme").await;
    seed(app, "acme", "bob", "bob-acme").await;
    seed(app, "bluefox", "alice", "alice-bluefox").await;
    let agent = signed_in(app, "acme", "andrej", Role::Agent).await;
    let (s, b, _) = app
        .send(agent.req(
            "POST",
            &format!("/console/api/tickets/{id}/messages"),
            Some(json!({"kind": "note", "message": "note on alice-acme"})),
        ))
        .await;
    assert_eq!(s, 201, "{b}");
    id
}

#[tokio::test]
async fn an_export_holds_the_account_and_nothing_of_anyone_else() {
    let app = TestApp::new().await;
    three_customers(&app).await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, doc, res) = app
        .send(admin.req("GET", &export_path("acme", "alice"), None))
        .await;
    assert_eq!(s, 200, "{doc}");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment")
    );
    assert_eq!(
        (doc["schema"].as_u64(), &doc["tenant"], &doc["account"]),
        (Some(1), &json!("acme"), &json!("alice"))
    );
    assert!(doc["generated_at"].is_string());
    assert_eq!(doc["feedback"][0]["message"], "idea of alice-acme");
    assert_eq!(doc["feedback"][0]["rating"], 4);
    let ticket = &doc["tickets"][0];
    assert_eq!(ticket["subject"], "subject of alice-acme");
    let bodies: Vec<&str> = ticket["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["body"].as_str())
        .collect();
    assert!(
        bodies.contains(&"message of alice-acme") && bodies.contains(&"reply of alice-acme"),
        "{bodies:?}"
    );
    assert_eq!(
        ticket["messages"][0]["attachments"][0]["name"],
        "log-alice-acme.txt"
    );
    assert!(ticket["messages"][0]["attachments"][0]["size"].as_i64() > Some(0));
    assert_eq!(
        (&doc["ratings"][0]["rating"], &doc["ratings"][0]["comment"]),
        (&json!(2), &json!("rating of alice-acme"))
    );
    assert_eq!(doc["offer_events"][0]["rule_id"], "rule-alice-acme");
    assert_eq!(doc["usage"][0]["plan"], "plan-alice-acme");
    assert_eq!(doc["kb_votes"][0]["article_id"], "article-alice-acme");
    // Internal notes are counted, not shown (see the README).
    assert_eq!(doc["withheld"]["ticket_internal_notes"], 1);
    let text = doc.to_string();
    assert!(
        !text.contains("note on alice-acme"),
        "internal note exported"
    );
    assert!(!text.contains("bob"), "another account's data: {text}");
    assert!(
        !text.contains("alice-bluefox"),
        "another tenant's data: {text}"
    );
    assert!(!text.contains("log of"), "file bytes exported");

    // The reseller's alice, by the provider's admin: only BlueFox's.
    let (s, doc, _) = app
        .send(admin.req("GET", &export_path("bluefox", "alice"), None))
        .await;
    assert_eq!(s, 200);
    assert!(doc.to_string().contains("alice-bluefox") && !doc.to_string().contains("alice-acme"));
    // An account with nothing is an empty document, not an error.
    let (s, doc, _) = app
        .send(admin.req("GET", &export_path("acme", "nobody"), None))
        .await;
    assert_eq!(
        (s.as_u16(), doc["tickets"].as_array().map(Vec::len)),
        (200, Some(0))
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.export' AND subject = 'alice'",
            &[]
        )
        .await,
        2
    );
}

#[tokio::test]
async fn an_erase_removes_texts_and_files_keeps_numbers_and_is_idempotent() {
    let app = TestApp::new().await;
    let id = three_customers(&app).await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let due_before: i64 = count(&app, "SELECT due_first FROM tickets WHERE id = $1", &[&id]).await;
    let before = totals(&app).await;
    let (s, erased, _) = app
        .send(admin.req(
            "POST",
            &erase_path("acme", "alice"),
            Some(json!({"confirm": "alice"})),
        ))
        .await;
    assert_eq!(s, 200, "{erased}");
    assert_eq!(
        (
            &erased["feedback"],
            &erased["tickets"],
            &erased["attachments"]
        ),
        (&json!(1), &json!(1), &json!(1))
    );
    assert_eq!(totals(&app).await, before, "rows kept for the counts");

    // The raw rows: no text or file of acme's alice anywhere, nothing under her id.
    for (table, column) in [
        ("feedback", "message"),
        ("tickets", "subject"),
        ("tickets", "rating_comment"),
        ("ticket_messages", "body"),
        ("attachments", "name"),
        ("usage_days", "plan"),
        ("notifications", "subject"),
        ("notifications", "body"),
    ] {
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%alice-acme%'"),
            &[],
        )
        .await;
        assert_eq!(n, 0, "{table}.{column} still holds alice's text");
    }
    for table in [
        "feedback",
        "tickets",
        "offer_events",
        "usage_days",
        "offer_accounts",
        "kb_solved",
        "attachments",
    ] {
        let n = count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM {table} WHERE tenant_id = 'acme' AND account_id = 'alice'"
            ),
            &[],
        )
        .await;
        assert_eq!(n, 0, "{table} still has rows under alice");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM rate_buckets WHERE scope = 'account' AND tenant_id = 'acme' AND subject = 'alice'", &[]).await, 0);
    // Numbers stay: the rating, the SLA due time, the feedback's rating.
    assert_eq!(
        count(&app, "SELECT rating FROM tickets WHERE id = $1", &[&id]).await,
        2
    );
    assert_eq!(
        count(&app, "SELECT due_first FROM tickets WHERE id = $1", &[&id]).await,
        due_before
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM feedback WHERE tenant_id = 'acme' AND rating = 4 AND message = '[erased]'", &[]).await, 1);
    // Everyone else is untouched.
    for tag in ["bob-acme", "alice-bluefox"] {
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM ticket_messages WHERE body LIKE '%{tag}%'"),
            &[],
        )
        .await;
        assert_eq!(n, 2, "{tag}'s messages");
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM attachments WHERE name LIKE '%{tag}%'"),
            &[],
        )
        .await;
        assert_eq!(n, 1, "{tag}'s file");
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM notifications WHERE subject LIKE '%{tag}%'"),
            &[],
        )
        .await;
        assert!(n >= 1, "{tag}'s notifications: {n}");
    }
    // Erased bytes are overwritten in the SQLite file, not left in its free pages.
    if !app.db_url.starts_with("postgres") {
        // Its first column is 1 when a reader kept the WAL from being copied back.
        let busy = count(&app, "PRAGMA wal_checkpoint(TRUNCATE)", &[]).await;
        assert_eq!(busy, 0, "the checkpoint copied the whole WAL into the file");
        let bytes = std::fs::read(&app.db_url).expect("the database file");
        // Her texts and file name (idempotency keys, which name the tag here, are the
        // client's random ids in real use and stay with the kept rows).
        for needle in ["of alice-acme", "on alice-acme", "log-alice-acme"] {
            let found = bytes
                .windows(needle.len())
                .position(|w| w == needle.as_bytes());
            assert!(
                found.is_none(),
                "{needle:?} is still in the database file: {:?}",
                found.map(|at| String::from_utf8_lossy(&bytes[at.saturating_sub(80)..at + 40]))
            );
        }
    }
    // Exporting her now finds nothing; erasing again changes nothing and says so.
    let (_, doc, _) = app
        .send(admin.req("GET", &export_path("acme", "alice"), None))
        .await;
    assert_eq!(
        (
            doc["feedback"].as_array().map(Vec::len),
            doc["tickets"].as_array().map(Vec::len)
        ),
        (Some(0), Some(0))
    );
    let (s, again, _) = app
        .send(admin.req(
            "POST",
            &erase_path("acme", "alice"),
            Some(json!({"confirm": "alice"})),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), &again["feedback"], &again["messages"]),
        (200, &json!(0), &json!(0))
    );
    let who: Vec<(String, String)> = sqlx::query_as(
        "SELECT a.email, l.detail FROM audit_log l JOIN agents a ON a.id = l.agent_id \
         WHERE l.action = 'customer.erase' AND l.subject = 'alice' AND l.tenant_id = 'acme' ORDER BY l.id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("audit");
    assert_eq!(who.len(), 2, "{who:?}");
    assert_eq!(who[0].0, "ada@acme.test");
    assert!(who[0].1.contains("\"tickets\":1"), "{who:?}");
}

#[tokio::test]
async fn only_the_tenants_admins_export_or_erase() {
    let app = TestApp::new().await;
    three_customers(&app).await;
    let agent = signed_in(&app, "acme", "anja", Role::Agent).await;
    let reseller = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let confirm = Some(json!({"confirm": "alice"}));
    for (who, tenant) in [
        (&agent, "acme"),
        (&agent, "bluefox"),
        (&reseller, "acme"),
        (&reseller, "nope"),
    ] {
        let (s, _, _) = app
            .send(who.req("GET", &export_path(tenant, "alice"), None))
            .await;
        assert_eq!(s, 404, "export of {tenant}");
        let (s, _, _) = app
            .send(who.req("POST", &erase_path(tenant, "alice"), confirm.clone()))
            .await;
        assert_eq!(s, 404, "erase of {tenant}");
        let (s, _, _) = app
            .send(who.req(
                "GET",
                &format!("/console/api/tenants/{tenant}/retention"),
                None,
            ))
            .await;
        assert_eq!(s, 404, "retention of {tenant}");
    }
    // Signed out: refused before anything is looked up.
    let req = Request::get(export_path("acme", "alice"))
        .body(Body::empty())
        .expect("request");
    let (s, _, _) = app.send(req).await;
    assert_eq!(s, 401);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM tickets WHERE account_id = 'alice'",
            &[]
        )
        .await,
        2
    );
    // The reseller's admin reaches its own customers.
    let (s, doc, _) = app
        .send(reseller.req("GET", &export_path("bluefox", "alice"), None))
        .await;
    assert_eq!(
        (s.as_u16(), &doc["feedback"][0]["message"]),
        (200, &json!("idea of alice-bluefox"))
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_its_field() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let long = "a".repeat(201);
    for (path, body, field) in [
        (erase_path("acme", "alice"), json!({}), "confirm"),
        (
            erase_path("acme", "alice"),
            json!({"confirm": "bob"}),
            "confirm",
        ),
        (
            erase_path("acme", "alice"),
            json!({"confirm": 7}),
            "confirm",
        ),
        (
            erase_path("acme", &long),
            json!({"confirm": long}),
            "account",
        ),
    ] {
        let (s, b, _) = app.send(admin.req("POST", &path, Some(body.clone()))).await;
        assert_eq!(
            (s.as_u16(), fields(&b).first().map(|f| f.0.clone())),
            (422, Some(field.to_owned())),
            "{body} {b}"
        );
    }
    let (s, b, _) = app
        .send(admin.req("GET", &export_path("acme", &long), None))
        .await;
    assert_eq!((s.as_u16(), fields(&b)[0].0.as_str()), (422, "account"));
    // A NUL or another control character in the address: refused on both engines (PostgreSQL
    // would fail on the NUL itself).
    for account in ["al%00ice", "al%0Aice"] {
        let (s, b, _) = app
            .send(admin.req("GET", &export_path("acme", account), None))
            .await;
        assert_eq!(
            (s.as_u16(), fields(&b)[0].0.as_str()),
            (422, "account"),
            "{b}"
        );
        let (s, b, _) = app
            .send(admin.req(
                "POST",
                &erase_path("acme", account),
                Some(json!({"confirm": account})),
            ))
            .await;
        assert_eq!(
            (s.as_u16(), fields(&b)[0].0.as_str()),
            (422, "account"),
            "{b}"
        );
    }
    let path = "/console/api/tenants/acme/retention";
    for (body, field) in [
        (json!({"closed_tickets_months": 0}), "closed_tickets_months"),
        (json!({"feedback_months": 121}), "feedback_months"),
        (json!({"feedback_months": -1}), "feedback_months"),
        (
            json!({"closed_tickets_months": "six"}),
            "closed_tickets_months",
        ),
    ] {
        let (s, b, _) = app.send(admin.req("PUT", path, Some(body.clone()))).await;
        assert_eq!(
            (s.as_u16(), fields(&b).first().map(|f| f.0.clone())),
            (422, Some(field.to_owned())),
            "{body} {b}"
        );
    }
    let (s, b, _) = app
        .send(admin.req("PUT", path, Some(json!({"years": 1}))))
        .await;
    assert!(s.is_client_error(), "{b}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM tenant_retention", &[]).await,
        0
    );
}

#[tokio::test]
async fn retention_deletes_old_closed_tickets_and_feedback_of_its_tenant_only() {
    let app = TestApp::new().await;
    for t in ["acme", "bluefox"] {
        app.lift_limits(t).await;
    }
    let old_closed = seed(&app, "acme", "olga", "old-closed").await;
    let old_open = seed(&app, "acme", "otto", "old-open").await;
    let new_closed = seed(&app, "acme", "nina", "new-closed").await;
    let foreign = seed(&app, "bluefox", "olga", "bluefox-old").await;
    let now = now_ms();
    let long_ago = (now - 100 * DAY_MS).to_string();
    let lately = (now - 5 * DAY_MS).to_string();
    for (id, at) in [
        (&old_closed, &long_ago),
        (&new_closed, &lately),
        (&foreign, &long_ago),
    ] {
        exec(
            &app,
            &format!("UPDATE tickets SET status = 'closed', closed_at = {at} WHERE id = $1"),
            &[id],
        )
        .await;
    }
    exec(
        &app,
        &format!("UPDATE tickets SET created_at = {long_ago} WHERE id = $1"),
        &[&old_open],
    )
    .await;
    exec(&app, &format!("UPDATE feedback SET created_at = {long_ago}, status = 'done' WHERE message IN ('idea of old-closed', 'idea of bluefox-old')"), &[]).await;
    // Old but still open (nobody has answered it yet): retention keeps it.
    exec(
        &app,
        &format!("UPDATE feedback SET created_at = {long_ago} WHERE message = 'idea of old-open'"),
        &[],
    )
    .await;

    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let path = "/console/api/tenants/acme/retention";
    let (s, b, _) = app.send(admin.req("GET", path, None)).await;
    assert_eq!(
        (s.as_u16(), b),
        (
            200,
            json!({"closed_tickets_months": null, "feedback_months": null})
        )
    );
    let settings = json!({"closed_tickets_months": 2, "feedback_months": 3});
    let (s, b, _) = app
        .send(admin.req("PUT", path, Some(settings.clone())))
        .await;
    assert_eq!((s.as_u16(), &b), (200, &settings));
    let (_, b, _) = app.send(admin.req("GET", path, None)).await;
    assert_eq!(b, settings);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.update'",
            &[]
        )
        .await,
        1
    );

    let deleted = retention::apply(&app.state.db, now)
        .await
        .expect("retention");
    assert_eq!((deleted.tickets, deleted.feedback), (1, 1));
    let left: Vec<String> = sqlx::query_scalar("SELECT id FROM tickets ORDER BY number")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("tickets");
    assert!(!left.contains(&old_closed), "old closed ticket kept");
    for id in [&old_open, &new_closed, &foreign] {
        assert!(left.contains(id), "{id} deleted");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = $1",
            &[&old_closed]
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM attachments WHERE name = 'log-old-closed.txt'",
            &[]
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM feedback WHERE message = 'idea of old-closed'",
            &[]
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM feedback WHERE message = 'idea of bluefox-old'",
            &[]
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM feedback", &[]).await, 3);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.delete' AND tenant_id = 'acme'", &[]).await, 2);
    // A second pass finds nothing. A year on, the recent closed ticket is old too, but it is
    // the newest-numbered (a new ticket's number follows it), and the open one is not closed.
    assert_eq!(
        retention::apply(&app.state.db, now).await.expect("again"),
        retention::Deleted::default()
    );
    let later = retention::apply(&app.state.db, now + 365 * DAY_MS)
        .await
        .expect("later");
    assert_eq!(
        later.tickets, 0,
        "the newest-numbered ticket keeps its number taken"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM tickets WHERE id = $1",
            &[&old_open]
        )
        .await,
        1
    );
}

/// The outbox is not a record: the job deletes notifications sent or given up on over 30
/// days ago, of every tenant; one still waiting stays whatever its age.
#[tokio::test]
async fn retention_prunes_settled_notifications_of_every_tenant() {
    let app = TestApp::new().await;
    let now = 400 * DAY_MS;
    let (old, recent) = (now - 31 * DAY_MS, now - 29 * DAY_MS);
    for (subject, created, delivered, failed) in [
        ("old sent", old, Some(old), None),
        ("old failed", old, None, Some(old)),
        ("old waiting", old, None, None::<i64>),
        ("recent sent", recent, Some(recent), None),
    ] {
        sqlx::query(
            "INSERT INTO notifications (tenant_id, channel, target, event, subject, body, \
             next_attempt_at, created_at, delivered_at, failed_at) \
             VALUES ('bluefox', 'email', 'a@b.test', 'ticket.created', $1, 'b', $2, $2, $3, $4)",
        )
        .bind(subject)
        .bind(created)
        .bind(delivered)
        .bind(failed)
        .execute(&app.state.db.pool)
        .await
        .expect("insert");
    }
    let deleted = retention::apply(&app.state.db, now)
        .await
        .expect("retention");
    assert_eq!(deleted.notifications, 2);
    let left: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM notifications ORDER BY subject")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("left");
    assert_eq!(left, ["old waiting", "recent sent"]);
}
