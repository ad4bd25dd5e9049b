//! panelcare's customer widget: Yew components compiled to WebAssembly, mounted by the
//! loader (`www/panelcare.js`) into shadow roots on the host panel's page.

pub mod api;
pub mod app;
pub mod brand;
pub mod feedback;
pub mod host;
pub mod i18n;
pub mod offers;
pub mod session;
pub mod storage;
pub mod tickets;
pub mod time;
pub mod wire;

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::app::{Widget, WidgetProps};

/// A mounted widget; the loader keeps it to tear the widget down again.
#[wasm_bindgen]
pub struct MountHandle {
    app: Option<AppHandle<Widget>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the widget and everything it registered (timers, listeners).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Draws the widget `kind` (`"feedback"`, `"tickets"`, `"notices"`, `"offers"`) into `container`, which the loader placed in a
/// shadow root. `host` is the adapter object of the host shim contract; `api_base` is the
/// panelcare server's origin.
#[wasm_bindgen]
pub fn mount(
    container: web_sys::Element,
    kind: String,
    host: JsValue,
    api_base: String,
) -> MountHandle {
    let props = WidgetProps {
        kind: kind.into(),
        host: host::Host::new(host),
        api_base: api_base.into(),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(container, props).render();
    MountHandle { app: Some(app) }
}
