//! Mounting the ticket widget for browser tests against the demo server: a host adapter that
//! signs real identity tokens, a shadow-root mount as the loader makes it, and waits for the
//! server's answers.
// Test helpers unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]
// Each browser test file uses its own part of these helpers.
#![allow(dead_code)]

pub mod shadow;

use panelcare::MountHandle;
use wasm_bindgen::{JsCast, prelude::*};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, InputEvent, InputEventInit, ShadowRoot,
};

#[wasm_bindgen(inline_js = r#"
const utf8 = new TextEncoder();
const b64url = (bytes) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const part = (obj) => b64url(utf8.encode(JSON.stringify(obj)));

// What a panel's backend does: an HS256 token with the tenant's key, valid for ten minutes.
async function sign(secret, claims) {
  const unsigned = `${part({ alg: "HS256", typ: "JWT", kid: "demo-1" })}.${part(claims)}`;
  const key = await crypto.subtle.importKey(
    "raw", utf8.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(unsigned)));
  return `${unsigned}.${b64url(mac)}`;
}

export function signing_host(tenant, secret, account, locale) {
  return {
    name: "test",
    identity: async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = await sign(secret, {
        iss: tenant, sub: account, aud: "panelcare", iat: now, exp: now + 600,
        name: `Test ${account}`, email: `${account}@customers.example`, plan: "starter", locale,
      });
      return { token };
    },
    context: () => Promise.resolve({ locale, account, plan: "starter" }),
    usage: () => Promise.resolve({}),
    navigate: () => {},
    // What the loader adds to every adapter: the widget sends its requests through it.
    fetch: (url, init) => fetch(url, init),
  };
}

// A host whose usage() reports `usage` (a JSON text; "reject" makes it fail as a host whose
// backend is down) and whose navigate() records where the widget sent the customer.
export function offer_host(tenant, secret, account, locale, usage) {
  const host = signing_host(tenant, secret, account, locale);
  host.usage = () => usage === "reject"
    ? Promise.reject(new Error("the panel's API is down"))
    : Promise.resolve(JSON.parse(usage));
  host.navigate = (url) => { (window.__pcNavigated ||= []).push(url); };
  return host;
}
export function navigated() { return (window.__pcNavigated || []).join(" "); }

// Counts requests sent ("POST /api/v1/tickets") and answers read (after their JSON is read,
// just before the widget gets it), so a test can wait for an answer that draws nothing.
// Everything passes through unchanged, except an answer a test asked to lose: the server has
// done the work, the widget sees a dropped connection.
// "POST /api/v1/tickets/*/replies": one `*` stands for any id.
const matches = (pattern, k) => {
  const [head, tail] = pattern.split("*");
  return tail === undefined ? k === pattern
    : k.length >= head.length + tail.length && k.startsWith(head) && k.endsWith(tail);
};

function watch() {
  if (window.__pcSeen) return window.__pcSeen;
  const seen = (window.__pcSeen = { sent: {}, read: {}, lose: {} });
  const bump = (map, k) => { map[k] = (map[k] || 0) + 1; };
  const real = window.fetch;
  window.fetch = async function (input, init) {
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    const k = `${(init && init.method) || "GET"} ${url.pathname}`;
    bump(seen.sent, k);
    const res = await real.call(this, input, init);
    const lost = Object.keys(seen.lose).find((p) => seen.lose[p] > 0 && matches(p, k));
    if (lost) {
      seen.lose[lost] -= 1;
      throw new TypeError("Failed to fetch (answer lost by the test)");
    }
    const json = res.json.bind(res);
    res.json = () => json().finally(() => bump(seen.read, k));
    return res;
  };
  return seen;
}
export function sent(what) { return watch().sent[what] || 0; }
export function answered(what) { return watch().read[what] || 0; }
export function lose_next_answer(what) { const l = watch().lose; l[what] = (l[what] || 0) + 1; }

