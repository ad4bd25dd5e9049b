//! Password reset: a one-time, expiring link by e-mail sets a new password and ends the
//! account's sessions; an unknown e-mail gets the same answer and no e-mail; requests are
//! throttled; used, expired and made-up links are refused.

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

fn post(path: &str, body: Value) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn ask(email: &str) -> Request<Body> {
    post("/console/api/password-reset", json!({ "email": email }))
}

fn set(token: &str, password: &str) -> Request<Body> {
    post(
        "/console/api/password-reset/confirm",
        json!({ "token": token, "password": password }),
    )
}

/// The reset e-mails waiting in the outbox: (to, body).
async fn reset_mails(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT target, body FROM notifications WHERE event = 'account.password_reset' ORDER BY id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("mails")
}

fn token_in(body: &str) -> String {
    body.split("#reset=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("a link")
        .to_owned()
}

#[tokio::test]
async fn a_link_sets_a_new_password_once_and_ends_the_old_sessions() {
    let app = TestApp::new().await;
    let old = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let (cookie, _) = app.sign_in("ada@acme.test", &old).await;

    let (s, body, _) = app.send(ask("ADA@acme.test ")).await;
    assert_eq!(s, 202, "{body}");
    let mails = reset_mails(&app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0, "ada@acme.test");
    let token = token_in(&mails[0].1);

    let (s, body, _) = app.send(set(&token, "short")).await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
    assert_eq!(
        fields(&body),
        vec![("password".into(), "out_of_range".into())]
    );

    let new = "a brand new password";
    let (s, body, _) = app.send(set(&token, new)).await;
    assert_eq!(s, 204, "{body}");
    // The old password and the old session are gone; the new password signs in.
    let (s, _, _) = app
        .send(post(
            "/console/api/login",
            json!({"email": "ada@acme.test", "password": old}),
        ))
        .await;
    assert_eq!(s, 401);
    let me = Request::get("/console/api/me")
        .header("cookie", &cookie)
        .body(Body::empty())
        .expect("request");
    let (s, _, _) = app.send(me).await;
    assert_eq!(s, 401);
    app.sign_in("ada@acme.test", new).await;
    // The link worked once.
    let (s, body, _) = app.send(set(&token, "yet another password")).await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
    assert_eq!(
        fields(&body),
        vec![("token".into(), "unknown_value".into())]
    );
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answer_and_no_mail() {
    let app = TestApp::new().await;
    app.agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let (s1, known, _) = app.send(ask("ada@acme.test")).await;
    let (s2, unknown, _) = app.send(ask("nobody@acme.test")).await;
    assert_eq!((s1, &known), (s2, &unknown));
    assert_eq!(reset_mails(&app).await.len(), 1);
}

#[tokio::test]
async fn expired_and_made_up_links_are_refused() {
    let app = TestApp::new().await;
    app.agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    app.send(ask("ada@acme.test")).await;
    let token = token_in(&reset_mails(&app).await[0].1);
    sqlx::query("UPDATE password_resets SET expires_at = 0")
        .execute(&app.state.db.pool)
        .await
        .expect("expire");
    for t in [token.as_str(), "made-up-token"] {
        let (s, body, _) = app.send(set(t, "a brand new password")).await;
        assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"), "{t}");
    }
}

#[tokio::test]
async fn requests_are_throttled_per_email_so_no_inbox_is_flooded() {
    let app = TestApp::new().await;
    app.agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let (s, _, _) = app.send(ask("ada@acme.test")).await;
        statuses.push(s.as_u16());
    }
    assert_eq!(statuses, vec![202, 202, 202, 429, 429]);
    assert_eq!(reset_mails(&app).await.len(), 3);
    // Unknown e-mails are throttled alike.
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let (s, _, _) = app.send(ask("nobody@acme.test")).await;
        statuses.push(s.as_u16());
    }
    assert_eq!(statuses, vec![202, 202, 202, 429]);
}
