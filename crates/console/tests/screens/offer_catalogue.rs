//! What a tenant sells: a provider's catalogue (amounts typed as people write them, stored in
//! cents and bytes), a reseller's changes to it, and the offers page giving each the one it
//! edits. Everything saved is read back from the server.

use std::collections::BTreeMap;

use panelcare_console::offers::{CatalogueEditor, OverridesEditor};
use panelcare_model::offers::{Limit, Metric, Override, Period, Price};
use wasm_bindgen_test::*;

use crate::common::{
    console::{AtAddress, Routed},
    offers::{self, GB, catalogue, item},
    server::{PROVIDER_ADMIN, RESELLER_ADMIN, ok, sign_in},
    *,
};

#[wasm_bindgen_test]
async fn the_catalogue_stores_cents_and_bytes_and_shows_a_refusal_at_its_input() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = offers::store(&admin, offers::rules()).await;
    let screen = admin.mount(yew::html! { <CatalogueEditor tenant="acme" /> });
    until(&screen, "the plans", |r| {
        find(r, "#c-o-plans-1-name").is_some()
    })
    .await;
    assert_eq!(value(&screen, "#c-o-plans-0-price"), "4.00");
    assert_eq!(
        value(&screen, "#c-o-plans-0-limit-disk"),
        "5",
        "5 GB in bytes reads as 5"
    );
    assert_eq!(
        text_of(&screen, "label[for=c-o-plans-0-limit-disk]"),
        "Disk limit (GB)"
    );

    click(&screen, "#c-o-add-plans").await;
    until(&screen, "the new plan", |r| {
        find(r, "#c-o-plans-2-id").is_some()
    })
    .await;
    // The id of a plan there is already: only the server knows the whole list's ids.
    type_into(&screen, "#c-o-plans-2-id", "pro").await;
    type_into(&screen, "#c-o-plans-2-name", "Business").await;
    type_into(&screen, "#c-o-plans-2-price", "9,999").await;
    type_into(&screen, "#c-o-plans-2-limit-disk", "2.5").await;
    check(&screen, "#c-o-plans-2-limit-bandwidth-unlimited", true).await;
    type_into(&screen, "#c-o-plans-2-limit-inodes", "250000").await;
    choose(&screen, "#c-o-plans-2-period", "year").await;

    // Three decimals: refused here, next to the price, nothing sent.
    click(&screen, "button[type=submit]").await;
    until(&screen, "the local refusal", |r| {
        find(r, "#c-o-plans-2-price-error").is_some()
    })
    .await;
    assert!(text_of(&screen, "#c-o-plans-2-price-error").contains("9.00"));

    type_into(&screen, "#c-o-plans-2-price", "9.00").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the server's message", |r| {
        find(r, "#c-o-plans-2-id-error").is_some()
    })
    .await;
    // At the third plan's id, which points at it; the other plans are fine.
    assert_eq!(
        text_of(&screen, "#c-o-plans-2-id-error"),
        "Two items are called 'pro'."
    );
    let id = find(&screen, "#c-o-plans-2-id").unwrap();
    assert_eq!(id.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        id.get_attribute("aria-describedby")
            .unwrap()
            .contains("c-o-plans-2-id-error")
    );
    assert!(find(&screen, "#c-o-plans-1-id-error").is_none());
    assert!(
        find(&screen, "#c-o-plans-2-price-error").is_none(),
        "the local message went"
    );
    assert!(text_of(&screen, "[role=alert]").contains("Nothing was saved"));
    assert_eq!(
        ok(admin.api().offer_catalogue("acme").await),
        catalogue(),
        "neither refusal stored anything"
    );

    type_into(&screen, "#c-o-plans-2-id", "business").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let stored = ok(admin.api().offer_catalogue("acme").await);
    let mut business = item(
        "business",
        "Business",
        900,
        &[
            (Metric::Disk, Limit::Of(2.5 * GB)),
            (Metric::Bandwidth, Limit::Unlimited),
            (Metric::Inodes, Limit::Of(250_000.0)),
        ],
    );
    business.price.period = Period::Year;
    assert_eq!(stored.plans.len(), 3);
    assert_eq!(stored.plans[2], business);
    assert_eq!(stored.link_origins, catalogue().link_origins);
    drop(screen);
    before.put_back(&admin).await;
}

