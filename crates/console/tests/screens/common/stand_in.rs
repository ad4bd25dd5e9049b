//! A stand-in for single answers the real server cannot be made to give inside a test (a
//! refusal the console's own check always comes before, a delivery backlog that takes half a
//! day of failures to build). Only the requests named are answered here; every other request
//! goes on to the real server. Each use says in a comment why the real answer is out of
//! reach. With no answers of its own it only watches what a screen asks.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function stand_in(routes) {
  const real = window.__pcRealFetch || (window.__pcRealFetch = window.fetch);
  window.__pcStandIn = [];
  window.__pcSent = [];
  window.fetch = async function (input, init) {
    const method = (init && init.method) || "GET";
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    const key = `${method} ${url.pathname}`;
    window.__pcSent.push(key);
    const answers = routes[key];
    if (!answers) return real.call(window, input, init);
    window.__pcStandIn.push(`${key} ${(init && init.body) || ""}`);
    const [status, body] = answers.length > 1 ? answers.shift() : answers[0];
    const text = status === 204 || body === null ? null : JSON.stringify(body);
    return new Response(text, { status, headers: { "Content-Type": "application/json" } });
  };
}
export function real_fetch() {
  if (window.__pcRealFetch) window.fetch = window.__pcRealFetch;
}
export function stood_in() { return (window.__pcStandIn || []).join("\n"); }
export function sent() { return (window.__pcSent || []).join("\n"); }
"#)]
extern "C" {
    fn stand_in(routes: &JsValue);
    fn real_fetch();
    fn stood_in() -> String;
    fn sent() -> String;
}

/// `value` as the JSON the server would send.
pub fn json<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// While it lives, `"METHOD /path"` (no query) answers each `(status, body)` in turn, the last
/// one again after that; the page's own `fetch` is back when it is dropped.
pub struct StandIn;

impl StandIn {
    pub fn answer(routes: Vec<(String, Vec<(u16, JsValue)>)>) -> Self {
        let table = js_sys::Object::new();
        for (route, answers) in routes {
            let list = js_sys::Array::new();
            for (status, body) in answers {
                list.push(&js_sys::Array::of2(&JsValue::from(status), &body));
            }
            js_sys::Reflect::set(&table, &route.into(), &list).unwrap();
        }
        stand_in(&table);
        Self
    }

    /// Only watches: every request goes on to the real server, and [`Self::sent`] lists it.
    pub fn watch() -> Self {
        Self::answer(Vec::new())
    }

    /// The requests answered here, `"METHOD /path body"`, in order.
    pub fn asked(&self) -> Vec<String> {
        let all = stood_in();
        all.lines().map(str::to_owned).collect()
    }

    /// Every request sent while this lives, `"METHOD /path"`, in order.
    pub fn sent(&self) -> Vec<String> {
        let all = sent();
        all.lines().map(str::to_owned).collect()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        real_fetch();
    }
}

/// The page's own `fetch` again, should a failed test have left a stand-in behind.
pub fn restore() {
    real_fetch();
}
