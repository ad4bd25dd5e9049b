//! The Limits page: a provider admin edits, is stopped by the model's own check before
//! anything is sent, saves and resets (each read back from the server); the server's refusal
//! lands on the right input; a reseller admin reads its limits only.

use panelcare_console::limits::LimitsPage;
use panelcare_model::{
    ApiError, ErrorBody, ErrorCode, FieldError, error::FieldErrorCode, limits::Limits,
};
use wasm_bindgen_test::*;

use crate::common::{
    console::Mounted,
    server::{PROVIDER_ADMIN, RESELLER_ADMIN, Signed, ok, sign_in},
    stand_in::{StandIn, json},
    *,
};

const FEEDBACK_BURST: &str = "#c-l-actions-feedback-account-burst";

/// `tenant`'s own limits, stored by the provider's admin: the defaults but a feedback burst
/// of 7 per account, so the page is seen to show the tenant's, not the defaults.
async fn store_own_limits(admin: &Signed, tenant: &str) -> Limits {
    let mut own = Limits::default();
    own.actions[0].account.burst = 7;
    ok(admin.api().save_limits(tenant, &own).await)
}

/// The page as `who` sees it, once its table is drawn.
async fn open(who: &Signed) -> Mounted {
    let screen = who.mount(yew::html! { <LimitsPage /> });
    until(&screen, "the table", |r| find(r, FEEDBACK_BURST).is_some()).await;
    screen
}

fn feedback_burst(l: &Limits) -> u32 {
    l.actions[0].account.burst
}

#[wasm_bindgen_test]
async fn a_provider_admin_is_stopped_before_sending_then_saves_and_resets() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    store_own_limits(&admin, "acme").await;
    let screen = open(&admin).await;
    assert_eq!(
        value(&screen, FEEDBACK_BURST),
        "7",
        "the tenant's own limits, not defaults"
    );
    assert!(find(&screen, "table caption").is_some());
    // Each input's name says its row and column.
    let label = find(&screen, "#c-l-actions-ticket-tenant-per-hour")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert_eq!(label, "Tickets opened: per tenant, per hour");
    assert_eq!(value(&screen, "#c-l-upload-daily-bytes"), "500");
    assert!(find(&screen, "label[for=c-l-upload-daily-bytes]").is_some());

    type_into(&screen, FEEDBACK_BURST, "").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the field's error", |r| {
        find(r, "#c-l-actions-feedback-account-burst-error").is_some()
    })
    .await;
    let input = find(&screen, FEEDBACK_BURST).unwrap();
    assert_eq!(
        input.get_attribute("aria-describedby").as_deref(),
        Some("c-l-actions-feedback-account-burst-error")
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(find(&screen, "[role=status] .c-ok").is_none());
    let stored = ok(admin.api().limits("acme").await);
    assert_eq!(
        feedback_burst(&stored),
        7,
        "the model's check stops the save"
    );

    type_into(&screen, FEEDBACK_BURST, "25").await;
    assert!(
        find(&screen, "#c-l-actions-feedback-account-burst-error").is_none(),
        "a fixed field clears at once"
    );
    click(&screen, "button[type=submit]").await;
    until(&screen, "Saved", |r| {
        find(r, "[role=status] .c-ok").is_some_and(|e| e.text_content().unwrap() == "Saved.")
    })
    .await;
    let stored = ok(admin.api().limits("acme").await);
    assert_eq!(feedback_burst(&stored), 25);

    click(&screen, "button.c-ghost").await;
    until(&screen, "the reset", |r| {
        find(r, "[role=status] .c-ok")
            .is_some_and(|e| e.text_content().unwrap().contains("defaults"))
    })
    .await;
    assert_eq!(value(&screen, FEEDBACK_BURST), "20");
    // The defaults, as the demo has them: the other tests' customers meet those.
    assert_eq!(ok(admin.api().limits("acme").await), Limits::default());
}

#[wasm_bindgen_test]
async fn the_servers_refusal_shows_next_to_its_input() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    ok(admin.api().reset_limits("acme").await);
    let screen = open(&admin).await;
    // The page checks limits with the model's own rules before sending, so the real server
    // never refuses what it sends: the refusal is stood in for, the rest is real.
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
    let put = "PUT /console/api/tenants/acme/limits".to_owned();
    let stand_in = StandIn::answer(vec![(put, vec![(422, json(&refusal))])]);
    click(&screen, "button[type=submit]").await;
    until(&screen, "the error", |r| {
        find(r, "#c-l-upload-daily-bytes-error").is_some()
    })
    .await;
    assert_eq!(stand_in.asked().len(), 1);
    assert_eq!(
        text_of(&screen, "#c-l-upload-daily-bytes-error"),
        "Use a size from 1 byte to 100 GB."
    );
    assert_eq!(
        find(&screen, "#c-l-upload-daily-bytes")
            .unwrap()
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("c-l-upload-daily-bytes-error")
    );
}

#[wasm_bindgen_test]
async fn a_reseller_admin_reads_the_limits_only() {
    let provider = sign_in(PROVIDER_ADMIN).await;
    store_own_limits(&provider, "bluefox").await;
    let reseller = sign_in(RESELLER_ADMIN).await;
    let screen = open(&reseller).await;
    assert_eq!(value(&screen, FEEDBACK_BURST), "7");
    assert!(find(&screen, "input:not([readonly])[type=number]").is_none());
    assert!(find(&screen, "button[type=submit]").is_none());
    assert!(find(&screen, "button.c-ghost").is_none());
    assert!(
        screen
            .text_content()
            .unwrap()
            .contains("Your provider sets these limits")
    );
    drop(screen);
    // BlueFox's customers meet the defaults again, as the demo has them.
    let provider = sign_in(PROVIDER_ADMIN).await;
    ok(provider.api().reset_limits("bluefox").await);
}
