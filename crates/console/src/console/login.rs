//! Sign-in form, and the ways on from it: the second factor's step (or the enrolment a tenant
//! requires) when the password was right, and a password reset.

use panelcare_model::{console::SessionInfo, second_factor::Challenge};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{
    api::Api,
    password_reset::ForgotPassword,
    second_factor::{EnrolAtSignIn, SecondStep, SignIn},
};

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
    // The password was right and a second factor is asked next.
    let challenge = use_state(|| None::<Challenge>);
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (email, password, error, busy, challenge) = (
            email.clone(),
            password.clone(),
            error.clone(),
            busy.clone(),
            challenge.clone(),
        );
        let on_signed_in = props.on_signed_in.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (email, password_now, error, busy, on_signed_in, challenge, password) = (
                (*email).clone(),
                (*password).clone(),
                error.clone(),
                busy.clone(),
                on_signed_in.clone(),
                challenge.clone(),
                password.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match Api::login(&email, &password_now).await {
                    Ok(SignIn::Done(session)) => on_signed_in.emit(session),
                    Ok(SignIn::SecondFactor(asked)) => {
                        // The password has done its part; it is not kept on screen.
                        password.set(String::new());
                        error.set(None);
                        busy.set(false);
                        challenge.set(Some(asked));
                    }
                    Err(e) => {
                        error.set(Some(e.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    if let Some(asked) = &*challenge {
        let start_over = {
            let challenge = challenge.clone();
            Callback::from(move |()| {
                challenge.set(None);
                crate::focus::later("c-password");
            })
        };
        let token = AttrValue::from(asked.challenge.clone());
        let on_signed_in = props.on_signed_in.clone();
        return if asked.enrol {
            html! { <EnrolAtSignIn challenge={token} {on_signed_in} on_start_over={start_over} /> }
        } else {
            html! { <SecondStep challenge={token} {on_signed_in} on_start_over={start_over} /> }
        };
    }
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
