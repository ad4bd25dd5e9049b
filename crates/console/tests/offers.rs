//! The offers screens in headless Chromium against a stand-in `fetch` that answers as the
//! server would and records each request (method, path with query, content type, body): the
//! catalogue, a reseller's overrides, the rules with their TOML import and preview, and the
//! numbers.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use panelcare_console::{
    offers::{
        CatalogueEditor, CatalogueProps, OfferNumbersView, OffersProps, OffersView,
        OverridesEditor, OverridesProps, RulesEditor,
    },
    route::Route,
};
use panelcare_model::console::Role;
use panelcare_model::{
    ApiError, ErrorBody, ErrorCode, FieldError,
    console::TenantInfo,
    error::FieldErrorCode,
    offers::{
        Cap, Catalogue, Item, ItemKind, Limit, Metric, Offer, Period, Price, ResellerCatalogue,
        Rule, RuleSet,
        numbers::{FunnelRow, OfferNumbers, TenantOffers},
    },
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;
use yew::{AppHandle, AttrValue};
use yew_router::hooks::use_route;

mod common;

use common::{fetch::json, *};

wasm_bindgen_test_configure!(run_in_browser);

const GB: f64 = 1024.0 * 1024.0 * 1024.0;

/// A 422 naming each `(field, message)`, as the server words it.
fn refusal(fields: &[(&str, &str)]) -> JsValue {
    json(&ErrorBody {
        error: ApiError {
            code: ErrorCode::ValidationFailed,
            message: "Some fields are not valid.".into(),
            fields: fields
                .iter()
                .map(|(f, m)| FieldError::new(*f, FieldErrorCode::UnknownValue, *m))
                .collect(),
        },
    })
}

/// Replaces `fetch`: `"METHOD /path"` (no query) answers each `(status, body)` in turn, the
/// last one again after that; anything else is a 404. Every request is kept in
/// `window.__calls` as `{method, url, type, body}`, `url` with its query.
fn fake_server(routes: Vec<(&str, Vec<(u16, JsValue)>)>) {
    let table = js_sys::Object::new();
    for (route, answers) in routes {
        let list = js_sys::Array::new();
        for (status, body) in answers {
            list.push(&js_sys::Array::of2(&JsValue::from(status), &body));
        }
        js_sys::Reflect::set(&table, &route.into(), &list).unwrap();
    }
    let install = js_sys::Function::new_with_args(
        "routes",
        r#"
        window.__calls = [];
        window.fetch = async (url, init) => {
            const method = (init && init.method) || "GET";
            const u = new URL(url, location.href);
            const headers = new Headers((init && init.headers) || {});
            window.__calls.push({
                method, url: u.pathname + u.search,
                type: headers.get("Content-Type") || "", body: (init && init.body) || "",
            });
            const answers = routes[method + " " + u.pathname];
            const [status, body] = !answers ? [404, null] : answers.length > 1 ? answers.shift() : answers[0];
            const text = status === 204 || body === null ? null : JSON.stringify(body);
            return new Response(text, { status, headers: { "Content-Type": "application/json" } });
        };
        "#,
    );
    install.call1(&JsValue::NULL, &table).unwrap();
}

#[derive(Debug)]
struct Call {
    url: String,
    kind: String,
    body: String,
}

/// The requests with `method` sent since [`fake_server`].
fn calls(method: &str) -> Vec<Call> {
    let all = js_sys::Reflect::get(&gloo_utils::window(), &"__calls".into()).unwrap();
    let get = |c: &JsValue, k: &str| {
        js_sys::Reflect::get(c, &k.into())
            .unwrap()
            .as_string()
            .unwrap_or_default()
    };
    js_sys::Array::from(&all)
        .iter()
        .filter(|c| get(c, "method") == method)
        .map(|c| Call {
            url: get(&c, "url"),
            kind: get(&c, "type"),
            body: get(&c, "body"),
        })
        .collect()
}

fn item(id: &str, name: &str, cents: i64, limits: &[(Metric, Limit)]) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        description: String::new(),
        price: Price {
            cents,
            currency: "EUR".into(),
            period: Period::Month,
        },
        limits: limits.iter().copied().collect(),
        sla_tier: String::new(),
        cta_url: String::new(),
    }
}

