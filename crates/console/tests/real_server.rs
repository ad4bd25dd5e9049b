//! Console screens against the real server: a demo server (started by `cargo xtask test`
//! with `--console-test-cors`, its address in `PANELCARE_TEST_SERVER` at compile time), no
//! stand-in `fetch`. The page is the test runner's, on a loopback port of its own; the
//! console's calls go to the server with the session cookie it set.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare_console::{
    api::{self, Api},
    route::Route,
    screen::Screen,
};
use panelcare_model::console::SessionInfo;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, RequestCredentials, RequestInit};

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const SERVER: Option<&str> = option_env!("PANELCARE_TEST_SERVER");

/// Signs a demo account in on the real server (its cookie kept by the browser) and returns
/// the session as the console holds it.
async fn sign_in(email: &str) -> SessionInfo {
    let server = SERVER.expect("PANELCARE_TEST_SERVER: run through `cargo xtask test`");
    api::use_server_at(server);
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Include);
    let headers = web_sys::Headers::new().unwrap();
    headers.set("Content-Type", "application/json").unwrap();
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&format!(
        r#"{{"email":"{email}","password":"demo-password"}}"#
    )));
    let res: web_sys::Response = JsFuture::from(
        gloo_utils::window().fetch_with_str_and_init(&format!("{server}/console/api/login"), &init),
    )
    .await
    .unwrap()
    .unchecked_into();
    assert_eq!(res.status(), 200, "demo sign-in");
    Api::me().await.expect("the session the cookie names")
}

fn value(root: &web_sys::Element, sel: &str) -> String {
    find(root, sel)
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value()
}

/// The retention form loads the tenant's stored figures, saves new ones, and a screen drawn
/// afresh reads them back from the server.
#[wasm_bindgen_test]
async fn retention_saved_on_the_server_is_read_back() {
    let session = sign_in("admin@acme-hosting.example").await;
    let months = "7";
    let root = root();
    let app = console::mount_as(
        &root,
        session.clone(),
        yew::html! { <Screen route={Route::CustomerData} /> },
    );
    let loaded = "form:has(#c-ret-closed_tickets_months):not([aria-busy])";
    until(&root, "the stored retention", |r| find(r, loaded).is_some()).await;
    type_into(&root, "#c-ret-closed_tickets_months", months).await;
    let save = "form:has(#c-ret-closed_tickets_months) button[type=submit]";
    click(&root, save).await;
    until(&root, "saved", |r| {
        r.text_content().unwrap().contains("Saved.")
    })
    .await;
    app.destroy();

    let again = common::root();
    let _app = console::mount_as(
        &again,
        session,
        yew::html! { <Screen route={Route::CustomerData} /> },
    );
    until(&again, "the stored retention", |r| {
        find(r, loaded).is_some()
    })
    .await;
    assert_eq!(value(&again, "#c-ret-closed_tickets_months"), months);
}

/// A value the server refuses is said on the form with the server's own words.
#[wasm_bindgen_test]
async fn the_server_s_refusal_is_said_on_the_form() {
    let session = sign_in("admin@acme-hosting.example").await;
    let root = root();
    let _app = console::mount_as(
        &root,
        session,
        yew::html! { <Screen route={Route::CustomerData} /> },
    );
    until(&root, "the customer form", |r| {
        find(r, "#c-dr-account").is_some()
    })
    .await;
    // 201 characters: the server's limit is 200.
    type_into(&root, "#c-dr-account", &"a".repeat(201)).await;
    click(&root, "#c-dr-export").await;
    until(&root, "the refusal", |r| {
        r.text_content()
            .unwrap()
            .contains("An account id has 1 to 200 characters.")
    })
    .await;
}

/// A session that ended on the server (signed out elsewhere) takes the screen back to
/// sign-in at its first call: the real 401, not a made-up one.
#[wasm_bindgen_test]
async fn a_session_ended_on_the_server_signs_the_screen_out() {
    let session = sign_in("agent@acme-hosting.example").await;
    Api {
        csrf: session.csrf_token.clone().into(),
    }
    .logout()
    .await
    .expect("signed out on the server");
    let root = root();
    let _app = console::mount_as(
        &root,
        session,
        yew::html! { <Screen route={Route::Tickets} /> },
    );
    until(&root, "the sign-out", |_| console::signed_out()).await;
}
