//! The console's frame: checks the session, then shows sign-in or the signed-in console,
//! whose screen is the address's ([`Route`]). Signing in again after a session ended keeps
//! the address, so the agent lands where the link (or the lost session) left them.

use std::rc::Rc;

use panelcare_model::console::SessionInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    alerts::AlertsLink,
    api::Api,
    console::{Console, Login, use_console},
    password_reset::{self, NewPassword},
    route::{NavLink, Route},
    screen::Screen,
    text,
};

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Checking,
    SignedOut,
    SignedIn(Rc<SessionInfo>),
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <Frame />
        </BrowserRouter>
    }
}

#[component]
fn Frame() -> Html {
    let stage = use_state(|| Stage::Checking);
    {
        let stage = stage.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                stage.set(match Api::me().await {
                    Ok(s) => Stage::SignedIn(Rc::new(s)),
                    Err(_) => Stage::SignedOut,
                });
            });
        });
    }
    let on_signed_in = {
        let stage = stage.clone();
        Callback::from(move |s: SessionInfo| stage.set(Stage::SignedIn(Rc::new(s))))
    };
    let on_signed_out = {
        let stage = stage.clone();
        Callback::from(move |()| stage.set(Stage::SignedOut))
    };
    match &*stage {
        Stage::Checking => {
            html! { <main class="c-main"><p class="c-muted">{ "Loading…" }</p></main> }
        }
        Stage::SignedOut => match password_reset::token_in_address() {
            // Opened through a reset link: choose the password first, then sign in.
            Some(token) => {
                let stage = stage.clone();
                html! {
                    <NewPassword token={AttrValue::from(token)}
                        on_done={Callback::from(move |()| stage.set(Stage::SignedOut))} />
                }
            }
            None => html! { <Login {on_signed_in} /> },
        },
        Stage::SignedIn(session) => {
            let console = Console::new(session.clone(), on_signed_out);
            html! {
                <ContextProvider<Console> context={console}>
                    <Top />
                    <main class="c-main">
                        <Switch<Route> render={|route| html! { <Screen {route} /> }} />
                    </main>
                </ContextProvider<Console>>
            }
        }
    }
}

/// The bar across the top: the navigation, who is signed in, and signing out.
#[component]
fn Top() -> Html {
    let console = use_console();
    let sign_out = {
        let console = console.clone();
        Callback::from(move |_: MouseEvent| {
            let console = console.clone();
            spawn_local(async move {
                let _ = console.api.logout().await;
                console.sign_out();
            });
        })
    };
    let agent = console.agent();
    html! {
        <header class="c-top">
            <span class="c-brand">{ "panelcare console" }</span>
            <nav class="c-nav" aria-label="Console">
                <NavLink to={Route::Tickets}>{ "Tickets" }</NavLink>
                <NavLink to={Route::Feedback}>{ "Feedback" }</NavLink>
                <AlertsLink />
                <NavLink to={Route::Ideas}>{ "Ideas" }</NavLink>
                <NavLink to={Route::Numbers}>{ "Numbers" }</NavLink>
                <NavLink to={Route::Knowledge}>{ "Knowledge base" }</NavLink>
                <NavLink to={Route::Notices}>{ "Notices" }</NavLink>
                <NavLink to={Route::Support}>{ "Support settings" }</NavLink>
                <NavLink to={Route::Security}>{ "Security" }</NavLink>
                if console.is_admin() {
                    <NavLink to={Route::Offers}>{ "Offers" }</NavLink>
                    <NavLink to={Route::Branding}>{ "Branding" }</NavLink>
                    <NavLink to={Route::Limits}>{ "Limits" }</NavLink>
                    <NavLink to={Route::CustomerData}>{ "Customer data" }</NavLink>
                    <NavLink to={Route::Team}>{ "Team and keys" }</NavLink>
                    <NavLink to={Route::Audit}>{ "Audit log" }</NavLink>
                }
            </nav>
            <span class="c-who">
                <strong>{ &agent.name }</strong>
                { format!(" · {} · {}", text::role(agent.role), agent.tenant_name) }
            </span>
            <button type="button" class="c-button c-ghost" onclick={sign_out}>{ "Sign out" }</button>
        </header>
    }
}
