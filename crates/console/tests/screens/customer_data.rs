//! The customer data page: retention figures saved on the server and read back, and a
//! customer id the server refuses said with the server's words.

use panelcare_console::{route::Route, screen::Screen};
use panelcare_model::data_rights::Retention;
use wasm_bindgen_test::*;

use crate::common::{
    server::{PROVIDER_ADMIN, ok, sign_in},
    *,
};

const LOADED: &str = "form:has(#c-ret-closed_tickets_months):not([aria-busy])";

/// The retention form loads the tenant's stored figures, saves new ones, and a screen drawn
/// afresh reads them back from the server.
#[wasm_bindgen_test]
async fn retention_saved_on_the_server_is_read_back() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before: Retention = ok(admin.api().retention("acme").await);
    // Another figure than the stored one, so the save is seen to change it.
    let months = if before.closed_tickets_months == Some(7) {
        "8"
    } else {
        "7"
    };
    let screen = admin.mount(yew::html! { <Screen route={Route::CustomerData} /> });
    until(&screen, "the stored retention", |r| {
        find(r, LOADED).is_some()
    })
    .await;
    type_into(&screen, "#c-ret-closed_tickets_months", months).await;
    click(
        &screen,
        "form:has(#c-ret-closed_tickets_months) button[type=submit]",
    )
    .await;
    until(&screen, "saved", |r| {
        r.text_content().unwrap().contains("Saved.")
    })
    .await;
    drop(screen);

    let again = admin.mount(yew::html! { <Screen route={Route::CustomerData} /> });
    until(&again, "the stored retention", |r| {
        find(r, LOADED).is_some()
    })
    .await;
    assert_eq!(value(&again, "#c-ret-closed_tickets_months"), months);
    let stored = ok(admin.api().retention("acme").await);
    assert_eq!(stored.closed_tickets_months, months.parse().ok());
    // The demo's figures again: purges of the shared server go by them.
    ok(admin.api().save_retention("acme", &before).await);
}

/// A value the server refuses is said on the form with the server's own words.
#[wasm_bindgen_test]
async fn the_server_s_refusal_is_said_on_the_form() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let screen = admin.mount(yew::html! { <Screen route={Route::CustomerData} /> });
    until(&screen, "the customer form", |r| {
        find(r, "#c-dr-account").is_some()
    })
    .await;
    // 201 characters: the server's limit is 200.
    type_into(&screen, "#c-dr-account", &"a".repeat(201)).await;
    click(&screen, "#c-dr-export").await;
    until(&screen, "the refusal", |r| {
        r.text_content()
            .unwrap()
            .contains("An account id has 1 to 200 characters.")
    })
    .await;
}