// What choosing a file in the browser's picker does: the input holds it, then `change`.
export function choose_file(input, name, text) {
  const files = new DataTransfer();
  files.items.add(new File([text], name, { type: "text/plain" }));
  input.files = files.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
}
"#)]
extern "C" {
    fn signing_host(tenant: &str, secret: &str, account: &str, locale: &str) -> JsValue;
    fn offer_host(tenant: &str, secret: &str, account: &str, locale: &str, usage: &str) -> JsValue;
    /// Every address the widget asked the host to navigate to, in order, space-separated.
    pub fn navigated() -> String;
    pub fn sent(what: &str) -> u32;
    pub fn answered(what: &str) -> u32;
    /// The next answer to `what` ("POST /api/v1/tickets", or with a `*` for an id) reaches
    /// the server but never the widget, as when a connection drops after the request went out.
    pub fn lose_next_answer(what: &str);
    fn choose_file(input: &Element, name: &str, text: &str);
}

/// What the widget keeps for `account` (of the test host) under `name` in `localStorage`.
pub fn stored(account: &str, name: &str) -> Option<String> {
    let storage = gloo::utils::window().local_storage().unwrap().unwrap();
    storage
        .get_item(&format!("panelcare:v1:test:{account}:{name}"))
        .unwrap()
}

/// The demo server's address, fixed when the tests were compiled.
fn server() -> &'static str {
    option_env!("PANELCARE_TEST_SERVER").unwrap_or_else(|| {
        panic!(
            "PANELCARE_TEST_SERVER is not set: these tests need panelcare-server in demo mode; \
             run them through `cargo xtask test` (or `cargo xtask test --browser-only`)"
        )
    })
}

/// A customer of the demo provider Acme (crates/server/src/demo.rs); a fresh account unless
/// the test means a seeded one.
pub fn acme(account: &str, locale: &str) -> JsValue {
    signing_host(
        "acme",
        "demo-secret-acme-not-for-production",
        account,
        locale,
    )
}

/// An Acme customer on Starter whose panel reports `usage` (JSON, or "reject").
pub fn acme_using(account: &str, locale: &str, usage: &str) -> JsValue {
    offer_host(
        "acme",
        "demo-secret-acme-not-for-production",
        account,
        locale,
        usage,
    )
}

pub fn bluefox(account: &str, locale: &str) -> JsValue {
    signing_host(
        "bluefox",
        "demo-secret-bluefox-not-for-production",
        account,
        locale,
    )
}

/// An account no earlier test or run has used.
pub fn fresh(prefix: &str) -> String {
    format!(
        "{prefix}-{:012x}",
        (js_sys::Math::random() * 2f64.powi(48)) as u64
    )
}

/// Bounded waits for the server's answers: 500 × 20 ms. A debug server answers in
/// milliseconds; the margin is for a machine busy compiling.
const POLLS: u32 = 500;
const POLL_MS: u32 = 20;

pub struct Widget {
    host_el: Element,
    shadow: ShadowRoot,
    handle: Option<MountHandle>,
}

impl Widget {
    pub fn mount(kind: &str, host: JsValue) -> Self {
        let (host_el, shadow) = shadow::shadow_host();
        let handle = shadow::mount_in(&shadow, kind, host, server());
        Self {
            host_el,
            shadow,
            handle: Some(handle),
        }
    }

    /// The page element the widget's shadow root hangs on, to move it about the page.
    pub fn host_element(&self) -> &Element {
        &self.host_el
    }

    pub fn tickets(host: JsValue) -> Self {
        Self::mount("tickets", host)
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.shadow.query_selector(selector).unwrap()
    }

