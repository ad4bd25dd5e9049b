//! The Security page: the signed-in account's second factor — set up an authenticator app
//! (QR code, key, first code, recovery codes once), or turn it off with the password or a
//! current code.

use panelcare_model::second_factor::TurnOff;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    RecoveryCodesView, Setup,
    state::{Action, SecurityState, Stage},
    turn_off::SecondFactorOn,
};
use crate::{
    api::ApiError,
    console::{Console, use_console},
};

/// Reads the account's second factor into the page.
fn load(console: &Console, state: &UseReducerHandle<SecurityState>) {
    let (console, state) = (console.clone(), state.clone());
    spawn_local(async move {
        match console.api.second_factor().await {
            Ok(s) => state.dispatch(Action::Got(s)),
            Err(e) => fail(&console, &state, e),
        }
    });
}

/// Says why a call failed (or signs out, when the session is over).
fn fail(console: &Console, state: &UseReducerHandle<SecurityState>, e: ApiError) {
    if let Some(e) = console.failed(e) {
        state.dispatch(Action::Failed(e.message()));
    }
}

#[component]
pub fn SecurityPage() -> Html {
    let console = use_console();
    let state = use_reducer(SecurityState::default);
    {
        let (console, state) = (console.clone(), state.clone());
        use_effect_with((), move |_| load(&console, &state));
    }
    let start = {
        let (console, state) = (console.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            let (console, state) = (console.clone(), state.clone());
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match console.api.start_enrolment().await {
                    Ok(e) => state.dispatch(Action::Setting(e)),
                    Err(e) => fail(&console, &state, e),
                }
            });
        })
    };
    let on_code = {
        let (console, state) = (console.clone(), state.clone());
        Callback::from(move |typed: String| {
            let (console, state) = (console.clone(), state.clone());
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match console.api.confirm_enrolment(&typed).await {
                    Ok(c) => state.dispatch(Action::Enabled(c.recovery_codes)),
                    Err(e) => fail(&console, &state, e),
                }
            });
        })
    };
    let reload = {
        let (console, state) = (console.clone(), state.clone());
        Callback::from(move |()| load(&console, &state))
    };
    let on_turn_off = {
        let (console, state) = (console.clone(), state.clone());
        Callback::from(move |body: TurnOff| {
            let (console, state) = (console.clone(), state.clone());
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match console.api.turn_off_second_factor(&body).await {
                    Ok(()) => {
                        let status = console.api.second_factor().await.unwrap_or_default();
                        state.dispatch(Action::Off(
                            status,
                            "The second factor is off: your password alone signs you in.",
                        ));
                    }
                    Err(e) => fail(&console, &state, e),
                }
            });
        })
    };
    let error = state.error.clone();
    let body = match &state.stage {
        Stage::Loading => html! { <p class="c-muted" role="status">{ "Loading…" }</p> },
        Stage::Setting(enrolment) => html! {
            <section class="c-card" aria-label="Set up an authenticator app">
                <Setup enrolment={enrolment.clone()} {on_code} busy={state.busy} error={error.clone()}
                    on_cancel={Some((AttrValue::from("Cancel"), reload.clone()))} />
            </section>
        },
        Stage::Codes(codes) => html! {
            <RecoveryCodesView codes={codes.clone()} done_label="I saved them" on_done={reload.clone()} />
        },
        Stage::Shown(status) if status.enabled => html! {
            <SecondFactorOn status={status.clone()} busy={state.busy} error={error.clone()} {on_turn_off} />
        },
        Stage::Shown(status) => html! {
            <section class="c-card" aria-labelledby="c-2fa-off">
                <h2 id="c-2fa-off">{ "Second factor: off" }</h2>
                <p>{ "With a second factor, signing in also asks for a code from an authenticator app on your phone, so a stolen password alone does not open your console." }</p>
                if status.required {
                    <p class="c-hint">{ "Your organisation requires one: the next sign-in asks you to set it up." }</p>
                }
                if let Some(message) = &error {
                    <p class="c-error" role="alert">{ message.clone() }</p>
                }
                <button type="button" class="c-button" onclick={start} disabled={state.busy}>{ "Set up an authenticator app" }</button>
            </section>
        },
    };
    html! {
        <section aria-labelledby="c-security-title">
            <h1 id="c-security-title" class="c-title">{ "Security" }</h1>
            if let Some(said) = &state.said {
                <p class="c-ok" role="status">{ said.clone() }</p>
            }
            { body }
        </section>
    }
}
