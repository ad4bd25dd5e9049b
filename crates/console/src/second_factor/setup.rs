//! Setting up an authenticator app: the QR code to scan, the secret to type instead, and the
//! first code that proves the app has it. Used on the Security page and during a sign-in whose
//! tenant requires a second factor.

use std::rc::Rc;

use panelcare_model::second_factor::Enrolment;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::CODE_INPUT;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SetupProps {
    pub enrolment: Rc<Enrolment>,
    /// The code typed in, to confirm with.
    pub on_code: Callback<String>,
    pub busy: bool,
    /// Why the last code was refused.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Another way out (back to sign-in, or cancel), with its label.
    #[prop_or_default]
    pub on_cancel: Option<(AttrValue, Callback<()>)>,
}

/// The secret in groups of four, as apps that take it typed in show it.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn Setup(props: &SetupProps) -> Html {
    let code = use_state(String::new);
    {
        // A refused code leaves the field empty and focused for the next one.
        let code = code.clone();
        use_effect_with(props.error.clone(), move |error| {
            if error.is_some() {
                code.set(String::new());
                crate::focus::later(CODE_INPUT);
            }
        });
    }
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (code, on_code) = (code.clone(), props.on_code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_code.emit((*code).clone());
        })
    };
    let e = &props.enrolment;
    html! {
        <form class="c-form c-2fa-setup" {onsubmit} aria-label="Set up an authenticator app">
            <ol class="c-2fa-steps">
                <li>{ "Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, Aegis, …) and add an account." }</li>
                <li>
                    { "Scan this QR code:" }
                    <img class="c-2fa-qr" src={e.qr.clone()} width="220" height="220"
                        alt="QR code that adds panelcare to the authenticator app" />
                    { "Or type this key in (time-based): " }
                    <code class="c-once" id="c-2fa-secret">{ grouped(&e.secret) }</code>
                </li>
                <li>
                    <label for={CODE_INPUT}>{ "Enter the 6-digit code the app shows" }</label>
                </li>
            </ol>
            <input id={CODE_INPUT} type="text" inputmode="numeric" autocomplete="one-time-code"
                maxlength="7" required=true spellcheck="false"
                aria-invalid={props.error.is_some().then_some("true")}
                value={(*code).clone()} {oninput} />
            if let Some(message) = &props.error {
                <p class="c-error" role="alert">{ message.clone() }</p>
            }
            <button type="submit" class="c-button" disabled={props.busy}>
                { if props.busy { "Checking…" } else { "Turn on" } }
            </button>
            if let Some((label, on_cancel)) = &props.on_cancel {
                <button type="button" class="c-link" onclick={on_cancel.reform(|_: MouseEvent| ())}>{ label.clone() }</button>
            }
        </form>
    }
}
