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
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let (app, t, body) = (app.clone(), t.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            app.send(post_feedback(&t, "concurrent-key-1", &body)).await
        }));
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
    assert_eq!(app.feedback_rows().await, 1);
}
