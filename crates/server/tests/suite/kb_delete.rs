//! Deleting a knowledge-base article: it is gone for customers and agents (lists, search,
//! reading, "this solved it"), the numbers it earned stay as they were, and another tenant
//! can neither delete it nor see it before or after.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

fn solved(id: &str, account: &str) -> Request<Body> {
    Request::post(format!("/api/v1/kb/{id}/solved"))
        .header(
            "authorization",
            format!("Bearer {}", token("acme", account)),
        )
        .body(Body::empty())
        .expect("request")
}

/// Acme's deflection figures as an admin reads them: (solved by an article, rate).
async fn acme_numbers(app: &TestApp, who: &Who) -> (Value, Value) {
    let (s, n, _) = app
        .send(who.req("GET", "/console/api/ticket-numbers", None))
        .await;
    assert_eq!(s, 200, "{n}");
    let acme = n["tenants"]
        .as_array()
        .expect("tenants")
        .iter()
        .find(|t| t["tenant_id"] == "acme")
        .expect("acme")
        .clone();
    (
        acme["summary"]["solved_by_article"].clone(),
        acme["summary"]["deflection_rate"].clone(),
    )
}

async fn search_titles(app: &TestApp, q: &str) -> Vec<String> {
    let (s, hits, _) = app
        .send(get(
            &format!("/api/v1/kb/search?q={q}"),
            &token("acme", "alice"),
        ))
        .await;
    assert_eq!(s, 200, "{hits}");
    hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|h| h["title"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn a_deleted_article_is_gone_everywhere_but_its_solved_answers_still_count() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    let write = |title: &str| {
        andrej.req(
            "POST",
            "/console/api/kb",
            Some(json!({"tenant_id": "acme", "lang": "en", "title": title,
                "body": "PHP workers are busy; restart them under Select PHP Version.", "published": true})),
        )
    };
    let (s, doomed, _) = app.send(write("Website shows 503 errors")).await;
    assert_eq!(s, 201, "{doomed}");
    let (s, kept, _) = app.send(write("503 after a PHP upgrade")).await;
    assert_eq!(s, 201, "{kept}");
    let id = doomed["id"].as_str().expect("id");
    let kept_id = kept["id"].as_str().expect("id");
    for account in ["alice", "boris"] {
        assert_eq!(app.send(solved(id, account)).await.0, 204);
    }
    assert_eq!(app.send(solved(kept_id, "alice")).await.0, 204);
    let before = acme_numbers(&app, &ada).await;
    assert_eq!(before.0, 3);
    assert_eq!(
        search_titles(&app, "503").await.len(),
        2,
        "both are found first"
    );

    // Another tenant's admin and agent cannot touch it: not found, and it stays.
    for (name, who) in [("bea", &bea), ("bob", &bob)] {
        for method in ["GET", "PUT", "DELETE"] {
            let (s, b, _) = app
                .send(who.req(
                    method,
                    &format!("/console/api/kb/{id}"),
                    Some(json!({"tenant_id": "acme", "lang": "en", "title": "x", "body": "y"})),
                ))
                .await;
            assert_eq!(
                (s.as_u16(), code(&b)),
                (404, "not_found"),
                "{name} {method}"
            );
        }
    }
    let (s, _, _) = app
        .send(andrej.req("GET", &format!("/console/api/kb/{id}"), None))
        .await;
    assert_eq!(s, 200, "still there after the refusals");

    let (s, b, _) = app
        .send(andrej.req("DELETE", &format!("/console/api/kb/{id}"), None))
        .await;
    assert_eq!(s, 204, "{b}");

    // The numbers do not change after the fact.
    assert_eq!(acme_numbers(&app, &ada).await, before);
    let (_, andrejs, _) = app
        .send(andrej.req("GET", "/console/api/ticket-numbers", None))
        .await;
    assert_eq!(andrejs["total"]["solved_by_article"], 3);

    // Agents: not in the list, not readable, not changeable, not deletable twice.
    for who in [&andrej, &ada] {
        let (_, list, _) = app.send(who.req("GET", "/console/api/kb", None)).await;
        let ids: Vec<&str> = list
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        assert_eq!(ids, [kept_id]);
        for method in ["GET", "PUT", "DELETE"] {
            let (s, b, _) = app
                .send(who.req(
                    method,
                    &format!("/console/api/kb/{id}"),
                    Some(
                        json!({"tenant_id": "acme", "lang": "en", "title": "Back", "body": "again",
                        "published": true}),
                    ),
                ))
                .await;
            assert_eq!((s.as_u16(), code(&b)), (404, "not_found"), "{method}");
        }
    }
    // Customers: not suggested, not readable, cannot be marked as solved any more.
    assert_eq!(
        search_titles(&app, "503").await,
        ["503 after a PHP upgrade"]
    );
    assert_eq!(
        search_titles(&app, "website").await,
        Vec::<String>::new(),
        "nor by its own words"
    );
    let (s, _, _) = app
        .send(get(&format!("/api/v1/kb/{id}"), &token("acme", "alice")))
        .await;
    assert_eq!(s, 404);
    let (s, b, _) = app.send(solved(id, "carol")).await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
    assert_eq!(acme_numbers(&app, &ada).await, before);

    // The index stays sound: the live article can still be changed and is found by its
    // new words, and the deleted one's row is kept with who deleted it.
    let (s, b, _) = app
        .send(andrej.req(
            "PUT",
            &format!("/console/api/kb/{kept_id}"),
            Some(json!({"tenant_id": "acme", "lang": "en", "title": "503 after a PHP upgrade or a reboot",
                "body": "Restart PHP.", "published": true})),
        ))
        .await;
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        search_titles(&app, "reboot").await,
        ["503 after a PHP upgrade or a reboot"]
    );
    // SQLite keeps a separate full-text table in step through triggers; PostgreSQL's index
    // is the article's own column, so there is nothing apart to check.
    if app.state.db.engine() == panelcare_server::db::Engine::Sqlite {
        sqlx::query("INSERT INTO kb_fts (kb_fts) VALUES ('integrity-check')")
            .execute(&app.state.db.pool)
            .await
            .expect("the full-text index is consistent");
    }
    let (kept_rows, deleted_by): (i64, Option<String>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM kb_solved WHERE article_id = $1), \
         (SELECT a.email FROM kb_articles k JOIN agents a ON a.id = k.deleted_by WHERE k.id = $1)",
    )
    .bind(id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("row");
    assert_eq!(
        (kept_rows, deleted_by.as_deref()),
        (2, Some("andrej@acme.test"))
    );
}
