//! Changing one canned reply in place, in its row of the list: its title and text, under the
//! same rules as adding one. The server's field messages appear under the field they name.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    ticket::console::{CannedReply, NewCannedReply},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    console::use_console,
    form::{self, described_by, field, general_message, message},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CannedEditProps {
    pub reply: Rc<CannedReply>,
    pub on_saved: Callback<CannedReply>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn CannedEdit(props: &CannedEditProps) -> Html {
    let console = use_console();
    let title = use_state(|| props.reply.title.clone());
    let body = use_state(|| props.reply.body.clone());
    let errors = use_state(Vec::<FieldError>::new);
    let failure = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (console, reply, title, body, errors, failure, busy) = (
            console.clone(),
            props.reply.clone(),
            title.clone(),
            body.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        let on_saved = props.on_saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let change = NewCannedReply {
                tenant_id: reply.tenant_id.clone(),
                title: (*title).clone(),
                body: (*body).clone(),
            };
            let (console, id, errors, failure, busy, on_saved) = (
                console.clone(),
                reply.id.clone(),
                errors.clone(),
                failure.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = console.api.update_canned_reply(&id, &change).await;
                busy.set(false);
                if let Some(saved) = console.settle(result, |e| {
                    failure.set(general_message(&e, &["title", "body"]));
                    errors.set(form::field_errors(&e));
                }) {
                    on_saved.emit(saved);
                }
            });
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let err = |name: &str| message(&errors, name);
    html! {
        <form class="c-form c-inline-form c-canned-edit" novalidate=true {onsubmit}
            aria-label={format!("Edit canned reply {}", props.reply.title)}>
            if let Some(m) = &*failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            { field("c-cr-edit-title", "Title", html! {
                <input id="c-cr-edit-title" type="text" maxlength="100" value={(*title).clone()}
                    aria-invalid={err("title").map(|_| "true")} aria-describedby={described_by("c-cr-edit-title", false, err("title").is_some())}
                    oninput={{ let title = title.clone(); Callback::from(move |e: InputEvent| title.set(form::input_value(&e))) }} />
            }, None, err("title")) }
            { field("c-cr-edit-body", "Reply", html! {
                <textarea id="c-cr-edit-body" rows="4" value={(*body).clone()}
                    aria-invalid={err("body").map(|_| "true")} aria-describedby={described_by("c-cr-edit-body", false, err("body").is_some())}
                    oninput={{ let body = body.clone(); Callback::from(move |e: InputEvent| body.set(form::textarea_value(&e))) }} />
            }, None, err("body")) }
            <div class="c-actions">
                <button type="submit" class="c-button c-small" disabled={*busy}>{ "Save changes" }</button>
                <button type="button" class="c-button c-ghost c-small" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
