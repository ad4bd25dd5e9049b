//! The ideas board: sharing needs a board and the customer's choice, votes count once, the
//! board shows only published ideas of the caller's own tenant, moderation, status news,
//! merging without double counting, the revenue sort, figures, and every bad input.

use crate::common::*;
use axum::{
    body::Body,
    http::{Request, Response, StatusCode},
};
use panelcare_model::console::Role;
use serde_json::{Value, json};

fn send(method: &str, path: &str, token: &str, body: Option<Value>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |v| Body::from(v.to_string())))
        .expect("request")
}

/// A customer of `tenant` on `plan`.
fn customer(tenant: &str, account: &str, plan: &str) -> String {
    let mut c = claims(tenant, account);
    c.plan = Some(plan.into());
    panelcare_server::auth::sign(&c, "k1", secret_of(tenant))
}

struct Board {
    app: TestApp,
    /// Acme's provider admin.
    ada: Who,
}

/// Acme with its board on (moderated unless `moderated` is false) and its admin signed in.
async fn board(moderated: bool) -> Board {
    let app = TestApp::new().await;
    app.lift_limits("acme").await;
    app.lift_limits("bluefox").await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let body = json!({"board": true, "moderated": moderated, "authors": "first_name"});
    let (s, b, _) = app
        .send(ada.req("PUT", "/console/api/tenants/acme/ideas", Some(body)))
        .await;
    assert_eq!(s, 200, "{b}");
    Board { app, ada }
}

/// Shares `message` as an idea from `token`; returns the idea's id (found through the
/// console, since a moderated idea is not on the board yet).
async fn share(b: &Board, token: &str, key: &str, message: &str) -> String {
    let body = json!({"category": "idea", "message": message, "share": true});
    let (s, fb, _) = b.app.send(post_feedback(token, key, &body)).await;
    assert_eq!(s, 201, "{fb}");
    let (s, queue, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas", None))
        .await;
    assert_eq!(s, 200, "{queue}");
    queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["feedback_id"] == fb["id"])
        .and_then(|i| i["id"].as_str())
        .expect("the shared suggestion's idea")
        .to_owned()
}

impl Board {
    /// An agent's change to idea `id`, as Acme's admin.
    async fn change(&self, id: &str, body: Value) -> (StatusCode, Value, Response<()>) {
        let path = format!("/console/api/ideas/{id}");
        self.app.send(self.ada.req("POST", &path, Some(body))).await
    }

    /// Merges idea `id` as Acme's admin (`body` names the idea it joins).
    async fn merge(&self, id: &str, body: Value) -> (StatusCode, Value, Response<()>) {
        let path = format!("/console/api/ideas/{id}/merge");
        self.app.send(self.ada.req("POST", &path, Some(body))).await
    }
}

async fn publish(b: &Board, id: &str) {
    let (s, body, _) = b.change(id, json!({"visibility": "published"})).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["visibility"], "published");
}

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn only_a_suggestion_shared_where_there_is_a_board_becomes_an_idea() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    // No board: sharing is refused at its field and nothing is stored.
    let shared = json!({"category": "idea", "message": "Staging copies", "share": true});
    let (s, body, _) = app.send(post_feedback(&alice, "share-0001", &shared)).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body), [("share".into(), "out_of_range".into())]);
    assert_eq!(app.feedback_rows().await, 0);
    let (s, body, _) = app.send(get("/api/v1/ideas", &alice)).await;
    assert_eq!((s.as_u16(), code(&body)), (404, "not_found"), "{body}");
    let (s, body, _) = app.send(get("/api/v1/ideas/board", &alice)).await;
    assert_eq!(s, 200);
    assert_eq!(body["board"], false);

    // Written privately, then the board turned on: still private.
    let private = json!({"category": "idea", "message": "Private staging wish"});
    let (s, _, _) = app
        .send(post_feedback(&alice, "private-0001", &private))
        .await;
    assert_eq!(s, 201);
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let on = json!({"board": true, "moderated": false, "authors": "first_name"});
    let (s, _, _) = app
        .send(ada.req("PUT", "/console/api/tenants/acme/ideas", Some(on)))
        .await;
    assert_eq!(s, 200);
    // The launcher's drawer offers the board from now on.
    let (_, now, _) = app.send(get("/api/v1/ideas/board", &alice)).await;
    assert_eq!(now["board"], true, "{now}");
    let (_, list, _) = app.send(get("/api/v1/ideas?view=new", &alice)).await;
    assert_eq!(ids(&list), Vec::<String>::new());
    let (_, queue, _) = app.send(ada.req("GET", "/console/api/ideas", None)).await;
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(0), "{queue}");

    // Only ideas are shared; a problem is refused at `share`.
    let problem = json!({"category": "problem", "message": "Down", "share": true});
    let (s, body, _) = app
        .send(post_feedback(&alice, "share-0002", &problem))
        .await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), [("share".into(), "out_of_range".into())]);

    // Shared without moderation: on the board at once, with its author's vote.
    let (s, _, _) = app.send(post_feedback(&alice, "share-0003", &shared)).await;
    assert_eq!(s, 201);
    // A retry of the same submission makes no second idea.
    let (s, _, res) = app.send(post_feedback(&alice, "share-0003", &shared)).await;
    assert_eq!(s, 201);
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    let (_, list, _) = app.send(get("/api/v1/ideas", &alice)).await;
    let items = list["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!(items[0]["title"], "Staging copies");
    assert_eq!(items[0]["votes"], 1);
    assert_eq!(items[0]["voted"], true);
    assert_eq!(items[0]["mine"], true);
    assert_eq!(items[0]["author"], "alice n.");
    assert_eq!(items[0]["status"], "open");
}

