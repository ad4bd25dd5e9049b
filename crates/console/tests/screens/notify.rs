//! Who hears about a tenant's tickets: the webhook secret is write-only (an empty field keeps
//! the stored one), and a test goes to the saved settings only, saying what it queued. Each
//! test puts the tenant's settings back as they were, so the tickets the widget's tests open
//! on the same server notify nobody.

use panelcare_console::notify::NotifyForm;
use panelcare_model::notify::NotifySettings;
use wasm_bindgen_test::*;

use crate::common::{
    server::{PROVIDER_ADMIN, Signed, ok, sign_in},
    *,
};

/// The newest entry of the audit log.
async fn newest_entry(admin: &Signed) -> i64 {
    let log = ok(admin.api().audit().await);
    log.iter().map(|e| e.id).max().unwrap_or(0)
}

/// How many notification tests the server recorded for `tenant` after entry `since`.
async fn tests_sent(admin: &Signed, tenant: &str, since: i64) -> usize {
    ok(admin.api().audit().await)
        .iter()
        .filter(|e| e.id > since && e.action == "notifications.test" && e.tenant_id == tenant)
        .count()
}

#[wasm_bindgen_test]
async fn the_webhook_secret_is_write_only_and_an_empty_field_keeps_it() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = ok(admin.api().notify_settings("bluefox").await);
    let url = format!("https://hooks.bluefox.example/{}", unique("panelcare"));
    let stored = NotifySettings {
        emails: vec!["oncall@bluefox.example".into()],
        webhook_url: url.clone(),
        webhook_secret: "a-secret-of-twenty-chars".into(),
        webhook_secret_set: false,
        ..NotifySettings::default()
    };
    ok(admin.api().save_notify_settings("bluefox", &stored).await);
    let screen = admin.mount(yew::html! { <NotifyForm tenant="bluefox" /> });
    until(&screen, "the form", |r| find(r, "#c-nt-secret").is_some()).await;
    let secret = find(&screen, "#c-nt-secret").unwrap();
    assert_eq!(secret.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(value(&screen, "#c-nt-secret"), "", "never sent back");
    assert_eq!(value(&screen, "#c-nt-url"), url);
    assert_eq!(
        text_of(&screen, ".c-secret-state"),
        "Secret: stored (hidden)"
    );
    assert!(text_of(&screen, "#c-nt-secret-hint").contains("never shown again"));

    type_into(
        &screen,
        "#c-nt-emails",
        "oncall@bluefox.example\nnot an address",
    )
    .await;
    type_into(&screen, "#c-nt-secret", "short").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "the refusals", |r| {
        find(r, "#c-nt-secret-error").is_some()
    })
    .await;
    assert!(text_of(&screen, "#c-nt-emails-error").contains("“not an address”"));
    assert!(text_of(&screen, "#c-nt-secret-error").contains("16"));
    let now = ok(admin.api().notify_settings("bluefox").await);
    assert_eq!(now.emails, stored.emails, "nothing was saved");

    // An empty secret keeps the stored one.
    type_into(
        &screen,
        "#c-nt-emails",
        "oncall@bluefox.example\nnight@bluefox.example",
    )
    .await;
    type_into(&screen, "#c-nt-secret", "").await;
    click(&screen, "button[type=submit]").await;
    until(&screen, "saved", |r| find(r, ".c-ok").is_some()).await;
    let now = ok(admin.api().notify_settings("bluefox").await);
    assert_eq!(
        now.emails,
        ["oncall@bluefox.example", "night@bluefox.example"]
    );
    assert!(now.webhook_secret_set, "the secret was kept");

    // So a test goes to the webhook too, signed with the kept secret.
    click(&screen, ".c-notify-test button").await;
    until(&screen, "the answer", |r| {
        find(r, ".c-ok.c-test-queued").is_some()
    })
    .await;
    let said = text_of(&screen, ".c-test-queued");
    assert!(
        said.starts_with(&format!(
            "Test queued: an e-mail to oncall@bluefox.example, night@bluefox.example and a \
             signed ticket.test delivery to {url}."
        )),
        "{said}"
    );
    drop(screen);
    ok(admin.api().save_notify_settings("bluefox", &before).await);
}

#[wasm_bindgen_test]
async fn a_test_goes_to_the_saved_settings_and_says_what_was_queued() {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let before = ok(admin.api().notify_settings("acme").await);
    // E-mail only: no webhook, so no secret either, and the form says so.
    let stored = NotifySettings {
        emails: vec!["oncall@acme.example".into()],
        ..NotifySettings::default()
    };
    ok(admin.api().save_notify_settings("acme", &stored).await);
    let since = newest_entry(&admin).await;
    let screen = admin.mount(yew::html! { <NotifyForm tenant="acme" /> });
    until(&screen, "the form", |r| {
        find(r, ".c-notify-test button").is_some()
    })
    .await;
    assert_eq!(text_of(&screen, ".c-secret-state"), "Secret: not set");

    // Unsaved changes: the test would not go where the form says, so it is not sent.
    type_into(&screen, "#c-nt-emails", "someone-else@acme.example").await;
    click(&screen, ".c-notify-test button").await;
    assert!(text_of(&screen, ".c-test-queued").contains("Save your changes first"));
    assert_eq!(tests_sent(&admin, "acme", since).await, 0);

    type_into(&screen, "#c-nt-emails", "oncall@acme.example").await;
    click(&screen, ".c-notify-test button").await;
    until(&screen, "the answer", |r| {
        find(r, ".c-ok.c-test-queued").is_some()
    })
    .await;
    let said = text_of(&screen, ".c-test-queued");
    assert!(
        said.starts_with(
            "Test queued: an e-mail to oncall@acme.example. It goes out within seconds"
        ),
        "{said}"
    );
    assert_eq!(tests_sent(&admin, "acme", since).await, 1);
    drop(screen);
    ok(admin.api().save_notify_settings("acme", &before).await);
}