fn catalogue() -> Catalogue {
    Catalogue {
        plans: vec![
            item(
                "starter",
                "Starter",
                400,
                &[(Metric::Disk, Limit::Of(5.0 * GB))],
            ),
            item("pro", "Pro", 900, &[(Metric::Disk, Limit::Unlimited)]),
        ],
        addons: vec![item("backups", "Daily backups", 200, &[])],
        support: Vec::new(),
        link_origins: vec!["https://billing.acme.example".into()],
    }
}

fn rule(id: &str, name: &str, when: &[&str], offer: &str) -> Rule {
    Rule {
        id: id.into(),
        name: name.into(),
        enabled: true,
        priority: 10,
        when: when.iter().map(|w| (*w).to_owned()).collect(),
        offer: offer.into(),
        headline: "You use {disk.used} of {disk.limit}".into(),
        body: "Pro has room to grow.".into(),
        texts: BTreeMap::new(),
        cta_url: "https://billing.acme.example/upgrade?id={service.id}".into(),
        snooze_days: 14,
        cap: Cap::default(),
        variants: Vec::new(),
    }
}

fn rules() -> RuleSet {
    RuleSet {
        rules: vec![
            rule(
                "disk-full",
                "Disk nearly full",
                &["disk.percent >= 80"],
                "plan:pro",
            ),
            rule("backups", "Backups for busy sites", &[], "addon:backups"),
        ],
    }
}

/// The rules editor as the offers screen draws it: the open rule is the one the address
/// names (`screen.rs` does the same).
#[yew::component]
fn RoutedRules() -> yew::Html {
    let open = match use_route::<Route>() {
        Some(Route::OfferRule { id }) => Some(AttrValue::from(id)),
        _ => None,
    };
    yew::html! { <RulesEditor tenant="acme" {open} /> }
}

/// Goes to `path` without loading a page, as the app's own links do.
fn go_to(path: &str) {
    gloo_utils::window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
}

fn path() -> String {
    gloo_utils::window().location().pathname().unwrap()
}

/// Acme's rules at `path`, as a provider's admin sees them.
fn mount_rules(root: &web_sys::Element, path: &str) -> AppHandle<common::console::SignedIn> {
    go_to(path);
    common::console::mount(root, Role::ProviderAdmin, yew::html! { <RoutedRules /> })
}

async fn check(root: &web_sys::Element, sel: &str, on: bool) {
    let input: HtmlInputElement = find(root, sel).unwrap().dyn_into().unwrap();
    if input.checked() != on {
        click(root, sel).await;
    }
}

