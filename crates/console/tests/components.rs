//! Console components in headless Chromium. The test page has no panelcare server behind it,
//! so every API call is answered 404: the components must say so, not break.
#![cfg(target_arch = "wasm32")]
// Helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare_console::{
    branding::BrandingEditor,
    console::{Login, LoginProps},
};
use panelcare_model::{
    branding::Branding,
    console::{Role, TenantInfo},
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Callback;

mod common;

use common::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_sign_in_form_is_labelled_and_reports_a_server_it_cannot_use() {
    let root = root();
    let props = LoginProps {
        on_signed_in: Callback::noop(),
    };
    let _app = yew::Renderer::<Login>::with_root_and_props(root.clone(), props).render();
    until(&root, "the form", |r| find(r, "form").is_some()).await;
    assert_eq!(
        find(&root, "label[for=c-email]")
            .unwrap()
            .text_content()
            .unwrap(),
        "E-mail"
    );
    assert_eq!(
        find(&root, "#c-password")
            .unwrap()
            .get_attribute("type")
            .as_deref(),
        Some("password")
    );
    type_into(&root, "#c-email", "ada@acme.test").await;
    yew::scheduler::flush().await;
    type_into(&root, "#c-password", "secret").await;
    yew::scheduler::flush().await;
    find(&root, "button[type=submit]")
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    until(&root, "the error", |r| find(r, "[role=alert]").is_some()).await;
    let alert = find(&root, "[role=alert]").unwrap().text_content().unwrap();
    assert!(alert.contains("404"), "{alert}");
    // The form is usable again.
    assert!(
        !find(&root, "button[type=submit]")
            .unwrap()
            .has_attribute("disabled")
    );
}

/// Puts the page's own `fetch` back when a test that replaced it ends, so the tests that
/// expect no server behind the page still find none.
struct RealFetch(wasm_bindgen::JsValue);

impl Drop for RealFetch {
    fn drop(&mut self) {
        js_sys::Reflect::set(&gloo_utils::window(), &"fetch".into(), &self.0).unwrap();
    }
}

/// A server with one tenant, Acme, whose branding is ours unchanged.
fn branding_server() -> RealFetch {
    let real = js_sys::Reflect::get(&gloo_utils::window(), &"fetch".into()).unwrap();
    let tenants = vec![TenantInfo {
        id: "acme".into(),
        name: "Acme Hosting".into(),
        parent_id: None,
    }];
    common::fetch::fake_server(vec![
        (
            "GET /console/api/tenants",
            200,
            common::fetch::json(&tenants),
        ),
        (
            "GET /console/api/tenants/acme/branding",
            200,
            common::fetch::json(&Branding::default()),
        ),
    ]);
    RealFetch(real)
}

#[wasm_bindgen_test]
async fn branding_warns_about_contrast_and_previews_live() {
    let root = root();
    let _server = branding_server();
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <BrandingEditor /> },
    );
    until(&root, "the form", |r| find(r, "#c-b-primary").is_some()).await;
    assert!(
        find(&root, ".c-warn").is_none(),
        "the default colours pass AA"
    );

    type_into(&root, "#c-b-primary", "#ffff00").await;
    until(&root, "the warning", |r| find(r, ".c-warn").is_some()).await;
    assert!(
        find(&root, ".c-warn")
            .unwrap()
            .text_content()
            .unwrap()
            .contains("WCAG AA")
    );
    let preview: HtmlElement = find(&root, ".c-preview").unwrap().dyn_into().unwrap();
    assert_eq!(
        preview.style().get_property_value("--pc-primary").unwrap(),
        "#ffff00"
    );

    type_into(&root, "#c-b-primary", "#0f766e").await;
    until(&root, "no warning", |r| find(r, ".c-warn").is_none()).await;
    type_into(&root, "#c-b-name", "<b>Fox</b>").await;
    until(&root, "the product name", |r| find(r, ".p-brand").is_some()).await;
    // Markup in a name is text.
    assert_eq!(
        find(&root, ".p-brand").unwrap().text_content().unwrap(),
        "<b>Fox</b>"
    );
    assert!(find(&root, ".p-brand b").is_none());
}

/// Sets a `<select>` and tells the component, as a person choosing an option would.
#[wasm_bindgen_test]
async fn branding_rewords_the_widget_per_language_in_the_preview() {
    let root = root();
    let _server = branding_server();
    let _app = common::console::mount(
        &root,
        Role::ProviderAdmin,
        yew::html! { <BrandingEditor /> },
    );
    until(&root, "the texts", |r| find(r, "#c-b-text-title").is_some()).await;
    assert_eq!(text_of(&root, ".p-title"), "Feedback");
    assert_eq!(
        find(&root, "#c-b-text-title")
            .unwrap()
            .get_attribute("placeholder")
            .as_deref(),
        Some("Feedback"),
        "our wording is the placeholder"
    );

    type_into(&root, "#c-b-text-title", "Ideas for <i>BlueFox</i>").await;
    until(&root, "the new title", |r| {
        text_of(r, ".p-title") == "Ideas for <i>BlueFox</i>"
    })
    .await;
    assert!(find(&root, ".p-title i").is_none(), "markup stays text");
    assert!(text_of(&root, "summary").contains("1 of"));

    // Another language: our Russian, untouched by the English override.
    choose(&root, "#c-b-text-lang", "ru").await;
    until(&root, "Russian", |r| {
        text_of(r, ".p-title") == "Обратная связь"
    })
    .await;
    choose(&root, "#c-b-text-lang", "en").await;
    until(&root, "English again", |r| {
        text_of(r, ".p-title").contains("BlueFox")
    })
    .await;
    // Emptying the field restores our wording.
    type_into(&root, "#c-b-text-title", "").await;
    until(&root, "our title", |r| text_of(r, ".p-title") == "Feedback").await;

    // Two languages ticked: the default can be chosen among them.
    assert!(find(&root, "#c-b-default-lang").is_none());
    for tag in ["sr-Latn", "en"] {
        let tick: HtmlElement = find(&root, &format!("#c-b-lang-{tag}"))
            .unwrap()
            .dyn_into()
            .unwrap();
        tick.click();
        yew::scheduler::flush().await;
    }
    until(&root, "the default choice", |r| {
        find(r, "#c-b-default-lang").is_some()
    })
    .await;
    let default: web_sys::HtmlSelectElement = find(&root, "#c-b-default-lang")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        default.value(),
        "sr-Latn",
        "the first ticked is the default"
    );
    assert_eq!(default.length(), 2);
}
