//! The console's second factor (TOTP): enrolment and sign-in with a code, a code accepted
//! once, wrong codes throttled (in parallel too) but never for good, recovery codes once each,
//! challenges that expire and work once, a tenant's requirement forcing enrolment at sign-in
//! (a provider's also for its resellers), an admin's reset within their tenants only, and the
//! secret sealed at rest and moved to a new key by rotation.

use axum::{body::Body, http::Request};
use panelcare_model::console::Role;
use panelcare_server::{
    db::{Db, Options},
    second_factor::totp,
    secrets::{KeyRing, store as secrets_store},
};
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::common::*;

fn post(path: &str, body: Value) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("request")
}

fn login(email: &str, password: &str) -> Request<Body> {
    post(
        "/console/api/login",
        json!({"email": email, "password": password}),
    )
}

fn second_step(challenge: &str, code: &str) -> Request<Body> {
    post(
        "/console/api/login/second-factor",
        json!({"challenge": challenge, "code": code}),
    )
}

fn now_ms() -> i64 {
    panelcare_server::time::now_ms()
}

/// The app's code for `secret` (base32) at the step `offset` steps from now's.
fn code_for(secret: &str, offset: i64) -> String {
    code_at(secret, totp::step_at(now_ms()) + offset)
}

/// The code of time step `step`. Tests name steps relative to the one that confirmed the
/// enrolment, so a 30-second boundary passing mid-test never turns a replayed code into a
/// fresh one.
fn code_at(secret: &str, step: i64) -> String {
    let bytes = totp::from_base32(secret).expect("base32");
    totp::code(&bytes, step, 6)
}

/// An account `name@tenant.test`, signed in, with a second factor turned on: its session,
/// password, secret and recovery codes. The code that confirmed it was this step's.
struct Enrolled {
    who: Who,
    email: String,
    password: String,
    secret: String,
    recovery: Vec<String>,
    /// The time step whose code confirmed the enrolment (used, so refused from now on).
    step: i64,
}

