//! The knowledge-base, notice and support-settings forms in headless Chromium, against a
//! stand-in `fetch` that answers as the server would and records what was asked, so a test
//! can tell a local refusal (nothing sent) from a server's field message.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::rc::Rc;

use panelcare_console::{
    kb::{ArticleEditor, ArticleEditorProps, KbView},
    notices::{NoticeForm, NoticeFormProps},
    notify::NotifyForm,
    route::Route,
    tickets::{canned::CannedReplies, settings::TicketSettingsForm},
};
use panelcare_model::{
    ApiError, ErrorBody, ErrorCode, FieldError,
    console::{Role, TenantInfo},
    error::FieldErrorCode,
    kb::AgentArticle,
    notify::{NotifySettings, TestQueued},
    ticket::{TicketSettings, console::CannedReply},
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;
use yew::{AttrValue, Callback};
use yew_router::prelude::Switch;

mod common;

use common::{
    fetch::{calls, fake_server, json},
    *,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A 422 naming `field`, as the server words it.
fn refusal(field: &str, message: &str) -> JsValue {
    json(&ErrorBody {
        error: ApiError {
            code: ErrorCode::ValidationFailed,
            message: "Some fields are not valid.".into(),
            fields: vec![FieldError::new(field, FieldErrorCode::TooLong, message)],
        },
    })
}

fn tenants() -> Rc<Vec<TenantInfo>> {
    Rc::new(vec![
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
    ])
}

#[wasm_bindgen_test]
async fn the_article_form_refuses_empty_fields_and_shows_the_servers_message_at_its_field() {
    fake_server(vec![(
        "POST /console/api/kb",
        422,
        refusal(
            "title",
            "An article with this title exists in this language.",
        ),
    )]);
    let root = root();
    let props = ArticleEditorProps {
        tenants: tenants(),
        article: None,
        on_saved: Callback::noop(),
        on_removed: Callback::noop(),
        on_cancel: Callback::noop(),
    };
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <ArticleEditor ..props /> },
    );
    until(&root, "the form", |r| find(r, "#c-kb-title").is_some()).await;
    assert_eq!(text_of(&root, "label[for=c-kb-body]"), "Article (Markdown)");
    assert!(
        find(&root, "#c-kb-tenant option[value=bluefox]").is_some(),
        "a provider admin picks the tenant"
    );

    // Nothing typed: refused here, nothing sent.
    click(&root, "button[type=submit]").await;
    until(&root, "the local errors", |r| {
        find(r, "#c-kb-body-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, "#c-kb-title-error"),
        "This field is required."
    );
    assert!(calls("POST").is_empty());

    choose(&root, "#c-kb-tenant", "bluefox").await;
    choose(&root, "#c-kb-lang", "sr-Latn").await;
    type_into(&root, "#c-kb-title", "Sajt prikazuje grešku 503").await;
    type_into(&root, "#c-kb-body", "Greška **503** znači…").await;
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "button[type=submit]"), "Save draft");
    click(&root, "button[type=submit]").await;
    until(&root, "the server's message", |r| {
        find(r, "#c-kb-title-error").is_some_and(|e| e.text_content().unwrap().contains("exists"))
    })
    .await;
    // Next to its field, and the field points at it.
    let title = find(&root, "#c-kb-title").unwrap();
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        title
            .get_attribute("aria-describedby")
            .unwrap()
            .contains("c-kb-title-error")
    );
    assert!(find(&root, ".c-field:has(#c-kb-title) #c-kb-title-error").is_some());
    assert!(
        find(&root, "#c-kb-body-error").is_none(),
        "the body was fine"
    );
    assert!(
        find(&root, "[role=alert]").is_none(),
        "a field message is not repeated above"
    );
    let sent = calls("POST");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(r#""tenant_id":"bluefox""#) && sent[0].contains(r#""lang":"sr-Latn""#),
        "{}",
        sent[0]
    );
    assert!(sent[0].contains(r#""published":false"#), "{}", sent[0]);
}

/// The knowledge base as the app draws it: its page at both its addresses.
#[yew::component]
fn KbScreen() -> yew::Html {
    yew::html! {
        <Switch<Route> render={|route| match route {
            Route::Article { id } => yew::html! { <KbView id={AttrValue::from(id)} /> },
            _ => yew::html! { <KbView /> },
        }} />
    }
}

#[wasm_bindgen_test]
async fn an_article_opens_at_its_address_and_closing_it_returns_to_the_list() {
    let article = AgentArticle {
        id: "a1".into(),
        tenant_id: "acme".into(),
        lang: "en".into(),
        title: "Restoring a site".into(),
        body: "From a JetBackup snapshot.".into(),
        published: true,
        views: 3,
        solved: 1,
        updated_at: "2026-12-01T10:00:00Z".into(),
    };
    fake_server(vec![(
        "GET /console/api/kb",
        200,
        json(&vec![article.clone()]),
    )]);
    let root = root();
    let _app = common::console::mount(&root, Role::Agent, yew::html! { <KbScreen /> });
    until(&root, "the list", |r| find(r, ".c-kb-table a").is_some()).await;
    let link = find(&root, ".c-kb-table a").unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/console/kb/a1")
    );
    assert_eq!(
        link.get_attribute("aria-label").as_deref(),
        Some("Edit “Restoring a site”")
    );

    click(&root, ".c-kb-table a").await;
    until(&root, "the editor", |r| find(r, "#c-kb-title").is_some()).await;
    assert_eq!(
        gloo_utils::window().location().pathname().unwrap(),
        "/console/kb/a1"
    );
    let title: HtmlInputElement = find(&root, "#c-kb-title").unwrap().dyn_into().unwrap();
    assert_eq!(title.value(), "Restoring a site", "the address's article");
    assert!(
        find(&root, ".c-head button").is_none(),
        "no new article while one is open"
    );

    click(&root, ".c-editor .c-actions .c-ghost").await;
    until(&root, "the editor to close", |r| {
        find(r, "#c-kb-title").is_none()
    })
    .await;
    assert_eq!(
        gloo_utils::window().location().pathname().unwrap(),
        "/console/kb"
    );
    assert_eq!(text_of(&root, ".c-head button"), "New article");

    // Saved, the editor closes and the list says so (the page stays, only the address changed).
    fake_server(vec![
        ("GET /console/api/kb", 200, json(&vec![article.clone()])),
        ("PUT /console/api/kb/a1", 200, json(&article)),
    ]);
    click(&root, ".c-kb-table a").await;
    until(&root, "the editor", |r| find(r, "#c-kb-title").is_some()).await;
    click(&root, ".c-editor button[type=submit]").await;
    until(&root, "saved", |r| find(r, ".c-ok").is_some()).await;
    assert_eq!(text_of(&root, ".c-ok"), "“Restoring a site” saved.");
    assert!(find(&root, "#c-kb-title").is_none());
    assert_eq!(
        gloo_utils::window().location().pathname().unwrap(),
        "/console/kb"
    );
    assert_eq!(calls("PUT").len(), 1);
    // The other tests start from where the runner opened the page.
    gloo_utils::window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some("/"))
        .unwrap();
}

