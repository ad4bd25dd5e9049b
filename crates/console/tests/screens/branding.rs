//! The branding editor on Acme's stored look: contrast warnings and the live preview, and the
//! widget's wording per language.

use panelcare_console::branding::BrandingEditor;
use panelcare_model::branding::Branding;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::{
    console::Mounted,
    server::{PROVIDER_ADMIN, ok, sign_in},
    *,
};

/// Acme's look as the demo seeds it (our colours and wording, English and Russian), stored
/// first so an earlier change to it cannot decide what these tests see; the editor open on
/// it (Acme is the first tenant).
async fn acme_editor(ready: &str) -> Mounted {
    let admin = sign_in(PROVIDER_ADMIN).await;
    let demo = Branding {
        languages: vec!["en".into(), "ru".into()],
        ..Branding::default()
    };
    ok(admin.api().save_branding("acme", &demo).await);
    let screen = admin.mount(yew::html! { <BrandingEditor /> });
    until(&screen, "the form", |r| find(r, ready).is_some()).await;
    screen
}

#[wasm_bindgen_test]
async fn branding_warns_about_contrast_and_previews_live() {
    let screen = acme_editor("#c-b-primary").await;
    assert!(
        find(&screen, ".c-warn").is_none(),
        "the default colours pass AA"
    );

    type_into(&screen, "#c-b-primary", "#ffff00").await;
    until(&screen, "the warning", |r| find(r, ".c-warn").is_some()).await;
    assert!(text_of(&screen, ".c-warn").contains("WCAG AA"));
    let preview: HtmlElement = find(&screen, ".c-preview").unwrap().dyn_into().unwrap();
    assert_eq!(
        preview.style().get_property_value("--pc-primary").unwrap(),
        "#ffff00"
    );

    type_into(&screen, "#c-b-primary", "#0f766e").await;
    until(&screen, "no warning", |r| find(r, ".c-warn").is_none()).await;
    type_into(&screen, "#c-b-name", "<b>Fox</b>").await;
    until(&screen, "the product name", |r| {
        find(r, ".p-brand").is_some()
    })
    .await;
    // Markup in a name is text.
    assert_eq!(text_of(&screen, ".p-brand"), "<b>Fox</b>");
    assert!(find(&screen, ".p-brand b").is_none());
}

#[wasm_bindgen_test]
async fn branding_rewords_the_widget_per_language_in_the_preview() {
    let screen = acme_editor("#c-b-text-title").await;
    assert_eq!(text_of(&screen, ".p-title"), "Feedback");
    assert_eq!(
        find(&screen, "#c-b-text-title")
            .unwrap()
            .get_attribute("placeholder")
            .as_deref(),
        Some("Feedback"),
        "our wording is the placeholder"
    );

    type_into(&screen, "#c-b-text-title", "Ideas for <i>BlueFox</i>").await;
    until(&screen, "the new title", |r| {
        text_of(r, ".p-title") == "Ideas for <i>BlueFox</i>"
    })
    .await;
    assert!(find(&screen, ".p-title i").is_none(), "markup stays text");
    assert!(text_of(&screen, "summary").contains("1 of"));

    // Another language: our Russian, untouched by the English override.
    choose(&screen, "#c-b-text-lang", "ru").await;
    until(&screen, "Russian", |r| {
        text_of(r, ".p-title") == "Обратная связь"
    })
    .await;
    choose(&screen, "#c-b-text-lang", "en").await;
    until(&screen, "English again", |r| {
        text_of(r, ".p-title").contains("BlueFox")
    })
    .await;
    // Emptying the field restores our wording.
    type_into(&screen, "#c-b-text-title", "").await;
    until(&screen, "our title", |r| {
        text_of(r, ".p-title") == "Feedback"
    })
    .await;

    // The stored English and Russian: the default is chosen between them. Both unticked,
    // then two ticked again: the first ticked is the default.
    assert!(find(&screen, "#c-b-default-lang").is_some());
    for (tag, on) in [
        ("en", false),
        ("ru", false),
        ("sr-Latn", true),
        ("en", true),
    ] {
        check(&screen, &format!("#c-b-lang-{tag}"), on).await;
        if tag == "ru" {
            until(&screen, "no default to choose", |r| {
                find(r, "#c-b-default-lang").is_none()
            })
            .await;
        }
    }
    until(&screen, "the default choice", |r| {
        find(r, "#c-b-default-lang").is_some()
    })
    .await;
    let default: web_sys::HtmlSelectElement = find(&screen, "#c-b-default-lang")
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
