//! The feedback panel in a real browser (headless Chromium through chromedriver), mounted
//! the way the loader mounts it: into a shadow root, through `panelcare::mount`.
//!
//! The API base points at a closed local port, so every request fails like a lost
//! connection; what the server does is covered by the server and end-to-end tests.
#![cfg(target_arch = "wasm32")]
// Test helpers outside #[test] functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare::MountHandle;
use wasm_bindgen::{JsCast, prelude::*};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, ShadowRoot};

#[path = "support/shadow.rs"]
mod shadow;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function test_host(locale, account) {
  return {
    name: "test",
    identity: () => Promise.resolve({ token: "header.payload.signature" }),
    context: () => Promise.resolve({ locale, account, plan: "starter" }),
    usage: () => Promise.resolve({}),
    navigate: () => {},
    // What the loader adds to every adapter: the widget sends its requests through it.
    fetch: (url, init) => fetch(url, init),
  };
}
// Storage refuses writes for one account's keys only, so tests running alongside are untouched.
export function refuse_storage_writes(account) {
  const real = Storage.prototype.__realSetItem || Storage.prototype.setItem;
  Storage.prototype.__realSetItem = real;
  Storage.prototype.setItem = function (key, value) {
    if (account && key.includes(":" + account + ":")) throw new DOMException("full", "QuotaExceededError");
    return real.call(this, key, value);
  };
}
export function failing_host() {
  return { name: "test", identity: () => Promise.reject(new Error("signed out")),
           context: () => Promise.reject(new Error("signed out")) };
}
"#)]
extern "C" {
    fn test_host(locale: &str, account: &str) -> JsValue;
    fn failing_host() -> JsValue;
    fn refuse_storage_writes(account: &str);
}

/// Nothing listens here: connections are refused at once.
const DEAD_SERVER: &str = "http://127.0.0.1:9";

struct Mounted {
    host_el: Element,
    shadow: ShadowRoot,
    handle: Option<MountHandle>,
}

impl Mounted {
    fn new(host: JsValue) -> Self {
        let (host_el, shadow) = shadow::shadow_host();
        let mut m = Self {
            host_el,
            shadow,
            handle: None,
        };
        m.mount(host);
        m
    }

    fn mount(&mut self, host: JsValue) {
        self.handle = Some(shadow::mount_in(
            &self.shadow,
            "feedback",
            host,
            DEAD_SERVER,
        ));
    }

    fn remount(&mut self, host: JsValue) {
        if let Some(mut h) = self.handle.take() {
            h.destroy();
        }
        while let Some(last) = self.shadow.last_element_child() {
            if last.tag_name() == "STYLE" {
                break;
            }
            last.remove();
        }
        self.mount(host);
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.shadow.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} in {}", self.shadow.inner_html()))
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn count(&self, selector: &str) -> u32 {
        self.shadow.query_selector_all(selector).unwrap().length()
    }

    /// Lets Yew render and pending promises and events settle until `ready` holds.
    async fn until(&self, what: &str, ready: impl Fn(&Self) -> bool) {
        for _ in 0..400 {
            yew::scheduler::flush().await;
            if ready(self) {
                return;
            }
            // Give the event loop one turn: fetch failures and promise callbacks arrive here.
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        panic!("timed out waiting for {what}: {}", self.shadow.inner_html());
    }

    /// Lets Yew render, as the browser does between two separate user events.
    async fn settle(&self) {
        yew::scheduler::flush().await;
    }

    fn type_message(&self, text: &str) {
        let area: HtmlTextAreaElement = self.get("#pc-message").dyn_into().unwrap();
        area.set_value(text);
        let ev = web_sys::InputEvent::new_with_event_init_dict("input", &{
            let i = web_sys::InputEventInit::new();
            i.set_bubbles(true);
            i
        })
        .unwrap();
        area.dispatch_event(&ev).unwrap();
    }

    fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(mut h) = self.handle.take() {
            h.destroy();
        }
        self.host_el.remove();
    }
}

