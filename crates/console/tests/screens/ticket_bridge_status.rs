//! The ticket bridge's delivery state: "Connected" after a delivery went through, the counts
//! of deliveries waiting and given up on with the last error, and "Send again". A delivery
//! that went through needs a helpdesk on a public address, and one given up on half a day of
//! failed retries: the bridge's state is stood in for; the page's other calls (the tenant's
//! keys) reach the real server.

use panelcare_console::bridge::TicketBridge;
use panelcare_model::bridge::{BridgeSettings, BridgeState};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::common::{
    console::Mounted,
    server::{PROVIDER_ADMIN, Signed, sign_in},
    stand_in::{StandIn, json},
    *,
};

const BRIDGE: &str = "/console/api/tenants/acme/ticket-bridge";
const ADDRESS: &str = "https://billing.acme.example/modules/addons/panelcare/bridge.php";

/// What the stand-in answers: Acme's bridge with these deliveries.
fn connected(pending: u32, failed: u32, last_error: Option<&str>) -> BridgeState {
    BridgeState {
        settings: Some(BridgeSettings {
            url: ADDRESS.into(),
            key_id: "demo-1".into(),
        }),
        pending,
        failed,
        last_error: last_error.map(String::from),
        last_delivered_at: Some("2026-11-22T18:20:00Z".into()),
    }
}

/// The bridge drawn with the stand-in's `state` for its load.
async fn drawn_with(
    admin: &Signed,
    state: BridgeState,
    more: Vec<(String, Vec<(u16, JsValue)>)>,
) -> (Mounted, StandIn) {
    let mut routes = vec![(format!("GET {BRIDGE}"), vec![(200, json(&state))])];
    routes.extend(more);
    let stand_in = StandIn::answer(routes);
    let screen = admin.mount(yew::html! { <TicketBridge tenant="acme" /> });
    until(&screen, "the status", |r| find(r, "#c-tb-status").is_some()).await;
    (screen, stand_in)
}

#[wasm_bindgen_test]
async fn the_status_says_connected_or_counts_waiting_and_given_up_and_send_again_retries() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let (screen, stand_in) = drawn_with(&admin, connected(0, 0, None), Vec::new()).await;
    let status = text_of(&screen, "#c-tb-status");
    assert!(
        status.starts_with("Connected — last delivery ") && status.contains("2026"),
        "{status}"
    );
    drop((screen, stand_in));

    let error = "the helpdesk answered 503 Service Unavailable: maintenance";
    let retry = (
        format!("POST {BRIDGE}/retry"),
        vec![(200, json(&connected(5, 0, Some(error))))],
    );
    let (screen, stand_in) = drawn_with(&admin, connected(3, 2, Some(error)), vec![retry]).await;
    let status = text_of(&screen, "#c-tb-status");
    assert!(status.contains(" · 3 waiting · 2 given up"), "{status}");
    assert!(
        status.starts_with("Not reaching the helpdesk"),
        "failing deliveries are not 'Connected': {status}"
    );
    assert_eq!(
        text_of(&screen, "#c-tb-error"),
        format!("Last error: {error}")
    );
    assert_eq!(text_of(&screen, "#c-tb-retry"), "Send again");

    click(&screen, "#c-tb-retry").await;
    until(&screen, "the answer", |r| find(r, "#c-tb-said").is_some()).await;
    assert_eq!(
        stand_in.asked().last().map(String::as_str),
        Some(format!("POST {BRIDGE}/retry ").as_str())
    );
    assert!(
        text_of(&screen, "#c-tb-said").starts_with("Sending the 2 deliveries given up on again"),
        "{}",
        text_of(&screen, "#c-tb-said")
    );
    let status = text_of(&screen, "#c-tb-status");
    assert!(
        status.contains("5 waiting") && !status.contains("given up"),
        "{status}"
    );
    assert!(
        find(&screen, "#c-tb-retry").is_none(),
        "nothing left to send again"
    );
    until(&screen, "focus on the answer", |r| {
        focused_id(r) == "c-tb-said"
    })
    .await;
}