    pub fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} in {}", self.shadow.inner_html()))
    }

    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    pub fn texts(&self, selector: &str) -> Vec<String> {
        let list = self.shadow.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.get(i)?.text_content())
            .collect()
    }

    /// What an input, textarea or select holds.
    pub fn value(&self, selector: &str) -> String {
        let el = self.get(selector);
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            return input.value();
        }
        if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            return select.value();
        }
        el.dyn_ref::<HtmlTextAreaElement>().unwrap().value()
    }

    /// Puts a small text file into the file input `selector`, as the picker would.
    pub fn attach(&self, selector: &str, name: &str, text: &str) {
        choose_file(&self.get(selector), name, text);
    }

    /// A selector for the first of the list items `selector` whose text contains `text`.
    pub fn item_with(&self, selector: &str, text: &str) -> Option<String> {
        let list = self.shadow.query_selector_all(selector).unwrap();
        (0..list.length())
            .find(|&i| {
                list.get(i)
                    .and_then(|n| n.text_content())
                    .is_some_and(|t| t.contains(text))
            })
            .map(|i| format!("{selector}:nth-child({})", i + 1))
    }

    /// Whether keyboard focus is on the first element matching `selector`.
    pub fn focused(&self, selector: &str) -> bool {
        self.shadow
            .active_element()
            .is_some_and(|e| Some(e) == self.find(selector))
    }

    pub fn has_text(&self, selector: &str, text: &str) -> bool {
        self.find(selector)
            .and_then(|e| e.text_content())
            .is_some_and(|t| t == text)
    }

    /// Renders, then waits in short steps for the server's answers until `ready` holds.
    pub async fn until(&self, what: &str, ready: impl Fn(&Self) -> bool) {
        for _ in 0..POLLS {
            yew::scheduler::flush().await;
            if ready(self) {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
        }
        panic!("timed out waiting for {what}: {}", self.shadow.inner_html());
    }

    /// Waits until the answer to the `n`-th `request` has reached the widget, and is drawn.
    pub async fn until_answered(&self, request: &str, n: u32) {
        self.until(request, |_| answered(request) >= n).await;
        // The widget's own continuation runs in the next microtask; a timer turn lets it
        // run, then Yew draws what it set.
        gloo_timers::future::TimeoutFuture::new(0).await;
        yew::scheduler::flush().await;
    }

    /// Lets Yew draw what an event just changed.
    pub async fn settle(&self) {
        yew::scheduler::flush().await;
    }

    pub fn focus(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .focus()
            .unwrap();
    }

    pub fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
    }

    /// Sets an input's or textarea's text and sends the `input` event typing would.
    pub fn type_into(&self, selector: &str, text: &str) {
        let el = self.get(selector);
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.set_value(text);
        } else {
            el.dyn_ref::<HtmlTextAreaElement>().unwrap().set_value(text);
        }
        let init = InputEventInit::new();
        init.set_bubbles(true);
        let ev = InputEvent::new_with_event_init_dict("input", &init).unwrap();
        el.dispatch_event(&ev).unwrap();
    }

    /// Picks `value` in a `<select>` and sends the `change` event choosing it would.
    pub fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.get(selector).dyn_into().unwrap();
        select.set_value(value);
        assert_eq!(select.value(), value, "{selector} has no option {value}");
        let init = EventInit::new();
        init.set_bubbles(true);
        let ev = Event::new_with_event_init_dict("change", &init).unwrap();
        select.dispatch_event(&ev).unwrap();
    }

    /// From the loaded ticket list to the new-ticket form (which needs the ticket options).
    pub async fn open_form(&self) {
        self.until("the ticket list", |w| {
            w.find(".pc-tickets, .pc-tickets-panel > .pc-muted:not([role])")
                .is_some()
        })
        .await;
        self.click(".pc-actions .pc-primary");
        self.until("the new-ticket form", |w| {
            w.find(".pc-new-ticket").is_some()
        })
        .await;
    }

    /// Fills in and sends the new-ticket form; returns once the new ticket's thread shows.
    pub async fn open_ticket(&self, priority: &str, subject: &str, message: &str) {
        self.open_form().await;
        self.choose("#pc-t-priority", priority);
        self.settle().await;
        self.type_into("#pc-t-subject", subject);
        self.settle().await;
        self.type_into("#pc-t-message", message);
        self.settle().await;
        self.click(".pc-new-ticket button[type=submit]");
        self.until_thread(subject).await;
    }

    /// Waits until the thread of the ticket with `subject` shows.
    pub async fn until_thread(&self, subject: &str) {
        self.until("the ticket's thread", |w| {
            w.find("#pc-thread-title")
                .and_then(|e| e.text_content())
                .is_some_and(|t| t.ends_with(subject))
        })
        .await;
    }

    /// Opens the listed ticket with `subject`; returns once its thread shows.
    pub async fn open_listed(&self, subject: &str) {
        self.until("the ticket in the list", |w| {
            w.item_with(".pc-tickets .pc-item", subject).is_some()
        })
        .await;
        let item = self.item_with(".pc-tickets .pc-item", subject).unwrap();
        self.click(&format!("{item} .pc-ticket-link"));
        self.until_thread(subject).await;
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Some(mut h) = self.handle.take() {
            h.destroy();
        }
        self.host_el.remove();
    }
}
