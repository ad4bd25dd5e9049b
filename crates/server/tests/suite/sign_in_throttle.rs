//! Console sign-in throttling: failures slow guessing with a growing pause that never locks
//! the owner out for long, unknown e-mails are answered exactly like known ones, a parallel
//! burst gets no more tries than a serial one, the client address counts too (from a trusted
//! proxy's header only when configured), and hashing never stalls the widget API.

use std::time::{Duration, Instant};

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::json;
use tower::ServiceExt as _;

fn login(email: &str, password: &str) -> Request<Body> {
    login_from(email, password, None)
}

fn login_from(email: &str, password: &str, forwarded: Option<&str>) -> Request<Body> {
    let mut req = Request::post("/console/api/login").header("content-type", "application/json");
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    req.body(Body::from(
        json!({"email": email, "password": password}).to_string(),
    ))
    .expect("request")
}

/// Status, error code and `Retry-After` of each answer.
async fn answers(
    app: &TestApp,
    email: &str,
    password: &str,
    n: usize,
) -> Vec<(u16, String, Option<u64>)> {
    let mut out = Vec::new();
    for _ in 0..n {
        let (s, body, res) = app.send(login(email, password)).await;
        let retry = res
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        out.push((s.as_u16(), code(&body).to_owned(), retry));
    }
    out
}

/// Ends the pause of every count, as time passing would.
async fn pause_over(app: &TestApp) {
    sqlx::query("UPDATE sign_in_throttle SET next_at = 0")
        .execute(&app.state.db.pool)
        .await
        .expect("pause over");
    // The server also remembers pauses it gave until they end; time passing ends those too.
    app.state.refusals.sweep(i64::MAX);
}

#[tokio::test]
async fn failures_slow_down_the_next_try_and_the_owner_still_gets_in() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let seen = answers(&app, "ada@acme.test", "wrong-password", 6).await;
    assert!(
        seen[..5]
            .iter()
            .all(|(s, c, _)| *s == 401 && c == "invalid_credentials"),
        "{seen:?}"
    );
    assert_eq!((seen[5].0, seen[5].1.as_str()), (429, "too_many_attempts"));
    assert!(seen[5].2.is_some_and(|r| (1..=60).contains(&r)), "{seen:?}");
    // During the pause even the right password waits: the pause is what slows guessing.
    let (s, _, _) = app.send(login("ada@acme.test", &pw)).await;
    assert_eq!(s, 429);

    // However long somebody keeps guessing, the pause stays at most a minute.
    sqlx::query("UPDATE sign_in_throttle SET failures = 500 WHERE key LIKE 'email:%'")
        .execute(&app.state.db.pool)
        .await
        .expect("many failures");
    pause_over(&app).await;
    let seen = answers(&app, "ada@acme.test", "wrong-password", 2).await;
    assert_eq!(seen[0].0, 401);
    assert!(seen[1].2.is_some_and(|r| r <= 60), "{seen:?}");
    pause_over(&app).await;
    app.sign_in("ada@acme.test", &pw).await;
    // A success forgets the e-mail's failures: the next mistake is free again.
    let seen = answers(&app, "ada@acme.test", "wrong-password", 1).await;
    assert_eq!(seen[0].0, 401);
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answers_as_a_known_one() {
    let app = TestApp::new().await;
    app.agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let known = answers(&app, "ada@acme.test", "wrong-password", 8).await;
    let unknown = answers(&app, "nobody@acme.test", "wrong-password", 8).await;
    let shape = |v: &[(u16, String, Option<u64>)]| {
        v.iter()
            .map(|(s, c, r)| (*s, c.clone(), r.is_some()))
            .collect::<Vec<_>>()
    };
    // The five free tries are answered alike; after them, both are paused. (Which of the
    // later tries fall inside a pause depends on how fast this machine sends them: a one-second
    // pause can be over before the next try on a loaded machine, for either e-mail.)
    assert_eq!(shape(&known[..5]), shape(&unknown[..5]));
    for seen in [&known, &unknown] {
        assert!(
            seen[..5]
                .iter()
                .all(|(s, c, _)| *s == 401 && c == "invalid_credentials"),
            "{seen:?}"
        );
        assert!(
            seen[5..]
                .iter()
                .any(|(s, c, r)| *s == 429 && c == "too_many_attempts" && r.is_some()),
            "{seen:?}"
        );
        assert!(
            seen.iter().all(
                |(s, c, r)| (*s == 401 && c == "invalid_credentials" && r.is_none())
                    || (*s == 429 && c == "too_many_attempts" && r.is_some())
            ),
            "{seen:?}"
        );
    }
}

