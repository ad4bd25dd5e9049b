//! What the console's screen tests share: the real demo server and its accounts
//! ([`server`]), mounting a screen signed in ([`console`]), a stand-in for an answer the real
//! server cannot be made to give ([`stand_in`]), a customer's signed calls ([`customer`]),
//! the offers the offers tests set up and put back ([`offers`]), and, here, waiting for the
//! DOM to reach a state (no sleeps), finding elements, and typing, choosing and clicking as a
//! user.
// Each test module uses only some of these.
#![allow(dead_code)]

pub mod console;
pub mod customer;
pub mod offers;
pub mod server;
pub mod stand_in;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// A name no earlier test or run has used, for what a test creates on the shared server.
pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{:010x}",
        (js_sys::Math::random() * 2f64.powi(40)) as u64
    )
}

/// `text` with the no-break spaces the server puts between a number and its unit
/// ("4.6\u{a0}GB") as plain spaces.
pub fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

pub fn root() -> Element {
    let doc = gloo_utils::document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// Waits (10 s at most: a real server's answers take longer than a stand-in's under load)
/// until `ready` holds.
pub async fn until(root: &Element, what: &str, ready: impl Fn(&Element) -> bool) {
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < 10_000.0 {
        yew::scheduler::flush().await;
        if ready(root) {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    panic!("timed out waiting for {what}: {}", root.inner_html());
}

pub fn find(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).unwrap()
}

pub fn text_of(root: &Element, sel: &str) -> String {
    find(root, sel)
        .unwrap_or_else(|| panic!("no {sel} in {}", root.inner_html()))
        .text_content()
        .unwrap()
}

/// The value of the input, text area or select `sel`.
pub fn value(root: &Element, sel: &str) -> String {
    let el = find(root, sel).unwrap_or_else(|| panic!("no {sel} in {}", root.inner_html()));
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else {
        el.dyn_into::<HtmlInputElement>().unwrap().value()
    }
}

/// The id of the focused element, when it is inside `root`.
pub fn focused_id(root: &Element) -> String {
    gloo_utils::document()
        .active_element()
        .filter(|e| root.contains(Some(e)))
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Ticks or unticks the checkbox `sel` as a click would.
pub async fn check(root: &Element, sel: &str, on: bool) {
    let input: HtmlInputElement = find(root, sel).unwrap().dyn_into().unwrap();
    if input.checked() != on {
        click(root, sel).await;
    }
}

pub fn fire_input(el: &Element) {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

pub async fn type_into(root: &Element, sel: &str, text: &str) {
    let el = find(root, sel).unwrap_or_else(|| panic!("no {sel}"));
    match el.dyn_ref::<HtmlTextAreaElement>() {
        Some(area) => area.set_value(text),
        None => el.dyn_ref::<HtmlInputElement>().unwrap().set_value(text),
    }
    fire_input(&el);
    yew::scheduler::flush().await;
}

pub async fn choose(root: &Element, sel: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, sel).unwrap().dyn_into().unwrap();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

pub async fn click(root: &Element, sel: &str) {
    find(root, sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}
