//! Posting an update customers see on a notice ("We found the cause…").

use panelcare_model::notice::AgentNotice;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    console::use_console,
    form::{self, described_by},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PostUpdateProps {
    pub id: AttrValue,
    /// Open where updates are usual (something is going on); one click away otherwise.
    pub open: bool,
    pub on_changed: Callback<AgentNotice>,
    pub on_failed: Callback<String>,
}

#[component]
pub fn PostUpdate(props: &PostUpdateProps) -> Html {
    let console = use_console();
    let update = use_state(String::new);
    let busy = use_state(|| false);
    let onsubmit = {
        let (id, update, busy) = (props.id.clone(), update.clone(), busy.clone());
        let (on_changed, on_failed) = (props.on_changed.clone(), props.on_failed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (console, id, update, busy) =
                (console.clone(), id.clone(), update.clone(), busy.clone());
            let (on_changed, on_failed) = (on_changed.clone(), on_failed.clone());
            busy.set(true);
            spawn_local(async move {
                let result = console.api.notice_update(&id, &update).await;
                busy.set(false);
                if let Some(n) = console.settle(result, |e| on_failed.emit(e.message())) {
                    update.set(String::new());
                    on_changed.emit(n);
                }
            });
        })
    };
    let oninput = {
        let update = update.clone();
        Callback::from(move |e: InputEvent| update.set(form::textarea_value(&e)))
    };
    let field_id = format!("c-n-update-{}", props.id);
    html! {
        <details class="c-compose" open={props.open}>
            <summary>{ "Post an update" }</summary>
            <form class="c-form c-inline-form" {onsubmit}>
                <label for={field_id.clone()}>{ "Post an update customers see" }</label>
                <textarea id={field_id.clone()} rows="2" value={(*update).clone()}
                    aria-describedby={described_by(&field_id, true, false)} {oninput} />
                <p class="c-hint" id={format!("{field_id}-hint")}>{ "E.g. “We found the cause and are moving mail to a clean relay.”" }</p>
                <button type="submit" class="c-button c-small" disabled={*busy || update.trim().is_empty()}>{ "Post update" }</button>
            </form>
        </details>
    }
}
