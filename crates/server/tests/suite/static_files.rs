//! Static files: the demo pages carry the strict policy, the widget's files are cacheable.

use crate::common::*;
use axum::{body::Body, http::Request};

#[tokio::test]
async fn demo_pages_are_served_under_a_strict_csp() {
    let app = TestApp::new_with(|c| c.demo = true).await;
    let (s, body, res) = app
        .send(
            Request::get("/demo/cpanel.html")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(s, 200, "{body}");
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .expect("ascii");
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn root_redirects_to_the_demo_in_demo_mode_only_and_health_answers() {
    let app = TestApp::new_with(|c| c.demo = true).await;
    let (s, _, res) = app
        .send(Request::get("/").body(Body::empty()).expect("request"))
        .await;
    assert_eq!(s.as_u16(), 307);
    assert_eq!(res.headers()["location"], "/demo/");

    // A provider's server shows no demo panels and sends no one to them.
    let app = TestApp::new().await;
    for path in ["/", "/demo/", "/demo/cpanel.html", "/demo/billing.html"] {
        let (s, _, res) = app
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        assert_eq!(s.as_u16(), 404, "{path}");
        assert!(res.headers().get("location").is_none(), "{path}");
    }
    let (s, body, _) = app
        .send(
            Request::get("/healthz")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!((s.as_u16(), body.as_str()), (200, Some("ok")));
}

#[tokio::test]
async fn api_preflight_from_a_panel_origin_is_allowed() {
    let app = TestApp::new().await;
    let req = Request::options("/api/v1/feedback")
        .header("origin", "https://panel.example:2083")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,idempotency-key",
        )
        .body(Body::empty())
        .expect("request");
    let (s, _, res) = app.send(req).await;
    assert!(s.is_success(), "{s}");
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn browsers_are_told_to_keep_to_https_when_the_public_address_is_https() {
    let health = || {
        Request::get("/healthz")
            .body(Body::empty())
            .expect("request")
    };
    let app = TestApp::new_with(|c| c.public_url = "https://care.example.com".into()).await;
    for req in [
        health(),
        Request::get("/api/v1/texts/en")
            .body(Body::empty())
            .expect("request"),
        Request::get("/console/api/me")
            .body(Body::empty())
            .expect("request"),
    ] {
        let what = req.uri().to_string();
        let (_, _, res) = app.send(req).await;
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000",
            "{what}"
        );
    }
    // Over plain http (a laptop, a test) the header would lock the name out of the browser.
    let app = TestApp::new().await;
    let (_, _, res) = app.send(health()).await;
    assert!(res.headers().get("strict-transport-security").is_none());
}

/// The console's files are nested at `/console`, its API at `/console/api`: an unknown API
/// address is a JSON refusal like the widget API's, never the console's HTML.
#[tokio::test]
async fn unknown_api_addresses_answer_json_404_under_both_apis() {
    let app = TestApp::new().await;
    for (method, path) in [
        ("GET", "/console/api/nothing-here"),
        ("POST", "/console/api/tickets/x/y/z"),
        ("GET", "/api/v1/nothing-here"),
    ] {
        json_refusal(&app, method, path, 404, "not_found").await;
    }
}

/// `method path` is refused with `status` and a JSON body naming `expected`.
async fn json_refusal(app: &TestApp, method: &str, path: &str, status: u16, expected: &str) {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .expect("request");
    let (s, body, res) = app.send(req).await;
    assert_eq!(s, status, "{method} {path}");
    assert_eq!(res.headers()["content-type"], "application/json", "{path}");
    assert_eq!(code(&body), expected, "{path}");
}

/// A known API address with a method it does not take is a JSON 405 under both APIs.
#[tokio::test]
async fn a_wrong_method_answers_json_405_under_both_apis() {
    let app = TestApp::new().await;
    for (method, path) in [
        ("DELETE", "/console/api/me"),
        ("PUT", "/console/api/login"),
        ("DELETE", "/api/v1/texts/en"),
    ] {
        json_refusal(&app, method, path, 405, "method_not_allowed").await;
    }
}
