//! Console sign-in: passwords, sessions, CSRF, expiry, and the admin CLI (throttling is in
//! sign_in_throttle.rs).

use crate::common::*;
use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use serde_json::json;

fn login(email: &str, password: &str) -> Request<Body> {
    Request::post("/console/api/login")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"email": email, "password": password}).to_string(),
        ))
        .expect("request")
}

fn with_cookie(method: &str, path: &str, cookie: &str, csrf: Option<&str>) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header("cookie", cookie);
    if let Some(c) = csrf {
        b = b.header("x-csrf-token", c);
    }
    b.body(Body::empty()).expect("request")
}

async fn sessions(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_cookie_and_returns_the_csrf_token() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    // E-mail case does not matter.
    let (status, body, res) = app.send(login("ADA@acme.test", &pw)).await;
    assert_eq!(status, 200, "{body}");
    let cookie = res.headers()["set-cookie"].to_str().expect("ascii");
    for attr in [
        "panelcare_session=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/console",
    ] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    assert_eq!(body["agent"]["role"], "provider_admin");
    assert_eq!(body["agent"]["tenant_name"], "Acme Hosting");
    assert!(body["csrf_token"].as_str().is_some_and(|t| t.len() >= 32));

    let (cookie, csrf) = app.sign_in("ada@acme.test", &pw).await;
    let (status, me, _) = app
        .send(with_cookie("GET", "/console/api/me", &cookie, None))
        .await;
    assert_eq!(status, 200);
    assert_eq!(me["agent"]["email"], "ada@acme.test");
    assert_eq!(me["csrf_token"], csrf.as_str());
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let (s1, b1, r1) = app.send(login("ada@acme.test", &format!("{pw}x"))).await;
    let (s2, b2, _) = app.send(login("nobody@acme.test", &pw)).await;
    assert_eq!((s1.as_u16(), code(&b1)), (401, "invalid_credentials"));
    assert_eq!(b1, b2);
    assert_eq!(s1, s2);
    assert!(r1.headers().get("set-cookie").is_none());
    assert_eq!(sessions(&app).await, 0);
}

#[tokio::test]
async fn bad_sign_in_bodies_are_refused_by_field() {
    let app = TestApp::new().await;
    let (s, body, _) = app.send(login("", "")).await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
    assert_eq!(
        fields(&body),
        vec![
            ("email".to_string(), "required".to_string()),
            ("password".into(), "required".into())
        ]
    );
    let (s, body, _) = app.send(login("a@b.c", &"x".repeat(1025))).await;
    assert_eq!(
        fields(&body),
        vec![("password".to_string(), "too_long".to_string())]
    );
    assert_eq!(s, 422);
    let broken = Request::post("/console/api/login")
        .header("content-type", "application/json")
        .body(Body::from("{\"email\":"))
        .expect("request");
    let (s, body, _) = app.send(broken).await;
    assert_eq!((s.as_u16(), code(&body)), (400, "malformed_json"));
    assert_eq!(sessions(&app).await, 0);
}

#[tokio::test]
async fn state_changes_need_the_csrf_token() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let (cookie, csrf) = app.sign_in("ada@acme.test", &pw).await;
    for bad in [None, Some("not-the-token"), Some("")] {
        let (s, body, _) = app
            .send(with_cookie("POST", "/console/api/logout", &cookie, bad))
            .await;
        assert_eq!((s.as_u16(), code(&body)), (403, "csrf_failed"), "{bad:?}");
    }
    // Nothing changed: still signed in.
    let (s, _, _) = app
        .send(with_cookie("GET", "/console/api/me", &cookie, None))
        .await;
    assert_eq!(s, 200);

    let (s, _, res) = app
        .send(with_cookie(
            "POST",
            "/console/api/logout",
            &cookie,
            Some(&csrf),
        ))
        .await;
    assert_eq!(s, 204);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
    let (s, body, _) = app
        .send(with_cookie("GET", "/console/api/me", &cookie, None))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"));
}

