//! Exactly-once storage: retries with one idempotency key make one row and one answer.

use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn a_retry_gets_the_first_answer_and_no_second_row() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let body = json!({"category":"problem","message":"Mail is down","rating":1});
    let (s1, first, r1) = app.send(post_feedback(&t, "retry-key-0001", &body)).await;
    // Same content, different spacing and key order: still the same submission.
    let respaced = json!({"rating":1,"message":"  Mail is down ","category":"problem"});
    let (s2, second, r2) = app
        .send(post_feedback(&t, "retry-key-0001", &respaced))
        .await;
    assert_eq!((s1.as_u16(), s2.as_u16()), (201, 201));
    assert_eq!(first, second);
    assert!(r1.headers().get("idempotent-replayed").is_none());
    assert_eq!(r2.headers()["idempotent-replayed"], "true");
    assert_eq!(app.feedback_rows().await, 1);
}

#[tokio::test]
async fn the_same_key_with_a_different_body_is_refused() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let (s, first, _) = app
        .send(post_feedback(
            &t,
            "reuse-key-0001",
            &json!({"category":"idea","message":"one"}),
        ))
        .await;
    assert_eq!(s, 201);
    let (s, body, _) = app
        .send(post_feedback(
            &t,
            "reuse-key-0001",
            &json!({"category":"idea","message":"two"}),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (422, "idempotency_key_reused"));
    let (_, stored, _) = app
        .send(get(
            &format!("/api/v1/feedback/{}", first["id"].as_str().expect("id")),
            &t,
        ))
        .await;
    assert_eq!(stored["message"], "one");
    assert_eq!(app.feedback_rows().await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_concurrent_copies_make_one_row() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let t = token("acme", "alice");
    let body = json!({"category":"idea","message":"sent from a flaky train connection"});
    all_at_once(&app, 32, || post_feedback(&t, "concurrent-key-1", &body)).await;
    assert_eq!(app.feedback_rows().await, 1);
}

/// A JSON POST with the customer's token and an idempotency key.
fn keyed(
    path: &str,
    token: &str,
    key: &str,
    body: &serde_json::Value,
) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(axum::body::Body::from(body.to_string()))
        .expect("request")
}

/// Sends `copies` of one request at once; every copy must get the same 201 answer.
async fn all_at_once(
    app: &std::sync::Arc<TestApp>,
    copies: usize,
    make: impl Fn() -> axum::http::Request<axum::body::Body>,
) -> serde_json::Value {
    let mut tasks = Vec::new();
    for _ in 0..copies {
        let (app, req) = (app.clone(), make());
        tasks.push(tokio::spawn(async move { app.send(req).await }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        let (s, body, _) = task.await.expect("task");
        assert_eq!(s, 201, "{body}");
        answers.push(body);
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "every copy got the same answer"
    );
    answers.pop().expect("an answer")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_copies_of_a_ticket_and_a_reply_store_each_once() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let t = token("acme", "alice");
    let ticket = json!({"department": "technical", "priority": "critical",
        "subject": "Site down", "message": "Every page answers 503.", "attachments": []});
    let opened = all_at_once(&app, 20, || {
        keyed("/api/v1/tickets", &t, "ticket-at-once-1", &ticket)
    })
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, 1);
    assert_eq!(opened["ticket"]["number"], 1001);
    let id = opened["ticket"]["id"].as_str().expect("id").to_owned();
    let reply = json!({"message": "Still down.", "attachments": []});
    let path = format!("/api/v1/tickets/{id}/replies");
    all_at_once(&app, 20, || keyed(&path, &t, "reply-at-once-1", &reply)).await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM ticket_messages WHERE kind = 'customer'"
        )
        .await,
        2
    );
    // A second ticket of the same tenant, opened by many at once under different keys,
    // takes the next numbers without a gap or a repeat.
    let mut tasks = Vec::new();
    for n in 0..8 {
        let (app, t, body) = (app.clone(), t.clone(), ticket.clone());
        tasks.push(tokio::spawn(async move {
            app.send(keyed(
                "/api/v1/tickets",
                &t,
                &format!("ticket-many-{n}"),
                &body,
            ))
            .await
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        let (s, body, _) = task.await.expect("task");
        assert_eq!(s, 201, "{body}");
        numbers.push(body["ticket"]["number"].as_i64().expect("number"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1002..1010).collect::<Vec<i64>>());
}
