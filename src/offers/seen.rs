//! "Actually seen": an impression counts once at least half the card is on screen while the
//! page is in front, not when the card is merely drawn below the fold or in a hidden tab.

use std::{cell::Cell, rc::Rc};

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, prelude::Closure};
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| !d.hidden())
}

/// Calls `on_seen` once per `key` (a drawn card's view id) when `node` has been seen.
#[hook]
pub fn use_seen(node: NodeRef, key: AttrValue, on_seen: Callback<()>) {
    use_effect_with(key, move |_| {
        let fired = Rc::new(Cell::new(false));
        // In sight, but the tab is hidden: counted when the customer comes back to it.
        let waiting = Rc::new(Cell::new(false));
        let fire = {
            let (fired, on_seen) = (fired.clone(), on_seen.clone());
            move || {
                if !fired.replace(true) {
                    on_seen.emit(());
                }
            }
        };
        let visibility = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let (waiting, fire) = (waiting.clone(), fire.clone());
            EventListener::new(&doc, "visibilitychange", move |_| {
                if waiting.get() && page_visible() {
                    fire();
                }
            })
        });
        let callback = {
            let (waiting, fire) = (waiting.clone(), fire.clone());
            Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let in_sight = entries
                    .iter()
                    .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                    .any(|e| e.is_intersecting());
                waiting.set(in_sight);
                if in_sight && page_visible() {
                    fire();
                }
            })
        };
        let init = IntersectionObserverInit::new();
        init.set_threshold(&0.5.into());
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok();
        match (&observer, node.cast::<web_sys::Element>()) {
            (Some(o), Some(el)) => o.observe(&el),
            // A browser without IntersectionObserver: drawn counts as seen.
            (None, _) => fire(),
            (Some(_), None) => {}
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop((callback, visibility));
        }
    });
}
