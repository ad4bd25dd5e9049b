//! Mounting a console screen as the app draws it: inside the signed-in [`Console`] context
//! (an account of the role the test asks for) and a router, so screens that take the console
//! with `use_console()` and link with `RouteLink` work as in the browser.

use std::rc::Rc;

use panelcare_console::console::Console;
use panelcare_model::console::{AgentInfo, Role, SessionInfo};
use web_sys::Element;
use yew::prelude::*;
use yew_router::prelude::*;

/// The signed-in account the mounted screen sees.
pub fn session(role: Role) -> SessionInfo {
    SessionInfo {
        agent: AgentInfo {
            id: "ada".into(),
            email: "ada@acme.test".into(),
            name: "Ada Admin".into(),
            role,
            tenant_id: "acme".into(),
            tenant_name: "Acme Hosting".into(),
        },
        csrf_token: "csrf-test".into(),
        expires_at: "2099-01-01T00:00:00Z".into(),
    }
}

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

/// Draws `screen` into `root` as a signed-in account of `role` would see it.
pub fn mount(root: &Element, role: Role, screen: Html) -> AppHandle<SignedIn> {
    mount_as(root, session(role), screen)
}

/// Draws `screen` into `root` in `session` (one the real server gave, say).
pub fn mount_as(root: &Element, session: SessionInfo, screen: Html) -> AppHandle<SignedIn> {
    // A fresh screen has not signed out, whatever an earlier test's did.
    let _ = js_sys::Reflect::set(&gloo_utils::window(), &"__signed_out".into(), &false.into());
    yew::Renderer::<SignedIn>::with_root_and_props(
        root.clone(),
        SignedInProps {
            session: Rc::new(session),
            children: screen,
        },
    )
    .render()
}

/// Whether the mounted screen found the session over and signed out.
pub fn signed_out() -> bool {
    js_sys::Reflect::get(&gloo_utils::window(), &"__signed_out".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
