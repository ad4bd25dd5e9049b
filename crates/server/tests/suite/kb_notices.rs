//! The knowledge base (search while typing, safe HTML, "this solved it" once per customer)
//! and notices (current and upcoming, only to the customers they concern).

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::{Value, json};

async fn article(
    app: &TestApp,
    who: &Who,
    tenant: &str,
    lang: &str,
    title: &str,
    body: &str,
) -> Value {
    let (s, a, _) = app
        .send(who.req(
            "POST",
            "/console/api/kb",
            Some(json!({"tenant_id": tenant, "lang": lang,
            "title": title, "body": body, "published": true})),
        ))
        .await;
    assert_eq!(s, 201, "{a}");
    a
}

fn customer_post(path: &str, token: &str) -> Request<Body> {
    Request::post(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

#[tokio::test]
async fn customers_find_articles_as_they_type_and_read_them_safely() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let bea = signed_in(&app, "bluefox", "bea", Role::ResellerAdmin).await;
    let a = article(&app, &andrej, "acme", "en", "Website shows 503 Service Unavailable",
        "A **503** usually means PHP workers are busy.\n\n<script>alert(1)</script>\n\n[Status page](javascript:alert(1)) and [docs](https://docs.acme.example/503).").await;
    article(
        &app,
        &andrej,
        "acme",
        "en",
        "Resetting your mail password",
        "Open Mail › Accounts.",
    )
    .await;
    article(
        &app,
        &andrej,
        "acme",
        "ru",
        "Сайт отвечает 503",
        "Проверьте PHP.",
    )
    .await;
    article(
        &app,
        &bea,
        "bluefox",
        "en",
        "503 errors on BlueFox",
        "Restart the app.",
    )
    .await;
    let (s, draft, _) = app
        .send(andrej.req(
            "POST",
            "/console/api/kb",
            Some(json!({"tenant_id": "acme", "lang": "en",
            "title": "503 draft", "body": "not yet", "published": false})),
        ))
        .await;
    assert_eq!(s, 201, "{draft}");

    let alice = token("acme", "alice");
    let (s, hits, _) = app
        .send(get("/api/v1/kb/search?q=site%20503", &alice))
        .await;
    assert_eq!(s, 200, "{hits}");
    let titles: Vec<&str> = hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert_eq!(
        titles,
        ["Website shows 503 Service Unavailable"],
        "own tenant, own language, published only"
    );
    let (_, prefix, _) = app.send(get("/api/v1/kb/search?q=passw", &alice)).await;
    assert_eq!(
        prefix["items"][0]["title"], "Resetting your mail password",
        "prefixes match while typing"
    );
    for q in ["%22%20OR%20*", "NEAR(", "a", ""] {
        let (s, b, _) = app
            .send(get(&format!("/api/v1/kb/search?q={q}"), &alice))
            .await;
        assert_eq!(s, 200, "{q}: {b}");
    }
    let (s, b, _) = app
        .send(get(
            &format!("/api/v1/kb/search?q={}", "x".repeat(201)),
            &alice,
        ))
        .await;
    assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"));

    let id = a["id"].as_str().expect("id");
    let (s, read, _) = app.send(get(&format!("/api/v1/kb/{id}"), &alice)).await;
    assert_eq!(s, 200);
    let html = read["html"].as_str().expect("html");
    assert!(html.contains("<strong>503</strong>"));
    assert!(html.contains("https://docs.acme.example/503"));
    assert!(
        !html.contains("<script") && !html.contains("javascript:") && html.contains("Status page"),
        "{html}"
    );
    // Another tenant's customer, and anyone for a draft, finds nothing.
    let (s, _, _) = app
        .send(get(
            &format!("/api/v1/kb/{id}"),
            &token("bluefox", "milica"),
        ))
        .await;
    assert_eq!(s, 404);
    let (s, _, _) = app
        .send(get(
            &format!("/api/v1/kb/{}", draft["id"].as_str().expect("id")),
            &alice,
        ))
        .await;
    assert_eq!(s, 404);

    // Reading again counts no second view: a client fetching the article in a loop writes
    // nothing.
    for _ in 0..3 {
        let (s, _, _) = app.send(get(&format!("/api/v1/kb/{id}"), &alice)).await;
        assert_eq!(s, 200);
    }
    // "This solved it" counts each customer once.
    for t in [&alice, &alice, &token("acme", "boris")] {
        let (s, _, _) = app
            .send(customer_post(&format!("/api/v1/kb/{id}/solved"), t))
            .await;
        assert_eq!(s, 204);
    }
    let (s, _, _) = app
        .send(customer_post(
            &format!("/api/v1/kb/{id}/solved"),
            &token("bluefox", "milica"),
        ))
        .await;
    assert_eq!(s, 404);
    let (_, mine, _) = app
        .send(andrej.req("GET", &format!("/console/api/kb/{id}"), None))
        .await;
    assert_eq!(
        (mine["solved"].as_i64(), mine["views"].as_i64()),
        (Some(2), Some(1))
    );
    let (s, _, _) = app
        .send(bea.req("GET", &format!("/console/api/kb/{id}"), None))
        .await;
    assert_eq!(s, 404, "BlueFox's admin does not reach Acme's articles");
    let (s, _, _) = app
        .send(bea.req("DELETE", &format!("/console/api/kb/{id}"), None))
        .await;
    assert_eq!(s, 404);
    for bad in [
        json!({"tenant_id": "acme", "lang": "de", "title": "t", "body": "b"}),
        json!({"tenant_id": "acme", "lang": "en", "title": "", "body": "b"}),
    ] {
        let (s, b, _) = app
            .send(andrej.req("POST", "/console/api/kb", Some(bad.clone())))
            .await;
        assert_eq!((s.as_u16(), code(&b)), (422, "validation_failed"), "{bad}");
    }
}

#[tokio::test]
async fn notices_reach_the_customers_they_concern() {
    let app = TestApp::new().await;
    let andrej = signed_in(&app, "acme", "andrej", Role::Agent).await;
    let now = time::OffsetDateTime::now_utc();
    let at = |h: i64| {
        (now + time::Duration::hours(h))
            .format(&time::format_description::well_known::Rfc3339)
            .expect("fmt")
    };
    let publish = |body: Value| andrej.req("POST", "/console/api/notices", Some(body));
    let (s, incident, _) = app
        .send(publish(
            json!({"tenant_id": "acme", "kind": "incident", "title": "Mail delays",
            "body": "Outgoing mail is queued.", "starts_at": at(-1)}),
        ))
        .await;
    assert_eq!(s, 201, "{incident}");
    app.send(publish(
        json!({"tenant_id": "acme", "kind": "maintenance", "title": "web-07 kernel update",
        "body": "Five minutes of downtime.", "starts_at": at(24), "ends_at": at(25),
        "affected_servers": ["web-07.acme.test"]}),
    ))
    .await;
    app.send(publish(
        json!({"tenant_id": "acme", "kind": "maintenance", "title": "Old window",
        "body": "Done.", "starts_at": at(-5), "ends_at": at(-4)}),
    ))
    .await;
    app.send(publish(
        json!({"tenant_id": "acme", "kind": "maintenance", "title": "Far future",
        "body": "Later.", "starts_at": at(24 * 30), "ends_at": at(24 * 30 + 1)}),
    ))
    .await;
    let id = incident["id"].as_str().expect("id");
    let (s, updated, _) = app
        .send(andrej.req(
            "POST",
            &format!("/console/api/notices/{id}/updates"),
            Some(json!({"text": "Cause found; queue draining."})),
        ))
        .await;
    assert_eq!(
        (s.as_u16(), updated["updates"][0]["body"].as_str()),
        (201, Some("Cause found; queue draining."))
    );

    let mut on_07 = claims("acme", "alice");
    on_07.server = Some("web-07.acme.test".into());
    let on_07 = panelcare_server::auth::sign(&on_07, "k1", ACME_SECRET);
    let mut on_03 = claims("acme", "boris");
    on_03.server = Some("web-03.acme.test".into());
    let on_03 = panelcare_server::auth::sign(&on_03, "k1", ACME_SECRET);
    let titles = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter_map(|n| n["title"].as_str().map(str::to_owned))
            .collect()
    };
    let (_, seen, _) = app.send(get("/api/v1/notices", &on_07)).await;
    assert_eq!(titles(&seen), ["Mail delays", "web-07 kernel update"]);
    assert_eq!(seen["items"][0]["current"], true);
    assert_eq!(seen["items"][1]["current"], false);
    let (_, seen, _) = app.send(get("/api/v1/notices", &on_03)).await;
    assert_eq!(
        titles(&seen),
        ["Mail delays"],
        "web-03 is not affected by web-07's window"
    );
    let (_, fox, _) = app
        .send(get("/api/v1/notices", &token("bluefox", "milica")))
        .await;
    assert_eq!(titles(&fox), Vec::<String>::new());

    for (bad, field) in [
        (
            json!({"tenant_id": "acme", "kind": "outage", "title": "t", "body": "b", "starts_at": at(0)}),
            "kind",
        ),
        (
            json!({"tenant_id": "acme", "kind": "incident", "title": "t", "body": "b", "starts_at": "tomorrow"}),
            "starts_at",
        ),
        (
            json!({"tenant_id": "acme", "kind": "maintenance", "title": "t", "body": "b", "starts_at": at(2), "ends_at": at(1)}),
            "ends_at",
        ),
        (
            json!({"tenant_id": "acme", "kind": "maintenance", "title": "t", "body": "b", "starts_at": at(2)}),
            "ends_at",
        ),
    ] {
        let (s, b, _) = app.send(publish(bad.clone())).await;
        assert_eq!(
            (s.as_u16(), fields(&b)[0].0.as_str()),
            (422, field),
            "{bad}"
        );
    }
    let bob = signed_in(&app, "bluefox", "bob", Role::Agent).await;
    let (s, _, _) = app
        .send(bob.req(
            "POST",
            "/console/api/notices",
            Some(json!({"tenant_id": "acme", "kind": "incident",
        "title": "x", "body": "y", "starts_at": at(0)})),
        ))
        .await;
    assert_eq!(s, 404);
    for (method, path) in [
        ("PUT", format!("/console/api/notices/{id}")),
        ("DELETE", format!("/console/api/notices/{id}")),
        ("POST", format!("/console/api/notices/{id}/updates")),
    ] {
        let (s, _, _) = app
            .send(bob.req(
                method,
                &path,
                Some(json!({"text": "x", "tenant_id": "acme", "kind": "incident",
            "title": "x", "body": "y", "starts_at": at(0)})),
            ))
            .await;
        assert_eq!(s, 404, "{method} {path}");
    }
    let (_, list, _) = app.send(bob.req("GET", "/console/api/notices", None)).await;
    assert_eq!(list, json!([]));
}