#[wasm_bindgen_test]
async fn the_catalogue_sends_cents_and_bytes_and_shows_a_refusal_at_its_input() {
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        (
            "PUT /console/api/offers/catalogue",
            vec![(
                422,
                refusal(&[("plans[2].name", "Two plans are called 'Pro'.")]),
            )],
        ),
    ]);
    let root = root();
    let props = CatalogueProps {
        tenant: AttrValue::from("acme"),
    };
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <CatalogueEditor ..props /> },
    );
    until(&root, "the plans", |r| {
        find(r, "#c-o-plans-1-name").is_some()
    })
    .await;
    let price: HtmlInputElement = find(&root, "#c-o-plans-0-price")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(price.value(), "4.00");
    let disk: HtmlInputElement = find(&root, "#c-o-plans-0-limit-disk")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(disk.value(), "5", "5 GB in bytes reads as 5");
    assert_eq!(
        text_of(&root, "label[for=c-o-plans-0-limit-disk]"),
        "Disk limit (GB)"
    );

    click(&root, "#c-o-add-plans").await;
    until(&root, "the new plan", |r| {
        find(r, "#c-o-plans-2-id").is_some()
    })
    .await;
    type_into(&root, "#c-o-plans-2-id", "business").await;
    type_into(&root, "#c-o-plans-2-name", "Pro").await;
    type_into(&root, "#c-o-plans-2-price", "9,999").await;
    type_into(&root, "#c-o-plans-2-limit-disk", "2.5").await;
    check(&root, "#c-o-plans-2-limit-bandwidth-unlimited", true).await;
    type_into(&root, "#c-o-plans-2-limit-inodes", "250000").await;
    choose(&root, "#c-o-plans-2-period", "year").await;

    // Three decimals: refused here, next to the price, nothing sent.
    click(&root, "button[type=submit]").await;
    until(&root, "the local refusal", |r| {
        find(r, "#c-o-plans-2-price-error").is_some()
    })
    .await;
    assert!(text_of(&root, "#c-o-plans-2-price-error").contains("9.00"));
    assert!(calls("PUT").is_empty());

    type_into(&root, "#c-o-plans-2-price", "9.00").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the server's message", |r| {
        find(r, "#c-o-plans-2-name-error").is_some()
    })
    .await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, "/console/api/offers/catalogue?tenant=acme");
    let body = &sent[0].body;
    assert!(
        body.contains(r#"{"id":"business","name":"Pro","price":{"cents":900,"currency":"EUR","period":"year"},"limits":{"disk":{"of":2684354560},"bandwidth":"unlimited","inodes":{"of":250000}}}"#),
        "{body}"
    );
    assert!(
        body.contains(r#""link_origins":["https://billing.acme.example"]"#),
        "{body}"
    );
    // At the third plan's name, which points at it; the other plans are fine.
    assert_eq!(
        text_of(&root, "#c-o-plans-2-name-error"),
        "Two plans are called 'Pro'."
    );
    let name = find(&root, "#c-o-plans-2-name").unwrap();
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        name.get_attribute("aria-describedby")
            .unwrap()
            .contains("c-o-plans-2-name-error")
    );
    assert!(find(&root, "#c-o-plans-1-name-error").is_none());
    assert!(
        find(&root, "#c-o-plans-2-price-error").is_none(),
        "the local message went"
    );
    assert!(text_of(&root, "[role=alert]").contains("Nothing was saved"));
}

