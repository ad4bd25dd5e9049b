//! The page a reset link opens: choose a new password (twice), then sign in with it.

use panelcare_model::console::PASSWORD_MIN;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::leave_address;
use crate::api::Api;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NewPasswordProps {
    pub token: AttrValue,
    /// To the sign-in form, once the password is set (or to give up).
    pub on_done: Callback<()>,
}

/// What the form says under its fields, if anything.
fn check(password: &str, again: &str) -> Option<String> {
    if password.chars().count() < PASSWORD_MIN {
        Some(format!(
            "Choose a password of at least {PASSWORD_MIN} characters."
        ))
    } else if password != again {
        Some("The two passwords are not the same.".into())
    } else {
        None
    }
}

#[component]
pub fn NewPassword(props: &NewPasswordProps) -> Html {
    let password = use_state(String::new);
    let again = use_state(String::new);
    let error = use_state(|| None::<String>);
    let done = use_state(|| false);
    let busy = use_state(|| false);
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (password, again, error, done, busy) = (
            password.clone(),
            again.clone(),
            error.clone(),
            done.clone(),
            busy.clone(),
        );
        let token = props.token.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(problem) = check(&password, &again) {
                error.set(Some(problem));
                return;
            }
            let (password, token, error, done, busy) = (
                (*password).clone(),
                token.clone(),
                error.clone(),
                done.clone(),
                busy.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match Api::confirm_reset(&token, &password).await {
                    Ok(()) => {
                        leave_address();
                        done.set(true);
                    }
                    Err(e) => error.set(Some(e.message())),
                }
                busy.set(false);
            });
        })
    };
    let to_sign_in = {
        let on_done = props.on_done.clone();
        Callback::from(move |_: MouseEvent| {
            leave_address();
            on_done.emit(());
        })
    };
    html! {
        <main class="c-login">
            <form class="c-card c-login-form" {onsubmit} aria-labelledby="c-reset-title">
                <h1 id="c-reset-title">{ "Choose a new password" }</h1>
                if *done {
                    <p class="c-ok" role="status">{ "Your new password is set. Sign in with it." }</p>
                } else {
                    <label for="c-reset-password">{ "New password" }</label>
                    <input id="c-reset-password" type="password" autocomplete="new-password"
                        required=true minlength={PASSWORD_MIN.to_string()}
                        aria-describedby="c-reset-hint" value={(*password).clone()}
                        oninput={input(&password)} />
                    <p class="c-hint" id="c-reset-hint">
                        { format!("At least {PASSWORD_MIN} characters. Signing in elsewhere ends once it is set.") }
                    </p>
                    <label for="c-reset-again">{ "The same again" }</label>
                    <input id="c-reset-again" type="password" autocomplete="new-password"
                        required=true value={(*again).clone()} oninput={input(&again)} />
                    if let Some(message) = &*error {
                        <p class="c-error" role="alert">{ message }</p>
                    }
                    <button type="submit" class="c-button" disabled={*busy}>
                        { if *busy { "Saving…" } else { "Set the password" } }
                    </button>
                }
                <button type="button" class="c-link" onclick={to_sign_in}>{ "To sign-in" }</button>
            </form>
        </main>
    }
}
