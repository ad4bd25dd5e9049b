//! What an agent writes on a ticket: an answer (then wait for the customer or resolve), a
//! progress update the customer sees, or an internal note they never see; with canned
//! replies and files.

mod canned;
mod files;
mod state;

use panelcare_model::ticket::console::AgentWrite;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::Done;
use crate::{console::use_console, focus};
use canned::CannedPicker;
use files::FilesField;
use state::{Action, ComposerState};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ComposerProps {
    pub id: AttrValue,
    pub tenant: AttrValue,
    pub on_done: Callback<Done>,
}

#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let console = use_console();
    let state = use_reducer(ComposerState::default);
    {
        let (api, state) = (console.api.clone(), state.clone());
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            spawn_local(async move {
                // Without them the composer still works: no list is offered.
                if let Ok(c) = api.canned_replies().await {
                    state.dispatch(Action::Canned(
                        c.into_iter().filter(|c| c.tenant_id == tenant).collect(),
                    ));
                }
            });
        });
    }
    let onsubmit = {
        let (api, id, on_done, state) = (
            console.api.clone(),
            props.id.clone(),
            props.on_done.clone(),
            state.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if state.text.trim().is_empty() {
                state.dispatch(Action::Empty);
                focus::later("c-t-text");
                return;
            }
            state.dispatch(Action::Sending);
            let (body, done) = (state.message(), state.done());
            let (api, id, on_done, state) =
                (api.clone(), id.clone(), on_done.clone(), state.clone());
            spawn_local(async move {
                let result = api.write_ticket(&id, &body).await;
                if result.is_ok() {
                    state.dispatch(Action::Sent);
                }
                on_done.emit(Done::new(result, done));
            });
        })
    };
    let send = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |v: String| state.dispatch(make(v)))
    };
    let kind_radio = |k: AgentWrite, label: &'static str| {
        let checked = state.kind == k;
        let state = state.clone();
        let onchange = Callback::from(move |_: Event| state.dispatch(Action::Kind(k)));
        let id = format!("c-k-{}", label.replace(' ', "-"));
        html! {
            <label class="c-check" for={id.clone()}>
                <input {id} type="radio" name="c-kind" {checked} {onchange} />{ " " }{ label }
            </label>
        }
    };
    let note = state.kind == AgentWrite::Note;
    let empty = state.empty;
    html! {
        <form class="c-card c-form" {onsubmit}>
            <fieldset class="c-kinds">
                <legend>{ "Write" }</legend>
                { kind_radio(AgentWrite::Reply, "Answer") }
                { kind_radio(AgentWrite::Progress, "Progress update") }
                { kind_radio(AgentWrite::Note, "Internal note") }
            </fieldset>
            if !state.canned.is_empty() {
                <CannedPicker canned={state.canned.clone()} on_insert={send(Action::Text)} />
            }
            <label for="c-t-text">{ if note { "Note (never shown to the customer)" } else { "Message to the customer" } }</label>
            <textarea id="c-t-text" rows="5" value={state.text.clone()}
                aria-invalid={empty.then_some("true")} aria-describedby={empty.then_some("c-t-text-error")}
                oninput={send(Action::Text).reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())} />
            if empty {
                <p class="c-field-error" id="c-t-text-error">{ "Write something first." }</p>
            }
            if !note {
                <FilesField tenant={props.tenant.clone()} files={state.files.clone()}
                    on_attached={{ let state = state.clone(); Callback::from(move |a| state.dispatch(Action::Attached(a))) }}
                    on_failed={send(Action::UploadFailed)} on_remove={send(Action::Unattach)} />
            }
            if state.kind == AgentWrite::Reply {
                <div class="c-field">
                    <label for="c-after">{ "Then" }</label>
                    <select id="c-after" onchange={send(Action::After).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                        <option value="awaiting_customer" selected={state.after == "awaiting_customer"}>{ "wait for the customer" }</option>
                        <option value="resolved" selected={state.after == "resolved"}>{ "mark resolved (the customer can rate it)" }</option>
                    </select>
                </div>
            }
            if let Some(m) = &state.failed {
                <p class="c-error" role="alert">{ m }</p>
            }
            <button type="submit" class="c-button">{ match state.kind { AgentWrite::Reply => "Send answer", AgentWrite::Progress => "Send update", AgentWrite::Note => "Add note" } }</button>
        </form>
    }
}
