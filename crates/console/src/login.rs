//! Sign-in form, and the way to a password reset from it.

use panelcare_model::console::SessionInfo;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{api::Api, password_reset::ForgotPassword};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct LoginProps {
    pub on_signed_in: Callback<SessionInfo>,
}

#[component]
pub fn Login(props: &LoginProps) -> Html {
    let email = use_state(String::new);
    let password = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let forgot = use_state(|| false);
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (email, password, error, busy) =
            (email.clone(), password.clone(), error.clone(), busy.clone());
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (email, password, error, busy, on_signed_in) = (
                (*email).clone(),
                (*password).clone(),
                error.clone(),
                busy.clone(),
                on_signed_in.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match Api::login(&email, &password).await {
                    Ok(session) => on_signed_in.emit(session),
                    Err(e) => {
                        error.set(Some(e.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    if *forgot {
        let forgot = forgot.clone();
        return html! { <ForgotPassword on_back={Callback::from(move |()| forgot.set(false))} /> };
    }
    let to_forgot = {
        let forgot = forgot.clone();
        Callback::from(move |_: MouseEvent| forgot.set(true))
    };
    html! {
        <main class="c-login">
            <form class="c-card c-login-form" {onsubmit} aria-labelledby="c-login-title">
                <h1 id="c-login-title">{ "Sign in to panelcare" }</h1>
                <label for="c-email">{ "E-mail" }</label>
                <input id="c-email" type="email" autocomplete="username" required=true value={(*email).clone()} oninput={input(&email)} />
                <label for="c-password">{ "Password" }</label>
                <input id="c-password" type="password" autocomplete="current-password" required=true value={(*password).clone()} oninput={input(&password)} />
                if let Some(message) = &*error {
                    <p class="c-error" role="alert">{ message }</p>
                }
                <button type="submit" class="c-button" disabled={*busy}>{ if *busy { "Signing in…" } else { "Sign in" } }</button>
                <button type="button" class="c-link" onclick={to_forgot}>{ "Forgot your password?" }</button>
            </form>
        </main>
    }
}