#[wasm_bindgen_test]
async fn a_reseller_hides_renames_and_reprices_its_providers_items() {
    let reseller = ResellerCatalogue {
        provider: catalogue(),
        overrides: Default::default(),
        link_origins: Vec::new(),
    };
    fake_server(vec![
        (
            "GET /console/api/offers/overrides",
            vec![(200, json(&reseller))],
        ),
        (
            "PUT /console/api/offers/overrides",
            vec![(
                422,
                refusal(&[("items.plan:pro.name", "At most 80 characters.")]),
            )],
        ),
    ]);
    let root = root();
    let props = OverridesProps {
        tenant: AttrValue::from("bluefox"),
    };
    let _app = common::console::mount(
        &root,
        Role::ResellerAdmin,
        yew::html! { <OverridesEditor ..props /> },
    );
    until(&root, "the provider's items", |r| {
        find(r, "#c-ov-plan-pro-name").is_some()
    })
    .await;
    assert!(text_of(&root, ".c-overrides").contains("€9.00/month"));
    check(&root, "#c-ov-plan-starter-hidden", true).await;
    type_into(&root, "#c-ov-plan-pro-name", "Pro Plus").await;
    type_into(&root, "#c-ov-plan-pro-price", "7,50").await;
    type_into(&root, "#c-ov-origins", "https://billing.bluefox.example\n").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the refusal", |r| {
        find(r, "#c-ov-plan-pro-name-error").is_some()
    })
    .await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, "/console/api/offers/overrides?tenant=bluefox");
    let body = &sent[0].body;
    assert!(
        body.contains(r#""items":{"plan:pro":{"hidden":false,"name":"Pro Plus","price":{"cents":750,"currency":"EUR","period":"month"}},"plan:starter":{"hidden":true}}"#),
        "{body}"
    );
    assert!(
        body.contains(r#""link_origins":["https://billing.bluefox.example"]"#),
        "{body}"
    );
    assert_eq!(
        text_of(&root, "#c-ov-plan-pro-name-error"),
        "At most 80 characters."
    );
}

#[wasm_bindgen_test]
async fn a_changed_condition_is_saved_with_the_whole_list_and_its_refusal_shown_on_that_rule() {
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
        (
            "PUT /console/api/offers/rules",
            vec![(
                422,
                refusal(&[(
                    "rule[0].when[0]",
                    "'disk.percnt' is not a field rules know.",
                )]),
            )],
        ),
    ]);
    let root = root();
    let _app = mount_rules(&root, "/console/offers");
    until(&root, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    let list = text_of(&root, ".c-rule-list");
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
        text_of(&root, ".c-rule-help").contains("tickets.urgent"),
        "the fields are listed"
    );
    assert!(
        text_of(&root, ".c-rule-help").contains("{service.id}"),
        "and the placeholders"
    );
    let export = find(&root, "a[download]").unwrap();
    assert_eq!(
        export.get_attribute("href").as_deref(),
        Some("/console/api/offers/rules.toml?tenant=acme")
    );

    click(&root, "#c-r-0-edit").await;
    until(&root, "the form", |r| find(r, "#c-r-0-when").is_some()).await;
    assert!(
        find(&root, "#c-r-0-offer option[value='addon:backups']").is_some(),
        "offers come from the catalogue"
    );
    type_into(&root, "#c-r-0-when", "disk.percnt >= 90\n\nplan == starter").await;
    type_into(&root, "#c-r-0-ru-headline", "Диск почти заполнен").await;
    click(&root, "#c-r-save").await;
    until(&root, "the refusal", |r| {
        find(r, "#c-r-0-when-error").is_some()
    })
    .await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url, "/console/api/offers/rules?tenant=acme");
    let body = &sent[0].body;
    assert!(body.starts_with(r#"{"rule":[{"id":"disk-full""#), "{body}");
    assert!(
        body.contains(r#""when":["disk.percnt >= 90","plan == starter"]"#),
        "{body}"
    );
    assert!(
        body.contains(r#""texts":{"ru":{"headline":"Диск почти заполнен","body":""}}"#),
        "{body}"
    );
    assert!(
        body.contains(r#"{"id":"backups","name":"Backups for busy sites""#),
        "the whole list: {body}"
    );
    assert_eq!(
        text_of(&root, "#c-r-0-when-error"),
        "Line 1 (“disk.percnt >= 90”): 'disk.percnt' is not a field rules know."
    );
    assert!(text_of(&root, "#c-r-0-problems").contains("Condition 1"));
    assert!(
        find(&root, "#c-r-1-problems").is_none(),
        "the other rule is fine"
    );
    assert!(text_of(&root, "[role=alert]").contains("rule 1 “Disk nearly full”"));
}

#[wasm_bindgen_test]
async fn a_rules_form_has_its_own_address() {
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
    ]);
    let root = root();
    // A link to the second rule opens its form.
    let _app = mount_rules(&root, "/console/offers/rules/backups");
    until(&root, "the form of the rule the address names", |r| {
        find(r, "#c-r-1-when").is_some()
    })
    .await;
    assert!(find(&root, "#c-r-0-when").is_none(), "one form at a time");

    // Closing it goes back to the offers' address; opening another goes to that one.
    click(&root, "#c-r-1-edit").await;
    until(&root, "the form closed", |r| {
        find(r, "#c-r-1-when").is_none()
    })
    .await;
    assert_eq!(path(), "/console/offers");
    click(&root, "#c-r-0-edit").await;
    until(&root, "the first rule's form", |r| {
        find(r, "#c-r-0-when").is_some()
    })
    .await;
    assert_eq!(path(), "/console/offers/rules/disk-full");

    // A new id is a new address, and the form stays open through it.
    type_into(&root, "#c-r-0-id", "disk-nearly-full").await;
    until(&root, "the new address", |_| {
        path() == "/console/offers/rules/disk-nearly-full"
    })
    .await;
    yew::scheduler::flush().await;
    assert!(find(&root, "#c-r-0-when").is_some());

    // Back leaves the rule: its form closes, the list keeps the unsaved change.
    gloo_utils::window().history().unwrap().back().unwrap();
    until(&root, "the list again", |r| {
        find(r, "#c-r-0-when").is_none()
    })
    .await;
    assert_eq!(path(), "/console/offers");
    assert!(find(&root, ".c-unsaved").is_some());
}

#[wasm_bindgen_test]
async fn an_address_naming_no_rule_says_so() {
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
    ]);
    let root = root();
    let _app = mount_rules(&root, "/console/offers/rules/gone");
    until(&root, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    assert!(text_of(&root, "[role=alert]").contains("no rule “gone”"));
    assert!(find(&root, ".c-rule-form").is_none());
}

#[wasm_bindgen_test]
async fn rules_are_added_moved_switched_off_and_deleted_before_one_save() {
    let saved = RuleSet {
        rules: vec![rule(
            "backups",
            "Backups for busy sites",
            &[],
            "addon:backups",
        )],
    };
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
        ("PUT /console/api/offers/rules", vec![(200, json(&saved))]),
    ]);
    let root = root();
    let _app = mount_rules(&root, "/console/offers");
    until(&root, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    click(&root, "#c-r-0-down").await;
    assert!(text_of(&root, ".c-rule-list li:first-child").contains("Backups for busy sites"));
    click(&root, "#c-r-0-on").await;
    assert!(text_of(&root, ".c-unsaved").contains("Unsaved"));
    click(&root, "#c-r-add").await;
    until(&root, "the new rule's form", |r| {
        find(r, "#c-r-2-id").is_some()
    })
    .await;
    let id: HtmlInputElement = find(&root, "#c-r-2-id").unwrap().dyn_into().unwrap();
    assert_eq!(id.value(), "rule-1");
    type_into(&root, "#c-r-2-name", "Premium support").await;
    // Deleting asks first.
    click(&root, "button[aria-label='Delete Disk nearly full']").await;
    click(&root, ".c-confirm-inline .c-danger-solid").await;
    click(&root, "#c-r-save").await;
    until(&root, "saved", |r| find(r, ".c-ok").is_some()).await;
    let body = &calls("PUT")[0].body;
    assert!(
        body.starts_with(
            r#"{"rule":[{"id":"backups","name":"Backups for busy sites","enabled":false"#
        ),
        "{body}"
    );
    assert!(body.contains(r#"{"id":"rule-1","name":"Premium support","enabled":true,"priority":0,"when":[],"offer":"plan:starter""#), "{body}");
    assert!(!body.contains("disk-full"), "{body}");
    // The list is what the server saved.
    until(&root, "the saved list", |r| {
        find(r, "#c-r-1-edit").is_none()
    })
    .await;
    assert!(find(&root, ".c-unsaved").is_none());
}

#[wasm_bindgen_test]
async fn an_import_sends_the_toml_and_replaces_the_list_once_confirmed() {
    let toml = "[[rule]]\nid = \"big-disk\"\nname = \"Big disk\"\n";
    let imported = RuleSet {
        rules: vec![rule(
            "big-disk",
            "Big disk",
            &["disk.used > 4GB"],
            "plan:pro",
        )],
    };
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
        (
            "PUT /console/api/offers/rules.toml",
            vec![
                (422, refusal(&[("toml", "Line 3: expected `=`.")])),
                (200, json(&imported)),
            ],
        ),
    ]);
    let root = root();
    let _app = mount_rules(&root, "/console/offers");
    until(&root, "the rules", |r| {
        find(r, "#c-r-import-text").is_some()
    })
    .await;
    assert!(find(&root, "label[for=c-r-import-file]").is_some());
    type_into(
        &root,
        "#c-r-import-text",
        "[[rule]]\nid = \"big-disk\"\nname \"Big disk\"\n",
    )
    .await;
    click(&root, ".c-import > button").await;
    assert!(text_of(&root, ".c-import .c-confirm").contains("Replace all 2 rules"));
    assert!(calls("PUT").is_empty(), "nothing before the confirmation");
    click(&root, ".c-import .c-danger-solid").await;
    until(&root, "the syntax error", |r| {
        find(r, "#c-r-import-text-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, "#c-r-import-text-error"),
        "Line 3: expected `=`."
    );
    assert!(
        text_of(&root, ".c-rule-list").contains("Disk nearly full"),
        "the list is kept"
    );

    type_into(&root, "#c-r-import-text", toml).await;
    click(&root, ".c-import > button").await;
    click(&root, ".c-import .c-danger-solid").await;
    until(&root, "the imported list", |r| {
        find(r, "#c-r-1-edit").is_none()
    })
    .await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].url, "/console/api/offers/rules.toml?tenant=acme");
    assert_eq!(sent[1].kind, "application/toml");
    assert_eq!(sent[1].body, toml);
    assert!(text_of(&root, ".c-rule-list").contains("1. Big disk"));
    assert!(text_of(&root, ".c-ok").contains("Imported and saved 1 rules"));
}

