//! A tenant's ticket settings: promises over 24 hours and other values the model refuses are
//! stopped before the server is asked; a fixed form is saved and read back.

use panelcare_console::tickets::settings::TicketSettingsForm;
use panelcare_model::ticket::{Department, TicketSettings};
use wasm_bindgen_test::*;

use crate::common::{
    server::{PROVIDER_ADMIN, ok, sign_in},
    *,
};

#[wasm_bindgen_test]
async fn ticket_settings_refuse_a_promise_over_24_hours_before_asking_the_server() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    // BlueFox, whose customers the widget's tests against this server do not open tickets
    // as; its settings from the defaults, and as they were once the test is done.
    let before = ok(admin.api().ticket_settings("bluefox").await);
    let defaults = TicketSettings::default();
    ok(admin.api().save_ticket_settings("bluefox", &defaults).await);
    let screen = admin.mount(yew::html! { <TicketSettingsForm tenant="bluefox" /> });
    let critical = "#c-s-standard-first_response-critical";
    until(&screen, "the settings", |r| find(r, critical).is_some()).await;
    assert_eq!(value(&screen, critical), "60");
    assert!(
        find(&screen, critical)
            .unwrap()
            .get_attribute("aria-label")
            .unwrap()
            .contains("critical")
    );

    type_into(&screen, critical, "1500").await;
    type_into(&screen, "#c-s-reopen", "0").await;
    click(&screen, "#c-s-dept-sales").await;
    click(&screen, "#c-s-dept-billing").await;
    click(&screen, "#c-s-dept-technical").await;
    click(&screen, "button[type=submit]").await;
    let error = format!("{critical}-error");
    until(&screen, "the refusal", |r| find(r, &error).is_some()).await;
    assert!(
        text_of(&screen, &error).contains("24 hours"),
        "{}",
        text_of(&screen, &error)
    );
    assert!(text_of(&screen, "#c-s-reopen-error").contains("1 to 365"));
    assert!(text_of(&screen, "#c-s-departments-error").contains("at least one"));
    assert!(text_of(&screen, ".c-error").contains("Nothing was saved"));
    assert_eq!(
        ok(admin.api().ticket_settings("bluefox").await),
        defaults,
        "refused here, not sent"
    );

    // Fixing a field clears its message at once.
    type_into(&screen, critical, "30").await;
    until(&screen, "the message to go", |r| find(r, &error).is_none()).await;
    assert_eq!(text_of(&screen, &format!("{critical} + .c-span")), "30 min");
    type_into(&screen, "#c-s-reopen", "14").await;
    click(&screen, "#c-s-dept-technical").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let stored = ok(admin.api().ticket_settings("bluefox").await);
    assert_eq!(stored.reopen_days, 14);
    assert_eq!(stored.departments, [Department::Technical]);
    assert_eq!(stored.policies["standard"].first_response.critical, 30);
    ok(admin.api().save_ticket_settings("bluefox", &before).await);
}