#[tokio::test]
async fn a_moderated_idea_waits_and_hidden_ones_leave_the_board() {
    let b = board(true).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let id = share(&b, &alice, "mod-0001", "Free SSL for subdomains").await;
    let (_, list, _) = b.app.send(get("/api/v1/ideas", &bob)).await;
    assert!(
        ids(&list).is_empty(),
        "pending ideas are not on the board: {list}"
    );
    for (method, path) in [
        ("GET", format!("/api/v1/ideas/{id}")),
        ("PUT", format!("/api/v1/ideas/{id}/vote")),
        ("POST", format!("/api/v1/ideas/{id}/instead")),
    ] {
        let (s, body, _) = b.app.send(send(method, &path, &bob, None)).await;
        assert_eq!(s, 404, "{method} {path}: {body}");
    }
    publish(&b, &id).await;
    let (_, list, _) = b.app.send(get("/api/v1/ideas", &bob)).await;
    assert_eq!(ids(&list), [id.as_str()]);
    let (s, _, _) = b.change(&id, json!({"visibility": "hidden"})).await;
    assert_eq!(s, 200);
    let (_, list, _) = b.app.send(get("/api/v1/ideas", &bob)).await;
    assert!(ids(&list).is_empty());
    let (s, _, _) = b
        .app
        .send(send("PUT", &format!("/api/v1/ideas/{id}/vote"), &bob, None))
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn a_vote_counts_once_however_often_it_is_sent() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let id = share(&b, &alice, "vote-0001", "Daily backups kept for 30 days").await;
    let vote = format!("/api/v1/ideas/{id}/vote");
    let app = std::sync::Arc::new(b.app);
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let (app, req) = (app.clone(), send("PUT", &vote, &bob, None));
        tasks.push(tokio::spawn(async move { app.send(req).await }));
    }
    for task in tasks {
        let (s, body, _) = task.await.expect("task");
        assert_eq!(s, 200, "{body}");
        assert_eq!(body["voted"], true);
    }
    let b = Board {
        app: std::sync::Arc::into_inner(app).expect("one owner"),
        ada: b.ada,
    };
    let (_, idea, _) = b.app.send(get(&format!("/api/v1/ideas/{id}"), &bob)).await;
    assert_eq!(idea["votes"], 2, "{idea}");
    let (_, mine, _) = b.app.send(get("/api/v1/ideas?view=mine", &bob)).await;
    assert_eq!(ids(&mine), [id.as_str()]);
    for _ in 0..2 {
        let (s, idea, _) = b.app.send(send("DELETE", &vote, &bob, None)).await;
        assert_eq!(s, 200);
        assert_eq!(
            (idea["votes"].as_i64(), idea["voted"].as_bool()),
            (Some(1), Some(false))
        );
    }
    let (_, mine, _) = b.app.send(get("/api/v1/ideas?view=mine", &bob)).await;
    assert!(ids(&mine).is_empty());
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idea_votes WHERE idea_id = $1")
        .bind(&id)
        .fetch_one(&b.app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(stored, 1);
}