#[wasm_bindgen_test]
async fn try_it_sends_the_figures_and_shows_the_offer_or_none() {
    let offer = Offer {
        rule: "disk-full".into(),
        variant: String::new(),
        kind: ItemKind::Plan,
        target: "pro".into(),
        target_name: "Pro".into(),
        current_name: "Starter".into(),
        headline: "You use 4.6 GB of 5 GB".into(),
        body: "Pro has room to grow.".into(),
        why: Vec::new(),
        changes: Vec::new(),
        price: "€9.00/month".into(),
        price_diff: "+€5.00/month".into(),
        price_diff_cents: 500,
        cta_url: "https://billing.acme.example/upgrade?id=77".into(),
        snooze_days: 14,
    };
    fake_server(vec![
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
        (
            "POST /console/api/offers/preview",
            vec![
                (200, json(&serde_json_offer(Some(offer)))),
                (200, json(&serde_json_offer(None))),
            ],
        ),
    ]);
    let root = root();
    let _app = mount_rules(&root, "/console/offers");
    until(&root, "the box", |r| find(r, "#c-try-disk-used").is_some()).await;
    type_into(&root, "#c-try-bandwidth-used", "20").await;
    type_into(&root, "#c-try-service", "77").await;
    click(&root, ".c-try button[type=submit]").await;
    until(&root, "the offer", |r| {
        find(r, ".c-offer-preview").is_some()
    })
    .await;
    assert!(text_of(&root, ".c-offer-preview").contains("You use 4.6 GB of 5 GB"));
    assert!(text_of(&root, ".c-offer-preview").contains("+€5.00/month"));
    let sent = calls("POST");
    assert_eq!(sent[0].url, "/console/api/offers/preview?tenant=acme");
    assert_eq!(
        sent[0].body,
        r#"{"usage":{"bandwidth":{"used":21474836480,"limit":null},"disk":{"used":4939212390,"limit":5368709120},"service_id":"77"},"plan":"starter","lang":"en"}"#
    );
    type_into(&root, "#c-try-disk-used", "1").await;
    click(&root, ".c-try button[type=submit]").await;
    until(&root, "no offer", |r| find(r, ".c-offer-preview").is_none()).await;
    assert_eq!(
        text_of(&root, ".c-try-answer"),
        "No offer for these figures."
    );
}

