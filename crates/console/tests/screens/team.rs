//! The Team and keys page: a member's address opens their tenant and puts the focus on their
//! row, which links to that address; removing an account says so, leaves the focus on the
//! list's heading, and the server no longer has it; keys and origins that cannot be loaded
//! say so.

use panelcare_console::agents::TeamView;
use panelcare_model::console::{NewAgent, TeamMember};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::common::{
    console::signed_out,
    server::{PROVIDER_ADMIN, Signed, ok, sign_in},
    stand_in::StandIn,
    *,
};

/// A new agent account of BlueFox, named uniquely.
async fn bluefox_agent(admin: &Signed, name: &str) -> TeamMember {
    let email = format!("{}@bluefox.example", unique(name));
    let new = NewAgent {
        tenant_id: "bluefox".into(),
        email,
        name: name.into(),
        role: "agent".into(),
    };
    ok(admin.api().add_agent(&new).await).agent
}

async fn member_with(admin: &Signed, email: &str) -> Option<TeamMember> {
    ok(admin.api().team().await)
        .into_iter()
        .find(|m| m.email == email)
}

#[wasm_bindgen_test]
async fn a_members_address_opens_their_tenant_and_focuses_their_row() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let nina = bluefox_agent(&admin, "nina").await;
    let olaf = bluefox_agent(&admin, "olaf").await;
    let ada = member_with(&admin, PROVIDER_ADMIN).await.unwrap();
    let member = yew::AttrValue::from(nina.id.clone());
    let screen = admin.mount(yew::html! { <TeamView {member} /> });
    let nina_row = format!("c-team-{}", nina.id);
    until(&screen, "nina's row, focused", |r| {
        focused_id(r) == nina_row
    })
    .await;
    // The first tenant (Acme) came first; the address chose nina's.
    assert_eq!(value(&screen, "#c-t-tenant"), "bluefox");
    let link = find(&screen, &format!("#{nina_row} a")).unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("/console/team/{}", nina.id)
    );
    assert_eq!(link.get_attribute("aria-current").unwrap(), "location");
    let olaf_row = format!("#c-team-{}", olaf.id);
    assert_eq!(
        find(&screen, &format!("{olaf_row} a"))
            .unwrap()
            .get_attribute("href")
            .unwrap(),
        format!("/console/team/{}", olaf.id)
    );
    assert!(find(&screen, &format!("{olaf_row} a[aria-current]")).is_none());
    assert!(
        find(&screen, &format!("#c-team-{}", ada.id)).is_none(),
        "Acme's accounts are not listed"
    );
    drop(screen);
    for m in [nina, olaf] {
        ok(admin.api().remove_agent(&m.id).await);
    }
}

#[wasm_bindgen_test]
async fn removing_an_account_says_so_and_focuses_the_list() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let olaf = bluefox_agent(&admin, "olaf").await;
    let ada = member_with(&admin, PROVIDER_ADMIN).await.unwrap();
    let screen = admin.mount(yew::html! { <TeamView /> });
    until(&screen, "Acme's accounts", |r| {
        find(r, &format!("#c-team-{}", ada.id)).is_some()
    })
    .await;
    choose(&screen, "#c-t-tenant", "bluefox").await;
    let olaf_row = format!("#c-team-{}", olaf.id);
    until(&screen, "BlueFox's accounts", |r| {
        find(r, &olaf_row).is_some()
    })
    .await;
    click(
        &screen,
        &format!("button[aria-label='Remove {}']", olaf.email),
    )
    .await;
    until(&screen, "the removal said", |r| {
        r.text_content()
            .unwrap()
            .contains("Account removed; its sessions ended.")
    })
    .await;
    assert!(member_with(&admin, &olaf.email).await.is_none());
    until(&screen, "the list's heading focused", |r| {
        focused_id(r) == "c-people-title"
    })
    .await;
    until(&screen, "the row gone", |r| find(r, &olaf_row).is_none()).await;
    assert!(!signed_out());
}

#[wasm_bindgen_test]
async fn keys_and_origins_that_cannot_be_loaded_say_so() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    // The real server lists any tenant's keys and origins to its admin: its failing to (a
    // database that went away) is stood in for, for Acme's only.
    let failing = |what: &str| {
        let route = format!("GET /console/api/tenants/acme/{what}");
        (route, vec![(503, JsValue::NULL)])
    };
    let stand_in = StandIn::answer(vec![failing("keys"), failing("origins")]);
    let screen = admin.mount(yew::html! { <TeamView /> });
    until(&screen, "both failures said", |r| {
        find(r, "#c-keys-failed").is_some() && find(r, ".c-origins [role=alert]").is_some()
    })
    .await;
    assert_eq!(
        text_of(&screen, "#c-keys-failed"),
        "The keys could not be loaded: The server answered 503. Try again."
    );
    assert_eq!(
        text_of(&screen, ".c-origins [role=alert]"),
        "The server answered 503. Try again."
    );
    assert!(
        find(&screen, "#c-t-origins").is_none(),
        "no empty list to save over the stored one"
    );
    assert_eq!(stand_in.asked().len(), 2);
    drop(stand_in);

    // BlueFox's, from the real server, load as ever.
    choose(&screen, "#c-t-tenant", "bluefox").await;
    until(&screen, "BlueFox's keys and origins", |r| {
        find(r, "button[aria-label='Remove key demo-1']").is_some()
            && find(r, "#c-t-origins").is_some()
    })
    .await;
    assert!(find(&screen, "#c-keys-failed").is_none());
}
