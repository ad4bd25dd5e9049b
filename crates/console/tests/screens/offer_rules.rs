//! A tenant's offer rules on the offers page, drawn at the address as the app draws it: the
//! server's refusals at the rule and line they are about, and one save for every change,
//! read back from the server.

use panelcare_model::offers::{Rule, Wording};
use wasm_bindgen_test::*;

use crate::common::{
    offers::{self, OffersPage, rules},
    server::{Signed, ok},
    *,
};

async fn stored(admin: &Signed, tenant: &str) -> Vec<Rule> {
    ok(admin.api().offer_rules(tenant).await).rules
}

#[wasm_bindgen_test]
async fn a_changed_condition_is_refused_on_that_rule_then_saved_with_the_whole_list() {
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = offers::page("/console/offers", rules()).await;
    until(&screen, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    let list = text_of(&screen, ".c-rule-list");
    assert!(
        list.contains("1. Disk nearly full") && list.contains("offers Pro"),
        "{list}"
    );
    assert!(
        list.contains("When disk.percent >= 80") && list.contains("When always"),
        "{list}"
    );
    assert!(list.contains("offers Daily backups"), "{list}");
    assert!(
        text_of(&screen, ".c-rule-help").contains("tickets.urgent"),
        "the fields are listed"
    );
    assert!(
        text_of(&screen, ".c-rule-help").contains("{service.id}"),
        "and the placeholders"
    );
    let export = find(&screen, "a[download]").unwrap();
    assert_eq!(
        export.get_attribute("href").as_deref(),
        Some("/console/api/offers/rules.toml?tenant=acme")
    );

    click(&screen, "#c-r-0-edit").await;
    until(&screen, "the form", |r| find(r, "#c-r-0-when").is_some()).await;
    assert!(
        find(&screen, "#c-r-0-offer option[value='addon:backups']").is_some(),
        "offers come from the catalogue"
    );
    type_into(
        &screen,
        "#c-r-0-when",
        "disk.percnt >= 90\n\nplan == starter",
    )
    .await;
    type_into(&screen, "#c-r-0-ru-headline", "Диск почти заполнен").await;
    type_into(&screen, "#c-r-0-ru-body", "В Pro места больше.").await;
    click(&screen, "#c-r-save").await;
    until(&screen, "the refusal", |r| {
        find(r, "#c-r-0-when-error").is_some()
    })
    .await;
    let said = text_of(&screen, "#c-r-0-when-error");
    assert!(
        said.starts_with("Line 1 (“disk.percnt >= 90”): 'disk.percnt' is not a field rules know."),
        "{said}"
    );
    assert!(text_of(&screen, "#c-r-0-problems").contains("Condition 1"));
    assert!(
        find(&screen, "#c-r-1-problems").is_none(),
        "the other rule is fine"
    );
    assert!(text_of(&screen, "[role=alert]").contains("rule 1 “Disk nearly full”"));
    assert_eq!(stored(&admin, "acme").await, rules(), "nothing was stored");

    type_into(
        &screen,
        "#c-r-0-when",
        "disk.percent >= 90\n\nplan == starter",
    )
    .await;
    click(&screen, "#c-r-save").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let saved = stored(&admin, "acme").await;
    assert_eq!(saved[0].when, ["disk.percent >= 90", "plan == starter"]);
    assert_eq!(
        saved[0].texts.get("ru"),
        Some(&Wording {
            headline: "Диск почти заполнен".into(),
            body: "В Pro места больше.".into(),
        })
    );
    assert_eq!(
        saved[1],
        rules()[1],
        "the whole list, the other rule as it was"
    );
    drop(screen);
    before.put_back(&admin).await;
}

#[wasm_bindgen_test]
async fn rules_are_added_moved_switched_off_and_deleted_before_one_save() {
    let OffersPage {
        admin,
        screen,
        before,
        at: _at,
    } = offers::page("/console/offers", rules()).await;
    until(&screen, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    click(&screen, "#c-r-0-down").await;
    assert!(text_of(&screen, ".c-rule-list li:first-child").contains("Backups for busy sites"));
    click(&screen, "#c-r-0-on").await;
    assert!(text_of(&screen, ".c-unsaved").contains("Unsaved"));
    click(&screen, "#c-r-add").await;
    until(&screen, "the new rule's form", |r| {
        find(r, "#c-r-2-id").is_some()
    })
    .await;
    assert_eq!(value(&screen, "#c-r-2-id"), "rule-1");
    type_into(&screen, "#c-r-2-name", "Premium support").await;
    type_into(&screen, "#c-r-2-headline", "Help within the hour").await;
    type_into(
        &screen,
        "#c-r-2-body",
        "Premium answers critical problems first.",
    )
    .await;
    type_into(&screen, "#c-r-2-cta_url", "/billing/upgrade").await;
    // Deleting asks first.
    click(&screen, "button[aria-label='Delete Disk nearly full']").await;
    click(&screen, ".c-confirm-inline .c-danger-solid").await;
    click(&screen, "#c-r-save").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let saved = stored(&admin, "acme").await;
    let ids: Vec<&str> = saved.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["backups", "rule-1"],
        "moved, added, the other deleted"
    );
    assert!(!saved[0].enabled, "switched off");
    let added = &saved[1];
    assert_eq!(
        (added.name.as_str(), added.enabled, added.priority),
        ("Premium support", true, 0)
    );
    assert!(added.when.is_empty());
    assert_eq!(added.offer, "plan:starter", "the catalogue's first item");
    // The list is what the server saved.
    until(&screen, "the saved list", |r| {
        find(r, "#c-r-2-edit").is_none() && find(r, ".c-unsaved").is_none()
    })
    .await;
    drop(screen);
    before.put_back(&admin).await;
}
