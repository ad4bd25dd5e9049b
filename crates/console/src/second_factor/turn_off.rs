//! The Security page's card while the second factor is on: since when, how many recovery
//! codes are left, and the form that turns it off with the password or a current code.

use std::rc::Rc;

use panelcare_model::second_factor::{Status, TurnOff};
use yew::prelude::*;

use crate::{form, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SecondFactorOnProps {
    pub status: Rc<Status>,
    pub busy: bool,
    /// Why the last try was refused.
    pub error: Option<AttrValue>,
    pub on_turn_off: Callback<TurnOff>,
}

fn on_since(status: &Status) -> String {
    let since = status
        .enabled_at
        .as_deref()
        .map(|at| format!("On since {}. ", text::when(at)))
        .unwrap_or_default();
    format!(
        "{since}Signing in asks for a code from your authenticator app. Recovery codes left: {}.",
        status.recovery_codes_left
    )
}

#[component]
pub fn SecondFactorOn(props: &SecondFactorOnProps) -> Html {
    // Typed here only; the card goes away once the factor is off, and the two with it.
    let password = use_state(String::new);
    let code = use_state(String::new);
    let onsubmit = {
        let (password, code, on_turn_off) =
            (password.clone(), code.clone(), props.on_turn_off.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_turn_off.emit(TurnOff {
                password: (*password).clone(),
                code: (*code).clone(),
            });
        })
    };
    let input = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| s.set(form::input_value(&e)))
    };
    let status = &props.status;
    html! {
        <section class="c-card" aria-labelledby="c-2fa-on">
            <h2 id="c-2fa-on">{ "Second factor: on" }</h2>
            <p>{ on_since(status) }</p>
            if status.required {
                <p class="c-hint">{ "Your organisation requires a second factor: if you turn it off, the next sign-in asks you to set one up again." }</p>
            }
            <form class="c-form" {onsubmit}>
                <h3>{ "Turn it off" }</h3>
                <label for="c-2fa-off-password">{ "Your password" }</label>
                <input id="c-2fa-off-password" type="password" autocomplete="current-password"
                    value={(*password).clone()} oninput={input(&password)} />
                <label for="c-2fa-off-code">{ "or a code from the app" }</label>
                <input id="c-2fa-off-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                    maxlength="20" value={(*code).clone()} oninput={input(&code)} />
                if let Some(message) = &props.error {
                    <p class="c-error" role="alert">{ message.clone() }</p>
                }
                <button type="submit" class="c-button c-ghost" disabled={props.busy}>{ "Turn off the second factor" }</button>
            </form>
        </section>
    }
}
