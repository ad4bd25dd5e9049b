//! Shared set-up for the server's handler tests: a real database per test (SQLite, or
//! PostgreSQL with `PANELCARE_TEST_PG`; see `engine`), two tenants with their own keys, token
//! minting as a host does it, and one-shot requests against `app()`.
#![allow(dead_code)]

pub mod engine;
pub mod outbox;
pub mod process;

use axum::{
    Router,
    body::Body,
    http::{Request, Response, StatusCode},
};
use http_body_util::BodyExt as _;
use panelcare_model::{AUDIENCE, console::Role};
use panelcare_server::{
    AppState, app,
    auth::{Claims, sign},
    db::Db,
    state::Config,
    tenants,
};
use serde_json::Value;
use tower::ServiceExt as _;

/// The key that seals secrets in every test database, in-process and in the server processes
/// tests start (`PANELCARE_SECRET_KEY`), so all of them read what another wrote.
pub const TEST_SECRET_KEY: &str = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=";

/// [`TEST_SECRET_KEY`] as a key ring.
pub fn test_keys() -> panelcare_server::secrets::KeyRing {
    panelcare_server::secrets::KeyRing::new(&[7u8; 32], &[])
}

/// Opens the database at `url` as the tests' servers do: with [`TEST_SECRET_KEY`].
pub async fn connect(url: &str) -> Result<Db, panelcare_server::db::ConnectError> {
    let options = panelcare_server::db::Options {
        secrets: Some(test_keys()),
        ..Default::default()
    };
    Db::connect_with(url, &options).await
}

pub const ACME_SECRET: &str = "acme-test-secret-0123456789abcdef";
pub const BLUEFOX_SECRET: &str = "bluefox-test-secret-fedcba9876543210";

pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    /// Where the database is, for a second instance on it.
    pub db_url: String,
    // Kept alive for the database file's lifetime.
    _dir: tempfile::TempDir,
    /// The PostgreSQL database to drop when the test ends.
    drop: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((base, name)) = self.drop.take() {
            engine::drop_database(base, name);
        }
    }
}

impl TestApp {
    /// A fresh database file with tenants `acme` and `bluefox`, each with key `k1`.
    pub async fn new() -> Self {
        Self::new_with(|_| {}).await
    }

    /// Like [`TestApp::new`], with settings changed by `configure` (an SMTP server, say).
    pub async fn new_with(configure: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let fresh = engine::fresh(dir.path()).await;
        // A few connections each: many tests run at once against one PostgreSQL server.
        let options = panelcare_server::db::Options {
            max_connections: 4,
            secrets: Some(test_keys()),
            ..Default::default()
        };
        let db = Db::connect_with(&fresh.url, &options).await.expect("db");
        // BlueFox is a reseller of Acme, as in the demo.
        for (id, name, parent, secret) in [
            ("acme", "Acme Hosting", None, ACME_SECRET),
            ("bluefox", "BlueFox Web", Some("acme"), BLUEFOX_SECRET),
        ] {
            tenants::store::create(&db, id, name, parent)
                .await
                .expect("tenant");
            panelcare_server::agents::store::put_key(&db, id, "k1", secret)
                .await
                .expect("key");
        }
        let mut app = Self::serving_with(db, dir, configure);
        app.drop = fresh.drop;
        app.db_url = fresh.url;
        app
    }

    /// The app on an existing database (made by the CLI, say), without extra tenants.
    pub async fn with_db(path: &str) -> Self {
        let db = connect(path).await.expect("db");
        let mut app = Self::serving(db, tempfile::tempdir().expect("tempdir"));
        app.db_url = path.to_owned();
        app
    }

    /// A second server on this test's database, as another instance behind a load balancer.
    pub async fn another_instance(&self) -> panelcare_server::AppState {
        let db = connect(&self.db_url).await.expect("second instance");
        panelcare_server::app_state(db, (*self.state.config).clone())
    }

    /// The whole app on `db`, serving the repository's dist/ and www/.
    fn serving(db: Db, dir: tempfile::TempDir) -> Self {
        Self::serving_with(db, dir, |_| {})
    }

