//! Moving keyboard focus once the draw under way is done: to a field to fix, a new row's
//! first input, the line that says how an action went, or a screen's title, so keyboard and
//! screen-reader users land where the work goes on.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;

fn focus(id: String, only_if_lost: bool) {
    Timeout::new(0, move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lost = doc.active_element().is_none_or(|e| e.tag_name() == "BODY");
        if let Some(el) = doc.get_element_by_id(&id)
            && (lost || !only_if_lost)
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    })
    .forget();
}

/// Focuses the element `id` after this draw.
pub fn later(id: impl Into<String>) {
    focus(id.into(), false);
}

/// Focuses the element `id` after this draw only if focus has fallen back to the page (the
/// control just used went away in the redraw, as "Assign to me" or a merged ticket's form do).
pub fn later_if_lost(id: impl Into<String>) {
    focus(id.into(), true);
}