async fn enrolled(app: &TestApp, tenant: &str, name: &str, role: Role) -> Enrolled {
    let email = format!("{name}@{tenant}.test");
    let password = app.agent(tenant, &email, role).await;
    let (c, t) = app.sign_in(&email, &password).await;
    let who = Who(c, t);
    let (s, body, _) = app
        .send(who.req("POST", "/console/api/second-factor/enrolment", None))
        .await;
    assert_eq!(s, 200, "{body}");
    let secret = body["secret"].as_str().expect("secret").to_owned();
    let uri = body["uri"].as_str().expect("uri");
    assert!(
        uri.starts_with("otpauth://totp/")
            && uri.contains(&format!("secret={secret}"))
            && uri.contains("issuer="),
        "{uri}"
    );
    assert!(
        body["qr"]
            .as_str()
            .expect("qr")
            .starts_with("data:image/svg+xml;base64,")
    );
    // Not on until a code confirms it: the password alone still signs in.
    app.sign_in(&email, &password).await;
    let (s, body, _) = app
        .send(who.req(
            "POST",
            "/console/api/second-factor/enrolment/confirm",
            Some(json!({"code": "000000"})),
        ))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
    let step = totp::step_at(now_ms());
    let (s, body, _) = app
        .send(who.req(
            "POST",
            "/console/api/second-factor/enrolment/confirm",
            Some(json!({"code": code_at(&secret, step)})),
        ))
        .await;
    assert_eq!(s, 200, "{body}");
    let recovery: Vec<String> = body["recovery_codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| c.as_str().expect("code").to_owned())
        .collect();
    assert_eq!(recovery.len(), 10);
    Enrolled {
        who,
        email,
        password,
        secret,
        recovery,
        step,
    }
}

/// Signs in with the password; the challenge the answer carries (and whether it is for an
/// enrolment).
async fn challenge(app: &TestApp, email: &str, password: &str) -> (String, bool) {
    let (s, body, res) = app.send(login(email, password)).await;
    assert_eq!((s.as_u16(), code(&body)), (401, "second_factor_required"));
    assert!(res.headers().get("set-cookie").is_none(), "no session yet");
    (
        body["second_factor"]["challenge"]
            .as_str()
            .expect("challenge")
            .to_owned(),
        body["second_factor"]["enrol"].as_bool().expect("enrol"),
    )
}

/// The session cookie an answer sets.
fn session_cookie(res: &axum::http::Response<()>) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("panelcare_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

async fn me(app: &TestApp, cookie: &str) -> u16 {
    let req = Request::get("/console/api/me")
        .header("cookie", cookie)
        .body(Body::empty())
        .expect("request");
    app.send(req).await.0.as_u16()
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("audit")
}

#[tokio::test]
async fn enrol_then_sign_in_with_a_code_that_works_once() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::ProviderAdmin).await;
    let (s, status, _) = app
        .send(ada.who.req("GET", "/console/api/second-factor", None))
        .await;
    assert_eq!(s, 200);
    assert_eq!(status["enabled"], true);
    assert_eq!(status["recovery_codes_left"], 10);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"second_factor.enable".to_owned())
    );

    // A wrong password is answered as before, like an unknown e-mail.
    let (s1, wrong, _) = app.send(login(&ada.email, "not the password")).await;
    let (s2, unknown, _) = app
        .send(login("nobody@acme.test", "not the password"))
        .await;
    assert_eq!((s1, &wrong), (s2, &unknown));
    assert_eq!(code(&wrong), "invalid_credentials");

    let (ch, enrol) = challenge(&app, &ada.email, &ada.password).await;
    assert!(!enrol);
    // The code that confirmed the enrolment was used: replayed, it is refused.
    let (s, body, _) = app
        .send(second_step(&ch, &code_at(&ada.secret, ada.step)))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (401, "invalid_credentials"));
    let (s, body, _) = app.send(second_step(&ch, "12345")).await;
    assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));

    let next = code_at(&ada.secret, ada.step + 1);
    let (s, body, res) = app.send(second_step(&ch, &next)).await;
    assert_eq!(s, 200, "{body}");
    assert!(body["csrf_token"].is_string());
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("panelcare_device=")),
        "{cookies:?}"
    );
    assert_eq!(me(&app, &session_cookie(&res)).await, 200);

    // The challenge opened its session; the code its one sign-in.
    let (s, body, _) = app.send(second_step(&ch, &next)).await;
    assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"));
    let (ch2, _) = challenge(&app, &ada.email, &ada.password).await;
    let (s, body, _) = app.send(second_step(&ch2, &next)).await;
    assert_eq!((s.as_u16(), code(&body)), (401, "invalid_credentials"));
}

#[tokio::test]
async fn one_code_sent_twice_at_once_opens_one_session() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let next = code_at(&ada.secret, ada.step + 1);
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
        let (router, next) = (app.router.clone(), next.clone());
        set.spawn(async move {
            router
                .oneshot(second_step(&ch, &next))
                .await
                .expect("infallible")
                .status()
                .as_u16()
        });
    }
    let mut statuses = set.join_all().await;
    statuses.sort_unstable();
    assert_eq!(statuses, vec![200, 401, 401, 401]);
}

