//! The host shim contract (see DESIGN.md): the JS object a panel adapter hands the widget.
//!
//! The widget binds to the contract, never to a panel: cPanel, WHMCS and the demo page all
//! look the same from here.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::wire::Obj;

#[wasm_bindgen]
extern "C" {
    /// `{ name, identity(), context(), usage(), navigate(url) }` from the adapter.
    pub type HostAdapter;

    #[wasm_bindgen(method, getter, structural)]
    fn name(this: &HostAdapter) -> Option<String>;
    #[wasm_bindgen(method, structural, catch)]
    fn identity(this: &HostAdapter) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, structural, catch)]
    fn context(this: &HostAdapter) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, structural, catch)]
    fn usage(this: &HostAdapter) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, structural, catch)]
    fn navigate(this: &HostAdapter, url: &str) -> Result<JsValue, JsValue>;
    /// Added by the loader, not part of the contract a panel implements: see [`Host::fetch`].
    #[wasm_bindgen(method, structural, catch)]
    fn fetch(
        this: &HostAdapter,
        url: &str,
        init: &web_sys::RequestInit,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// Who is looking, and in which language, as the panel reports it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostContext {
    pub locale: Option<String>,
    pub account: Option<String>,
    pub plan: Option<String>,
}

/// The adapter could not answer (the host's backend is down, the customer is signed out…).
#[derive(Debug, Clone, PartialEq)]
pub struct HostError(pub String);

/// A shared handle on the adapter. Equal only to itself, so props holding it stay cheap.
#[derive(Clone)]
pub struct Host(Rc<HostAdapter>);

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Host({})", self.name())
    }
}

impl Host {
    pub fn new(adapter: JsValue) -> Self {
        Self(Rc::new(adapter.unchecked_into()))
    }

    pub fn name(&self) -> String {
        self.0.name().unwrap_or_else(|| "unknown".into())
    }

    /// A fresh identity token from the host's backend. Adapters cache it until it nears
    /// expiry, so asking before every request is cheap.
    pub async fn token(&self) -> Result<String, HostError> {
        let value = call(self.0.identity()).await?;
        Obj::new(value)
            .and_then(|o| o.str("token"))
            .ok_or_else(|| HostError("identity() gave no token".into()))
    }

    /// The usage snapshot exactly as the host reports it; the server checks it.
    pub async fn usage(&self) -> Result<JsValue, HostError> {
        call(self.0.usage()).await
    }

    /// Opens `url` (an upgrade or cart page) the way the host prefers: inside the panel's
    /// frame, a new tab, or the whole window.
    pub fn navigate(&self, url: &str) -> Result<(), HostError> {
        self.0
            .navigate(url)
            .map(|_| ())
            .map_err(|_| HostError("navigate() failed".into()))
    }

    /// Sends one of the widget's requests through the loader's `fetch`, which reads what
    /// happened (a ticket opened, a suggestion sent, an offer followed, a call that failed, a
    /// thread read) to tell the host page and keep the unread count. The loader adds it to
    /// every adapter it hands the widget (a page's own adapter too), so there is no second
    /// way here: the widget's wasm is on every panel page.
    pub fn fetch(&self, url: &str, init: &web_sys::RequestInit) -> Option<js_sys::Promise> {
        self.0.fetch(url, init).ok()
    }

    pub async fn context(&self) -> Result<HostContext, HostError> {
        let o = Obj::new(call(self.0.context()).await?)
            .ok_or_else(|| HostError("context() gave no object".into()))?;
        Ok(HostContext {
            locale: o.str("locale"),
            account: o.str("account"),
            plan: o.str("plan"),
        })
    }
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, HostError> {
    let describe = |e: JsValue| {
        HostError(
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()?
                        .as_string()
                })
                .unwrap_or_else(|| "the host adapter failed".into()),
        )
    };
    JsFuture::from(promise.map_err(describe)?)
        .await
        .map_err(describe)
}
