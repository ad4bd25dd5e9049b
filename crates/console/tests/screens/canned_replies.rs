//! Canned replies: one is changed in its own row, the server's refusal is said at its field,
//! and the saved title is what the server then has.

use panelcare_console::tickets::canned::CannedReplies;
use panelcare_model::ticket::console::{CannedReply, NewCannedReply};
use wasm_bindgen_test::*;

use crate::common::{
    server::{AGENT, Signed, ok, sign_in},
    *,
};

async fn stored(agent: &Signed, id: &str) -> CannedReply {
    let all = ok(agent.api().canned_replies().await);
    all.into_iter()
        .find(|r| r.id == id)
        .expect("the reply is stored")
}

#[wasm_bindgen_test]
async fn a_canned_reply_is_changed_in_its_row() {
    let agent = sign_in(AGENT).await;
    let title = unique("Disk full");
    let reply = ok(agent
        .api()
        .add_canned_reply(&NewCannedReply {
            tenant_id: "acme".into(),
            title: title.clone(),
            body: "We cleaned up your disk.".into(),
        })
        .await);
    let screen = agent.mount(yew::html! { <CannedReplies tenant="acme" /> });
    let edit = format!("#c-cr-edit-{}", reply.id);
    until(&screen, "the list", |r| find(r, &edit).is_some()).await;
    click(&screen, &edit).await;
    assert_eq!(
        value(&screen, "#c-cr-edit-title"),
        title,
        "the form starts from the reply"
    );
    // Pasted with a right-to-left override in it: only the server's text rule catches it.
    type_into(
        &screen,
        "#c-cr-edit-title",
        &format!("{title} quota\u{202e}"),
    )
    .await;
    click(&screen, ".c-canned-edit button[type=submit]").await;
    until(&screen, "the refusal", |r| {
        find(r, "#c-cr-edit-title-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&screen, "#c-cr-edit-title-error"),
        "Remove the invisible control characters."
    );
    assert_eq!(
        stored(&agent, &reply.id).await.title,
        title,
        "nothing saved"
    );

    let renamed = format!("{title} quota");
    type_into(&screen, "#c-cr-edit-title", &renamed).await;
    click(&screen, ".c-canned-edit button[type=submit]").await;
    until(&screen, "saved", |r| {
        find(r, ".c-canned-edit").is_none() && find(r, ".c-ok").is_some()
    })
    .await;
    assert_eq!(text_of(&screen, ".c-ok"), format!("“{renamed}” saved."));
    let row = format!(".c-canned li:has({edit}) strong");
    until(&screen, "the new title in the list", |r| {
        find(r, &row).is_some_and(|s| s.text_content().unwrap() == renamed)
    })
    .await;
    let saved = stored(&agent, &reply.id).await;
    assert_eq!(saved.title, renamed);
    assert_eq!(saved.body, "We cleaned up your disk.");
    ok(agent.api().remove_canned_reply(&reply.id).await);
}
