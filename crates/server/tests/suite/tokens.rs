//! Identity tokens: every route of the widget API refuses a missing, expired, forged or
//! foreign token, and nothing is stored.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_server::auth::sign;
use serde_json::json;

/// Every widget API route, called with `auth` as the Authorization header value.
fn every_route(auth: Option<&str>) -> Vec<Request<Body>> {
    let with = |b: axum::http::request::Builder| match auth {
        Some(a) => b.header("authorization", a),
        None => b,
    };
    vec![
        with(Request::post("/api/v1/feedback"))
            .header("content-type", "application/json")
            .header("idempotency-key", "token-key-0001")
            .body(Body::from(
                json!({"category":"idea","message":"x"}).to_string(),
            ))
            .expect("request"),
        with(Request::get("/api/v1/feedback"))
            .body(Body::empty())
            .expect("request"),
        with(Request::get("/api/v1/feedback/some-id"))
            .body(Body::empty())
            .expect("request"),
        with(Request::post("/api/v1/widget-errors"))
            .header("content-type", "application/json")
            .body(Body::from(json!({"kind": "api"}).to_string()))
            .expect("request"),
    ]
}

async fn all_refused(app: &TestApp, auth: Option<&str>, want: &str) {
    for req in every_route(auth) {
        let what = format!("{} {}", req.method(), req.uri());
        let (s, body, _) = app.send(req).await;
        assert_eq!(
            (s.as_u16(), code(&body)),
            (401, want),
            "{what} with {auth:?}: {body}"
        );
    }
    assert_eq!(app.feedback_rows().await, 0);
}

#[tokio::test]
async fn missing_or_malformed_authorization() {
    let app = TestApp::new().await;
    all_refused(&app, None, "missing_token").await;
    all_refused(&app, Some("Basic YWxpY2U6cHc="), "invalid_token").await;
    all_refused(&app, Some("Bearer "), "invalid_token").await;
    all_refused(&app, Some("Bearer not.a.jwt"), "invalid_token").await;
    all_refused(&app, Some("Bearer abc"), "invalid_token").await;
}

#[tokio::test]
async fn expired_tokens_say_so() {
    let app = TestApp::new().await;
    let mut c = claims("acme", "alice");
    c.iat -= 1200;
    c.exp = c.iat + 600;
    let t = sign(&c, "k1", ACME_SECRET);
    all_refused(&app, Some(&format!("Bearer {t}")), "token_expired").await;
}

#[tokio::test]
async fn forged_and_foreign_tokens_are_invalid() {
    let app = TestApp::new().await;
    let c = claims("acme", "alice");
    let mut cases = vec![
        // Signed with a secret the tenant never had.
        sign(&c, "k1", "guessed-secret"),
        // Signed by tenant bluefox but claiming to be acme.
        sign(&c, "k1", BLUEFOX_SECRET),
        // A key id the tenant does not have.
        sign(&c, "k9", ACME_SECRET),
        // A tenant that does not exist.
        sign(&claims("nobody", "alice"), "k1", ACME_SECRET),
    ];
    let mut wrong_aud = c.clone();
    wrong_aud.aud = "someone-else".into();
    cases.push(sign(&wrong_aud, "k1", ACME_SECRET));
    let mut too_long = c.clone();
    too_long.exp = too_long.iat + 24 * 3600;
    cases.push(sign(&too_long, "k1", ACME_SECRET));
    let mut future = c.clone();
    future.iat += 3600;
    future.exp = future.iat + 600;
    cases.push(sign(&future, "k1", ACME_SECRET));
    let mut no_sub = c.clone();
    no_sub.sub = String::new();
    cases.push(sign(&no_sub, "k1", ACME_SECRET));
    // alg "none" with the signature stripped.
    let good = sign(&c, "k1", ACME_SECRET);
    let payload = good.split('.').nth(1).expect("payload");
    cases.push(format!(
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIiwia2lkIjoiazEifQ.{payload}."
    ));
    // The right token with one byte of the payload changed.
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].replacen('e', "f", 1);
    cases.push(parts.join("."));
    for t in cases {
        all_refused(&app, Some(&format!("Bearer {t}")), "invalid_token").await;
    }
}

#[tokio::test]
async fn a_second_live_key_works_for_rotation() {
    let app = TestApp::new().await;
    // Asked for before it exists: refused, and the refusal is not remembered.
    let early = sign(&claims("acme", "alice"), "k2", "rotated-secret-000000000");
    let (s, body, _) = app.send(get("/api/v1/feedback", &early)).await;
    assert_eq!((s.as_u16(), code(&body)), (401, "invalid_token"));
    panelcare_server::agents::store::put_key(
        &app.state.db,
        "acme",
        "k2",
        "rotated-secret-000000000",
    )
    .await
    .expect("key");
    for (kid, secret) in [("k1", ACME_SECRET), ("k2", "rotated-secret-000000000")] {
        let t = sign(&claims("acme", "alice"), kid, secret);
        let (s, _, _) = app.send(get("/api/v1/feedback", &t)).await;
        assert_eq!(s, 200, "{kid}");
    }
}

#[tokio::test]
async fn a_token_is_refused_before_its_not_before_time() {
    let app = TestApp::new().await;
    let mut early = claims("acme", "alice");
    early.nbf = Some(early.iat + 300);
    let t = sign(&early, "k1", ACME_SECRET);
    all_refused(&app, Some(&format!("Bearer {t}")), "invalid_token").await;

    // Within the clock leeway (30 s), and in the past, it is good.
    for nbf in [early.iat + 20, early.iat - 60] {
        let mut ok = claims("acme", "alice");
        ok.nbf = Some(nbf);
        let t = sign(&ok, "k1", ACME_SECRET);
        let (s, body, _) = app.send(get("/api/v1/feedback", &t)).await;
        assert_eq!(s, 200, "nbf {nbf}: {body}");
    }

    // A `nbf` that is not a number is not ignored.
    let mut value = serde_json::to_value(claims("acme", "alice")).expect("claims");
    value["nbf"] = json!("tomorrow");
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some("k1".into());
    let t = jsonwebtoken::encode(
        &header,
        &value,
        &jsonwebtoken::EncodingKey::from_secret(ACME_SECRET.as_bytes()),
    )
    .expect("token");
    all_refused(&app, Some(&format!("Bearer {t}")), "invalid_token").await;
}