#[tokio::test]
async fn tenants_never_see_each_others_ideas() {
    let b = board(false).await;
    let bea = signed_in(&b.app, "bluefox", "bea", Role::ResellerAdmin).await;
    let on = json!({"board": true, "moderated": false});
    let (s, _, _) = b
        .app
        .send(bea.req("PUT", "/console/api/tenants/bluefox/ideas", Some(on)))
        .await;
    assert_eq!(s, 200);
    let acme_id = share(&b, &token("acme", "alice"), "iso-0001", "Staging for acme").await;
    let fox = token("bluefox", "fred");
    let body = json!({"category": "idea", "message": "Staging for bluefox", "share": true});
    let (s, _, _) = b.app.send(post_feedback(&fox, "iso-0002", &body)).await;
    assert_eq!(s, 201);
    // The reseller's customer sees its own board only, whatever it asks.
    let (_, list, _) = b.app.send(get("/api/v1/ideas", &fox)).await;
    let titles: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["title"].as_str())
        .collect();
    assert_eq!(titles, ["Staging for bluefox"]);
    let (_, similar, _) = b
        .app
        .send(get("/api/v1/ideas/similar?q=staging", &fox))
        .await;
    assert_eq!(
        similar["items"].as_array().map(Vec::len),
        Some(1),
        "{similar}"
    );
    for (method, path) in [
        ("GET", format!("/api/v1/ideas/{acme_id}")),
        ("PUT", format!("/api/v1/ideas/{acme_id}/vote")),
        ("DELETE", format!("/api/v1/ideas/{acme_id}/vote")),
        ("POST", format!("/api/v1/ideas/{acme_id}/instead")),
    ] {
        let (s, _, _) = b.app.send(send(method, &path, &fox, None)).await;
        assert_eq!(s, 404, "{method} {path}");
    }
    // The reseller's admin: its own ideas, never the provider's, nor its settings.
    let (_, queue, _) = b.app.send(bea.req("GET", "/console/api/ideas", None)).await;
    let tenants: Vec<&str> = queue["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["tenant_id"].as_str())
        .collect();
    assert_eq!(tenants, ["bluefox"]);
    let fox_id = queue["items"][0]["id"].as_str().expect("id").to_owned();
    for (method, path, body) in [
        ("GET", format!("/console/api/ideas/{acme_id}"), None),
        (
            "POST",
            format!("/console/api/ideas/{acme_id}"),
            Some(json!({"status": "declined"})),
        ),
        (
            "POST",
            format!("/console/api/ideas/{fox_id}/merge"),
            Some(json!({"into": acme_id})),
        ),
        ("GET", "/console/api/tenants/acme/ideas".to_owned(), None),
        (
            "PUT",
            "/console/api/tenants/acme/ideas".to_owned(),
            Some(json!({"board": false})),
        ),
    ] {
        let (s, body, _) = b.app.send(bea.req(method, &path, body)).await;
        assert_eq!(s, 404, "{method} {path}: {body}");
    }
    // The provider's admin sees both, but cannot merge across tenants either.
    let (_, queue, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas", None))
        .await;
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(2));
    let (s, _, _) = b.merge(&fox_id, json!({"into": acme_id})).await;
    assert_eq!(s, 404);
    // An agent (not admin) moderates its tenant's ideas but not its settings.
    let andrej = signed_in(&b.app, "acme", "andrej", Role::Agent).await;
    let (_, queue, _) = b
        .app
        .send(andrej.req("GET", "/console/api/ideas", None))
        .await;
    assert_eq!(ids(&queue), [acme_id.as_str()]);
    let (s, _, _) = b
        .app
        .send(andrej.req("GET", "/console/api/tenants/acme/ideas", None))
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn authors_can_be_left_unnamed() {
    let b = board(false).await;
    share(&b, &token("acme", "alice"), "anon-0001", "Anonymous idea").await;
    let off = json!({"board": true, "moderated": false, "authors": "hidden"});
    let (s, _, _) = b
        .app
        .send(
            b.ada
                .req("PUT", "/console/api/tenants/acme/ideas", Some(off)),
        )
        .await;
    assert_eq!(s, 200);
    let (_, list, _) = b
        .app
        .send(get("/api/v1/ideas", &token("acme", "bob")))
        .await;
    assert_eq!(list["items"][0]["author"], Value::Null, "{list}");
    // The console still names the author to agents.
    let (_, queue, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas", None))
        .await;
    assert_eq!(queue["items"][0]["author_name"], "alice name");
    // Shared while names were hidden: never named, even once names show again.
    let hidden = share(&b, &token("acme", "carol"), "anon-0002", "Shared unnamed").await;
    let on = json!({"board": true, "moderated": false, "authors": "first_name"});
    let (s, _, _) = b
        .app
        .send(
            b.ada
                .req("PUT", "/console/api/tenants/acme/ideas", Some(on)),
        )
        .await;
    assert_eq!(s, 200);
    let (_, list, _) = b
        .app
        .send(get("/api/v1/ideas?view=new", &token("acme", "bob")))
        .await;
    let author = |title: &str| {
        list["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["title"] == title)
            .map(|i| i["author"].clone())
            .expect("listed")
    };
    assert_eq!(author("Shared unnamed"), Value::Null, "{list}");
    assert_eq!(author("Anonymous idea"), "alice n.", "{list}");
    assert!(!hidden.is_empty());
}

#[tokio::test]
async fn similar_ideas_are_offered_and_voting_instead_is_counted() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let id = share(&b, &alice, "sim-0001", "Staging copies of WordPress sites").await;
    share(&b, &alice, "sim-0002", "Cheaper domains").await;
    let (s, list, _) = b
        .app
        .send(get("/api/v1/ideas/similar?q=wordpres%20stag", &bob))
        .await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(ids(&list), [id.as_str()]);
    let (_, none, _) = b.app.send(get("/api/v1/ideas/similar?q=a", &bob)).await;
    assert!(ids(&none).is_empty());
    // Query syntax typed by a customer is only words.
    let (s, _, _) = b
        .app
        .send(get(
            "/api/v1/ideas/similar?q=%22x%22%20OR%20NEAR(a%20b)%20*%20%26%20%21",
            &bob,
        ))
        .await;
    assert_eq!(s, 200);
    for _ in 0..2 {
        let (s, idea, _) = b
            .app
            .send(send(
                "POST",
                &format!("/api/v1/ideas/{id}/instead"),
                &bob,
                None,
            ))
            .await;
        assert_eq!(s, 200);
        assert_eq!(idea["votes"], 2);
    }
    let (_, queued, _) = b
        .app
        .send(b.ada.req("GET", &format!("/console/api/ideas/{id}"), None))
        .await;
    assert_eq!(queued["deflections"], 1, "{queued}");
    let (s, numbers, _) = b
        .app
        .send(
            b.ada
                .req("GET", "/console/api/ideas/numbers?tenant=acme", None),
        )
        .await;
    assert_eq!(s, 200, "{numbers}");
    let weeks = numbers["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 8);
    let this = &weeks[7];
    assert_eq!(
        (
            this["ideas"].as_i64(),
            this["votes"].as_i64(),
            this["deflections"].as_i64()
        ),
        (Some(2), Some(3), Some(1)),
        "{numbers}"
    );
}

#[tokio::test]
async fn voters_learn_of_a_new_status_once() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let carol = token("acme", "carol");
    let id = share(&b, &alice, "news-0001", "Node.js 22 on shared plans").await;
    let (s, _, _) = b
        .app
        .send(send("PUT", &format!("/api/v1/ideas/{id}/vote"), &bob, None))
        .await;
    assert_eq!(s, 200);
    let change = json!({"status": "planned", "answer": "Coming in March."});
    let (s, body, _) = b.change(&id, change.clone()).await;
    assert_eq!(s, 200, "{body}");
    // The same change again is no news.
    let (s, _, _) = b
        .app
        .send(
            b.ada
                .req("POST", &format!("/console/api/ideas/{id}"), Some(change)),
        )
        .await;
    assert_eq!(s, 200);
    for who in [&alice, &bob] {
        let (_, news, _) = b.app.send(get("/api/v1/ideas/news", who)).await;
        let items = news["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{news}");
        assert_eq!(items[0]["kind"], "status");
        assert_eq!(items[0]["status"], "planned");
        assert_eq!(items[0]["idea_id"], id.as_str());
    }
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &carol)).await;
    assert!(
        news["items"].as_array().expect("items").is_empty(),
        "not a voter"
    );
    let (s, _, _) = b
        .app
        .send(send(
            "POST",
            "/api/v1/ideas/news/seen",
            &bob,
            Some(json!({})),
        ))
        .await;
    assert_eq!(s, 204);
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &bob)).await;
    assert!(news["items"].as_array().expect("items").is_empty());
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &alice)).await;
    assert_eq!(
        news["items"].as_array().map(Vec::len),
        Some(1),
        "alice has not looked"
    );
    let (_, planned, _) = b.app.send(get("/api/v1/ideas?view=planned", &carol)).await;
    assert_eq!(ids(&planned), [id.as_str()]);
    assert_eq!(planned["items"][0]["answer"], "Coming in March.");
    // Shipped: in the changelog, out of the top list.
    let (s, _, _) = b.change(&id, json!({"status": "shipped"})).await;
    assert_eq!(s, 200);
    let (_, shipped, _) = b.app.send(get("/api/v1/ideas?view=shipped", &carol)).await;
    assert_eq!(ids(&shipped), [id.as_str()]);
    assert!(shipped["items"][0]["status_at"].is_string());
    let (_, top, _) = b.app.send(get("/api/v1/ideas", &carol)).await;
    assert!(ids(&top).is_empty());
}

