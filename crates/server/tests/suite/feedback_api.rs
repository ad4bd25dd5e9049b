//! The feedback API: storing, listing and reading, and a clear 4xx for every bad input.

use crate::common::*;
use axum::{body::Body, http::Request};
use serde_json::{Value, json};

fn good() -> Value {
    json!({ "category": "idea", "message": "Add a dark theme", "rating": 5,
            "page": "https://panel.example/cpsess123/frontend/jupiter/index.html?token=x" })
}

#[tokio::test]
async fn a_suggestion_is_stored_listed_and_read_back() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let (status, body, res) = app.send(post_feedback(&t, "key-00000001", &good())).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["category"], "idea");
    assert_eq!(body["status"], "new");
    assert_eq!(body["rating"], 5);
    // The cPanel session token and the query string are not kept.
    assert_eq!(
        body["page"],
        "https://panel.example/cpsess/frontend/jupiter/index.html"
    );
    let id = body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        res.headers()["location"],
        format!("/api/v1/feedback/{id}").as_str()
    );

    let (status, list, _) = app.send(get("/api/v1/feedback", &t)).await;
    assert_eq!(status, 200);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(list["items"][0]["id"], id.as_str());

    let (status, one, _) = app.send(get(&format!("/api/v1/feedback/{id}"), &t)).await;
    assert_eq!(status, 200);
    assert_eq!(one, body);
}

#[tokio::test]
async fn list_is_newest_first_and_only_the_callers_own() {
    let app = TestApp::new().await;
    let alice = token("acme", "alice");
    for (i, msg) in ["first", "second"].iter().enumerate() {
        let body = json!({ "category": "other", "message": msg });
        let (s, _, _) = app
            .send(post_feedback(&alice, &format!("alice-key-{i:04}"), &body))
            .await;
        assert_eq!(s, 201);
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    let bob = token("acme", "bob");
    let (s, _, _) = app
        .send(post_feedback(
            &bob,
            "bob-key-0001",
            &json!({"category":"praise","message":"great"}),
        ))
        .await;
    assert_eq!(s, 201);

    let (_, list, _) = app.send(get("/api/v1/feedback", &alice)).await;
    let msgs: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["message"].as_str())
        .collect();
    assert_eq!(msgs, ["second", "first"]);
}

/// Sends `body` (raw) and expects `status` and `code`, with no row stored.
async fn refused(app: &TestApp, req: Request<Body>, status: u16, want: &str) -> Value {
    let before = app.feedback_rows().await;
    let (s, body, _) = app.send(req).await;
    assert_eq!(s.as_u16(), status, "{body}");
    assert_eq!(code(&body), want, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.len() > 10),
        "{body}"
    );
    assert_eq!(app.feedback_rows().await, before, "nothing stored");
    body
}

fn raw(token: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post("/api/v1/feedback")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", content_type)
        .header("idempotency-key", "raw-key-0001")
        .body(body.into())
        .expect("request")
}

#[tokio::test]
async fn field_errors_name_the_field() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let cases = [
        (
            json!({"category": "idea", "message": ""}),
            vec![("message", "required")],
        ),
        (
            json!({"category": "idea", "message": " \n\t "}),
            vec![("message", "required")],
        ),
        (json!({"category": "idea"}), vec![("message", "required")]),
        (
            json!({"category": "idea", "message": "x".repeat(4001)}),
            vec![("message", "too_long")],
        ),
        (
            json!({"category": "bug", "message": "x"}),
            vec![("category", "unknown_category")],
        ),
        (json!({"message": "x"}), vec![("category", "required")]),
        (
            json!({"category": "idea", "message": "x", "rating": 0}),
            vec![("rating", "out_of_range")],
        ),
        (
            json!({"category": "idea", "message": "x", "rating": 6}),
            vec![("rating", "out_of_range")],
        ),
        (
            json!({"category": "idea", "message": "x", "page": "javascript:alert(1)"}),
            vec![("page", "invalid_url")],
        ),
        (
            json!({"category": "idea", "message": "x", "rating": "five"}),
            vec![("rating", "invalid_type")],
        ),
        (
            json!({"category": 7, "message": "x"}),
            vec![("category", "invalid_type")],
        ),
    ];
    for (i, (body, want)) in cases.into_iter().enumerate() {
        let req = post_feedback(&t, &format!("field-key-{i:04}"), &body);
        let status = if want[0].1 == "invalid_type" {
            "invalid_body"
        } else {
            "validation_failed"
        };
        let res = refused(&app, req, 422, status).await;
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(f, c)| (f.to_string(), c.to_string()))
            .collect();
        assert_eq!(fields(&res), want, "case {i}: {body}");
    }
}

