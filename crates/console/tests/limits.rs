//! The Limits page in headless Chromium against a stand-in `fetch`: a provider admin edits,
//! is stopped by the model's own check before anything is sent, saves and resets; the
//! server's refusal lands on the right input; a reseller admin reads the same table only.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare_console::limits::LimitsPage;
use panelcare_model::console::Role;
use panelcare_model::{
    ApiError, ErrorBody, ErrorCode, FieldError, console::TenantInfo, error::FieldErrorCode,
    limits::Limits,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

mod common;

use common::{
    fetch::{calls, fake_server, json},
    *,
};

wasm_bindgen_test_configure!(run_in_browser);

const LIMITS: &str = "/console/api/tenants/acme/limits";
const FEEDBACK_BURST: &str = "#c-l-actions-feedback-account-burst";

fn serve(put: (u16, wasm_bindgen::JsValue)) {
    let tenants = vec![TenantInfo {
        id: "acme".into(),
        name: "Acme Hosting".into(),
        parent_id: None,
    }];
    let mut mine = Limits::default();
    mine.actions[0].account.burst = 7;
    fake_server(vec![
        ("GET /console/api/tenants".to_owned(), 200, json(&tenants)),
        (format!("GET {LIMITS}"), 200, json(&mine)),
        (format!("PUT {LIMITS}"), put.0, put.1),
        (format!("DELETE {LIMITS}"), 200, json(&Limits::default())),
    ]);
}

/// The page as the provider's admin (`provider`) or a reseller's admin sees it.
async fn open(provider: bool) -> Element {
    let root = root();
    let role = if provider {
        Role::ProviderAdmin
    } else {
        Role::ResellerAdmin
    };
    common::console::mount(&root, role, yew::html! { <LimitsPage /> });
    until(&root, "the table", |r| find(r, FEEDBACK_BURST).is_some()).await;
    root
}

fn value(root: &Element, sel: &str) -> String {
    find(root, sel)
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value()
}

#[wasm_bindgen_test]
async fn a_provider_admin_is_stopped_before_sending_then_saves_and_resets() {
    let mut saved = Limits::default();
    saved.actions[0].account.burst = 25;
    serve((200, json(&saved)));
    let root = open(true).await;
    assert_eq!(
        value(&root, FEEDBACK_BURST),
        "7",
        "the tenant's own limits, not defaults"
    );
    assert!(find(&root, "table caption").is_some());
    // Each input's name says its row and column.
    let label = find(&root, "#c-l-actions-ticket-tenant-per-hour")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "Tickets opened: per tenant, per hour");
    assert_eq!(value(&root, "#c-l-upload-daily-bytes"), "500");
    assert!(find(&root, "label[for=c-l-upload-daily-bytes]").is_some());

    type_into(&root, FEEDBACK_BURST, "").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the field's error", |r| {
        find(r, "#c-l-actions-feedback-account-burst-error").is_some()
    })
    .await;
    let input = find(&root, FEEDBACK_BURST).unwrap();
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("c-l-actions-feedback-account-burst-error")
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(calls("PUT").is_empty(), "the model's check stops the save");

    type_into(&root, FEEDBACK_BURST, "25").await;
    assert!(
        find(&root, "#c-l-actions-feedback-account-burst-error").is_none(),
        "a fixed field clears at once"
    );
    click(&root, "button[type=submit]").await;
    until(&root, "Saved", |r| {
        find(r, "[role=status] .c-ok").is_some_and(|e| e.text_content().unwrap() == "Saved.")
    })
    .await;
    let put = calls("PUT");
    assert_eq!(put.len(), 1);
    assert!(
        put[0].contains(r#"{"action":"feedback","account":{"burst":25,"#),
        "{}",
        put[0]
    );

    click(&root, "button.c-ghost").await;
    until(&root, "the reset", |r| {
        find(r, "[role=status] .c-ok")
            .is_some_and(|e| e.text_content().unwrap().contains("defaults"))
    })
    .await;
    assert_eq!(calls("DELETE").len(), 1);
    assert_eq!(value(&root, FEEDBACK_BURST), "20");
}

#[wasm_bindgen_test]
async fn the_servers_refusal_shows_next_to_its_input() {
    let refusal = ErrorBody {
        error: ApiError {
            code: ErrorCode::ValidationFailed,
            message: "Some fields are not valid.".into(),
            fields: vec![FieldError::new(
                "upload_daily_bytes",
                FieldErrorCode::OutOfRange,
                "Use a size from 1 byte to 100 GB.",
            )],
        },
    };
    serve((422, json(&refusal)));
    let root = open(true).await;
    click(&root, "button[type=submit]").await;
    until(&root, "the error", |r| {
        find(r, "#c-l-upload-daily-bytes-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, "#c-l-upload-daily-bytes-error"),
        "Use a size from 1 byte to 100 GB."
    );
    assert_eq!(
        find(&root, "#c-l-upload-daily-bytes")
            .unwrap()
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("c-l-upload-daily-bytes-error")
    );
}

#[wasm_bindgen_test]
async fn a_reseller_admin_reads_the_limits_only() {
    serve((404, json(&())));
    let root = open(false).await;
    assert_eq!(value(&root, FEEDBACK_BURST), "7");
    assert!(find(&root, "input:not([readonly])[type=number]").is_none());
    assert!(find(&root, "button[type=submit]").is_none());
    assert!(find(&root, "button.c-ghost").is_none());
    assert!(
        root.text_content()
            .unwrap()
            .contains("Your provider sets these limits")
    );
}