    fn serving_with(db: Db, dir: tempfile::TempDir, configure: impl FnOnce(&mut Config)) -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut config = Config {
            dist_dir: root.join("dist"),
            www_dir: root.join("www"),
            demo: false,
            test_clock: false,
            console_test_cors: false,
            files_origin: String::new(),
            public_url: "http://panelcare.test".into(),
            smtp_url: String::new(),
            mail_from: "panelcare <panelcare@panelcare.test>".into(),
            job_lease_ms: None,
            client_address_header: String::new(),
            // The receivers tests deliver to listen on this machine: allowed as an operator
            // allows its own helpdesk. Tests of the refusal take this away.
            outbound_allow: panelcare_server::outbound::AllowList::parse("127.0.0.1,localhost")
                .expect("allow list"),
            // Refusals go out at once, so the limits' tests count answers without waiting a
            // second for each; `slow_refusals` tests the hold.
            refusal_hold: std::time::Duration::ZERO,
        };
        configure(&mut config);
        let state = panelcare_server::app_state(db, config);
        Self {
            router: app(state.clone()),
            state,
            _dir: dir,
            drop: None,
            db_url: String::new(),
        }
    }

    pub async fn send(&self, req: Request<Body>) -> (StatusCode, Value, Response<()>) {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (parts.status, json, Response::from_parts(parts, ()))
    }

    /// Sends `req` and returns the raw answer, for files.
    pub async fn send_raw(&self, req: Request<Body>) -> (StatusCode, Vec<u8>, Response<()>) {
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        (
            parts.status,
            bytes.to_vec(),
            Response::from_parts(parts, ()),
        )
    }

    /// Creates a console account and returns its password.
    pub async fn agent(&self, tenant: &str, email: &str, role: Role) -> String {
        let password = format!("pw-{email}-0123456789");
        panelcare_server::agents::store::create(
            &self.state.db,
            tenant,
            email,
            email,
            role,
            &password,
        )
        .await
        .expect("agent");
        password
    }

    /// Signs in; returns the session cookie (`name=value`) and the CSRF token.
    pub async fn sign_in(&self, email: &str, password: &str) -> (String, String) {
        let req = Request::post("/console/api/login")
            .header("content-type", "application/json")
            .body(Body::from(
                serde_json::json!({"email": email, "password": password}).to_string(),
            ))
            .expect("request");
        let (status, body, res) = self.send(req).await;
        assert_eq!(status, 200, "{body}");
        let cookie = res.headers()["set-cookie"].to_str().expect("ascii");
        let pair = cookie.split(';').next().expect("pair").to_owned();
        (pair, body["csrf_token"].as_str().expect("csrf").to_owned())
    }

    /// Lifts `tenant`'s rate limits far past what a test sends, for tests that write in bulk
    /// from one account (the limits have their own tests).
    pub async fn lift_limits(&self, tenant: &str) {
        lift_limits(&self.state.db, tenant).await;
    }

    pub async fn feedback_rows(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM feedback")
            .fetch_one(&self.state.db.pool)
            .await
            .expect("count")
    }
}

/// Claims a host would sign for `account` of `tenant`, valid for ten minutes.
pub fn claims(tenant: &str, account: &str) -> Claims {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    Claims {
        iss: tenant.into(),
        sub: account.into(),
        aud: AUDIENCE.into(),
        iat: now,
        exp: now + 600,
        nbf: None,
        name: Some(format!("{account} name")),
        email: Some(format!("{account}@example.test")),
        plan: Some("starter".into()),
        locale: Some("en".into()),
        support_tier: None,
        server: None,
    }
}

pub fn secret_of(tenant: &str) -> &'static str {
    if tenant == "bluefox" {
        BLUEFOX_SECRET
    } else {
        ACME_SECRET
    }
}

/// A valid token for `account` of `tenant`.
pub fn token(tenant: &str, account: &str) -> String {
    sign(&claims(tenant, account), "k1", secret_of(tenant))
}

pub fn post_feedback(token: &str, key: &str, body: &Value) -> Request<Body> {
    Request::post("/api/v1/feedback")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .expect("request")
}

pub fn get(path: &str, token: &str) -> Request<Body> {
    Request::get(path)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

/// The `error.code` of an error body.
pub fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("<no code>")
}

/// The `(field, code)` pairs of an error body.
pub fn fields(body: &Value) -> Vec<(String, String)> {
    body["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or("").into(),
                        f["code"].as_str().unwrap_or("").into(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A signed-in console session: its cookie and CSRF token.
pub struct Who(pub String, pub String);

impl Who {
    /// A console request with the session's cookie and CSRF token.
    pub fn req(&self, method: &str, path: &str, body: Option<Value>) -> Request<Body> {
        Request::builder()
            .method(method)
            .uri(path)
            .header("cookie", &self.0)
            .header("x-csrf-token", &self.1)
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |v| Body::from(v.to_string())))
            .expect("request")
    }
}

/// Creates `name@tenant.test` with `role` and signs it in.
pub async fn signed_in(app: &TestApp, tenant: &str, name: &str, role: Role) -> Who {
    let email = format!("{name}@{tenant}.test");
    let pw = app.agent(tenant, &email, role).await;
    let (c, t) = app.sign_in(&email, &pw).await;
    Who(c, t)
}

/// [`TestApp::lift_limits`] on any database.
pub async fn lift_limits(db: &Db, tenant: &str) {
    use panelcare_model::limits::{Limits, RATE_MAX, Rate};
    let mut limits = Limits::default();
    for a in &mut limits.actions {
        a.account = Rate::new(RATE_MAX, RATE_MAX);
        a.tenant = Rate::new(RATE_MAX, RATE_MAX);
    }
    panelcare_server::limits::store::save_limits(db, tenant, &limits, 0)
        .await
        .expect("limits");
}
