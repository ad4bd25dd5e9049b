//! A stand-in for the server behind `fetch`: each `"METHOD /path"` gets one fixed answer, and
//! every request is kept so a test can say what was (and was not) sent.

use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as the JSON the server would send.
pub fn json<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// Replaces `fetch`: `"METHOD /path"` answers `(status, body)`; anything else is a 404.
/// Every request is kept in `window.__calls` as `"METHOD /path body"`.
pub fn fake_server<R: AsRef<str>>(routes: Vec<(R, u16, JsValue)>) {
    let table = js_sys::Object::new();
    for (route, status, body) in routes {
        let pair = js_sys::Array::of2(&JsValue::from(status), &body);
        js_sys::Reflect::set(&table, &route.as_ref().into(), &pair).unwrap();
    }
    let install = js_sys::Function::new_with_args(
        "routes",
        r#"
        window.__calls = [];
        window.fetch = async (url, init) => {
            const method = (init && init.method) || "GET";
            const path = new URL(url, location.href).pathname;
            window.__calls.push(method + " " + path + " " + ((init && init.body) || ""));
            const [status, body] = routes[method + " " + path] || [404, null];
            const text = status === 204 || body === null ? null : JSON.stringify(body);
            return new Response(text, { status, headers: { "Content-Type": "application/json" } });
        };
        "#,
    );
    install.call1(&JsValue::NULL, &table).unwrap();
}

/// The requests sent since [`fake_server`], with `method` first.
pub fn calls(method: &str) -> Vec<String> {
    let all = js_sys::Reflect::get(&gloo_utils::window(), &"__calls".into()).unwrap();
    js_sys::Array::from(&all)
        .iter()
        .filter_map(|c| c.as_string())
        .filter(|c| c.starts_with(&format!("{method} ")))
        .collect()
}
