//! Beside the rules: replacing them with a TOML file, and "Try it", which asks the server
//! which offer typed figures would get from the saved rules.

use panelcare_model::offers::Rule;
use wasm_bindgen_test::*;

use crate::common::{
    offers::{self, OffersPage, rule, rules},
    server::ok,
    *,
};

/// Acme's offers page with `rules` stored, once `ready` is drawn.
async fn rules_page(rules: Vec<Rule>, ready: &str) -> OffersPage {
    let page = offers::page("/console/offers", rules).await;
    until(&page.screen, ready, |r| find(r, ready).is_some()).await;
    page
}

const BIG_DISK: &str = r#"[[rule]]
id = "big-disk"
name = "Big disk"
when = ["disk.used > 4GB"]
offer = "plan:pro"
headline = "You use {disk.used}"
body = "Pro has room to grow."
cta_url = "https://billing.acme.example/upgrade"
"#;

#[wasm_bindgen_test]
async fn an_import_replaces_the_list_once_confirmed_and_says_what_the_server_refused() {
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = rules_page(rules(), "#c-r-import-text").await;
    assert!(find(&screen, "label[for=c-r-import-file]").is_some());
    // Line 3 lacks its `=`.
    type_into(
        &screen,
        "#c-r-import-text",
        "[[rule]]\nid = \"big-disk\"\nname \"Big disk\"\n",
    )
    .await;
    click(&screen, ".c-import > button").await;
    assert!(text_of(&screen, ".c-import .c-confirm").contains("Replace all 2 rules"));
    assert_eq!(
        ok(admin.api().offer_rules("acme").await).rules,
        rules(),
        "nothing before the confirmation"
    );
    click(&screen, ".c-import .c-danger-solid").await;
    until(&screen, "the syntax error", |r| {
        find(r, "#c-r-import-text-error").is_some()
    })
    .await;
    let said = text_of(&screen, "#c-r-import-text-error");
    assert!(
        said.starts_with("The file is not valid rules TOML") && said.contains("line 3"),
        "{said}"
    );
    assert!(
        text_of(&screen, ".c-rule-list").contains("Disk nearly full"),
        "the list is kept"
    );
    assert_eq!(ok(admin.api().offer_rules("acme").await).rules, rules());

    type_into(&screen, "#c-r-import-text", BIG_DISK).await;
    click(&screen, ".c-import > button").await;
    click(&screen, ".c-import .c-danger-solid").await;
    until(&screen, "the imported list", |r| {
        find(r, "#c-r-1-edit").is_none() && find(r, ".c-ok").is_some()
    })
    .await;
    assert!(text_of(&screen, ".c-rule-list").contains("1. Big disk"));
    assert!(text_of(&screen, ".c-ok").contains("Imported and saved 1 rules"));
    assert_eq!(
        value(&screen, "#c-r-import-text"),
        "",
        "the box starts again"
    );
    let stored = ok(admin.api().offer_rules("acme").await).rules;
    let ids: Vec<&str> = stored.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["big-disk"]);
    assert_eq!(stored[0].when, ["disk.used > 4GB"]);
    drop(screen);
    before.put_back(&admin).await;
}

#[wasm_bindgen_test]
async fn try_it_shows_the_offer_the_saved_rules_give_or_none() {
    // Only the disk rule: with a small disk, no rule holds.
    let disk_only = vec![rule(
        "disk-full",
        "Disk nearly full",
        &["disk.percent >= 80"],
        "plan:pro",
    )];
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = rules_page(disk_only, "#c-try-disk-used").await;
    assert_eq!(value(&screen, "#c-try-disk-used"), "4.6");
    type_into(&screen, "#c-try-bandwidth-used", "20").await;
    type_into(&screen, "#c-try-service", "77").await;
    click(&screen, ".c-try button[type=submit]").await;
    until(&screen, "the offer", |r| {
        find(r, ".c-offer-preview").is_some()
    })
    .await;
    let offer = plain(&text_of(&screen, ".c-offer-preview"));
    assert!(offer.contains("Rule disk-full · Pro"), "{offer}");
    assert!(offer.contains("You use 4.6 GB of 5 GB"), "{offer}");
    assert!(offer.contains("+€5.00/month"), "{offer}");
    // The service id typed went into the link.
    assert!(
        offer.contains("Button leads to https://billing.acme.example/upgrade?id=77"),
        "{offer}"
    );
    type_into(&screen, "#c-try-disk-used", "1").await;
    click(&screen, ".c-try button[type=submit]").await;
    until(&screen, "no offer", |r| {
        find(r, ".c-offer-preview").is_none()
    })
    .await;
    assert_eq!(
        text_of(&screen, ".c-try-answer"),
        "No offer for these figures."
    );
    drop(screen);
    before.put_back(&admin).await;
}
