//! Mounting a console screen as the app draws it: inside the signed-in [`Console`] context
//! (the session the real server gave, see [`super::server`]) and a router, so screens that
//! take the console with `use_console()` and link with `RouteLink` work as in the browser.
//!
//! Every test's screens share one page: a [`Mounted`] screen is destroyed and its element
//! removed when it is dropped, so no screen of an earlier test keeps calling the server (with
//! a session another sign-in has replaced), reacting to the address, or holding ids.

use std::{ops::Deref, rc::Rc};

use panelcare_console::{console::Console, route::Route, screen::Screen};
use panelcare_model::console::SessionInfo;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignedInProps {
    pub session: Rc<SessionInfo>,
    pub children: Html,
}

/// `children` inside the console context and a router. A lost session sets
/// `window.__signed_out`, which [`signed_out`] reads.
#[component]
pub fn SignedIn(props: &SignedInProps) -> Html {
    let console = use_memo(props.session.clone(), |session| {
        Console::new(
            session.clone(),
            Callback::from(|()| {
                let _ = js_sys::Reflect::set(
                    &gloo_utils::window(),
                    &"__signed_out".into(),
                    &true.into(),
                );
            }),
        )
    });
    html! {
        <BrowserRouter>
            <ContextProvider<Console> context={(*console).clone()}>
                { props.children.clone() }
            </ContextProvider<Console>>
        </BrowserRouter>
    }
}

/// The screen at the page's current address, as the app's router draws it.
#[component]
pub fn Routed() -> Html {
    match use_route::<Route>() {
        Some(route) => html! { <Screen {route} /> },
        None => html! { <p>{ "No console address" }</p> },
    }
}

/// A drawn screen; derefs to the element it is drawn in.
pub struct Mounted {
    root: Element,
    app: Option<AppHandle<SignedIn>>,
}

impl Deref for Mounted {
    type Target = Element;

    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Draws `screen` in a fresh element, signed in with `session`.
pub fn mount_as(session: SessionInfo, screen: Html) -> Mounted {
    // A fresh screen has not signed out, whatever an earlier test's did.
    let _ = js_sys::Reflect::set(&gloo_utils::window(), &"__signed_out".into(), &false.into());
    let root = super::root();
    let app = yew::Renderer::<SignedIn>::with_root_and_props(
        root.clone(),
        SignedInProps {
            session: Rc::new(session),
            children: screen,
        },
    )
    .render();
    Mounted {
        root,
        app: Some(app),
    }
}

/// Whether the mounted screen found the session over and signed out.
pub fn signed_out() -> bool {
    js_sys::Reflect::get(&gloo_utils::window(), &"__signed_out".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Goes to `path` without loading a page, as the app's own links do (mount after this for
/// the router to start there).
pub fn go_to(path: &str) {
    gloo_utils::window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
}

/// The page's address.
pub fn path() -> String {
    gloo_utils::window().location().pathname().unwrap()
}

/// Puts the page's address back to where it was when dropped, so the next test starts where
/// the runner opened the page.
pub struct AtAddress(String);

impl AtAddress {
    /// Goes to `path` now, and back to the runner's page when dropped.
    pub fn go(path: &str) -> Self {
        let before = self::path();
        go_to(path);
        Self(before)
    }
}

impl Drop for AtAddress {
    fn drop(&mut self) {
        go_to(&self.0);
    }
}