fn stored(account: &str, what: &str) -> Option<String> {
    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    storage
        .get_item(&format!("panelcare:v1:test:{account}:{what}"))
        .unwrap()
}

#[wasm_bindgen_test]
async fn draws_the_form_in_the_panels_language() {
    let m = Mounted::new(test_host("ru_RU", "lang-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    assert_eq!(m.text("h2"), "Обратная связь");
    assert_eq!(m.count("input[name=pc-category]"), 4);
    assert_eq!(m.count("input[name=pc-rating]"), 5);
    assert_eq!(m.text("label[for=pc-message]"), "Ваше сообщение");
    assert_eq!(m.text("button[type=submit]"), "Отправить");
    assert_eq!(
        m.get(".pc-root").get_attribute("lang").as_deref(),
        Some("ru")
    );
    // Russian plural forms reach the screen-reader star labels.
    let labels: Vec<String> = (1..=5)
        .map(|n| m.text(&format!("label[for=pc-rating-{n}] .pc-sr")))
        .collect();
    assert_eq!(
        labels,
        ["1 звезда", "2 звезды", "3 звезды", "4 звезды", "5 звёзд"]
    );
}

#[wasm_bindgen_test]
async fn serbian_latin_and_english_fallback() {
    let m = Mounted::new(test_host("sr-Latn-RS", "sr-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    assert_eq!(m.text("h2"), "Povratne informacije");
    let m = Mounted::new(test_host("de-DE", "de-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    assert_eq!(m.text("h2"), "Feedback");
}

#[wasm_bindgen_test]
async fn an_empty_submission_marks_the_fields_and_stores_nothing() {
    let m = Mounted::new(test_host("en", "empty-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    m.click("button[type=submit]");
    m.until("field errors", |m| m.find("#pc-message-error").is_some())
        .await;
    assert_eq!(
        m.text("#pc-message-error"),
        "Write a few words before sending."
    );
    assert_eq!(
        m.text("#pc-category-error"),
        "Choose what your message is about."
    );
    assert_eq!(
        m.get("#pc-message")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(
        m.get("#pc-message")
            .get_attribute("aria-describedby")
            .unwrap_or_default()
            .contains("pc-message-error")
    );
    assert_eq!(stored("empty-test", "feedback-outbox"), None);
    // Typing clears the message's complaint but not the category's.
    m.type_message("Hello");
    m.until("message error gone", |m| {
        m.find("#pc-message-error").is_none()
    })
    .await;
    assert!(m.find("#pc-category-error").is_some());
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_reload() {
    let mut m = Mounted::new(test_host("en", "draft-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    m.click("#pc-category-problem");
    m.settle().await;
    m.type_message("Half-written complaint");
    m.settle().await;
    m.click("#pc-rating-2");
    m.until("draft saved", |_| {
        stored("draft-test", "feedback-draft").is_some()
    })
    .await;

    m.remount(test_host("en", "draft-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    let area: HtmlTextAreaElement = m.get("#pc-message").dyn_into().unwrap();
    assert_eq!(area.value(), "Half-written complaint");
    assert!(
        m.get("#pc-category-problem")
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .checked()
    );
    assert!(
        m.get("#pc-rating-2")
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .checked()
    );
    assert_eq!(m.count(".pc-star.pc-on"), 2);
}

#[wasm_bindgen_test]
async fn a_submission_to_an_unreachable_server_waits_visibly_and_survives_a_reload() {
    let mut m = Mounted::new(test_host("en", "offline-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    m.click("#pc-category-idea");
    m.settle().await;
    m.type_message("Please add staging sites");
    m.settle().await;
    m.click("button[type=submit]");
    m.until("the queued notice", |m| {
        m.find(".pc-notice.pc-warn").is_some()
    })
    .await;
    assert_eq!(m.count(".pc-pending"), 1);
    assert_eq!(
        m.text(".pc-pending .pc-message"),
        "Please add staging sites"
    );
    assert_eq!(m.text(".pc-pending .pc-badge"), "Waiting to send");
    assert_eq!(m.text(".pc-count"), "1 message");
    // The form is free for the next message; the pending one is kept with its key.
    let area: HtmlTextAreaElement = m.get("#pc-message").dyn_into().unwrap();
    assert_eq!(area.value(), "");
    let outbox = stored("offline-test", "feedback-outbox").expect("outbox kept");
    assert!(
        outbox.contains("Please add staging sites") && outbox.contains("\"key\":\"fb-"),
        "{outbox}"
    );
    let key = m
        .get(".pc-pending")
        .get_attribute("data-pending-key")
        .expect("key");

    m.remount(test_host("en", "offline-test"));
    m.until("pending after reload", |m| {
        m.find(".pc-pending .pc-hint").is_some()
    })
    .await;
    // Same submission, same idempotency key: a retry can never make a second row.
    assert_eq!(
        m.get(".pc-pending").get_attribute("data-pending-key"),
        Some(key)
    );
    assert_eq!(m.count(".pc-pending"), 1);
}

#[wasm_bindgen_test]
async fn history_that_cannot_load_offers_a_retry() {
    let m = Mounted::new(test_host("en", "history-test"));
    m.until("the load failure", |m| {
        m.find(".pc-history .pc-alert").is_some()
    })
    .await;
    assert!(
        m.text(".pc-history .pc-alert")
            .contains("could not be loaded")
    );
    assert_eq!(m.text(".pc-history .pc-alert button"), "Try again");
}

#[wasm_bindgen_test]
async fn a_host_that_cannot_say_who_is_looking_gets_a_clear_message() {
    let m = Mounted::new(failing_host());
    m.until("the message", |m| m.find(".pc-alert").is_some())
        .await;
    assert_eq!(m.text(".pc-alert"), "Feedback is not available right now.");
    assert!(m.find("form").is_none());
}

#[wasm_bindgen_test]
async fn the_panels_css_does_not_reach_into_the_widget() {
    let doc = gloo::utils::document();
    let hostile = doc.create_element("style").unwrap();
    hostile.set_text_content(Some(
        "* { color: rgb(255, 0, 0) !important; font-family: monospace !important; } \
         div { font-size: 40px !important; }",
    ));
    doc.head().unwrap().append_child(&hostile).unwrap();
    let m = Mounted::new(test_host("en", "css-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    let style = gloo::utils::window()
        .get_computed_style(&m.get("h2"))
        .unwrap()
        .unwrap();
    let font = style.get_property_value("font-family").unwrap();
    let color = style.get_property_value("color").unwrap();
    let root = gloo::utils::window()
        .get_computed_style(&m.get(".pc-mount"))
        .unwrap()
        .unwrap();
    hostile.remove();
    assert!(!font.contains("monospace"), "{font}");
    assert_ne!(color, "rgb(255, 0, 0)");
    assert_eq!(root.get_property_value("font-size").unwrap(), "14px");
}

#[wasm_bindgen_test]
async fn a_browser_that_refuses_storage_still_delivers_from_memory() {
    refuse_storage_writes("full-storage-test");
    let m = Mounted::new(test_host("en", "full-storage-test"));
    m.until("the form", |m| m.find("form").is_some()).await;
    m.click("#pc-category-problem");
    m.settle().await;
    m.type_message("Storage is full here");
    m.settle().await;
    m.click("button[type=submit]");
    // The outbox lives in memory: the delivery attempt happens and is counted.
    m.until("a counted attempt", |m| {
        m.find(".pc-pending .pc-hint button").is_some()
    })
    .await;
    refuse_storage_writes("");
    assert_eq!(m.text(".pc-pending .pc-message"), "Storage is full here");
    assert!(m.find(".pc-notice.pc-warn").is_some());
    assert_eq!(stored("full-storage-test", "feedback-outbox"), None);
}
