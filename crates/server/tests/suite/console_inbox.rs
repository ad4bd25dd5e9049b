//! The console's feedback inbox, and its support content and settings: every role against
//! every route, across tenants.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

/// A signed-in agent: cookie and CSRF token.
struct Agent {
    name: &'static str,
    cookie: String,
    csrf: String,
}

impl Agent {
    fn get(&self, path: &str) -> Request<Body> {
        Request::get(path)
            .header("cookie", &self.cookie)
            .body(Body::empty())
            .expect("request")
    }

    fn post(&self, path: &str, body: Value) -> Request<Body> {
        self.send("POST", path, body)
    }

    /// A state-changing request with any method; `Value::Null` sends no body.
    fn send(&self, method: &str, path: &str, body: Value) -> Request<Body> {
        Request::builder()
            .method(method)
            .uri(path)
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("content-type", "application/json")
            .body(if body.is_null() {
                Body::empty()
            } else {
                Body::from(body.to_string())
            })
            .expect("request")
    }
}

struct World {
    app: TestApp,
    agents: Vec<Agent>,
    /// Feedback id per tenant.
    feedback: Vec<(&'static str, String)>,
}

/// acme (provider) with reseller bluefox, and an unrelated provider zeta; an admin and an agent
/// where it matters; one suggestion per tenant.
async fn world() -> World {
    let app = TestApp::new().await;
    panelcare_server::tenants::store::create(&app.state.db, "zeta", "Zeta Hosting", None)
        .await
        .expect("tenant");
    panelcare_server::agents::store::put_key(&app.state.db, "zeta", "k1", ACME_SECRET)
        .await
        .expect("key");
    let people = [
        ("ada", "acme", Role::ProviderAdmin),
        ("andrej", "acme", Role::Agent),
        ("bea", "bluefox", Role::ResellerAdmin),
        ("bob", "bluefox", Role::Agent),
        ("zoe", "zeta", Role::ProviderAdmin),
    ];
    let mut agents = Vec::new();
    for (name, tenant, role) in people {
        let email = format!("{name}@{tenant}.test");
        let pw = app.agent(tenant, &email, role).await;
        let (cookie, csrf) = app.sign_in(&email, &pw).await;
        agents.push(Agent { name, cookie, csrf });
    }
    let mut feedback = Vec::new();
    for (i, tenant) in ["acme", "bluefox", "zeta"].into_iter().enumerate() {
        let t = panelcare_server::auth::sign(
            &claims(tenant, "carol"),
            "k1",
            if tenant == "bluefox" {
                BLUEFOX_SECRET
            } else {
                ACME_SECRET
            },
        );
        let body = json!({"category": "problem", "message": format!("{tenant} mail is down"), "rating": 1 + i});
        let (s, b, _) = app
            .send(post_feedback(&t, &format!("world-key-{i:04}"), &body))
            .await;
        assert_eq!(s, 201, "{b}");
        feedback.push((tenant, b["id"].as_str().expect("id").to_owned()));
    }
    World {
        app,
        agents,
        feedback,
    }
}

/// Which tenants each agent sees.
fn sees(agent: &str) -> &'static [&'static str] {
    match agent {
        "ada" => &["acme", "bluefox"],
        "andrej" => &["acme"],
        "bea" | "bob" => &["bluefox"],
        _ => &["zeta"],
    }
}