#[tokio::test]
async fn wrong_codes_are_throttled_in_parallel_too_and_the_owner_gets_in_later() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (router, ch) = (app.router.clone(), ch.clone());
        set.spawn(async move {
            let res = router
                .oneshot(second_step(&ch, &format!("{:06}", 100_000 + i)))
                .await
                .expect("infallible");
            (
                res.status().as_u16(),
                res.headers().contains_key("retry-after"),
            )
        });
    }
    let answers = set.join_all().await;
    let checked = answers.iter().filter(|(s, _)| *s != 429).count();
    assert!(checked <= 5, "{checked} codes checked: {answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, retry)| *s == 401 || (*s == 429 && *retry)),
        "{answers:?}"
    );
    // Even the right code waits now…
    let (s, body, _) = app
        .send(second_step(&ch, &code_at(&ada.secret, ada.step + 1)))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (429, "too_many_attempts"));
    // …until the pause is over: never a lock.
    sqlx::query("UPDATE sign_in_throttle SET next_at = 0")
        .execute(&app.state.db.pool)
        .await
        .expect("pause over");
    let (s, body, _) = app
        .send(second_step(&ch, &code_at(&ada.secret, ada.step + 1)))
        .await;
    assert_eq!(s, 200, "{body}");
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let recovery = ada.recovery[3].to_uppercase();
    let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
    let (s, body, _) = app.send(second_step(&ch, &recovery)).await;
    assert_eq!(s, 200, "{body}");
    let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
    let (s, body, _) = app.send(second_step(&ch, &recovery)).await;
    assert_eq!((s.as_u16(), code(&body)), (401, "invalid_credentials"));
    let (s, body, _) = app.send(second_step(&ch, &ada.recovery[4])).await;
    assert_eq!(s, 200, "{body}");
    let (_, status, _) = app
        .send(ada.who.req("GET", "/console/api/second-factor", None))
        .await;
    assert_eq!(status["recovery_codes_left"], 8);
    assert!(
        audit_actions(&app)
            .await
            .contains(&"second_factor.recovery_code_used".to_owned())
    );
    // Only hashes are stored.
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT code_hash FROM second_factor_recovery_codes")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("codes");
    assert_eq!(stored.len(), 10);
    for c in &ada.recovery {
        let bare = c.replace('-', "");
        assert!(stored.iter().all(|h| !h.contains(&bare)), "{c}");
    }
}

#[tokio::test]
async fn challenges_expire_and_made_up_ones_start_over() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM second_factor_challenges")
        .fetch_all(&app.state.db.pool)
        .await
        .expect("challenges");
    assert!(!stored.contains(&ch), "only a hash is kept");
    sqlx::query("UPDATE second_factor_challenges SET expires_at = $1")
        .bind(now_ms() - 1)
        .execute(&app.state.db.pool)
        .await
        .expect("expire");
    for c in [ch.as_str(), "made-up", ""] {
        let (s, body, _) = app
            .send(second_step(c, &code_at(&ada.secret, ada.step + 1)))
            .await;
        assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"), "{c}");
    }
    // A body that is not one is a 4xx, never a 500.
    let (s, body, _) = app
        .send(post("/console/api/login/second-factor", json!({"code": 5})))
        .await;
    assert!(s.is_client_error(), "{s} {body}");
}

#[tokio::test]
async fn a_tenant_requirement_forces_enrolment_at_sign_in() {
    let app = TestApp::new().await;
    let admin = signed_in(&app, "acme", "boss", Role::ProviderAdmin).await;
    let fox_admin = signed_in(&app, "bluefox", "fox", Role::ResellerAdmin).await;
    let agent = signed_in(&app, "acme", "agent", Role::Agent).await;
    let path = "/console/api/tenants/acme/second-factor";
    // Agents and other tenants' admins cannot set it.
    for who in [&agent, &fox_admin] {
        let (s, _, _) = app
            .send(who.req("PUT", path, Some(json!({"required": true}))))
            .await;
        assert_eq!(s, 404);
    }
    let (s, body, _) = app
        .send(admin.req("PUT", path, Some(json!({"required": true}))))
        .await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body, json!({"required": true, "by_provider": false}));
    assert!(
        audit_actions(&app)
            .await
            .contains(&"second_factor.require".to_owned())
    );
    // The provider's requirement covers its reseller's accounts.
    let (s, body, _) = app
        .send(fox_admin.req("GET", "/console/api/tenants/bluefox/second-factor", None))
        .await;
    assert_eq!(s, 200);
    assert_eq!(body, json!({"required": false, "by_provider": true}));

    for (tenant, email) in [("acme", "new@acme.test"), ("bluefox", "new@bluefox.test")] {
        let pw = app.agent(tenant, email, Role::Agent).await;
        let (ch, enrol) = challenge(&app, email, &pw).await;
        assert!(enrol, "{email}");
        // A code does not get around the enrolment.
        let (s, _, _) = app.send(second_step(&ch, "123456")).await;
        assert_eq!(s, 422);
        let (s, setup, _) = app
            .send(post(
                "/console/api/login/second-factor/enrolment",
                json!({"challenge": ch}),
            ))
            .await;
        assert_eq!(s, 200, "{setup}");
        let secret = setup["secret"].as_str().expect("secret");
        let confirm = |code: String| {
            post(
                "/console/api/login/second-factor/enrolment/confirm",
                json!({"challenge": ch, "code": code}),
            )
        };
        let (s, body, _) = app.send(confirm("000000".into())).await;
        assert_eq!((s.as_u16(), code(&body)), (422, "validation_failed"));
        let (s, body, res) = app.send(confirm(code_for(secret, 0))).await;
        assert_eq!(s, 200, "{body}");
        assert_eq!(body["recovery_codes"].as_array().map(Vec::len), Some(10));
        assert_eq!(body["session"]["agent"]["email"], email);
        assert_eq!(me(&app, &session_cookie(&res)).await, 200);
        // From now on: a code, not an enrolment.
        let (_, enrol) = challenge(&app, email, &pw).await;
        assert!(!enrol);
    }
}