#[tokio::test]
async fn merging_moves_votes_once_and_tells_the_merged_ideas_voters() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let carol = token("acme", "carol");
    let dup = share(&b, &alice, "merge-0001", "Let me pick PHP 8.4").await;
    let keep = share(&b, &carol, "merge-0002", "PHP 8.4 support").await;
    for id in [&dup, &keep] {
        let (s, _, _) = b
            .app
            .send(send("PUT", &format!("/api/v1/ideas/{id}/vote"), &bob, None))
            .await;
        assert_eq!(s, 200);
    }
    let (s, merged, _) = b.merge(&dup, json!({"into": keep})).await;
    assert_eq!(s, 200, "{merged}");
    assert_eq!(merged["id"], keep.as_str());
    // carol, bob (once), alice.
    assert_eq!(merged["votes"], 3);
    let (_, top, _) = b.app.send(get("/api/v1/ideas", &bob)).await;
    assert_eq!(ids(&top), [keep.as_str()]);
    for who in [&alice, &bob] {
        let (_, news, _) = b.app.send(get("/api/v1/ideas/news", who)).await;
        let items = news["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{news}");
        assert_eq!(items[0]["kind"], "merged");
        assert_eq!(items[0]["into_id"], keep.as_str());
        assert_eq!(items[0]["into_title"], "PHP 8.4 support");
    }
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &carol)).await;
    assert!(news["items"].as_array().expect("items").is_empty());
    let (_, mine, _) = b.app.send(get("/api/v1/ideas?view=mine", &alice)).await;
    assert_eq!(ids(&mine), [keep.as_str()]);
    // Merged ideas stay merged; refusals name the field.
    for (from, into) in [(&dup, &keep), (&keep, &keep), (&keep, &dup)] {
        let (s, body, _) = b.merge(from, json!({"into": into})).await;
        assert_eq!(s, 422, "{body}");
        assert_eq!(fields(&body), [("into".into(), "out_of_range".into())]);
    }
    let (s, body, _) = b.change(&dup, json!({"status": "planned"})).await;
    assert_eq!((s.as_u16(), code(&body)), (422, "invalid_body"), "{body}");
    let (s, _, _) = b.merge(&keep, json!({"into": "no-such-idea"})).await;
    assert_eq!(s, 404);
    // Votes move only to an idea on the board.
    let hidden = share(&b, &carol, "merge-0003", "Hidden target").await;
    let (s, _, _) = b.change(&hidden, json!({"visibility": "hidden"})).await;
    assert_eq!(s, 200);
    let (s, body, _) = b.merge(&keep, json!({"into": hidden})).await;
    assert_eq!(s, 422, "{body}");
    // A hidden idea's new status is no news to its voters.
    let (s, _, _) = b.change(&hidden, json!({"status": "declined"})).await;
    assert_eq!(s, 200);
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &carol)).await;
    assert!(
        news["items"].as_array().expect("items").is_empty(),
        "{news}"
    );
    // The votes stored are the counts shown.
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idea_votes WHERE idea_id = $1")
        .bind(&keep)
        .fetch_one(&b.app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(rows, 3);
}