#[tokio::test]
async fn broken_bodies_are_refused_with_their_own_codes() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    refused(
        &app,
        raw(&t, "application/json", "{\"category\": \"idea\", "),
        400,
        "malformed_json",
    )
    .await;
    refused(
        &app,
        raw(&t, "application/json", "not json"),
        400,
        "malformed_json",
    )
    .await;
    refused(&app, raw(&t, "application/json", ""), 400, "malformed_json").await;
    refused(
        &app,
        raw(&t, "application/json", "[1,2]"),
        422,
        "invalid_body",
    )
    .await;
    // Every body is an object: serde would read a struct whose fields are all optional (the
    // offers request) from an array of them, and the offers API answered `[null, null]`.
    for (path, body) in [
        ("/api/v1/offers", "[null, null]"),
        ("/api/v1/offers", " []"),
        ("/api/v1/offers", "null"),
        ("/api/v1/feedback", "\"idea\""),
        ("/api/v1/feedback", "7"),
    ] {
        let req = Request::post(path)
            .header("authorization", format!("Bearer {t}"))
            .header("content-type", "application/json")
            .header("idempotency-key", "raw-key-0002")
            .body(Body::from(body))
            .expect("request");
        let answer = refused(&app, req, 422, "invalid_body").await;
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("object")),
            "{path} {body}: {answer}"
        );
    }
    refused(
        &app,
        raw(&t, "text/plain", good().to_string()),
        415,
        "unsupported_media_type",
    )
    .await;
    let huge = json!({"category": "idea", "message": "x".repeat(70 * 1024)}).to_string();
    refused(
        &app,
        raw(&t, "application/json", huge),
        413,
        "body_too_large",
    )
    .await;
}

#[tokio::test]
async fn idempotency_key_is_required_and_checked() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let no_key = Request::post("/api/v1/feedback")
        .header("authorization", format!("Bearer {t}"))
        .header("content-type", "application/json")
        .body(Body::from(good().to_string()))
        .expect("request");
    refused(&app, no_key, 400, "missing_idempotency_key").await;
    for bad in [
        "short",
        "has space in it",
        &"k".repeat(129),
        "ключ-ключ-ключ",
    ] {
        let req = Request::post("/api/v1/feedback")
            .header("authorization", format!("Bearer {t}"))
            .header("content-type", "application/json")
            .header(
                "idempotency-key",
                axum::http::HeaderValue::from_bytes(bad.as_bytes()).expect("hv"),
            )
            .body(Body::from(good().to_string()))
            .expect("request");
        refused(&app, req, 400, "invalid_idempotency_key").await;
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_in_json() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let (s, body, _) = app.send(get("/api/v1/nothing-here", &t)).await;
    assert_eq!((s.as_u16(), code(&body)), (404, "not_found"));
    let del = Request::delete("/api/v1/feedback")
        .body(Body::empty())
        .expect("request");
    let (s, body, _) = app.send(del).await;
    assert_eq!((s.as_u16(), code(&body)), (405, "method_not_allowed"));
    let (s, body, _) = app.send(get("/api/v1/feedback/does-not-exist", &t)).await;
    assert_eq!((s.as_u16(), code(&body)), (404, "not_found"));
}

#[tokio::test]
async fn script_in_a_message_is_stored_as_given() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let msg = "<script>alert(1)</script><img src=x onerror=alert(2)> '\"; DROP TABLE feedback;--";
    let (s, body, _) = app
        .send(post_feedback(
            &t,
            "xss-key-0001",
            &json!({"category":"other","message":msg}),
        ))
        .await;
    assert_eq!(s, 201);
    assert_eq!(body["message"], msg);
    assert_eq!(app.feedback_rows().await, 1);
}

#[tokio::test]
async fn a_nul_character_is_refused_on_every_engine() {
    let app = TestApp::new().await;
    let t = token("acme", "alice");
    let (s, b, _) = app
        .send(post_feedback(
            &t,
            "nul-key-0001",
            &json!({"category": "idea", "message": "before\u{0}after"}),
        ))
        .await;
    // Named on its field, as the text hygiene rule names the other control characters.
    assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{b}");
    assert_eq!(
        fields(&b),
        [("message".to_owned(), "forbidden_characters".to_owned())]
    );
    assert_eq!(app.feedback_rows().await, 0);
    // In an address too: never a 500, whichever engine stores the rows.
    let (s, b, _) = app.send(get("/api/v1/tickets/abc%00def", &t)).await;
    assert!(s.is_client_error(), "{s} {b}");
    // A host's claims lose control characters before anything is stored.
    let mut c = claims("acme", "nul");
    c.name = Some("Ni\u{0}ko".into());
    let nul = panelcare_server::auth::sign(&c, "k1", ACME_SECRET);
    let ticket = json!({"department": "technical", "priority": "low", "subject": "Hello",
        "message": "Hello there.", "attachments": []});
    let req = axum::http::Request::post("/api/v1/tickets")
        .header("authorization", format!("Bearer {nul}"))
        .header("content-type", "application/json")
        .header("idempotency-key", "nul-key-0002")
        .body(axum::body::Body::from(ticket.to_string()))
        .expect("request");
    let (s, b, _) = app.send(req).await;
    assert_eq!(s, 201, "{b}");
    let name: Option<String> =
        sqlx::query_scalar("SELECT account_name FROM tickets WHERE account_id = 'nul'")
            .fetch_one(&app.state.db.pool)
            .await
            .expect("stored");
    assert_eq!(name.as_deref(), Some("Niko"));
}
