//! The Team and keys page in headless Chromium against a stand-in `fetch`: a member's address
//! opens their tenant and puts the focus on their row, which links to that address; removing
//! an account says so and leaves the focus on the list's heading.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare_console::agents::TeamView;
use panelcare_model::console::{Origins, Role, TeamMember, TenantInfo};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

mod common;

use common::{
    fetch::{calls, fake_server, json},
    *,
};

wasm_bindgen_test_configure!(run_in_browser);

fn member(id: &str, tenant: &str, role: Role) -> TeamMember {
    TeamMember {
        id: id.into(),
        tenant_id: tenant.into(),
        email: format!("{id}@{tenant}.test"),
        name: id.to_uppercase(),
        role,
    }
}

fn serve() {
    let tenants = vec![
        TenantInfo {
            id: "acme".into(),
            name: "Acme Hosting".into(),
            parent_id: None,
        },
        TenantInfo {
            id: "bluefox".into(),
            name: "BlueFox".into(),
            parent_id: Some("acme".into()),
        },
    ];
    let team = vec![
        member("ada", "acme", Role::ProviderAdmin),
        member("nina", "bluefox", Role::ResellerAdmin),
        member("olaf", "bluefox", Role::Agent),
    ];
    let none = Origins { origins: vec![] };
    let mut routes = vec![
        ("GET /console/api/tenants".to_owned(), 200, json(&tenants)),
        ("GET /console/api/agents".to_owned(), 200, json(&team)),
        (
            "GET /console/api/second-factor/accounts".to_owned(),
            200,
            json(&Vec::<String>::new()),
        ),
        (
            "DELETE /console/api/agents/olaf".to_owned(),
            204,
            JsValue::NULL,
        ),
    ];
    for t in ["acme", "bluefox"] {
        let keys = format!("GET /console/api/tenants/{t}/keys");
        routes.push((keys, 200, json(&Vec::<String>::new())));
        let origins = format!("GET /console/api/tenants/{t}/origins");
        routes.push((origins, 200, json(&none)));
    }
    fake_server(routes);
}

/// The id of the focused element, when it is inside `root` (earlier tests' screens stay in
/// the page, with the same ids).
fn focused_id(root: &Element) -> String {
    gloo_utils::document()
        .active_element()
        .filter(|e| root.contains(Some(e)))
        .map(|e| e.id())
        .unwrap_or_default()
}

fn tenant_chosen(root: &Element) -> String {
    find(root, "#c-t-tenant")
        .unwrap()
        .dyn_into::<HtmlSelectElement>()
        .unwrap()
        .value()
}

#[wasm_bindgen_test]
async fn a_members_address_opens_their_tenant_and_focuses_their_row() {
    serve();
    let root = root();
    let app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <TeamView member={"nina"} /> },
    );
    until(&root, "nina's row, focused", |r| {
        focused_id(r) == "c-team-nina"
    })
    .await;
    // The first tenant (acme) came first; the address chose nina's.
    assert_eq!(tenant_chosen(&root), "bluefox");
    let link = find(&root, "#c-team-nina a").unwrap();
    assert_eq!(link.get_attribute("href").unwrap(), "/console/team/nina");
    assert_eq!(link.get_attribute("aria-current").unwrap(), "location");
    assert_eq!(
        find(&root, "#c-team-olaf a")
            .unwrap()
            .get_attribute("href")
            .unwrap(),
        "/console/team/olaf"
    );
    assert!(find(&root, "#c-team-olaf a[aria-current]").is_none());
    assert!(
        find(&root, "#c-team-ada").is_none(),
        "acme's accounts are not listed"
    );
    // Gone from the page, so the next test's ids are its own.
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn removing_an_account_says_so_and_focuses_the_list() {
    serve();
    let root = root();
    let app = common::console::mount(&root, Role::ProviderAdmin, yew::html! { <TeamView /> });
    until(&root, "acme's accounts", |r| {
        find(r, "#c-team-ada").is_some()
    })
    .await;
    choose(&root, "#c-t-tenant", "bluefox").await;
    until(&root, "bluefox's accounts", |r| {
        find(r, "#c-team-olaf").is_some()
    })
    .await;
    click(&root, "button[aria-label='Remove olaf@bluefox.test']").await;
    until(&root, "the removal said", |r| {
        r.text_content()
            .unwrap()
            .contains("Account removed; its sessions ended.")
    })
    .await;
    assert_eq!(calls("DELETE"), vec!["DELETE /console/api/agents/olaf "]);
    until(&root, "the list's heading focused", |r| {
        focused_id(r) == "c-people-title"
    })
    .await;
    assert!(!common::console::signed_out());
    app.destroy();
    root.remove();
}