/// What voters are told never shows an idea agents took off the board: a status update
/// goes when its idea is hidden (and stays gone when the hidden idea is merged), an idea
/// merged into one hidden since is no longer named; a waiting idea merged into a published
/// one tells its voters (its author) where their vote went.
#[tokio::test]
async fn updates_never_show_what_agents_took_off_the_board() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let carol = token("acme", "carol");
    let news = |who: &str| {
        let req = get("/api/v1/ideas/news", who);
        let app = &b.app;
        async move { app.send(req).await.1["items"].clone() }
    };
    let secret = share(
        &b,
        &alice,
        "off-0001",
        "Alice Example's server 10.0.0.7 is slow",
    )
    .await;
    let (s, _, _) = b
        .app
        .send(send(
            "PUT",
            &format!("/api/v1/ideas/{secret}/vote"),
            &bob,
            None,
        ))
        .await;
    assert_eq!(s, 200);
    let (s, _, _) = b.change(&secret, json!({"status": "planned"})).await;
    assert_eq!(s, 200);
    assert_eq!(news(&bob).await.as_array().map(Vec::len), Some(1));
    let (s, _, _) = b.change(&secret, json!({"visibility": "hidden"})).await;
    assert_eq!(s, 200);
    assert_eq!(news(&bob).await, json!([]), "hidden: its update goes");
    let keep = share(&b, &carol, "off-0002", "Faster servers").await;
    let (s, body, _) = b.merge(&secret, json!({"into": keep})).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(
        news(&bob).await,
        json!([]),
        "merged while hidden: nothing comes back"
    );

    // A waiting idea merged into a published one: its author hears where the vote went.
    let (s, _, _) = b
        .app
        .send(b.ada.req(
            "PUT",
            "/console/api/tenants/acme/ideas",
            Some(json!({"board": true, "moderated": true, "authors": "first_name"})),
        ))
        .await;
    assert_eq!(s, 200);
    let dave = token("acme", "dave");
    let waiting = share(&b, &dave, "off-0003", "Quicker servers please").await;
    let (s, body, _) = b.merge(&waiting, json!({"into": keep})).await;
    assert_eq!(s, 200, "{body}");
    let told = news(&dave).await;
    assert_eq!(told.as_array().map(Vec::len), Some(1), "{told}");
    assert_eq!(
        (&told[0]["kind"], &told[0]["into_title"]),
        (&json!("merged"), &json!("Faster servers"))
    );
    // The idea it went into is hidden since: the update no longer names it.
    let (s, _, _) = b.change(&keep, json!({"visibility": "hidden"})).await;
    assert_eq!(s, 200);
    let told = news(&dave).await;
    assert_eq!(told[0]["kind"], "merged", "{told}");
    assert!(
        told[0]["into_title"].is_null() && told[0]["into_id"].is_null(),
        "{told}"
    );
    assert!(!told.to_string().contains("10.0.0.7"));
}

/// The same change sent again writes nothing and is audited once: the console's form, or a
/// retry, does not hand the answer to another agent or add audit rows.
#[tokio::test]
async fn a_change_sent_again_changes_nothing() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let id = share(&b, &alice, "same-0001", "IPv6 on every plan").await;
    let change = json!({"title": "IPv6 everywhere", "body": "On every plan.", "answer": "Yes."});
    for _ in 0..2 {
        let (s, body, _) = b.change(&id, change.clone()).await;
        assert_eq!(s, 200, "{body}");
        assert_eq!(body["title"], "IPv6 everywhere");
    }
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'ideas.change' AND subject = $1",
    )
    .bind(&id)
    .fetch_one(&b.app.state.db.pool)
    .await
    .expect("count");
    assert_eq!(audited, 1);
}

