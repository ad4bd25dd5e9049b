//! The ticket bridge section of the support settings: the stored bridge in the form with the
//! tenant's keys, refusals at their field, turning it off after a confirmation (dropping what
//! waits), and only admins seeing it (the delivery state: `ticket_bridge_status`). Each test
//! turns the bridge off again, so the tickets the widget's tests open go nowhere.

use panelcare_console::{
    bridge::{TicketBridge, WHMCS_ADDRESS},
    tickets::settings::SupportSettings,
};
use panelcare_model::{
    bridge::{BridgeSettings, BridgeState},
    console::KeyInfo,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::{
    customer,
    server::{AGENT, PROVIDER_ADMIN, Signed, ok, sign_in},
    stand_in::StandIn,
    *,
};

const ADDRESS: &str = "https://billing.acme.example/modules/addons/panelcare/bridge.php";

fn bridge(tenant: &'static str) -> yew::Html {
    yew::html! { <TicketBridge {tenant} /> }
}

/// A new key of Acme's beside the demo's, for the helpdesk.
async fn helpdesk_key(admin: &Signed) -> String {
    let kid = unique("whmcs");
    ok(admin.api().add_key("acme", &kid).await);
    kid
}

async fn keys(admin: &Signed, tenant: &str) -> Vec<String> {
    let listed: Vec<KeyInfo> = ok(admin.api().keys(tenant).await);
    listed.into_iter().map(|k| k.kid).collect()
}

/// The bridge of `tenant` off, and the key added for it gone.
async fn clean_up(admin: &Signed, tenant: &str, kid: Option<&str>) {
    ok(admin.api().remove_ticket_bridge(tenant).await);
    if let Some(kid) = kid {
        ok(admin.api().remove_key(tenant, kid).await);
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
    let admin = sign_in(PROVIDER_ADMIN).await;
    let kid = helpdesk_key(&admin).await;
    let settings = BridgeSettings {
        url: ADDRESS.into(),
        key_id: kid.clone(),
    };
    ok(admin.api().save_ticket_bridge("acme", &settings).await);
    let screen = admin.mount(bridge("acme"));
    until(&screen, "the form", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(text_of(&screen, "label[for=c-tb-url]"), "Helpdesk address");
    assert_eq!(text_of(&screen, "label[for=c-tb-key]"), "Key");
    assert_eq!(value(&screen, "#c-tb-url"), ADDRESS);
    assert_eq!(value(&screen, "#c-tb-key"), kid);
    let options: Vec<String> = screen
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
        keys(&admin, "acme").await,
        "the tenant's keys, nothing else"
    );
    let intro = text_of(&screen, ".c-bridge");
    assert!(intro.contains(WHMCS_ADDRESS), "{intro}");
    assert!(intro.contains("Internal notes are never sent."), "{intro}");
    // Saved, but no helpdesk has answered yet.
    assert_eq!(
        text_of(&screen, "#c-tb-status"),
        "Set up — nothing delivered yet"
    );
    assert!(find(&screen, "#c-tb-error").is_none(), "no error to show");
    assert!(
        find(&screen, "#c-tb-retry").is_none(),
        "nothing given up on"
    );
    assert!(
        find(&screen, "#c-tb-off").is_some(),
        "a set bridge can be turned off"
    );
    drop(screen);
    clean_up(&admin, "acme", Some(&kid)).await;
}

#[wasm_bindgen_test]
async fn a_refused_address_is_said_at_its_field_which_takes_focus() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    ok(admin.api().remove_ticket_bridge("acme").await);
    let kid = helpdesk_key(&admin).await;
    let screen = admin.mount(bridge("acme"));
    until(&screen, "the form", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(
        value(&screen, "#c-tb-key"),
        "",
        "several keys: the admin chooses"
    );
    assert_eq!(
        text_of(&screen, "#c-tb-status"),
        "Off Tickets stay in panelcare; nothing is sent to a helpdesk."
    );
    assert!(find(&screen, "#c-tb-off").is_none(), "nothing to turn off");

    // Plain http to another machine: refused here.
    type_into(
        &screen,
        "#c-tb-url",
        "http://billing.acme.example/bridge.php",
    )
    .await;
    choose(&screen, "#c-tb-key", &kid).await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the local refusal", |r| {
        find(r, "#c-tb-url-error").is_some()
    })
    .await;
    assert!(text_of(&screen, "#c-tb-url-error").contains("https://"));
    until(&screen, "focus on the address", |_| focused() == "c-tb-url").await;

    // Fixed as far as the form can tell: the message goes at once.
    type_into(&screen, "#c-tb-url", "  https://10.1.2.3/bridge.php ").await;
    assert!(find(&screen, "#c-tb-url-error").is_none());

    let save = find(&screen, "button[type=submit]")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    assert_eq!(save.text_content().unwrap(), "Save ticket bridge");
    save.focus().unwrap();
    save.click();
    // A private network's address: only the server knows where deliveries may not go.
    until(&screen, "the server's message", |r| {
        find(r, "#c-tb-url-error")
            .is_some_and(|e| e.text_content().unwrap().contains("private network"))
    })
    .await;
    let url = find(&screen, "#c-tb-url").unwrap();
    assert_eq!(url.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = url.get_attribute("aria-describedby").unwrap();
    assert!(
        described.contains("c-tb-url-error") && described.contains("c-tb-url-hint"),
        "{described}"
    );
    assert!(find(&screen, ".c-field:has(#c-tb-url) #c-tb-url-error").is_some());
    assert!(
        find(&screen, "#c-tb-key-error").is_none(),
        "the key was fine"
    );
    assert_eq!(
        find(&screen, "#c-tb-key")
            .unwrap()
            .get_attribute("aria-invalid"),
        None
    );
    assert!(
        find(&screen, "[role=alert]").is_none(),
        "a field message is not repeated"
    );
    until(&screen, "focus back on the address", |_| {
        focused() == "c-tb-url"
    })
    .await;
    let stored: BridgeState = ok(admin.api().ticket_bridge("acme").await);
    assert_eq!(stored.settings, None, "nothing was stored");
    drop(screen);
    clean_up(&admin, "acme", Some(&kid)).await;
}

#[wasm_bindgen_test]
async fn turning_off_asks_first_drops_what_waits_and_the_form_starts_again() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    // BlueFox with its one demo key, so the form chooses it by itself once the bridge is off.
    for kid in keys(&admin, "bluefox").await {
        if kid != "demo-1" {
            ok(admin.api().remove_key("bluefox", &kid).await);
        }
    }
    let settings = BridgeSettings {
        url: "https://helpdesk.bluefox.example/modules/addons/panelcare/bridge.php".into(),
        key_id: "demo-1".into(),
    };
    ok(admin.api().save_ticket_bridge("bluefox", &settings).await);
    // A customer's new ticket: a delivery to a helpdesk that never answers, so it waits.
    customer::open_ticket("bluefox", &unique("bridge"), "Mail is bouncing").await;
    let waiting = ok(admin.api().ticket_bridge("bluefox").await).pending;
    assert!(waiting >= 1, "the new ticket waits to be delivered");
    let screen = admin.mount(bridge("bluefox"));
    until(&screen, "the form", |r| find(r, "#c-tb-off").is_some()).await;
    click(&screen, "#c-tb-off").await;
    let dropped = if waiting == 1 {
        "The 1 delivery still waiting is dropped.".to_owned()
    } else {
        format!("The {waiting} deliveries still waiting are dropped.")
    };
    assert!(
        text_of(&screen, ".c-confirm").contains(&dropped),
        "{}",
        text_of(&screen, ".c-confirm")
    );
    until(&screen, "focus on the safe answer", |_| {
        focused() == "c-tb-keep"
    })
    .await;
    click(&screen, "#c-tb-keep").await;
    assert!(find(&screen, ".c-confirm").is_none());
    until(&screen, "focus back on Turn off", |_| {
        focused() == "c-tb-off"
    })
    .await;
    let kept = ok(admin.api().ticket_bridge("bluefox").await);
    assert_eq!(kept.settings, Some(settings), "kept on");

    click(&screen, "#c-tb-off").await;
    click(&screen, ".c-confirm .c-danger-solid").await;
    until(&screen, "turned off", |r| find(r, "#c-tb-said").is_some()).await;
    assert!(text_of(&screen, "#c-tb-said").starts_with("Ticket bridge turned off."));
    assert!(text_of(&screen, "#c-tb-status").starts_with("Off"));
    assert!(find(&screen, "#c-tb-off").is_none());
    assert_eq!(value(&screen, "#c-tb-url"), "");
    assert_eq!(
        value(&screen, "#c-tb-key"),
        "demo-1",
        "the only key is chosen"
    );
    until(&screen, "focus on the answer", |_| focused() == "c-tb-said").await;
    let off = ok(admin.api().ticket_bridge("bluefox").await);
    assert_eq!((off.settings, off.pending), (None, 0), "off, nothing waits");
}