/// `{"offer": … | null}`.
fn serde_json_offer(offer: Option<Offer>) -> BTreeMap<&'static str, Option<Offer>> {
    BTreeMap::from([("offer", offer)])
}

#[wasm_bindgen_test]
async fn numbers_show_the_rate_with_its_interval_the_uplift_and_the_csv_for_the_period() {
    let row = FunnelRow {
        rule: "disk-full".into(),
        rule_name: "Disk nearly full".into(),
        variant: "b".into(),
        target: "plan:pro".into(),
        target_name: "Pro".into(),
        shown: 190,
        clicked: 31,
        converted: 8,
        snoozed: 12,
        dismissed: 5,
        rate: 0.042,
        rate_low: 0.021,
        rate_high: 0.079,
        uplift_monthly_cents: 4000,
        currency: "EUR".into(),
    };
    let numbers = |days| OfferNumbers {
        days,
        tenants: vec![TenantOffers {
            tenant_id: "acme".into(),
            tenant_name: "Acme Hosting".into(),
            rows: vec![row.clone()],
            unattributed: 3,
        }],
    };
    fake_server(vec![(
        "GET /console/api/offers/numbers",
        vec![(200, json(&numbers(30))), (200, json(&numbers(90)))],
    )]);
    let root = root();
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <OfferNumbersView /> },
    );
    until(&root, "the table", |r| {
        find(r, ".c-offer-numbers").is_some()
    })
    .await;
    assert_eq!(text_of(&root, ".c-rate"), "4.2 % (2.1–7.9 %)");
    assert_eq!(text_of(&root, ".c-uplift"), "+€40.00 a month");
    assert!(text_of(&root, ".c-offer-numbers th[scope=row]").contains("Disk nearly full / b"));
    assert_eq!(
        text_of(&root, ".c-unattributed"),
        "8 conversions came from an offer; 3 the panel reported without one."
    );
    // The offer is named as the catalogue names it, not by its key.
    assert_eq!(text_of(&root, ".c-offer-numbers tbody td"), "Pro");
    let chart = find(&root, ".c-funnel svg")
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert!(
        chart.contains("shown to 190, clicked by 31, converted 8"),
        "{chart}"
    );
    let csv = find(&root, "#c-on-csv").unwrap();
    assert_eq!(
        csv.get_attribute("href").as_deref(),
        Some("/console/api/offers/numbers.csv?days=30")
    );
    assert_eq!(calls("GET")[0].url, "/console/api/offers/numbers?days=30");

    choose(&root, "#c-on-days", "90").await;
    until(&root, "the 90 days", |r| {
        find(r, "#c-on-csv")
            .and_then(|a| a.get_attribute("href"))
            .as_deref()
            == Some("/console/api/offers/numbers.csv?days=90")
            && find(r, ".c-offer-numbers").is_some()
    })
    .await;
    assert_eq!(calls("GET")[1].url, "/console/api/offers/numbers?days=90");
}

