//! One canned reply in the list: its title and text, with Edit and Remove (which asks first).

use std::rc::Rc;

use panelcare_model::ticket::console::CannedReply;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CannedRowProps {
    pub reply: Rc<CannedReply>,
    /// "Remove" was pressed: ask before removing.
    pub asking: bool,
    pub on_edit: Callback<()>,
    /// `true`: ask about removing; `false`: keep it.
    pub on_ask: Callback<bool>,
    pub on_remove: Callback<()>,
}

/// The id of a reply's Edit button, where focus returns when its editor closes.
pub fn edit_id(reply: &str) -> String {
    format!("c-cr-edit-{reply}")
}

/// The id of a reply's Remove button, where focus returns when the agent keeps it.
pub fn remove_id(reply: &str) -> String {
    format!("c-cr-remove-{reply}")
}

#[component]
pub fn CannedRow(props: &CannedRowProps) -> Html {
    let r = &props.reply;
    let ask = |on: bool| props.on_ask.reform(move |_: MouseEvent| on);
    html! {
        <>
            <div class="c-canned-text">
                <strong>{ &r.title }</strong>
                <p class="c-body c-muted">{ &r.body }</p>
            </div>
            if props.asking {
                <span class="c-confirm-inline" role="group" aria-label={format!("Confirm removing {}", r.title)}>
                    <button type="button" class="c-button c-danger-solid c-small" onclick={props.on_remove.reform(|_: MouseEvent| ())}>{ "Yes, remove" }</button>
                    <button type="button" id="c-cr-keep" class="c-button c-ghost c-small" onclick={ask(false)}>{ "Keep" }</button>
                </span>
            } else {
                <span class="c-confirm-inline">
                    <button type="button" id={edit_id(&r.id)} class="c-button c-ghost c-small" onclick={props.on_edit.reform(|_: MouseEvent| ())}
                        aria-label={format!("Edit canned reply {}", r.title)}>{ "Edit" }</button>
                    <button type="button" id={remove_id(&r.id)} class="c-button c-ghost c-small c-danger" onclick={ask(true)}
                        aria-label={format!("Remove canned reply {}", r.title)}>{ "Remove" }</button>
                </span>
            }
        </>
    }
}