#[tokio::test]
async fn an_admin_resets_a_members_second_factor_within_their_tenants_only() {
    let app = TestApp::new().await;
    let member = enrolled(&app, "acme", "member", Role::Agent).await;
    let fox_admin = signed_in(&app, "bluefox", "fox", Role::ResellerAdmin).await;
    let colleague = signed_in(&app, "acme", "colleague", Role::Agent).await;
    let admin = signed_in(&app, "acme", "boss", Role::ProviderAdmin).await;
    let id: String = sqlx::query_scalar("SELECT id FROM agents WHERE email = $1")
        .bind(&member.email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("id");
    let path = format!("/console/api/agents/{id}/second-factor");
    for who in [&fox_admin, &colleague] {
        let (s, body, _) = app.send(who.req("DELETE", &path, None)).await;
        assert_eq!((s.as_u16(), code(&body)), (404, "not_found"));
    }
    let (s, list, _) = app
        .send(admin.req("GET", "/console/api/second-factor/accounts", None))
        .await;
    assert_eq!(s, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (s, list, _) = app
        .send(fox_admin.req("GET", "/console/api/second-factor/accounts", None))
        .await;
    assert_eq!((s.as_u16(), list), (200, json!([])));

    let (s, body, _) = app.send(admin.req("DELETE", &path, None)).await;
    assert_eq!(s, 204, "{body}");
    assert!(
        audit_actions(&app)
            .await
            .contains(&"second_factor.reset".to_owned())
    );
    let (s, _, _) = app.send(admin.req("DELETE", &path, None)).await;
    assert_eq!(s, 422, "nothing left to reset");
    // The password alone signs in again…
    app.sign_in(&member.email, &member.password).await;
    // …unless the tenant requires a second factor: then a new one is set up first.
    app.send(admin.req(
        "PUT",
        "/console/api/tenants/acme/second-factor",
        Some(json!({"required": true})),
    ))
    .await;
    let (_, enrol) = challenge(&app, &member.email, &member.password).await;
    assert!(enrol);
}

#[tokio::test]
async fn turning_it_off_needs_the_password_or_a_code() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let off = |body: Value| {
        ada.who
            .req("POST", "/console/api/second-factor/disable", Some(body))
    };
    let (s, body, _) = app.send(off(json!({}))).await;
    assert_eq!(
        (s.as_u16(), fields(&body)),
        (422, vec![("password".into(), "unknown_value".into())])
    );
    let (s, body, _) = app.send(off(json!({"password": "wrong password"}))).await;
    assert_eq!(
        (s.as_u16(), fields(&body)),
        (422, vec![("password".into(), "unknown_value".into())])
    );
    let (s, body, _) = app
        .send(off(json!({"code": code_at(&ada.secret, ada.step)})))
        .await;
    assert_eq!(
        (s.as_u16(), fields(&body)),
        (422, vec![("code".into(), "unknown_value".into())]),
        "a used code"
    );
    let (s, body, _) = app.send(off(json!({"password": ada.password}))).await;
    assert_eq!(s, 204, "{body}");
    assert!(
        audit_actions(&app)
            .await
            .contains(&"second_factor.disable".to_owned())
    );
    app.sign_in(&ada.email, &ada.password).await;
}

async fn open_with(url: &str, ring: KeyRing) -> Db {
    let options = Options {
        secrets: Some(ring),
        ..Default::default()
    };
    Db::connect_with(url, &options).await.expect("opens")
}

#[tokio::test]
async fn the_secret_is_sealed_at_rest_and_rotation_moves_it_to_the_new_key() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let raw: String = sqlx::query_scalar("SELECT secret FROM second_factors")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("row");
    let old_id = app.state.db.secrets.current_id().to_owned();
    assert!(raw.starts_with(&format!("enc:v1:{old_id}:")), "{raw}");
    assert!(!raw.contains(&ada.secret), "{raw}");

    // Rotation (what `rotate-secrets` runs): the new key seals it, the old one can go.
    let new = KeyRing::generate_key();
    let rotating = KeyRing::new(&new, &[[7u8; 32]]);
    // (On SQLite opening with the new key seals already; the pass then finds nothing left.)
    let db = open_with(&app.db_url, rotating.clone()).await;
    secrets_store::pass(&db, &rotating, secrets_store::Pass::Seal)
        .await
        .expect("rotates");
    drop(db);
    let db = open_with(&app.db_url, KeyRing::new(&new, &[])).await;
    let raw: String = sqlx::query_scalar("SELECT secret FROM second_factors")
        .fetch_one(&db.pool)
        .await
        .expect("row");
    assert!(
        raw.starts_with(&format!("enc:v1:{}:", db.secrets.current_id())),
        "{raw}"
    );
    // The new key alone opens it, and codes from the same app still sign in.
    let state = panelcare_server::app_state(db, (*app.state.config).clone());
    let router = panelcare_server::app(state);
    let res = router
        .clone()
        .oneshot(login(&ada.email, &ada.password))
        .await
        .expect("answer");
    let body: Value = serde_json::from_slice(
        &http_body_util::BodyExt::collect(res.into_body())
            .await
            .expect("body")
            .to_bytes(),
    )
    .expect("json");
    let ch = body["second_factor"]["challenge"]
        .as_str()
        .expect("challenge");
    let res = router
        .oneshot(second_step(ch, &code_at(&ada.secret, ada.step + 1)))
        .await
        .expect("answer");
    assert_eq!(res.status(), 200);
}