#[wasm_bindgen_test]
async fn ticket_settings_refuse_a_promise_over_24_hours_before_asking_the_server() {
    let settings = json(&TicketSettings::default());
    fake_server(vec![
        (
            "GET /console/api/tenants/acme/ticket-settings",
            200,
            settings.clone(),
        ),
        (
            "PUT /console/api/tenants/acme/ticket-settings",
            200,
            settings,
        ),
    ]);
    let root = root();
    let _app = common::console::mount(
        &root,
        panelcare_model::console::Role::ProviderAdmin,
        yew::html! { <TicketSettingsForm tenant="acme" /> },
    );
    let critical = "#c-s-standard-first_response-critical";
    until(&root, "the settings", |r| find(r, critical).is_some()).await;
    let input: HtmlInputElement = find(&root, critical).unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "60");
    assert!(
        input
            .get_attribute("aria-label")
            .unwrap()
            .contains("critical")
    );

    type_into(&root, critical, "1500").await;
    type_into(&root, "#c-s-reopen", "0").await;
    click(&root, "#c-s-dept-sales").await;
    click(&root, "#c-s-dept-billing").await;
    click(&root, "#c-s-dept-technical").await;
    click(&root, "button[type=submit]").await;
    let error = format!("{critical}-error");
    until(&root, "the refusal", |r| find(r, &error).is_some()).await;
    assert!(
        text_of(&root, &error).contains("24 hours"),
        "{}",
        text_of(&root, &error)
    );
    assert!(text_of(&root, "#c-s-reopen-error").contains("1 to 365"));
    assert!(text_of(&root, "#c-s-departments-error").contains("at least one"));
    assert!(text_of(&root, ".c-error").contains("Nothing was saved"));
    assert!(calls("PUT").is_empty(), "refused here, not sent");

    // Fixing a field clears its message at once.
    type_into(&root, critical, "30").await;
    until(&root, "the message to go", |r| find(r, &error).is_none()).await;
    assert_eq!(text_of(&root, &format!("{critical} + .c-span")), "30 min");
    type_into(&root, "#c-s-reopen", "14").await;
    click(&root, "#c-s-dept-technical").await;
    click(&root, "button[type=submit]").await;
    until(&root, "saved", |r| find(r, ".c-ok").is_some()).await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(r#""critical":30"#) && sent[0].contains(r#""reopen_days":14"#),
        "{}",
        sent[0]
    );
    assert!(
        sent[0].contains(r#""departments":["technical"]"#),
        "{}",
        sent[0]
    );
}

