//! Each offer rule's form at its own address, which names the rule's tenant: opening and
//! closing a form, renaming its rule, back, a link to a reseller's rule, and addresses that
//! name no rule or a tenant the admin does not have.

use panelcare_model::offers::RuleSet;
use wasm_bindgen_test::*;

use crate::common::{
    console::{AtAddress, Routed, go_to, path},
    offers::{self, OffersPage, rule, rules},
    server::{PROVIDER_ADMIN, ok, sign_in},
    *,
};

#[wasm_bindgen_test]
async fn a_rules_form_has_its_own_address_naming_its_tenant() {
    // A link to the second rule opens its form.
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = offers::page("/console/offers/acme/rules/backups", rules()).await;
    until(&screen, "the form of the rule the address names", |r| {
        find(r, "#c-r-1-when").is_some()
    })
    .await;
    assert!(find(&screen, "#c-r-0-when").is_none(), "one form at a time");

    // Closing it goes back to the offers' address; opening another goes to that one.
    click(&screen, "#c-r-1-edit").await;
    until(&screen, "the form closed", |r| {
        find(r, "#c-r-1-when").is_none()
    })
    .await;
    assert_eq!(path(), "/console/offers");
    click(&screen, "#c-r-0-edit").await;
    until(&screen, "the first rule's form", |r| {
        find(r, "#c-r-0-when").is_some()
    })
    .await;
    assert_eq!(path(), "/console/offers/acme/rules/disk-full");

    // A new id is a new address, and the form stays open through it.
    type_into(&screen, "#c-r-0-id", "disk-nearly-full").await;
    until(&screen, "the new address", |_| {
        path() == "/console/offers/acme/rules/disk-nearly-full"
    })
    .await;
    yew::scheduler::flush().await;
    assert!(find(&screen, "#c-r-0-when").is_some());

    // Back leaves the rule: its form closes, the list keeps the unsaved change.
    gloo_utils::window().history().unwrap().back().unwrap();
    until(&screen, "the list again", |r| {
        find(r, "#c-r-0-when").is_none()
    })
    .await;
    assert_eq!(path(), "/console/offers");
    assert!(find(&screen, ".c-unsaved").is_some());
    drop(screen);
    before.put_back(&admin).await;
}

#[wasm_bindgen_test]
async fn a_link_to_a_resellers_rule_opens_that_resellers_rules() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = offers::store(&admin, rules()).await;
    let mut fox = rule(
        "fox-backups",
        "Backups for BlueFox sites",
        &[],
        "addon:backups",
    );
    // BlueFox's links lead to its own panel's pages.
    fox.cta_url = "/billing/upgrade?id={service.id}".into();
    let fox_rules = RuleSet { rules: vec![fox] };
    ok(admin.api().save_offer_rules("bluefox", &fox_rules).await);
    let _at = AtAddress::go("/console/offers/bluefox/rules/fox-backups");
    let screen = admin.mount(yew::html! { <Routed /> });
    until(&screen, "BlueFox's rule, open", |r| {
        find(r, "#c-r-0-when").is_some() && value(r, "#c-r-0-id") == "fox-backups"
    })
    .await;
    // Acme comes first in the list; the address chose BlueFox.
    assert_eq!(value(&screen, "#c-o-tenant"), "bluefox");
    assert!(
        find(&screen, "[role=alert]").is_none(),
        "the rule was found"
    );

    // Another tenant chosen: its rules, at the offers' address.
    choose(&screen, "#c-o-tenant", "acme").await;
    until(&screen, "Acme's rules", |r| {
        find(r, ".c-rule-list")
            .is_some_and(|l| l.text_content().unwrap().contains("Disk nearly full"))
    })
    .await;
    assert_eq!(path(), "/console/offers");
    drop(screen);

    // A tenant the admin does not have is said, not silently swapped for the first.
    go_to("/console/offers/nowhere/rules/fox-backups");
    let screen = admin.mount(yew::html! { <Routed /> });
    until(&screen, "the unknown tenant said", |r| {
        r.text_content()
            .unwrap()
            .contains("This address names the tenant “nowhere”, which is not among yours")
    })
    .await;
    drop(screen);
    before.put_back(&admin).await;
}

#[wasm_bindgen_test]
async fn an_address_naming_no_rule_says_so() {
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = offers::page("/console/offers/acme/rules/gone", rules()).await;
    until(&screen, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    assert!(text_of(&screen, "[role=alert]").contains("no rule “gone”"));
    assert!(find(&screen, ".c-rule-form").is_none());
    drop(screen);
    before.put_back(&admin).await;
}
