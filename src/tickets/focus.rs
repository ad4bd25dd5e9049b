//! Keyboard focus across redraws. When the control a customer used goes away (a view changes,
//! a form is done) focus would fall back to the panel's page, and a field in error should be
//! where the customer lands: components say where focus goes next.

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Moves focus to the first element in `root` matching `selector` (`""`: `root` itself) once
/// the draw under way is done: Yew draws in a microtask, a timer turn comes after it. The
/// widget lives in a shadow root, out of `document`'s reach, hence the search from `root`.
pub fn focus_soon(root: &NodeRef, selector: &'static str) {
    let root = root.clone();
    Timeout::new(0, move || {
        let Some(r) = root.cast::<web_sys::Element>() else {
            return;
        };
        let found = if selector.is_empty() {
            Some(r)
        } else {
            r.query_selector(selector).ok().flatten()
        };
        if let Some(el) = found {
            // Everything the widget draws is HTML.
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    })
    .forget();
}