/// A retry of a shared suggestion gets its first answer after the board was turned off; a
/// new one is refused at `share`.
#[tokio::test]
async fn a_retry_of_a_shared_idea_is_answered_after_the_board_is_off() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let body = json!({"category": "idea", "message": "Retry me", "share": true});
    let (s, first, _) = b
        .app
        .send(post_feedback(&alice, "retry-share-0001", &body))
        .await;
    assert_eq!(s, 201, "{first}");
    let off = json!({"board": false, "moderated": false, "authors": "first_name"});
    let (s, _, _) = b
        .app
        .send(
            b.ada
                .req("PUT", "/console/api/tenants/acme/ideas", Some(off)),
        )
        .await;
    assert_eq!(s, 200);
    let (s, again, res) = b
        .app
        .send(post_feedback(&alice, "retry-share-0001", &body))
        .await;
    assert_eq!((s.as_u16(), &again["id"]), (201, &first["id"]), "{again}");
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    let (s, refused, _) = b
        .app
        .send(post_feedback(&alice, "retry-share-0002", &body))
        .await;
    assert_eq!(s, 422, "{refused}");
    assert_eq!(fields(&refused), [("share".into(), "out_of_range".into())]);
    assert_eq!(b.app.feedback_rows().await, 1);
}

#[tokio::test]
async fn the_queue_sorts_by_votes_or_by_what_the_voters_pay() {
    let b = board(false).await;
    let catalogue = json!({"plans": [
        {"id": "starter", "name": "Starter", "price": {"cents": 500, "currency": "EUR"}},
        {"id": "pro", "name": "Pro", "price": {"cents": 24000, "currency": "EUR", "period": "year"}}
    ]});
    let (s, body, _) = b
        .app
        .send(b.ada.req(
            "PUT",
            "/console/api/offers/catalogue?tenant=acme",
            Some(catalogue),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    let many = share(
        &b,
        &customer("acme", "s1", "starter"),
        "rev-0001",
        "Many small",
    )
    .await;
    for who in ["s2", "s3"] {
        let (s, _, _) = b
            .app
            .send(send(
                "PUT",
                &format!("/api/v1/ideas/{many}/vote"),
                &customer("acme", who, "starter"),
                None,
            ))
            .await;
        assert_eq!(s, 200);
    }
    let rich = share(&b, &customer("acme", "p1", "pro"), "rev-0002", "One big").await;
    let (_, by_votes, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas?sort=votes", None))
        .await;
    assert_eq!(ids(&by_votes), [many.as_str(), rich.as_str()]);
    let (_, by_revenue, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas?sort=revenue", None))
        .await;
    assert_eq!(ids(&by_revenue), [rich.as_str(), many.as_str()]);
    assert_eq!(by_revenue["items"][0]["revenue_cents"], 2000);
    assert_eq!(by_revenue["items"][1]["revenue_cents"], 1500);
    assert_eq!(by_revenue["items"][0]["currency"], "EUR");

    // A page holds 500: with 500 newer ideas, each with one Starter vote (its author's), the
    // two that pay most still come first (all are priced before the page is read).
    let newer = customer("acme", "n1", "starter");
    for n in 0..500 {
        let body = json!({"category": "idea", "message": format!("Newer idea {n}"), "share": true});
        let (s, fb, _) = b
            .app
            .send(post_feedback(&newer, &format!("rev-newer-{n:04}"), &body))
            .await;
        assert_eq!(s, 201, "{fb}");
    }
    let (_, by_revenue, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas?sort=revenue", None))
        .await;
    let page = ids(&by_revenue);
    assert_eq!(page.len(), 500);
    assert_eq!(page[..2], [rich.clone(), many.clone()]);
    assert_eq!(by_revenue["items"][2]["revenue_cents"], 500);
    let (_, by_new, _) = b
        .app
        .send(b.ada.req("GET", "/console/api/ideas", None))
        .await;
    assert!(!ids(&by_new).contains(&rich), "the newest 500 are others");
}

#[tokio::test]
async fn every_bad_input_is_a_clear_refusal() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let id = share(&b, &alice, "bad-0001", "Something").await;
    let (s, body, _) = b.app.send(get("/api/v1/ideas?view=best", &alice)).await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body), [("view".into(), "out_of_range".into())]);
    let (s, body, _) = b
        .app
        .send(b.ada.req(
            "GET",
            "/console/api/ideas?sort=cheap&status=done&visibility=x",
            None,
        ))
        .await;
    assert_eq!(s, 422);
    let mut got = fields(&body);
    got.sort();
    assert_eq!(
        got,
        [
            ("sort".into(), "out_of_range".into()),
            ("status".into(), "out_of_range".into()),
            ("visibility".into(), "out_of_range".into())
        ]
    );
    let (s, body, _) = b
        .change(
            &id,
            json!({"title": "", "visibility": "merged", "status": "done"}),
        )
        .await;
    assert_eq!(s, 422, "{body}");
    assert_eq!(fields(&body).len(), 3, "{body}");
    let (s, body, _) = b.change(&id, json!({"title": "bidi \u{202e} trick"})).await;
    assert_eq!(s, 422, "{body}");
    let (s, body, _) = b.merge(&id, json!({})).await;
    assert_eq!(s, 422);
    assert_eq!(fields(&body), [("into".into(), "required".into())]);
    let many: Vec<String> = (0..51).map(|i| format!("n{i}")).collect();
    let (s, body, _) = b
        .app
        .send(send(
            "POST",
            "/api/v1/ideas/news/seen",
            &alice,
            Some(json!({"ids": many})),
        ))
        .await;
    assert_eq!(s, 422, "{body}");
    let (s, body, _) = b
        .app
        .send(send(
            "POST",
            "/api/v1/ideas/news/seen",
            &alice,
            Some(json!({"ids": 3})),
        ))
        .await;
    assert_eq!(s.as_u16() / 100, 4, "{body}");
    let (s, body, _) = b
        .app
        .send(b.ada.req(
            "PUT",
            "/console/api/tenants/acme/ideas",
            Some(json!({"authors": "all"})),
        ))
        .await;
    assert_eq!(s.as_u16() / 100, 4, "{body}");
    // Nothing asked of an unknown idea answers anything but 404.
    let (s, _, _) = b
        .app
        .send(send("PUT", "/api/v1/ideas/nope/vote", &alice, None))
        .await;
    assert_eq!(s, 404);
    let (s, _, _) = b.app.send(get("/api/v1/ideas/news", "not-a-token")).await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn an_export_holds_the_accounts_ideas_and_votes_and_an_erase_takes_them_off_the_board() {
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let hers = share(&b, &alice, "rights-0001", "Alice's private thoughts on PHP").await;
    let his = share(&b, &bob, "rights-0002", "Bob wants Redis").await;
    for (who, id) in [(&alice, &his), (&bob, &hers)] {
        let (s, _, _) = b
            .app
            .send(send("PUT", &format!("/api/v1/ideas/{id}/vote"), who, None))
            .await;
        assert_eq!(s, 200);
    }
    let (s, doc, _) = b
        .app
        .send(b.ada.req(
            "GET",
            "/console/api/tenants/acme/customers/alice/export",
            None,
        ))
        .await;
    assert_eq!(s, 200, "{doc}");
    let shared: Vec<&str> = doc["ideas"]
        .as_array()
        .expect("ideas")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert_eq!(shared, [hers.as_str()]);
    let mut voted: Vec<&str> = doc["idea_votes"]
        .as_array()
        .expect("votes")
        .iter()
        .filter_map(|v| v["idea_id"].as_str())
        .collect();
    voted.sort_unstable();
    let mut want = [hers.as_str(), his.as_str()];
    want.sort_unstable();
    assert_eq!(voted, want);

    let (s, erased, _) = b
        .app
        .send(b.ada.req(
            "POST",
            "/console/api/tenants/acme/customers/alice/erase",
            Some(json!({"confirm": "alice"})),
        ))
        .await;
    assert_eq!(s, 200, "{erased}");
    assert_eq!(
        (erased["ideas"].as_u64(), erased["idea_votes"].as_u64()),
        (Some(1), Some(2))
    );
    // Her idea is off the board, its text gone; her vote on Bob's still counts.
    let (_, top, _) = b.app.send(get("/api/v1/ideas", &bob)).await;
    assert_eq!(ids(&top), [his.as_str()]);
    assert_eq!(top["items"][0]["votes"], 2);
    let (_, queued, _) = b
        .app
        .send(
            b.ada
                .req("GET", &format!("/console/api/ideas/{hers}"), None),
        )
        .await;
    assert_eq!(queued["visibility"], "hidden");
    assert!(!queued.to_string().contains("private thoughts"), "{queued}");
    let (_, doc, _) = b
        .app
        .send(b.ada.req(
            "GET",
            "/console/api/tenants/acme/customers/alice/export",
            None,
        ))
        .await;
    assert!(doc["ideas"].as_array().expect("ideas").is_empty(), "{doc}");
    assert!(doc["idea_votes"].as_array().expect("votes").is_empty());
    // Nothing stored about ideas still names her, not even inside an id.
    for (table, id) in [
        ("ideas", "id"),
        ("idea_votes", "idea_id"),
        ("idea_news", "id"),
        ("idea_deflections", "idea_id"),
    ] {
        let named: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE account_id = 'alice' OR {id} LIKE '%alice%'"
        ))
        .fetch_one(&b.app.state.db.pool)
        .await
        .expect("count");
        assert_eq!(named, 0, "{table}");
    }
}

#[tokio::test]
async fn a_panel_on_another_origin_may_vote_and_take_a_vote_back() {
    let app = TestApp::new().await;
    for method in ["PUT", "DELETE"] {
        let preflight = Request::builder()
            .method("OPTIONS")
            .uri("/api/v1/ideas/some-idea/vote")
            .header("origin", "https://panel.example-host.com")
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "authorization")
            .body(Body::empty())
            .expect("request");
        let (s, _, res) = app.send(preflight).await;
        assert_eq!(s, 200, "{method}");
        let allowed = res.headers()["access-control-allow-methods"]
            .to_str()
            .expect("ascii");
        assert!(allowed.contains(method), "{method}: {allowed}");
    }
}

