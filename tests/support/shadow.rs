//! A widget's place on a test page as the loader makes it: a host element with an open shadow
//! root that holds the widget's stylesheet, and a mount container for each mount.
// Test helpers unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use panelcare::MountHandle;
use wasm_bindgen::JsValue;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub const CSS: &str = include_str!("../../www/widget.css");

/// A new host element at the end of the body, with its shadow root and the widget's CSS.
pub fn shadow_host() -> (Element, ShadowRoot) {
    let doc = gloo::utils::document();
    let host_el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host_el).unwrap();
    let shadow = host_el
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    let style = doc.create_element("style").unwrap();
    style.set_text_content(Some(CSS));
    shadow.append_child(&style).unwrap();
    (host_el, shadow)
}

/// Mounts the `kind` widget into a fresh container in `shadow`, as the loader does.
pub fn mount_in(shadow: &ShadowRoot, kind: &str, host: JsValue, api_base: &str) -> MountHandle {
    let container = gloo::utils::document().create_element("div").unwrap();
    // Notices and offers draw nothing when there is nothing to show: no box (the loader's BARE).
    let bare = kind == "notices" || kind == "offers";
    container.set_class_name(if bare { "pc-mount pc-bare" } else { "pc-mount" });
    shadow.append_child(&container).unwrap();
    panelcare::mount(container, kind.into(), host, api_base.into())
}
