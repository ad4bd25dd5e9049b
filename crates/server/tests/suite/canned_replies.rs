//! Changing a canned reply: the same checks and the same rights as adding one (any agent for
//! their own tenant, admins for the tenants they administer), and not found outside them.

use crate::common::*;
use panelcare_model::{console::Role, ticket::BODY_MAX_CHARS};
use serde_json::{Value, json};

async fn add(app: &TestApp, who: &Who, tenant: &str, title: &str) -> String {
    let (s, c, _) = app
        .send(who.req(
            "POST",
            "/console/api/canned-replies",
            Some(json!({"tenant_id": tenant, "title": title, "body": "We cleaned up your disk."})),
        ))
        .await;
    assert_eq!(s, 201, "{c}");
    c["id"].as_str().expect("id").to_owned()
}

async fn stored(app: &TestApp, id: &str) -> (String, String, String) {
    sqlx::query_as("SELECT tenant_id, title, body FROM canned_replies WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row")
}

fn edit(tenant: &str, title: &str, body: &str) -> Option<Value> {
    Some(json!({"tenant_id": tenant, "title": title, "body": body}))
}

#[tokio::test]
async fn a_canned_reply_is_changed_by_those_who_may_add_one() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let ada = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    let acme = add(&app, &andrej, "acme", "Disk full").await;
    let fox = add(&app, &ada, "bluefox", "Mail quota").await;

    let path = format!("/console/api/canned-replies/{acme}");
    let (s, changed, _) = app
        .send(andrej.req(
            "PUT",
            &path,
            edit("acme", "  Disk quota full ", " We removed old backups. "),
        ))
        .await;
    assert_eq!(s, 200, "{changed}");
    assert_eq!(
        changed,
        json!({"id": acme, "tenant_id": "acme", "title": "Disk quota full", "body": "We removed old backups."})
    );
    let (_, list, _) = app
        .send(andrej.req("GET", "/console/api/canned-replies", None))
        .await;
    assert_eq!(list, json!([changed]), "the list has the new text");

    // (who, reply, may change it): an agent only its own tenant's, admins their tenants'.
    for (name, who, id, tenant, allowed) in [
        ("bea", &bea, &acme, "acme", false),
        ("bob", &bob, &acme, "acme", false),
        ("andrej", &andrej, &fox, "bluefox", false),
        ("bob", &bob, &fox, "bluefox", true),
        ("bea", &bea, &fox, "bluefox", true),
        ("ada", &ada, &fox, "bluefox", true),
        ("ada", &ada, &acme, "acme", true),
    ] {
        let before = stored(&app, id).await;
        let title = format!("Changed by {name}");
        let (s, b, _) = app
            .send(who.req(
                "PUT",
                &format!("/console/api/canned-replies/{id}"),
                edit(tenant, &title, "text"),
            ))
            .await;
        if allowed {
            assert_eq!(
                (s.as_u16(), b["title"].as_str()),
                (200, Some(title.as_str())),
                "{name} {tenant}: {b}"
            );
        } else {
            assert_eq!(
                (s.as_u16(), code(&b)),
                (404, "not_found"),
                "{name} {tenant}"
            );
            assert_eq!(stored(&app, id).await, before, "{name} changed nothing");
        }
    }
    let (s, b, _) = app
        .send(andrej.req(
            "PUT",
            "/console/api/canned-replies/no-such-reply",
            edit("acme", "t", "b"),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (404, "not_found"));

    // Refused bodies change nothing and say why.
    let path = format!("/console/api/canned-replies/{acme}");
    let before = stored(&app, &acme).await;
    let long_body = "x".repeat(BODY_MAX_CHARS + 1);
    for (body, want) in [
        (edit("acme", "", "b"), ("validation_failed", "title")),
        (
            edit("acme", &"x".repeat(101), "b"),
            ("validation_failed", "title"),
        ),
        (edit("acme", "t", "   "), ("validation_failed", "body")),
        (edit("acme", "t", &long_body), ("validation_failed", "body")),
        (
            edit("bluefox", "t", "b"),
            ("validation_failed", "tenant_id"),
        ),
        (
            Some(json!({"title": "t", "body": "b"})),
            ("invalid_body", ""),
        ),
        (
            Some(json!({"tenant_id": "acme", "title": 5, "body": "b"})),
            ("invalid_body", "title"),
        ),
    ] {
        let (s, b, _) = app.send(andrej.req("PUT", &path, body.clone())).await;
        let field = fields(&b).first().map(|f| f.0.clone()).unwrap_or_default();
        assert_eq!(
            (s.as_u16(), code(&b), field.as_str()),
            (422, want.0, want.1),
            "{body:?}: {b}"
        );
    }
    assert_eq!(stored(&app, &acme).await, before);
}
