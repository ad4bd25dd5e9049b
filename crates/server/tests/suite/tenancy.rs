//! Tenant and account isolation: a customer only ever reaches their own suggestions.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn nobody_else_reads_a_suggestion() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    let (s, body, _) = app
        .send(post_feedback(
            &alice,
            "tenancy-key-01",
            &json!({"category":"idea","message":"mine"}),
        ))
        .await;
    assert_eq!(s, 201);
    let path = format!("/api/v1/feedback/{}", body["id"].as_str().expect("id"));

    // Same account id, other tenant; other account, same tenant.
    for other in [token("bluefox", "alice"), token("acme", "bob")] {
        let (s, b, _) = app.send(get(&path, &other)).await;
        assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));
        let (s, list, _) = app.send(get("/api/v1/feedback", &other)).await;
        assert_eq!(s, 200);
        assert_eq!(list["items"], json!([]));
    }
}

#[tokio::test]
async fn the_same_key_in_another_tenant_or_account_is_a_different_submission() {
    let app = TestApp::new().await;
    let body = json!({"category":"idea","message":"same key"});
    for t in [
        token("acme", "alice"),
        token("bluefox", "alice"),
        token("acme", "bob"),
    ] {
        let (s, _, res) = app.send(post_feedback(&t, "shared-key-001", &body)).await;
        assert_eq!(s, 201);
        assert!(res.headers().get("idempotent-replayed").is_none());
    }
    assert_eq!(app.feedback_rows().await, 3);
}

#[tokio::test]
async fn rows_are_stored_under_the_tokens_tenant_and_account() {
    let app = TestApp::new().await;
    // A client cannot pick its tenant: extra fields naming one are ignored.
    let body = json!({"category":"idea","message":"x","tenant_id":"bluefox","account_id":"eve"});
    let (s, _, _) = app
        .send(post_feedback(
            &token("acme", "alice"),
            "owner-key-001",
            &body,
        ))
        .await;
    assert_eq!(s, 201);
    let (tenant, account): (String, String) =
        sqlx::query_as("SELECT tenant_id, account_id FROM feedback")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("row");
    assert_eq!((tenant.as_str(), account.as_str()), ("acme", "alice"));
}