#[wasm_bindgen_test]
async fn only_admins_see_the_bridge() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let settings = BridgeSettings {
        url: ADDRESS.into(),
        key_id: "demo-1".into(),
    };
    ok(admin.api().save_ticket_bridge("acme", &settings).await);

    // Admins change the bridge; an agent's page does not show it, nor asks for it.
    let agent = sign_in(AGENT).await;
    let watch = StandIn::watch();
    let screen = agent.mount(yew::html! { <SupportSettings /> });
    until(&screen, "the canned replies", |r| {
        find(r, "#c-cr-title").is_some()
    })
    .await;
    assert!(find(&screen, "#c-s-bridge-title").is_none());
    assert!(
        !watch.sent().iter().any(|c| c.contains("ticket-bridge")),
        "not even asked: {:?}",
        watch.sent()
    );
    drop((screen, watch));

    let admin = sign_in(PROVIDER_ADMIN).await;
    let screen = admin.mount(yew::html! { <SupportSettings /> });
    until(&screen, "the bridge", |r| find(r, "#c-tb-url").is_some()).await;
    assert_eq!(text_of(&screen, "#c-s-bridge-title"), "Ticket bridge");
    assert_eq!(value(&screen, "#c-tb-url"), ADDRESS);
    drop(screen);
    clean_up(&admin, "acme", None).await;
}
