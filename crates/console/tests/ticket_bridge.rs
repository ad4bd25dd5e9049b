//! The ticket bridge section of the support settings in headless Chromium, against a stand-in
//! `fetch` that answers as the server would and records what was asked: the stored bridge in
//! the form, refusals at their field, the delivery counts with "Send again", turning it off
//! after a confirmation, and only admins seeing it.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare_console::{
    bridge::{TicketBridge, WHMCS_ADDRESS},
    tickets::settings::SupportSettings,
};
use panelcare_model::console::Role;
use panelcare_model::{
    ApiError, ErrorBody, ErrorCode, FieldError,
    bridge::{BridgeSettings, BridgeState},
    console::{KeyInfo, TenantInfo},
    error::FieldErrorCode,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

mod common;

use common::{
    fetch::{calls, fake_server, json},
    *,
};

wasm_bindgen_test_configure!(run_in_browser);

const BRIDGE: &str = "/console/api/tenants/acme/ticket-bridge";
const ADDRESS: &str = "https://billing.acme.example/modules/addons/panelcare/bridge.php";

/// A 422 naming `field`, as the server words it.
fn refusal(field: &str, message: &str) -> JsValue {
    json(&ErrorBody {
        error: ApiError {
            code: ErrorCode::ValidationFailed,
            message: "Some fields are not valid.".into(),
            fields: vec![FieldError::new(field, FieldErrorCode::InvalidUrl, message)],
        },
    })
}

fn route(method: &str, path: &str, status: u16, body: JsValue) -> (String, u16, JsValue) {
    (format!("{method} {path}"), status, body)
}

fn keys(kids: &[&str]) -> JsValue {
    let list: Vec<KeyInfo> = kids
        .iter()
        .map(|k| KeyInfo {
            kid: (*k).into(),
            created_at: "2026-10-01T09:00:00Z".into(),
        })
        .collect();
    json(&list)
}

fn connected(pending: u32, failed: u32, last_error: Option<&str>) -> BridgeState {
    BridgeState {
        settings: Some(BridgeSettings {
            url: ADDRESS.into(),
            key_id: "whmcs-2026".into(),
        }),
        pending,
        failed,
        last_error: last_error.map(String::from),
        last_delivered_at: Some("2026-11-22T18:20:00Z".into()),
    }
}

fn mount(root: &web_sys::Element) -> yew::AppHandle<common::console::SignedIn> {
    common::console::mount(
        root,
        Role::ProviderAdmin,
        yew::html! { <TicketBridge tenant="acme" /> },
    )
}

fn value(root: &web_sys::Element, sel: &str) -> String {
    let el = find(root, sel).unwrap_or_else(|| panic!("no {sel}"));
    match el.dyn_ref::<HtmlSelectElement>() {
        Some(select) => select.value(),
        None => el.dyn_into::<HtmlInputElement>().unwrap().value(),
    }
}

/// The id of the element with keyboard focus.
fn focused() -> String {
    gloo_utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_form_shows_the_stored_bridge_and_offers_the_tenants_keys() {
    fake_server(vec![
        route("GET", BRIDGE, 200, json(&connected(0, 0, None))),
        route(
            "GET",
            "/console/api/tenants/acme/keys",
            200,
            keys(&["panel-2025", "whmcs-2026"]),
        ),
    ]);
    let root = root();
    let app = mount(&root);
    until(&root, "the form", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(text_of(&root, "label[for=c-tb-url]"), "Helpdesk address");
    assert_eq!(text_of(&root, "label[for=c-tb-key]"), "Key");
    assert_eq!(value(&root, "#c-tb-url"), ADDRESS);
    assert_eq!(value(&root, "#c-tb-key"), "whmcs-2026");
    let options: Vec<String> = root
        .query_selector_all("#c-tb-key option")
        .unwrap()
        .values()
        .into_iter()
        .map(|o| {
            o.unwrap()
                .unchecked_into::<HtmlElement>()
                .get_attribute("value")
                .unwrap()
        })
        .collect();
    assert_eq!(
        options,
        ["panel-2025", "whmcs-2026"],
        "both keys, nothing else"
    );
    let intro = text_of(&root, ".c-bridge");
    assert!(intro.contains(WHMCS_ADDRESS), "{intro}");
    assert!(intro.contains("Internal notes are never sent."), "{intro}");
    let status = text_of(&root, "#c-tb-status");
    assert!(
        status.starts_with("Connected — last delivery ") && status.contains("2026"),
        "{status}"
    );
    assert!(find(&root, "#c-tb-error").is_none(), "no error to show");
    assert!(find(&root, "#c-tb-retry").is_none(), "nothing given up on");
    assert!(
        find(&root, "#c-tb-off").is_some(),
        "a set bridge can be turned off"
    );
    assert!(calls("PUT").is_empty());
    app.destroy();
}

#[wasm_bindgen_test]
async fn a_refused_address_is_said_at_its_field_which_takes_focus() {
    fake_server(vec![
        route("GET", BRIDGE, 200, json(&BridgeState::default())),
        route(
            "GET",
            "/console/api/tenants/acme/keys",
            200,
            keys(&["panel-2025", "whmcs-2026"]),
        ),
        route(
            "PUT",
            BRIDGE,
            422,
            refusal(
                "url",
                "The helpdesk's address must be reachable from this server.",
            ),
        ),
    ]);
    let root = root();
    let app = mount(&root);
    until(&root, "the form", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(value(&root, "#c-tb-key"), "", "two keys: the admin chooses");
    assert_eq!(
        text_of(&root, "#c-tb-status"),
        "Off Tickets stay in panelcare; nothing is sent to a helpdesk."
    );
    assert!(find(&root, "#c-tb-off").is_none(), "nothing to turn off");

    // Plain http to another machine: refused here, nothing sent.
    type_into(&root, "#c-tb-url", "http://billing.acme.example/bridge.php").await;
    choose(&root, "#c-tb-key", "whmcs-2026").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the local refusal", |r| {
        find(r, "#c-tb-url-error").is_some()
    })
    .await;
    assert!(text_of(&root, "#c-tb-url-error").contains("https://"));
    assert!(calls("PUT").is_empty());
    until(&root, "focus on the address", |_| focused() == "c-tb-url").await;

    // Fixed: the message goes at once.
    type_into(&root, "#c-tb-url", &format!("  {ADDRESS} ")).await;
    assert!(find(&root, "#c-tb-url-error").is_none());

    let save = find(&root, "button[type=submit]")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    assert_eq!(save.text_content().unwrap(), "Save ticket bridge");
    save.focus().unwrap();
    save.click();
    until(&root, "the server's message", |r| {
        find(r, "#c-tb-url-error").is_some_and(|e| e.text_content().unwrap().contains("reachable"))
    })
    .await;
    let url = find(&root, "#c-tb-url").unwrap();
    assert_eq!(url.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = url.get_attribute("aria-describedby").unwrap();
    assert!(
        described.contains("c-tb-url-error") && described.contains("c-tb-url-hint"),
        "{described}"
    );
    assert!(find(&root, ".c-field:has(#c-tb-url) #c-tb-url-error").is_some());
    assert!(find(&root, "#c-tb-key-error").is_none(), "the key was fine");
    assert_eq!(
        find(&root, "#c-tb-key")
            .unwrap()
            .get_attribute("aria-invalid"),
        None
    );
    assert!(
        find(&root, "[role=alert]").is_none(),
        "a field message is not repeated"
    );
    until(&root, "focus back on the address", |_| {
        focused() == "c-tb-url"
    })
    .await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(&format!(r#""url":"{ADDRESS}""#))
            && sent[0].contains(r#""key_id":"whmcs-2026""#),
        "{}",
        sent[0]
    );
    app.destroy();
}

#[wasm_bindgen_test]
async fn the_status_counts_waiting_and_given_up_and_send_again_retries() {
    let error = "the helpdesk answered 503 Service Unavailable: maintenance";
    fake_server(vec![
        route("GET", BRIDGE, 200, json(&connected(3, 2, Some(error)))),
        route(
            "GET",
            "/console/api/tenants/acme/keys",
            200,
            keys(&["whmcs-2026"]),
        ),
        route(
            "POST",
            &format!("{BRIDGE}/retry"),
            200,
            json(&connected(5, 0, Some(error))),
        ),
    ]);
    let root = root();
    let app = mount(&root);
    until(&root, "the status", |r| find(r, "#c-tb-status").is_some()).await;
    let status = text_of(&root, "#c-tb-status");
    assert!(status.contains(" · 3 waiting · 2 given up"), "{status}");
    assert!(
        status.starts_with("Not reaching the helpdesk"),
        "failing deliveries are not 'Connected': {status}"
    );
    assert_eq!(
        text_of(&root, "#c-tb-error"),
        format!("Last error: {error}")
    );
    assert_eq!(text_of(&root, "#c-tb-retry"), "Send again");
    assert!(calls("POST").is_empty());

    click(&root, "#c-tb-retry").await;
    until(&root, "the answer", |r| find(r, "#c-tb-said").is_some()).await;
    assert_eq!(calls("POST"), [format!("POST {BRIDGE}/retry ")]);
    assert!(
        text_of(&root, "#c-tb-said").starts_with("Sending the 2 deliveries given up on again"),
        "{}",
        text_of(&root, "#c-tb-said")
    );
    let status = text_of(&root, "#c-tb-status");
    assert!(
        status.contains("5 waiting") && !status.contains("given up"),
        "{status}"
    );
    assert!(
        find(&root, "#c-tb-retry").is_none(),
        "nothing left to send again"
    );
    until(&root, "focus on the answer", |_| focused() == "c-tb-said").await;
    app.destroy();
}

#[wasm_bindgen_test]
async fn turning_off_asks_first_then_the_form_starts_again() {
    fake_server(vec![
        route("GET", BRIDGE, 200, json(&connected(4, 0, None))),
        route(
            "GET",
            "/console/api/tenants/acme/keys",
            200,
            keys(&["whmcs-2026"]),
        ),
        route("DELETE", BRIDGE, 204, JsValue::NULL),
    ]);
    let root = root();
    let app = mount(&root);
    until(&root, "the form", |r| find(r, "#c-tb-off").is_some()).await;
    click(&root, "#c-tb-off").await;
    assert!(
        text_of(&root, ".c-confirm").contains("The 4 deliveries still waiting are dropped."),
        "{}",
        text_of(&root, ".c-confirm")
    );
    until(&root, "focus on the safe answer", |_| {
        focused() == "c-tb-keep"
    })
    .await;
    click(&root, "#c-tb-keep").await;
    assert!(find(&root, ".c-confirm").is_none());
    until(&root, "focus back on Turn off", |_| focused() == "c-tb-off").await;
    assert!(calls("DELETE").is_empty(), "kept on: nothing sent");

    click(&root, "#c-tb-off").await;
    click(&root, ".c-confirm .c-danger-solid").await;
    until(&root, "turned off", |r| find(r, "#c-tb-said").is_some()).await;
    assert_eq!(calls("DELETE"), [format!("DELETE {BRIDGE} ")]);
    assert!(text_of(&root, "#c-tb-said").starts_with("Ticket bridge turned off."));
    assert!(text_of(&root, "#c-tb-status").starts_with("Off"));
    assert!(find(&root, "#c-tb-off").is_none());
    assert_eq!(value(&root, "#c-tb-url"), "");
    assert_eq!(
        value(&root, "#c-tb-key"),
        "whmcs-2026",
        "the only key is chosen"
    );
    until(&root, "focus on the answer", |_| focused() == "c-tb-said").await;
    app.destroy();
}

#[wasm_bindgen_test]
async fn only_admins_see_the_bridge() {
    let tenants = vec![TenantInfo {
        id: "acme".into(),
        name: "Acme Hosting".into(),
        parent_id: None,
    }];
    fake_server(vec![
        route("GET", "/console/api/tenants", 200, json(&tenants)),
        route(
            "GET",
            "/console/api/canned-replies",
            200,
            json(&Vec::<()>::new()),
        ),
        route("GET", BRIDGE, 200, json(&connected(0, 0, None))),
        route(
            "GET",
            "/console/api/tenants/acme/keys",
            200,
            keys(&["whmcs-2026"]),
        ),
    ]);
    // Admins change the bridge; an agent's page does not show it.
    let page = |role: Role| {
        let root = root();
        let app = common::console::mount(&root, role, yew::html! { <SupportSettings /> });
        (root, app)
    };
    let (root, app) = page(Role::Agent);
    until(&root, "the canned replies", |r| {
        find(r, "#c-cr-title").is_some()
    })
    .await;
    assert!(find(&root, "#c-s-bridge-title").is_none());
    assert!(
        !calls("GET").iter().any(|c| c.contains("ticket-bridge")),
        "not even asked"
    );
    app.destroy();

    let (root, app) = page(Role::ProviderAdmin);
    until(&root, "the bridge", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(text_of(&root, "#c-s-bridge-title"), "Ticket bridge");
    assert_eq!(value(&root, "#c-tb-url"), ADDRESS);
    app.destroy();
}
