//! JSON through the browser's own `JSON` object rather than serde_json, which would add
//! tens of kilobytes to the wasm for work the browser already does.

use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

pub fn to_string<T: Serialize>(value: &T) -> Option<String> {
    let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}

pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}
