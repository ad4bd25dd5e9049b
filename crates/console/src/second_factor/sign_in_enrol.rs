//! The enrolment a sign-in asks for when the tenant requires a second factor and the account
//! has none: set up the app, confirm its first code, save the recovery codes, and only then
//! is the session the console's.

use std::rc::Rc;

use panelcare_model::{console::SessionInfo, second_factor::Enrolment};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{RecoveryCodesView, Setup};
use crate::api::Api;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct EnrolAtSignInProps {
    pub challenge: AttrValue,
    pub on_signed_in: Callback<SessionInfo>,
    pub on_start_over: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Loading,
    /// Could not start (the sign-in expired, the server is away): only starting over helps.
    Failed(String),
    Setup(Rc<Enrolment>),
    Codes(Rc<SessionInfo>, Rc<Vec<String>>),
}

#[component]
pub fn EnrolAtSignIn(props: &EnrolAtSignInProps) -> Html {
    let stage = use_state(|| Stage::Loading);
    let error = use_state(|| None::<AttrValue>);
    let busy = use_state(|| false);
    {
        let (stage, challenge) = (stage.clone(), props.challenge.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                stage.set(match Api::enrol_at_sign_in(&challenge).await {
                    Ok(e) => Stage::Setup(Rc::new(e)),
                    Err(e) => Stage::Failed(e.message()),
                });
            });
        });
    }
    let on_code = {
        let (stage, error, busy, challenge) = (
            stage.clone(),
            error.clone(),
            busy.clone(),
            props.challenge.clone(),
        );
        Callback::from(move |code: String| {
            let (stage, error, busy, challenge) = (
                stage.clone(),
                error.clone(),
                busy.clone(),
                challenge.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match Api::confirm_at_sign_in(&challenge, &code).await {
                    Ok(done) => stage.set(Stage::Codes(
                        Rc::new(done.session),
                        Rc::new(done.recovery_codes),
                    )),
                    Err(e) if e.is_signed_out() => stage.set(Stage::Failed(e.message())),
                    Err(e) => error.set(Some(e.message().into())),
                }
                busy.set(false);
            });
        })
    };
    let start_over = props.on_start_over.clone();
    let body = match &*stage {
        Stage::Loading => html! { <p class="c-muted" role="status">{ "Preparing a new key…" }</p> },
        Stage::Failed(message) => html! {
            <>
                <p class="c-error" role="alert">{ message }</p>
                <button type="button" class="c-button" onclick={start_over.reform(|_: MouseEvent| ())}>{ "Sign in again" }</button>
            </>
        },
        Stage::Setup(enrolment) => html! {
            <Setup enrolment={enrolment.clone()} {on_code} busy={*busy} error={(*error).clone()}
                on_cancel={Some((AttrValue::from("Back to sign-in"), start_over))} />
        },
        Stage::Codes(session, codes) => {
            let (session, on_signed_in) = (session.clone(), props.on_signed_in.clone());
            html! {
                <RecoveryCodesView codes={codes.clone()} done_label="I saved them — open the console"
                    on_done={Callback::from(move |()| on_signed_in.emit((*session).clone()))} />
            }
        }
    };
    html! {
        <main class="c-login">
            <div class="c-card c-login-form c-2fa-enrol">
                <h1>{ "Set up a second factor" }</h1>
                <p>{ "Your organisation requires a code from an authenticator app at every sign-in. Set one up now to continue." }</p>
                { body }
            </div>
        </main>
    }
}