#[tokio::test]
async fn a_parallel_burst_gets_no_more_tries_than_a_serial_one() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..20 {
        let router = app.router.clone();
        let password = if i == 10 {
            pw.clone()
        } else {
            format!("wrong-{i}")
        };
        set.spawn(async move {
            router
                .oneshot(login("ada@acme.test", &password))
                .await
                .expect("infallible")
                .status()
                .as_u16()
        });
    }
    let statuses = set.join_all().await;
    let checked = statuses.iter().filter(|s| **s != 429).count();
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    assert!(
        statuses.iter().all(|s| [200, 401, 429].contains(s)),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn an_address_guessing_many_emails_is_slowed_and_only_a_trusted_header_names_it() {
    // Without a configured proxy header, a client's own X-Forwarded-For changes nothing.
    let app = TestApp::new().await;
    let mut last = 0;
    for i in 0..21 {
        let (s, _, _) = app
            .send(login_from(
                &format!("u{i}@acme.test"),
                "wrong",
                Some(&format!("10.0.0.{i}")),
            ))
            .await;
        last = s.as_u16();
    }
    assert_eq!(last, 429, "all came from one connection address");

    // Behind a configured proxy, its header names the client.
    let app = TestApp::new_with(|c| c.client_address_header = "X-Forwarded-For".into()).await;
    for i in 0..20 {
        let (s, _, _) = app
            .send(login_from(
                &format!("u{i}@acme.test"),
                "wrong",
                Some("6.6.6.6, 203.0.113.9"),
            ))
            .await;
        assert_eq!(s, 401);
    }
    let (s, body, _) = app
        .send(login_from("u99@acme.test", "wrong", Some("203.0.113.9")))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (429, "too_many_attempts"));
    // Another client behind the same proxy is not held back.
    let (s, _, _) = app
        .send(login_from(
            "u99@acme.test",
            "wrong",
            Some("6.6.6.6, 198.51.100.4"),
        ))
        .await;
    assert_eq!(s, 401);
}

#[tokio::test]
async fn hashing_does_not_hold_up_the_widget_api() {
    let app = TestApp::new().await;
    app.agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    // What one hash costs here (a debug build is slow; so is the check below).
    let stored = panelcare_server::console::password::hash("something").expect("hash");
    let started = Instant::now();
    panelcare_server::console::password::verify(&stored, "something else");
    let one_hash = started.elapsed();
    // And what a read costs with nothing else running (PostgreSQL's is longer than SQLite's).
    let t = token("acme", "reader");
    let started = Instant::now();
    let (s, _, _) = app.send(get("/api/v1/feedback", &t)).await;
    assert_eq!(s, 200);
    let idle = started.elapsed();

    let mut set = tokio::task::JoinSet::new();
    for i in 0..8 {
        let router = app.router.clone();
        set.spawn(async move {
            router
                .oneshot(login(&format!("u{i}@acme.test"), "wrong"))
                .await
                .expect("infallible")
        });
    }
    // Let the sign-ins reach their hashes, then read as a customer.
    tokio::task::yield_now().await;
    let started = Instant::now();
    let (s, _, _) = app.send(get("/api/v1/feedback", &t)).await;
    let read = started.elapsed();
    assert_eq!(s, 200);
    // Hashing on this (single-threaded) runtime, the read would wait for all eight hashes;
    // off it, for none, though the two hashing threads share the machine's cores with it
    // (and, in CI, with other tests and the database): half the eight is the line.
    assert!(
        read < idle + one_hash * 4 || read < Duration::from_millis(20),
        "a read took {read:?} (idle {idle:?}) while hashes of {one_hash:?} each ran"
    );
    for res in set.join_all().await {
        let status = res.status();
        let body = http_body_util::BodyExt::collect(res.into_body())
            .await
            .expect("body");
        assert_eq!(status, 401, "{:?}", body.to_bytes());
    }
}

#[tokio::test]
async fn strangers_failures_do_not_hold_back_the_owners_known_browser() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    // Ada signs in once on her browser, which keeps the known-device cookie.
    let (s, _, res) = app.send(login("ada@acme.test", &pw)).await;
    assert_eq!(s, 200);
    let device = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("panelcare_device="))
        .expect("a known-device cookie")
        .to_owned();
    assert!(
        device.contains("HttpOnly") && device.contains("Path=/console/api/login"),
        "{device}"
    );
    let pair = device.split(';').next().expect("pair").to_owned();
    // A stranger keeps guessing her password until the e-mail must wait.
    let seen = answers(&app, "ada@acme.test", "guess", 7).await;
    assert_eq!(seen.last().map(|a| a.0), Some(429), "{seen:?}");
    // Her browser is not held back, and a forged cookie does not get the same.
    let with = |cookie: &str, password: &str| {
        let mut req = login("ada@acme.test", password);
        req.headers_mut()
            .insert("cookie", cookie.parse().expect("cookie"));
        req
    };
    let (s, _, _) = app.send(with("panelcare_device=0000", "guess")).await;
    assert_eq!(s, 429);
    let (s, body, _) = app.send(with(&pair, &pw)).await;
    assert_eq!(s, 200, "{body}");
}