#[tokio::test]
async fn missing_forged_and_expired_sessions_are_not_signed_in() {
    let app = TestApp::new().await;
    let pw = app
        .agent("acme", "ada@acme.test", Role::ProviderAdmin)
        .await;
    let (cookie, _) = app.sign_in("ada@acme.test", &pw).await;
    let no_cookie = Request::get("/console/api/me")
        .body(Body::empty())
        .expect("request");
    for req in [
        no_cookie,
        with_cookie(
            "GET",
            "/console/api/me",
            "panelcare_session=forged-token",
            None,
        ),
        with_cookie("GET", "/console/api/me", "other=1", None),
    ] {
        let (s, body, _) = app.send(req).await;
        assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"));
    }
    sqlx::query("UPDATE sessions SET expires_at = 1")
        .execute(&app.state.db.pool)
        .await
        .expect("expire");
    let (s, body, _) = app
        .send(with_cookie("GET", "/console/api/me", &cookie, None))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"));
    assert_eq!(sessions(&app).await, 0, "the expired session is removed");
}

#[tokio::test]
async fn the_console_api_is_not_open_to_other_origins() {
    let app = TestApp::new().await;
    let req = Request::options("/console/api/login")
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .body(Body::empty())
        .expect("request");
    let (_, _, res) = app.send(req).await;
    assert!(res.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_admin_cli_creates_an_account_that_can_sign_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The run's engine: a SQLite file, or a PostgreSQL database of its own.
    let fresh = crate::common::engine::fresh(dir.path()).await;
    let db = fresh.url.clone();
    let bin = env!("CARGO_BIN_EXE_panelcare-server");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .arg("--db")
            .arg(&db)
            .env("PANELCARE_SECRET_KEY", TEST_SECRET_KEY)
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    // A name with a right-to-left override would read backwards in every widget: refused.
    let refused = std::process::Command::new(bin)
        .arg("--db")
        .arg(&db)
        .env("PANELCARE_SECRET_KEY", TEST_SECRET_KEY)
        .args([
            "tenant",
            "create",
            "--id",
            "acme",
            "--name",
            "Acme \u{202e}gnitsoH",
        ])
        .output()
        .expect("run");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("invisible control characters"), "{said}");
    run(&["tenant", "create", "--id", "acme", "--name", "Acme Hosting"]);
    run(&[
        "tenant",
        "create",
        "--id",
        "bluefox",
        "--name",
        "BlueFox Web",
        "--parent",
        "acme",
    ]);
    let out = run(&[
        "admin",
        "create",
        "--tenant",
        "bluefox",
        "--email",
        "bea@bluefox.test",
        "--name",
        "Bea",
    ]);
    assert!(out.starts_with("reseller_admin bea@bluefox.test"), "{out}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("password "))
        .expect("password line");

    let app = TestApp::with_db(&db).await;
    let (cookie, _) = app.sign_in("bea@bluefox.test", password).await;
    let (_, me, _) = app
        .send(with_cookie("GET", "/console/api/me", &cookie, None))
        .await;
    assert_eq!(me["agent"]["role"], "reseller_admin");
    assert_eq!(me["agent"]["tenant_id"], "bluefox");
    drop(app);
    if let Some((base, name)) = fresh.drop {
        crate::common::engine::drop_database(base, name);
    }
}

#[tokio::test]
async fn a_database_that_cannot_serve_is_named_clearly() {
    let bin = env!("CARGO_BIN_EXE_panelcare-server");
    let fail = |db: &str| {
        let out = std::process::Command::new(bin)
            .args(["--db", db, "--db-timeout", "2"])
            .args(["tenant", "create", "--id", "x", "--name", "X"])
            .output()
            .expect("run");
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // Nobody listens on port 1: a message that names the server, not a panic.
    let err = fail("postgres://panelcare:s3cret@127.0.0.1:1/panelcare");
    assert!(
        err.contains("cannot open the PostgreSQL database at postgres://panelcare:***@127.0.0.1:1"),
        "{err}"
    );
    assert!(
        !err.contains("s3cret") && !err.contains("panicked"),
        "{err}"
    );
    let err = fail("/nonexistent-folder/x/panelcare.sqlite");
    assert!(err.contains("cannot open the SQLite database"), "{err}");
}