#[wasm_bindgen_test]
async fn the_webhook_secret_is_write_only() {
    let stored = NotifySettings {
        emails: vec!["oncall@acme.example".into()],
        webhook_url: "https://hooks.acme.example/panelcare".into(),
        webhook_secret: String::new(),
        webhook_secret_set: true,
    };
    fake_server(vec![
        (
            "GET /console/api/tenants/acme/notifications",
            200,
            json(&stored),
        ),
        (
            "PUT /console/api/tenants/acme/notifications",
            200,
            json(&stored),
        ),
    ]);
    let root = root();
    let _app = common::console::mount(
        &root,
        panelcare_model::console::Role::ProviderAdmin,
        yew::html! { <NotifyForm tenant="acme" /> },
    );
    until(&root, "the form", |r| find(r, "#c-nt-secret").is_some()).await;
    let secret: HtmlInputElement = find(&root, "#c-nt-secret").unwrap().dyn_into().unwrap();
    assert_eq!(
        (secret.type_().as_str(), secret.value().as_str()),
        ("password", "")
    );
    assert_eq!(text_of(&root, ".c-secret-state"), "Secret: stored (hidden)");
    assert!(text_of(&root, "#c-nt-secret-hint").contains("never shown again"));

    type_into(&root, "#c-nt-emails", "oncall@acme.example\nnot an address").await;
    type_into(&root, "#c-nt-secret", "short").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the refusals", |r| {
        find(r, "#c-nt-secret-error").is_some()
    })
    .await;
    assert!(text_of(&root, "#c-nt-emails-error").contains("“not an address”"));
    assert!(text_of(&root, "#c-nt-secret-error").contains("16"));
    assert!(calls("PUT").is_empty());

    // An empty secret keeps the stored one.
    type_into(&root, "#c-nt-emails", "oncall@acme.example").await;
    type_into(&root, "#c-nt-secret", "").await;
    click(&root, "button[type=submit]").await;
    until(&root, "saved", |r| find(r, ".c-ok").is_some()).await;
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert!(sent[0].contains(r#""webhook_secret":"""#), "{}", sent[0]);
}

#[wasm_bindgen_test]
async fn a_test_goes_to_the_saved_settings_and_says_what_was_queued() {
    // A webhook URL with no secret stored: the form believes the server, not the URL.
    let stored = NotifySettings {
        emails: vec!["oncall@acme.example".into()],
        webhook_url: "https://hooks.acme.example/panelcare".into(),
        webhook_secret: String::new(),
        webhook_secret_set: false,
    };
    let queued = TestQueued {
        emails: stored.emails.clone(),
        webhook_url: stored.webhook_url.clone(),
    };
    fake_server(vec![
        (
            "GET /console/api/tenants/acme/notifications",
            200,
            json(&stored),
        ),
        (
            "POST /console/api/tenants/acme/notifications/test",
            200,
            json(&queued),
        ),
    ]);
    let root = root();
    let _app = common::console::mount(
        &root,
        panelcare_model::console::Role::ProviderAdmin,
        yew::html! { <NotifyForm tenant="acme" /> },
    );
    until(&root, "the form", |r| {
        find(r, ".c-notify-test button").is_some()
    })
    .await;
    assert_eq!(text_of(&root, ".c-secret-state"), "Secret: not set");

    // Unsaved changes: the test would not go where the form says, so it is not sent.
    type_into(&root, "#c-nt-emails", "someone-else@acme.example").await;
    click(&root, ".c-notify-test button").await;
    assert!(text_of(&root, ".c-test-queued").contains("Save your changes first"));
    assert!(calls("POST").is_empty());

    type_into(&root, "#c-nt-emails", "oncall@acme.example").await;
    click(&root, ".c-notify-test button").await;
    until(&root, "the answer", |r| {
        find(r, ".c-ok.c-test-queued").is_some()
    })
    .await;
    assert!(
        text_of(&root, ".c-test-queued").starts_with(
            "Test queued: an e-mail to oncall@acme.example and a signed ticket.test delivery to https://hooks.acme.example/panelcare."
        ),
        "{}",
        text_of(&root, ".c-test-queued")
    );
    assert_eq!(calls("POST").len(), 1);
}

#[wasm_bindgen_test]
async fn a_canned_reply_is_changed_in_its_row() {
    let reply = |title: &str| CannedReply {
        id: "r1".into(),
        tenant_id: "acme".into(),
        title: title.into(),
        body: "We cleaned up your disk.".into(),
    };
    fake_server(vec![
        (
            "GET /console/api/canned-replies",
            200,
            json(&vec![reply("Disk full")]),
        ),
        (
            "PUT /console/api/canned-replies/r1",
            422,
            refusal("title", "At most 100 characters."),
        ),
    ]);
    let root = root();
    let _app = common::console::mount(
        &root,
        panelcare_model::console::Role::Agent,
        yew::html! { <CannedReplies tenant="acme" /> },
    );
    until(&root, "the list", |r| find(r, ".c-canned li").is_some()).await;
    click(&root, "button[aria-label='Edit canned reply Disk full']").await;
    let title: HtmlInputElement = find(&root, "#c-cr-edit-title").unwrap().dyn_into().unwrap();
    assert_eq!(title.value(), "Disk full", "the form starts from the reply");
    type_into(&root, "#c-cr-edit-title", "Disk quota full").await;
    click(&root, ".c-canned-edit button[type=submit]").await;
    until(&root, "the refusal", |r| {
        find(r, "#c-cr-edit-title-error").is_some()
    })
    .await;
    assert_eq!(
        text_of(&root, "#c-cr-edit-title-error"),
        "At most 100 characters."
    );
    let sent = calls("PUT");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(r#""tenant_id":"acme""#)
            && sent[0].contains(r#""title":"Disk quota full""#),
        "{}",
        sent[0]
    );

    fake_server(vec![
        (
            "GET /console/api/canned-replies",
            200,
            json(&vec![reply("Disk quota full")]),
        ),
        (
            "PUT /console/api/canned-replies/r1",
            200,
            json(&reply("Disk quota full")),
        ),
    ]);
    click(&root, ".c-canned-edit button[type=submit]").await;
    until(&root, "saved", |r| {
        find(r, ".c-canned-edit").is_none() && find(r, ".c-ok").is_some()
    })
    .await;
    assert_eq!(text_of(&root, ".c-ok"), "“Disk quota full” saved.");
    until(&root, "the new title in the list", |r| {
        text_of(r, ".c-canned li strong") == "Disk quota full"
    })
    .await;
}

#[wasm_bindgen_test]
async fn maintenance_needs_an_end_and_an_incident_may_go_on() {
    fake_server(vec![(
        "POST /console/api/notices",
        422,
        refusal("title", "At most 150 characters."),
    )]);
    let root = root();
    let props = NoticeFormProps {
        tenants: tenants(),
        notice: None,
        on_saved: Callback::noop(),
        on_cancel: Callback::noop(),
    };
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <NoticeForm ..props /> },
    );
    until(&root, "the form", |r| find(r, "#c-n-ends").is_some()).await;
    type_into(&root, "#c-n-title", "Kernel update on web-07").await;
    type_into(&root, "#c-n-body", "Sites are down for ten minutes.").await;
    type_into(&root, "#c-n-ends", "").await;
    click(&root, "button[type=submit]").await;
    until(&root, "the refusal", |r| {
        find(r, "#c-n-ends-error").is_some()
    })
    .await;
    assert!(text_of(&root, "#c-n-ends-error").contains("Maintenance has an end"));
    assert!(calls("POST").is_empty());

    choose(&root, "#c-n-kind", "incident").await;
    type_into(
        &root,
        "#c-n-servers",
        "web-07.acme.example, web-08.acme.example",
    )
    .await;
    click(&root, "button[type=submit]").await;
    until(&root, "the server's message", |r| {
        find(r, "#c-n-title-error").is_some()
    })
    .await;
    let sent = calls("POST");
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains(r#""kind":"incident""#) && sent[0].contains(r#""ends_at":null"#),
        "{}",
        sent[0]
    );
    assert!(
        sent[0].contains(r#""affected_servers":["web-07.acme.example","web-08.acme.example"]"#),
        "{}",
        sent[0]
    );
}
