//! Allowed panel origins: a tenant that lists its panels gets the widget API only from them.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

fn from(origin: Option<&str>, token: &str) -> Request<Body> {
    let mut b = Request::get("/api/v1/feedback").header("authorization", format!("Bearer {token}"));
    if let Some(o) = origin {
        b = b.header("origin", o);
    }
    b.body(Body::empty()).expect("request")
}

fn put(cookie: &str, csrf: &str, tenant: &str, body: Value) -> Request<Body> {
    Request::put(format!("/console/api/tenants/{tenant}/origins"))
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

#[tokio::test]
async fn a_listed_tenant_is_served_only_to_its_panels() {
    let app = TestApp::new().await;
    let pw = app
        .agent("bluefox", "bea@bluefox.test", Role::ResellerAdmin)
        .await;
    let (cookie, csrf) = app.sign_in("bea@bluefox.test", &pw).await;
    let milica = token("bluefox", "milica");
    // No list yet: any origin.
    let (s, _, _) = app
        .send(from(Some("https://anything.example"), &milica))
        .await;
    assert_eq!(s, 200);

    let body = json!({"origins": ["https://Panel.BlueFox.example:2083/", "https://panel.bluefox.example:2083", " "]});
    let (s, saved, _) = app.send(put(&cookie, &csrf, "bluefox", body)).await;
    assert_eq!(s, 200, "{saved}");
    assert_eq!(
        saved["origins"],
        json!(["https://panel.bluefox.example:2083"])
    );

    let (s, _, _) = app
        .send(from(Some("https://panel.bluefox.example:2083"), &milica))
        .await;
    assert_eq!(s, 200);
    let (s, b, _) = app.send(from(Some("https://evil.example"), &milica)).await;
    assert_eq!((s.as_u16(), code(&b)), (403, "origin_not_allowed"));
    // No Origin header (the host's backend, or a same-origin GET): not a browser on another page.
    let (s, _, _) = app.send(from(None, &milica)).await;
    assert_eq!(s, 200);
    // Another tenant's list does not apply to Acme.
    let (s, _, _) = app
        .send(from(Some("https://evil.example"), &token("acme", "alice")))
        .await;
    assert_eq!(s, 200);
    // Refused requests store nothing.
    let post = Request::post("/api/v1/feedback")
        .header("authorization", format!("Bearer {milica}"))
        .header("origin", "https://evil.example")
        .header("content-type", "application/json")
        .header("idempotency-key", "origin-key-0001")
        .body(Body::from(
            json!({"category": "idea", "message": "x"}).to_string(),
        ))
        .expect("request");
    let (s, _, _) = app.send(post).await;
    assert_eq!(s, 403);
    assert_eq!(app.feedback_rows().await, 0);
}

#[tokio::test]
async fn bad_origins_and_strangers_are_refused() {
    let app = TestApp::new().await;
    let pw = app
        .agent("bluefox", "bea@bluefox.test", Role::ResellerAdmin)
        .await;
    let (cookie, csrf) = app.sign_in("bea@bluefox.test", &pw).await;
    for bad in [
        json!({"origins": ["http://panel.example"]}),
        json!({"origins": ["https://a.example/path"]}),
        json!({"origins": vec!["https://a.example"; 51]}),
    ] {
        let (s, b, _) = app.send(put(&cookie, &csrf, "bluefox", bad.clone())).await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{bad}");
    }
    let (s, _, _) = app
        .send(put(&cookie, &csrf, "acme", json!({"origins": []})))
        .await;
    assert_eq!(s, 404);
    let apw = app.agent("bluefox", "bob@bluefox.test", Role::Agent).await;
    let (c2, t2) = app.sign_in("bob@bluefox.test", &apw).await;
    let (s, _, _) = app
        .send(put(&c2, &t2, "bluefox", json!({"origins": []})))
        .await;
    assert_eq!(s, 404);
}