async fn audit_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn row(app: &TestApp, id: &str) -> (String, Option<String>, i64) {
    sqlx::query_as(
        "SELECT status, answer, (SELECT COUNT(*) FROM feedback_notes WHERE feedback_id = $1) FROM feedback WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("row")
}

#[tokio::test]
async fn every_role_sees_exactly_its_tenants_on_every_route() {
    let w = world().await;
    for agent in &w.agents {
        let (s, inbox, _) = w.app.send(agent.get("/console/api/feedback")).await;
        assert_eq!(s, 200, "{}: {inbox}", agent.name);
        let mut tenants: Vec<&str> = inbox["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|i| i["tenant_id"].as_str())
            .collect();
        tenants.sort_unstable();
        assert_eq!(tenants, sees(agent.name), "{} lists", agent.name);

        for (tenant, id) in &w.feedback {
            let visible = sees(agent.name).contains(tenant);
            let before = (row(&w.app, id).await, audit_rows(&w.app).await);
            let base = format!("/console/api/feedback/{id}");
            let requests = [
                (agent.get(&base), 200),
                (
                    agent.post(&format!("{base}/status"), json!({"status": "under_review"})),
                    200,
                ),
                (
                    agent.post(
                        &format!("{base}/answer"),
                        json!({"text": format!("answer by {}", agent.name)}),
                    ),
                    200,
                ),
                (
                    agent.post(&format!("{base}/notes"), json!({"text": "internal"})),
                    201,
                ),
            ];
            for (req, ok) in requests {
                let what = format!("{} {} {}", agent.name, req.method(), req.uri());
                let (s, body, _) = w.app.send(req).await;
                if visible {
                    assert_eq!(s.as_u16(), ok, "{what}: {body}");
                } else {
                    assert_eq!(
                        (s.as_u16(), code(&body)),
                        (404, "not_found"),
                        "{what}: {body}"
                    );
                }
            }
            if !visible {
                assert_eq!(
                    (row(&w.app, id).await, audit_rows(&w.app).await),
                    before,
                    "{} changed {tenant}",
                    agent.name
                );
            }
        }

        let (s, log, _) = w.app.send(agent.get("/console/api/audit")).await;
        // The audit log is the admins': an agent finds no such page.
        if ["andrej", "bob"].contains(&agent.name) {
            assert_eq!(
                (s.as_u16(), code(&log)),
                (404, "not_found"),
                "{}",
                agent.name
            );
            continue;
        }
        assert_eq!(s, 200);
        for entry in log.as_array().expect("entries") {
            let tenant = entry["tenant_id"].as_str().expect("tenant");
            assert!(
                sees(agent.name).contains(&tenant),
                "{} read audit of {tenant}",
                agent.name
            );
        }
    }
}

/// Which tenants each agent administers (tenant settings are for admins only).
fn administers(agent: &str) -> &'static [&'static str] {
    match agent {
        "ada" => &["acme", "bluefox"],
        "bea" => &["bluefox"],
        "zoe" => &["zeta"],
        _ => &[],
    }
}

async fn title_of(app: &TestApp, reply: &str) -> String {
    sqlx::query_scalar("SELECT title FROM canned_replies WHERE id = $1")
        .bind(reply)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("title")
}

async fn scalar(app: &TestApp, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// Support content and settings by role: changing a canned reply and deleting an article
/// (anyone for their own tenant, admins for theirs), reading notification settings and
/// sending a test (admins only). Outside that, 404 and nothing changes.
#[tokio::test]
async fn every_role_reaches_exactly_its_tenants_support_routes() {
    let w = world().await;
    let owner = |tenant: &str| {
        if tenant == "zeta" {
            &w.agents[4]
        } else {
            &w.agents[0]
        }
    };
    let mut canned = Vec::new();
    for tenant in ["acme", "bluefox", "zeta"] {
        let admin = owner(tenant);
        let (s, b, _) = w
            .app
            .send(admin.send(
                "PUT",
                &format!("/console/api/tenants/{tenant}/notifications"),
                json!({"emails": [format!("oncall@{tenant}.test")]}),
            ))
            .await;
        assert_eq!(s, 200, "{b}");
        let (s, c, _) = w
            .app
            .send(admin.post(
                "/console/api/canned-replies",
                json!({"tenant_id": tenant, "title": "Disk full", "body": "Cleaned up."}),
            ))
            .await;
        assert_eq!(s, 201, "{c}");
        canned.push((tenant, c["id"].as_str().expect("id").to_owned()));
    }
    for agent in &w.agents {
        for (tenant, reply) in &canned {
            let admin = owner(tenant);
            let new_article = json!({"tenant_id": tenant, "lang": "en", "title": "To delete",
                "body": "b", "published": true});
            let (s, article, _) = w.app.send(admin.post("/console/api/kb", new_article)).await;
            assert_eq!(s, 201, "{article}");
            let article = article["id"].as_str().expect("id");
            let visible = sees(agent.name).contains(tenant);
            let admin_here = administers(agent.name).contains(tenant);
            let settings = format!("/console/api/tenants/{tenant}/notifications");
            let requests = [
                (
                    agent.send(
                        "PUT",
                        &format!("/console/api/canned-replies/{reply}"),
                        json!({"tenant_id": tenant, "title": format!("By {}", agent.name),
                            "body": "b"}),
                    ),
                    visible,
                    200,
                ),
                (
                    agent.send("DELETE", &format!("/console/api/kb/{article}"), Value::Null),
                    visible,
                    204,
                ),
                (agent.get(&settings), admin_here, 200),
                (
                    agent.send("POST", &format!("{settings}/test"), Value::Null),
                    admin_here,
                    200,
                ),
            ];
            let queued = "SELECT COUNT(*) FROM notifications WHERE tenant_id = $1";
            let before = scalar(&w.app, queued, tenant).await;
            let title_before = title_of(&w.app, reply).await;
            for (req, allowed, ok) in requests {
                let what = format!("{} {} {}", agent.name, req.method(), req.uri());
                let (s, body, _) = w.app.send(req).await;
                if allowed {
                    assert_eq!(s.as_u16(), ok, "{what}: {body}");
                } else {
                    assert_eq!(
                        (s.as_u16(), code(&body)),
                        (404, "not_found"),
                        "{what}: {body}"
                    );
                }
            }
            let live = "SELECT COUNT(*) FROM kb_articles WHERE id = $1 AND deleted_at IS NULL";
            assert_eq!(
                scalar(&w.app, live, article).await,
                i64::from(!visible),
                "{} kb {tenant}",
                agent.name
            );
            let title = title_of(&w.app, reply).await;
            let want = if visible {
                format!("By {}", agent.name)
            } else {
                title_before
            };
            assert_eq!(title, want, "{} canned {tenant}", agent.name);
            let sent = scalar(&w.app, queued, tenant).await - before;
            assert_eq!(sent, i64::from(admin_here), "{} test {tenant}", agent.name);
        }
    }
}

#[tokio::test]
async fn the_customer_sees_the_answer_and_status_but_never_a_note() {
    let w = world().await;
    let ada = &w.agents[0];
    let id = &w.feedback[0].1;
    let base = format!("/console/api/feedback/{id}");
    let secret_note = "Customer is on the old cluster; do not promise a date";
    let (s, _, _) = w
        .app
        .send(ada.post(&format!("{base}/notes"), json!({"text": secret_note})))
        .await;
    assert_eq!(s, 201);
    w.app
        .send(ada.post(&format!("{base}/status"), json!({"status": "planned"})))
        .await;
    let (s, detail, _) = w
        .app
        .send(ada.post(
            &format!("{base}/answer"),
            json!({"text": "  Fixed next week.  "}),
        ))
        .await;
    assert_eq!(s, 200);
    assert_eq!(detail["item"]["answer"], "Fixed next week.");
    assert_eq!(detail["notes"][0]["body"], secret_note);
    assert_eq!(detail["notes"][0]["agent_name"], "ada@acme.test");

    let customer = token("acme", "carol");
    let (_, one, _) = w
        .app
        .send(get(&format!("/api/v1/feedback/{id}"), &customer))
        .await;
    let (_, list, _) = w.app.send(get("/api/v1/feedback", &customer)).await;
    assert_eq!(one["status"], "planned");
    assert_eq!(one["answer"], "Fixed next week.");
    assert!(one["answered_at"].is_string());
    for body in [one.to_string(), list.to_string()] {
        assert!(
            !body.contains("old cluster"),
            "a note leaked to the customer: {body}"
        );
    }
}

#[tokio::test]
async fn changes_are_audited_with_who_and_what() {
    let w = world().await;
    let bea = &w.agents[2];
    let id = &w.feedback[1].1;
    let before = audit_rows(&w.app).await;
    w.app
        .send(bea.post(
            &format!("/console/api/feedback/{id}/status"),
            json!({"status": "done"}),
        ))
        .await;
    w.app
        .send(bea.post(
            &format!("/console/api/feedback/{id}/answer"),
            json!({"text": "Done!"}),
        ))
        .await;
    // Setting the same status again changes nothing and records nothing.
    w.app
        .send(bea.post(
            &format!("/console/api/feedback/{id}/status"),
            json!({"status": "done"}),
        ))
        .await;
    assert_eq!(audit_rows(&w.app).await, before + 2);
    let (_, log, _) = w.app.send(bea.get("/console/api/audit")).await;
    let actions: Vec<(&str, &str)> = log
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or(""),
                e["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        actions[..2],
        [("feedback.answer", ""), ("feedback.status", "new → done")]
    );
    assert_eq!(log[0]["agent_name"], "bea@bluefox.test");
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    let w = world().await;
    let ada = &w.agents[0];
    let id = &w.feedback[0].1;
    let before = (row(&w.app, id).await, audit_rows(&w.app).await);
    let base = format!("/console/api/feedback/{id}");
    let cases = [
        (
            ada.post(&format!("{base}/status"), json!({"status": "bogus"})),
            422,
            "validation_failed",
        ),
        (
            ada.post(&format!("{base}/status"), json!({})),
            422,
            "validation_failed",
        ),
        (
            ada.post(&format!("{base}/answer"), json!({"text": "   "})),
            422,
            "validation_failed",
        ),
        (
            ada.post(&format!("{base}/answer"), json!({"text": "x".repeat(8001)})),
            422,
            "validation_failed",
        ),
        (
            ada.post(&format!("{base}/notes"), json!({"text": 5})),
            422,
            "invalid_body",
        ),
        (
            ada.get("/console/api/feedback?status=bogus"),
            422,
            "validation_failed",
        ),
        (
            ada.get("/console/api/feedback?rating=9"),
            422,
            "validation_failed",
        ),
        (
            ada.get("/console/api/feedback?category=bug"),
            422,
            "validation_failed",
        ),
    ];
    for (req, status, want) in cases {
        let what = format!("{} {}", req.method(), req.uri());
        let (s, body, _) = w.app.send(req).await;
        assert_eq!((s.as_u16(), code(&body)), (status, want), "{what}: {body}");
    }
    // Without the CSRF token nothing changes either.
    let no_csrf = Request::post(format!("{base}/answer"))
        .header("cookie", &ada.cookie)
        .header("content-type", "application/json")
        .body(Body::from(json!({"text": "hi"}).to_string()))
        .expect("request");
    let (s, body, _) = w.app.send(no_csrf).await;
    assert_eq!((s.as_u16(), code(&body)), (403, "csrf_failed"));
    assert_eq!((row(&w.app, id).await, audit_rows(&w.app).await), before);
}

#[tokio::test]
async fn filters_and_low_ratings_first() {
    let w = world().await;
    let ada = &w.agents[0];
    let list = |q: &str| ada.get(&format!("/console/api/feedback{q}"));
    let (_, all, _) = w.app.send(list("")).await;
    let ratings: Vec<u64> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["rating"].as_u64())
        .collect();
    // acme's rating 1 and bluefox's 2 are both low; low ones come first.
    assert_eq!(ratings.len(), 2);
    assert!(all["items"][0]["low_rating"].as_bool().expect("flag"));
    let (_, only, _) = w.app.send(list("?tenant=bluefox")).await;
    assert_eq!(only["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(only["items"][0]["tenant_name"], "BlueFox Web");
    let (_, none, _) = w.app.send(list("?tenant=zeta")).await;
    assert_eq!(
        none["items"],
        json!([]),
        "a tenant outside the scope filters to nothing"
    );
    let (_, by_rating, _) = w
        .app
        .send(list("?rating=2&category=problem&status=new"))
        .await;
    assert_eq!(by_rating["items"].as_array().map(Vec::len), Some(1));
    let (_, praise, _) = w.app.send(list("?category=praise")).await;
    assert_eq!(praise["items"], json!([]));
}

#[tokio::test]
async fn payloads_are_stored_as_given() {
    let w = world().await;
    let ada = &w.agents[0];
    let id = &w.feedback[0].1;
    let payload =
        "<script>alert(1)</script><img src=x onerror=alert(2)> {} ; background:url(javascript:x)";
    let (s, detail, _) = w
        .app
        .send(ada.post(
            &format!("/console/api/feedback/{id}/notes"),
            json!({"text": payload}),
        ))
        .await;
    assert_eq!(s, 201);
    assert_eq!(detail["notes"][0]["body"], payload);
}

#[tokio::test]
async fn numbers_cover_the_scope_per_tenant_and_in_total() {
    let w = world().await;
    let ada = &w.agents[0];
    let id = &w.feedback[0].1;
    w.app
        .send(ada.post(
            &format!("/console/api/feedback/{id}/answer"),
            json!({"text": "On it"}),
        ))
        .await;
    let (s, n, _) = w.app.send(ada.get("/console/api/numbers")).await;
    assert_eq!(s, 200, "{n}");
    let names: Vec<&str> = n["tenants"]
        .as_array()
        .expect("tenants")
        .iter()
        .filter_map(|t| t["tenant_id"].as_str())
        .collect();
    assert_eq!(names, ["acme", "bluefox"]);
    assert_eq!(n["total"]["count"], 2);
    assert_eq!(n["total"]["answered_share"], 0.5);
    assert_eq!(n["total"]["average_rating"], 1.5);
    assert_eq!(n["tenants"][0]["summary"]["count"], 1);
    assert_eq!(n["total"]["per_day"].as_array().map(Vec::len), Some(30));
    assert!(n["total"]["median_first_answer_secs"].is_number());

    let bea = &w.agents[2];
    let (_, n, _) = w.app.send(bea.get("/console/api/numbers")).await;
    let names: Vec<&str> = n["tenants"]
        .as_array()
        .expect("tenants")
        .iter()
        .filter_map(|t| t["tenant_id"].as_str())
        .collect();
    assert_eq!(names, ["bluefox"]);
    assert_eq!(n["total"]["count"], 1);
}