#[tokio::test]
async fn a_script_toggling_votes_is_stopped_at_the_limit_and_others_go_on() {
    use panelcare_model::limits::{LimitedAction, Limits, RATE_MAX, Rate};
    let b = board(false).await;
    let mut limits = Limits::default();
    for a in &mut limits.actions {
        a.account = Rate::new(RATE_MAX, RATE_MAX);
        a.tenant = Rate::new(RATE_MAX, RATE_MAX);
        if a.action == LimitedAction::IdeaVote {
            a.account = Rate::new(4, 1);
        }
    }
    let (s, body, _) = b
        .app
        .send(b.ada.req(
            "PUT",
            "/console/api/tenants/acme/limits",
            Some(serde_json::to_value(&limits).expect("json")),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let id = share(
        &b,
        &alice,
        "limit-0001",
        "Let me pick the PHP version per site",
    )
    .await;
    let vote = format!("/api/v1/ideas/{id}/vote");
    // Vote, take back, vote, "instead": four writes, then the fifth of any kind is refused
    // (marking updates seen shares the count) and changes nothing.
    for (method, path) in [
        ("PUT", vote.clone()),
        ("DELETE", vote.clone()),
        ("PUT", vote.clone()),
        ("POST", format!("/api/v1/ideas/{id}/instead")),
    ] {
        let (s, body, _) = b.app.send(send(method, &path, &bob, None)).await;
        assert_eq!(s, 200, "{method} {path}: {body}");
    }
    for (method, path, body) in [
        ("DELETE", vote.as_str(), None),
        ("POST", "/api/v1/ideas/news/seen", Some(json!({"ids": []}))),
    ] {
        let (s, refused, res) = b.app.send(send(method, path, &bob, body)).await;
        assert_eq!(
            (s.as_u16(), code(&refused)),
            (429, "rate_limited"),
            "{refused}"
        );
        assert!(res.headers().contains_key("retry-after"), "{path}");
    }
    let (_, idea, _) = b.app.send(get(&format!("/api/v1/ideas/{id}"), &bob)).await;
    assert_eq!(
        (idea["votes"].as_i64(), idea["voted"].as_bool()),
        (Some(2), Some(true))
    );
    // Another customer of the same tenant votes as before.
    let carol = token("acme", "carol");
    let (s, idea, _) = b.app.send(send("PUT", &vote, &carol, None)).await;
    assert_eq!(s, 200, "{idea}");
    assert_eq!(idea["votes"], 3);
}

#[tokio::test]
async fn updates_seen_a_month_ago_are_pruned_and_unseen_ones_kept() {
    use panelcare_server::data_rights::retention;
    const DAY_MS: i64 = 24 * 3_600_000;
    let b = board(false).await;
    let alice = token("acme", "alice");
    let bob = token("acme", "bob");
    let id = share(&b, &alice, "prune-0001", "Redis on every plan").await;
    let (s, _, _) = b
        .app
        .send(send("PUT", &format!("/api/v1/ideas/{id}/vote"), &bob, None))
        .await;
    assert_eq!(s, 200);
    let (s, body, _) = b.change(&id, json!({"status": "planned"})).await;
    assert_eq!(s, 200, "{body}");
    // Bob sees his update; Alice has not looked yet.
    let seen = json!({"ids": []});
    let (s, _, _) = b
        .app
        .send(send("POST", "/api/v1/ideas/news/seen", &bob, Some(seen)))
        .await;
    assert_eq!(s, 204);
    let rows = |app: &TestApp| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM idea_news")
                .fetch_one(&pool)
                .await
                .expect("count")
        }
    };
    assert_eq!(rows(&b.app).await, 2);
    let now = panelcare_server::time::now_ms();
    let soon = retention::apply(&b.app.state.db, now + DAY_MS)
        .await
        .expect("retention");
    assert_eq!(soon.idea_news, 0, "seen a day ago: kept");
    let later = retention::apply(&b.app.state.db, now + 31 * DAY_MS)
        .await
        .expect("retention");
    assert_eq!(later.idea_news, 1);
    assert_eq!(rows(&b.app).await, 1);
    let (_, news, _) = b.app.send(get("/api/v1/ideas/news", &alice)).await;
    assert_eq!(news["items"].as_array().map(Vec::len), Some(1), "{news}");
}
