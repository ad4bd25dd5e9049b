//! The widget's own frame page: served only for known tenants and widget kinds, embeddable
//! only by the tenant's panel origins, and the API taking the frame's same-origin calls.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::json;

fn page(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

#[tokio::test]
async fn the_frame_is_served_for_known_tenants_and_kinds_with_its_own_policy() {
    let app = TestApp::new().await;
    let (s, body, res) = app.send_raw(page("/frame/acme?kind=tickets")).await;
    assert_eq!(s, 200);
    let html = String::from_utf8(body).expect("utf-8");
    assert!(
        // Marked as framed: the widget draws its notices bar as the frame's content.
        html.contains(r#"<div data-panelcare="tickets" data-framed></div>"#),
        "{html}"
    );
    assert!(html.contains("/adapters/frame-host.js"));
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.ends_with("frame-ancestors *"),
        "{csp}"
    );
    for bad in [
        "/frame/nobody?kind=tickets",
        "/frame/acme?kind=admin",
        "/frame/acme",
    ] {
        let (s, _, _) = app.send_raw(page(bad)).await;
        assert_eq!(s, 404, "{bad}");
    }
    // Once the tenant lists its panels, only they may embed the frame.
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let origins =
        json!({"origins": ["https://panel.acme.example:2083", "https://billing.acme.example"]});
    let (s, b, _) = app
        .send(admin.req("PUT", "/console/api/tenants/acme/origins", Some(origins)))
        .await;
    assert_eq!(s, 200, "{b}");
    let (_, _, res) = app.send_raw(page("/frame/acme?kind=feedback")).await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.ends_with(
            "frame-ancestors https://billing.acme.example https://panel.acme.example:2083"
        ),
        "{csp}"
    );
}

#[tokio::test]
async fn the_api_takes_the_frames_calls_but_not_other_origins() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "ada", Role::ProviderAdmin).await;
    let origins = json!({"origins": ["https://panel.acme.example"]});
    app.send(admin.req("PUT", "/console/api/tenants/acme/origins", Some(origins)))
        .await;
    let with = |origin: &str| {
        Request::get("/api/v1/feedback")
            .header(
                "authorization",
                format!("Bearer {}", token("acme", "alice")),
            )
            .header("host", "care.example.com")
            .header("origin", origin)
            .body(Body::empty())
            .expect("request")
    };
    // The frame: its origin is the server's own host.
    assert_eq!(app.send(with("https://care.example.com")).await.0, 200);
    assert_eq!(app.send(with("https://panel.acme.example")).await.0, 200);
    let (s, b, _) = app.send(with("https://evil.example")).await;
    assert_eq!((s.as_u16(), code(&b)), (403, "origin_not_allowed"));
    // A look-alike of the server's host is another origin.
    let (s, _, _) = app
        .send(with("https://care.example.com.evil.example"))
        .await;
    assert_eq!(s, 403);
}