#[wasm_bindgen_test]
async fn the_page_gives_a_provider_its_catalogue_and_a_reseller_its_overrides() {
    let tenants = vec![
        TenantInfo {
            id: "acme".into(),
            name: "Acme Hosting".into(),
            parent_id: None,
        },
        TenantInfo {
            id: "bluefox".into(),
            name: "BlueFox Web".into(),
            parent_id: Some("acme".into()),
        },
    ];
    let reseller = ResellerCatalogue {
        provider: catalogue(),
        overrides: Default::default(),
        link_origins: Vec::new(),
    };
    fake_server(vec![
        ("GET /console/api/tenants", vec![(200, json(&tenants))]),
        (
            "GET /console/api/offers/catalogue",
            vec![(200, json(&catalogue()))],
        ),
        ("GET /console/api/offers/rules", vec![(200, json(&rules()))]),
        (
            "GET /console/api/offers/overrides",
            vec![(200, json(&reseller))],
        ),
    ]);
    let root = root();
    let props = OffersProps { rule: None };
    go_to("/console/offers");
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <OffersView ..props /> },
    );
    until(&root, "the rules", |r| find(r, "#c-r-1-edit").is_some()).await;
    assert_eq!(text_of(&root, ".c-tab[aria-current=page]"), "Rules");
    click(&root, ".c-tab:nth-child(2)").await;
    until(&root, "the catalogue", |r| {
        find(r, "#c-o-plans-0-name").is_some()
    })
    .await;
    assert_eq!(text_of(&root, "#c-o-cat-title"), "Catalogue");
    choose(&root, "#c-o-tenant", "bluefox").await;
    until(&root, "the reseller's overrides", |r| {
        find(r, "#c-ov-plan-pro-name").is_some()
    })
    .await;
    assert_eq!(text_of(&root, "#c-o-cat-title"), "Your catalogue");
    assert_eq!(
        text_of(&root, ".c-tab[aria-current=page]"),
        "Your catalogue"
    );
    let gets: Vec<String> = calls("GET").into_iter().map(|c| c.url).collect();
    assert!(
        gets.contains(&"/console/api/offers/rules?tenant=acme".to_owned()),
        "{gets:?}"
    );
    assert!(
        gets.contains(&"/console/api/offers/overrides?tenant=bluefox".to_owned()),
        "{gets:?}"
    );
    click(&root, ".c-tab:nth-child(3)").await;
    assert!(
        find(&root, "#c-o-tenant").is_none(),
        "the numbers cover every tenant in scope"
    );
    assert!(find(&root, "#c-on-days").is_some());
}
