//! The real demo server the screens talk to: started by `cargo xtask test` with
//! `--console-test-cors`, its address in `PANELCARE_TEST_SERVER` at compile time. The page is
//! the test runner's, on a loopback port of its own; the console's calls go to the server
//! with the session cookie its sign-in set.
//!
//! Every test of a run shares that server and its two demo tenants (`crates/server/src/demo/`:
//! the provider Acme and its reseller BlueFox). So a test sets up, through the API, what it
//! counts on, names what it creates uniquely ([`super::unique`]), and puts back the demo's
//! state where the widget's own tests against the same server count on it.

use panelcare_console::api::{self, Api, ApiError};
use panelcare_model::console::SessionInfo;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit};
use yew::Html;

use super::console::{Mounted, mount_as};

/// Acme's own administrator: every tenant in scope.
pub const PROVIDER_ADMIN: &str = "admin@acme-hosting.example";
/// An agent of Acme: no admin pages.
pub const AGENT: &str = "agent@acme-hosting.example";
/// BlueFox's administrator: BlueFox only.
pub const RESELLER_ADMIN: &str = "admin@bluefox.example";
/// Every demo account's password (printed by the demo at start-up).
pub const PASSWORD: &str = "demo-password";

/// The demo server's address.
pub fn server() -> &'static str {
    option_env!("PANELCARE_TEST_SERVER").unwrap_or_else(|| {
        panic!(
            "PANELCARE_TEST_SERVER is not set: these tests need panelcare-server in demo mode \
             with --console-test-cors; run them through `cargo xtask test` (or \
             `cargo xtask test --browser-only`)"
        )
    })
}

/// A signed-in demo account: its session, as the console holds it.
pub struct Signed {
    pub session: SessionInfo,
}

impl Signed {
    /// The console's API client with this session's CSRF token.
    pub fn api(&self) -> Api {
        Api {
            csrf: self.session.csrf_token.clone().into(),
        }
    }

    /// Draws `screen` as this account sees it.
    pub fn mount(&self, screen: Html) -> Mounted {
        mount_as(self.session.clone(), screen)
    }
}

/// Signs `email` in on the real server (its cookie kept by the browser, replacing the one an
/// earlier sign-in set: one account at a time) and sends the console's calls there.
pub async fn sign_in(email: &str) -> Signed {
    super::stand_in::restore();
    api::use_server_at(server());
    let (status, _) = post_json(
        "/console/api/login",
        &format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#),
    )
    .await;
    assert_eq!(status, 200, "demo sign-in of {email}");
    Signed {
        session: ok(Api::me().await),
    }
}

/// What an API call the test made to set up or read back gave; a failure there fails the
/// test with the server's words.
pub fn ok<T>(result: Result<T, ApiError>) -> T {
    result.unwrap_or_else(|e| panic!("the server refused: {e:?}"))
}

/// POSTs `body` (JSON) to `path` on the server without a CSRF token (sign-in needs none);
/// the status and the body's text.
pub async fn post_json(path: &str, body: &str) -> (u16, String) {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Include);
    let headers = web_sys::Headers::new().unwrap();
    headers.set("Content-Type", "application/json").unwrap();
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    send(&format!("{}{path}", server()), &init).await
}

/// Sends a request; the status and the body's text.
pub async fn send(url: &str, init: &RequestInit) -> (u16, String) {
    let res: web_sys::Response =
        JsFuture::from(gloo_utils::window().fetch_with_str_and_init(url, init))
            .await
            .unwrap_or_else(|e| panic!("no answer from {url}: {e:?}"))
            .unchecked_into();
    let text = JsFuture::from(res.text().unwrap()).await.unwrap();
    (res.status(), text.as_string().unwrap_or_default())
}