/// A password reset ends sign-ins waiting for their code: a challenge got with the old
/// password opens no session after the reset.
#[tokio::test]
async fn a_password_reset_ends_the_sign_ins_waiting_for_a_code() {
    let app = TestApp::new().await;
    let ada = enrolled(&app, "acme", "ada", Role::Agent).await;
    let (ch, _) = challenge(&app, &ada.email, &ada.password).await;
    let id: String = sqlx::query_scalar("SELECT id FROM agents WHERE email = $1")
        .bind(&ada.email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("id");
    let hash = panelcare_server::console::password::hash("a brand new password 1").expect("hash");
    panelcare_server::password_reset::store::set_password(&app.state.db, &id, &hash)
        .await
        .expect("reset");
    let (s, body, _) = app
        .send(second_step(&ch, &code_at(&ada.secret, ada.step + 1)))
        .await;
    assert_eq!((s.as_u16(), code(&body)), (401, "not_signed_in"));
}

/// An admin's own second factor goes off only through the Security page (password or code),
/// never through the reset meant for members.
#[tokio::test]
async fn an_admin_cannot_reset_their_own_second_factor() {
    let app = TestApp::new().await;
    let boss = enrolled(&app, "acme", "boss", Role::ProviderAdmin).await;
    let id: String = sqlx::query_scalar("SELECT id FROM agents WHERE email = $1")
        .bind(&boss.email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("id");
    let path = format!("/console/api/agents/{id}/second-factor");
    let (s, body, _) = app.send(boss.who.req("DELETE", &path, None)).await;
    assert_eq!(
        (s.as_u16(), code(&body)),
        (422, "validation_failed"),
        "{body}"
    );
    let (_, status, _) = app
        .send(boss.who.req("GET", "/console/api/second-factor", None))
        .await;
    assert_eq!(status["enabled"], true);
}