#[wasm_bindgen_test]
async fn a_reseller_hides_renames_and_reprices_its_providers_items() {
    let provider = sign_in(PROVIDER_ADMIN).await;
    let before = offers::store(&provider, offers::rules()).await;
    let reseller = sign_in(RESELLER_ADMIN).await;
    let screen = reseller.mount(yew::html! { <OverridesEditor tenant="bluefox" /> });
    until(&screen, "the provider's items", |r| {
        find(r, "#c-ov-plan-pro-name").is_some()
    })
    .await;
    assert!(text_of(&screen, ".c-overrides").contains("€9.00/month"));
    check(&screen, "#c-ov-plan-starter-hidden", true).await;
    // A name too long for the server, which the form leaves to it.
    type_into(&screen, "#c-ov-plan-pro-name", &"Pro ".repeat(21)).await;
    type_into(&screen, "#c-ov-plan-pro-price", "7,50").await;
    type_into(
        &screen,
        "#c-ov-origins",
        "https://billing.bluefox.example\n",
    )
    .await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the refusal", |r| {
        find(r, "#c-ov-plan-pro-name-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&screen, "#c-ov-plan-pro-name-error"),
        "At most 80 characters."
    );
    let stored = ok(reseller.api().offer_overrides("bluefox").await);
    assert!(stored.overrides.items.is_empty(), "nothing was stored");

    type_into(&screen, "#c-ov-plan-pro-name", "Pro Plus").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let stored = ok(reseller.api().offer_overrides("bluefox").await);
    let expected = BTreeMap::from([
        (
            "plan:pro".to_owned(),
            Override {
                hidden: false,
                name: Some("Pro Plus".into()),
                price: Some(Price {
                    cents: 750,
                    currency: "EUR".into(),
                    period: Period::Month,
                }),
            },
        ),
        (
            "plan:starter".to_owned(),
            Override {
                hidden: true,
                ..Override::default()
            },
        ),
    ]);
    assert_eq!(stored.overrides.items, expected);
    assert_eq!(stored.link_origins, ["https://billing.bluefox.example"]);
    drop(screen);
    let provider = sign_in(PROVIDER_ADMIN).await;
    before.put_back(&provider).await;
}

#[wasm_bindgen_test]
async fn the_page_gives_a_provider_its_catalogue_and_a_reseller_its_overrides() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = offers::store(&admin, offers::rules()).await;
    let _at = AtAddress::go("/console/offers");
    let screen = admin.mount(yew::html! { <Routed /> });
    until(&screen, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    assert_eq!(text_of(&screen, ".c-tab[aria-current=page]"), "Rules");
    assert_eq!(value(&screen, "#c-o-tenant"), "acme");
    assert!(text_of(&screen, ".c-rule-list").contains("Disk nearly full"));
    click(&screen, ".c-tab:nth-child(2)").await;
    until(&screen, "the catalogue", |r| {
        find(r, "#c-o-plans-0-name").is_some()
    })
    .await;
    assert_eq!(text_of(&screen, "#c-o-cat-title"), "Catalogue");
    assert_eq!(value(&screen, "#c-o-plans-1-name"), "Pro", "Acme's own");
    choose(&screen, "#c-o-tenant", "bluefox").await;
    until(&screen, "the reseller's overrides", |r| {
        find(r, "#c-ov-plan-pro-name").is_some()
    })
    .await;
    assert_eq!(text_of(&screen, "#c-o-cat-title"), "Your catalogue");
    assert_eq!(
        text_of(&screen, ".c-tab[aria-current=page]"),
        "Your catalogue"
    );
    assert!(text_of(&screen, ".c-overrides").contains("€9.00/month"));
    click(&screen, ".c-tab:nth-child(3)").await;
    assert!(
        find(&screen, "#c-o-tenant").is_none(),
        "the numbers cover every tenant in scope"
    );
    assert!(find(&screen, "#c-on-days").is_some());
    drop(screen);
    before.put_back(&admin).await;
}
