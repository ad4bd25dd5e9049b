//! The Security page: the signed-in account's second factor — set up an authenticator app
//! (QR code, key, first code, recovery codes once), or turn it off with the password or a
//! current code.

use panelcare_model::second_factor::{Status, TurnOff};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{
    RecoveryCodesView, Setup,
    state::{Action, SecurityState, Stage},
};
use crate::{
    api::{Api, ApiError},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SecurityProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

/// Reads the account's second factor into the page.
fn load(api: &Api, state: &UseReducerHandle<SecurityState>, on_signed_out: &Callback<()>) {
    let (api, state, on_signed_out) = (api.clone(), state.clone(), on_signed_out.clone());
    spawn_local(async move {
        match api.second_factor().await {
            Ok(s) => state.dispatch(Action::Got(s)),
            Err(e) => fail(&state, e, &on_signed_out),
        }
    });
}

fn fail(state: &UseReducerHandle<SecurityState>, e: ApiError, on_signed_out: &Callback<()>) {
    if e.is_signed_out() {
        on_signed_out.emit(());
    } else {
        state.dispatch(Action::Failed(e.message()));
    }
}

#[component]
pub fn SecurityPage(props: &SecurityProps) -> Html {
    let state = use_reducer(SecurityState::default);
    let password = use_state(String::new);
    let code = use_state(String::new);
    {
        let (api, state, on_signed_out) = (
            props.api.clone(),
            state.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with((), move |_| load(&api, &state, &on_signed_out));
    }
    let start = {
        let (api, state, on_signed_out) = (
            props.api.clone(),
            state.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (api, state, on_signed_out) = (api.clone(), state.clone(), on_signed_out.clone());
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match api.start_enrolment().await {
                    Ok(e) => state.dispatch(Action::Setting(e)),
                    Err(e) => fail(&state, e, &on_signed_out),
                }
            });
        })
    };
    let on_code = {
        let (api, state, on_signed_out) = (
            props.api.clone(),
            state.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |typed: String| {
            let (api, state, on_signed_out) = (api.clone(), state.clone(), on_signed_out.clone());
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match api.confirm_enrolment(&typed).await {
                    Ok(c) => state.dispatch(Action::Enabled(c.recovery_codes)),
                    Err(e) => fail(&state, e, &on_signed_out),
                }
            });
        })
    };
    let reload = {
        let (api, state, on_signed_out) = (
            props.api.clone(),
            state.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |()| load(&api, &state, &on_signed_out))
    };
    let turn_off = {
        let (api, state, on_signed_out, password, code) = (
            props.api.clone(),
            state.clone(),
            props.on_signed_out.clone(),
            password.clone(),
            code.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = TurnOff {
                password: (*password).clone(),
                code: (*code).clone(),
            };
            let (api, state, on_signed_out, password, code) = (
                api.clone(),
                state.clone(),
                on_signed_out.clone(),
                password.clone(),
                code.clone(),
            );
            state.dispatch(Action::Busy);
            spawn_local(async move {
                match api.turn_off_second_factor(&body).await {
                    Ok(()) => {
                        password.set(String::new());
                        code.set(String::new());
                        let status = api.second_factor().await.unwrap_or_default();
                        state.dispatch(Action::Off(
                            status,
                            "The second factor is off: your password alone signs you in.",
                        ));
                    }
                    Err(e) => fail(&state, e, &on_signed_out),
                }
            });
        })
    };
    let input = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            s.set(e.target_unchecked_into::<HtmlInputElement>().value())
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
            <section class="c-card" aria-labelledby="c-2fa-on">
                <h2 id="c-2fa-on">{ "Second factor: on" }</h2>
                <p>{ on_since(status) }</p>
                if status.required {
                    <p class="c-hint">{ "Your organisation requires a second factor: if you turn it off, the next sign-in asks you to set one up again." }</p>
                }
                <form class="c-form" onsubmit={turn_off}>
                    <h3>{ "Turn it off" }</h3>
                    <label for="c-2fa-off-password">{ "Your password" }</label>
                    <input id="c-2fa-off-password" type="password" autocomplete="current-password"
                        value={(*password).clone()} oninput={input(&password)} />
                    <label for="c-2fa-off-code">{ "or a code from the app" }</label>
                    <input id="c-2fa-off-code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="20" value={(*code).clone()} oninput={input(&code)} />
                    if let Some(message) = &error {
                        <p class="c-error" role="alert">{ message.clone() }</p>
                    }
                    <button type="submit" class="c-button c-ghost" disabled={state.busy}>{ "Turn off the second factor" }</button>
                </form>
            </section>
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
