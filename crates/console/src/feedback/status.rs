//! A suggestion's status, which the customer sees in the widget: saved as soon as it is
//! chosen.

use panelcare_model::FeedbackStatus;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Done;
use crate::{console::use_console, form, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusPickProps {
    pub id: AttrValue,
    pub status: FeedbackStatus,
    pub on_done: Callback<Done>,
}

#[component]
pub fn StatusPick(props: &StatusPickProps) -> Html {
    let console = use_console();
    let onchange = {
        let (id, on_done) = (props.id.clone(), props.on_done.clone());
        Callback::from(move |e: Event| {
            let status = form::select_value(&e);
            let (api, id, on_done) = (console.api.clone(), id.clone(), on_done.clone());
            spawn_local(async move {
                let result = api.set_suggestion_status(&id, &status).await;
                on_done.emit(Done::new(result, "Status saved; the customer sees it."));
            });
        })
    };
    html! {
        <div class="c-filter">
            <label for="c-status">{ "Status" }</label>
            <select id="c-status" {onchange}>
                { for FeedbackStatus::ALL.iter().map(|s| html! {
                    <option value={s.as_str()} selected={*s == props.status}>{ text::status(*s) }</option>
                }) }
            </select>
        </div>
    }
}
