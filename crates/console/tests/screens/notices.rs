//! The notice form: maintenance needs an end (said before anything is sent), an incident may
//! go on; the server's refusal is said at its field, and what was published is read back.

use std::{cell::RefCell, rc::Rc};

use panelcare_console::notices::{NoticeForm, NoticeFormProps};
use panelcare_model::notice::{AgentNotice, NoticeKind};
use wasm_bindgen_test::*;
use yew::Callback;

use crate::common::{
    server::{PROVIDER_ADMIN, Signed, ok, sign_in},
    *,
};

async fn titled(admin: &Signed, title: &str) -> Option<AgentNotice> {
    let all = ok(admin.api().notices().await);
    all.into_iter().find(|n| n.notice.title == title)
}

#[wasm_bindgen_test]
async fn maintenance_needs_an_end_and_an_incident_may_go_on() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let saved = Rc::new(RefCell::new(None::<AgentNotice>));
    let props = NoticeFormProps {
        tenants: Rc::new(ok(admin.api().tenants().await)),
        notice: None,
        on_saved: {
            let saved = saved.clone();
            Callback::from(move |n| *saved.borrow_mut() = Some(n))
        },
        on_cancel: Callback::noop(),
    };
    let screen = admin.mount(yew::html! { <NoticeForm ..props /> });
    until(&screen, "the form", |r| find(r, "#c-n-ends").is_some()).await;
    let title = unique("Kernel update on web-07");
    type_into(&screen, "#c-n-title", &title).await;
    type_into(&screen, "#c-n-body", "Sites are down for ten minutes.").await;
    type_into(&screen, "#c-n-ends", "").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the refusal", |r| {
        find(r, "#c-n-ends-error").is_some()
    })
    .await;
    assert!(text_of(&screen, "#c-n-ends-error").contains("Maintenance has an end"));
    assert!(titled(&admin, &title).await.is_none(), "nothing was sent");

    choose(&screen, "#c-n-kind", "incident").await;
    type_into(
        &screen,
        "#c-n-servers",
        "web-07.acme.example, web-08.acme.example",
    )
    .await;
    // Pasted with a right-to-left override in it: only the server's text rule catches it.
    type_into(&screen, "#c-n-title", &format!("{title}\u{202e}")).await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the server's message", |r| {
        find(r, "#c-n-title-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&screen, "#c-n-title-error"),
        "Remove the invisible control characters."
    );
    assert!(titled(&admin, &title).await.is_none(), "nothing was stored");

    type_into(&screen, "#c-n-title", &title).await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the notice published", |_| {
        saved.borrow().is_some()
    })
    .await;
    let stored = titled(&admin, &title).await.expect("the notice stored");
    assert_eq!(stored.tenant_id, "acme", "the first tenant");
    assert_eq!(stored.notice.kind, NoticeKind::Incident);
    assert_eq!(stored.notice.ends_at, None, "an incident may go on");
    assert_eq!(
        stored.notice.affected_servers,
        ["web-07.acme.example", "web-08.acme.example"]
    );
    // Acme's customers see the demo's notices only: the widget's banner tests count them.
    ok(admin.api().remove_notice(&stored.notice.id).await);
}
