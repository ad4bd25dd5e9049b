//! "Forgot your password?": asks for a reset link for an e-mail.

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::Api;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ForgotPasswordProps {
    /// Back to the sign-in form.
    pub on_back: Callback<()>,
}

#[component]
pub fn ForgotPassword(props: &ForgotPasswordProps) -> Html {
    let email = use_state(String::new);
    // (whether it went through, what to say)
    let outcome = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let oninput = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| {
            email.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (email, outcome, busy) = (email.clone(), outcome.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (email, outcome, busy) = ((*email).clone(), outcome.clone(), busy.clone());
            busy.set(true);
            spawn_local(async move {
                outcome.set(Some(match Api::request_reset(&email).await {
                    Ok(answer) => (true, answer.message),
                    Err(e) => (false, e.message()),
                }));
                busy.set(false);
            });
        })
    };
    let back = props.on_back.reform(|_: MouseEvent| ());
    html! {
        <main class="c-login">
            <form class="c-card c-login-form" {onsubmit} aria-labelledby="c-forgot-title">
                <h1 id="c-forgot-title">{ "Set a new password" }</h1>
                <p>{ "Enter the e-mail you sign in with; we send a link to set a new password." }</p>
                <label for="c-forgot-email">{ "E-mail" }</label>
                <input id="c-forgot-email" type="email" autocomplete="username" required=true
                    value={(*email).clone()} {oninput} />
                if let Some((ok, text)) = &*outcome {
                    <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
                }
                <button type="submit" class="c-button" disabled={*busy}>
                    { if *busy { "Sending…" } else { "Send the link" } }
                </button>
                <button type="button" class="c-link" onclick={back}>{ "Back to sign-in" }</button>
            </form>
        </main>
    }
}
