//! The sign-in's second step: the code from the authenticator app, or a recovery code.

use panelcare_model::{ErrorCode, console::SessionInfo};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::CODE_INPUT;
use crate::{
    api::{Api, ApiError},
    focus,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SecondStepProps {
    pub challenge: AttrValue,
    pub on_signed_in: Callback<SessionInfo>,
    /// Back to the e-mail and password (the challenge expired, or the person wants to).
    pub on_start_over: Callback<()>,
}

#[component]
pub fn SecondStep(props: &SecondStepProps) -> Html {
    let code = use_state(String::new);
    let recovery = use_state(|| false);
    let error = use_state(|| None::<String>);
    // The challenge expired or was used: only starting over helps.
    let dead = use_state(|| false);
    let busy = use_state(|| false);
    // The field is where the work is, when the step opens and when it changes kind.
    use_effect_with(*recovery, |_| focus::later(CODE_INPUT));
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (code, error, dead, busy) = (code.clone(), error.clone(), dead.clone(), busy.clone());
        let (challenge, on_signed_in) = (props.challenge.clone(), props.on_signed_in.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (typed, code, error, dead, busy, challenge, on_signed_in) = (
                (*code).clone(),
                code.clone(),
                error.clone(),
                dead.clone(),
                busy.clone(),
                challenge.clone(),
                on_signed_in.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match Api::second_step(&challenge, &typed).await {
                    Ok(session) => on_signed_in.emit(session),
                    Err(e) => {
                        if let ApiError::Refused { error: body, .. } = &e
                            && body.code == ErrorCode::NotSignedIn
                        {
                            dead.set(true);
                        }
                        error.set(Some(e.message()));
                        code.set(String::new());
                        busy.set(false);
                        focus::later(CODE_INPUT);
                    }
                }
            });
        })
    };
    let toggle = {
        let (recovery, code, error) = (recovery.clone(), code.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            recovery.set(!*recovery);
            code.set(String::new());
            error.set(None);
        })
    };
    let back = props.on_start_over.reform(|_: MouseEvent| ());
    let (label, hint) = if *recovery {
        (
            "Recovery code",
            "One of the codes you saved when you turned the second factor on (like abcde-fghij). Each works once.",
        )
    } else {
        (
            "Code from your authenticator app",
            "The 6 digits the app shows for panelcare now.",
        )
    };
    html! {
        <main class="c-login">
            <form class="c-card c-login-form" {onsubmit} aria-labelledby="c-2fa-title">
                <h1 id="c-2fa-title">{ "Second factor" }</h1>
                <label for={CODE_INPUT}>{ label }</label>
                <input id={CODE_INPUT} type="text" required=true
                    inputmode={if *recovery { "text" } else { "numeric" }}
                    autocomplete={if *recovery { "off" } else { "one-time-code" }}
                    maxlength="20" spellcheck="false" aria-describedby="c-2fa-hint"
                    aria-invalid={error.is_some().then_some("true")}
                    value={(*code).clone()} {oninput} />
                <p id="c-2fa-hint" class="c-hint">{ hint }</p>
                if let Some(message) = &*error {
                    <p class="c-error" role="alert">{ message }</p>
                }
                if *dead {
                    <button type="button" class="c-button" onclick={back.clone()}>{ "Sign in again" }</button>
                } else {
                    <button type="submit" class="c-button" disabled={*busy}>{ if *busy { "Checking…" } else { "Sign in" } }</button>
                    <button type="button" class="c-link" onclick={toggle}>
                        { if *recovery { "Use the code from the app" } else { "Use a recovery code" } }
                    </button>
                    <button type="button" class="c-link" onclick={back}>{ "Back to e-mail and password" }</button>
                }
            </form>
        </main>
    }
}
