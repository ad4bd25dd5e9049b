//! Adding a canned reply for the tenant: a title agents pick it by and the text. The server's
//! field messages appear under the field they name.

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
pub struct CannedAddProps {
    pub tenant: AttrValue,
    pub on_added: Callback<CannedReply>,
    /// What no field shows, or `None` when the fields say it all.
    pub on_failed: Callback<Option<String>>,
}

#[component]
pub fn CannedAdd(props: &CannedAddProps) -> Html {
    let console = use_console();
    let title = use_state(String::new);
    let body = use_state(String::new);
    let errors = use_state(Vec::<FieldError>::new);
    let onsubmit = {
        let (console, tenant) = (console.clone(), props.tenant.clone());
        let (title, body, errors) = (title.clone(), body.clone(), errors.clone());
        let (on_added, on_failed) = (props.on_added.clone(), props.on_failed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let reply = NewCannedReply {
                tenant_id: tenant.to_string(),
                title: (*title).clone(),
                body: (*body).clone(),
            };
            let (console, title, body, errors) =
                (console.clone(), title.clone(), body.clone(), errors.clone());
            let (on_added, on_failed) = (on_added.clone(), on_failed.clone());
            spawn_local(async move {
                let result = console.api.add_canned_reply(&reply).await;
                let added = console.settle(result, |e| {
                    on_failed.emit(general_message(&e, &["title", "body"]));
                    errors.set(form::field_errors(&e));
                });
                if let Some(r) = added {
                    title.set(String::new());
                    body.set(String::new());
                    errors.set(Vec::new());
                    on_added.emit(r);
                }
            });
        })
    };
    let err = |name: &str| message(&errors, name);
    html! {
        <form class="c-form" novalidate=true {onsubmit} aria-label="Add a canned reply">
            { field("c-cr-title", "Title", html! {
                <input id="c-cr-title" type="text" maxlength="100" value={(*title).clone()}
                    aria-invalid={err("title").map(|_| "true")} aria-describedby={described_by("c-cr-title", true, err("title").is_some())}
                    oninput={{ let title = title.clone(); Callback::from(move |e: InputEvent| title.set(form::input_value(&e))) }} />
            }, Some("What agents pick it by, e.g. “Disk quota full”."), err("title")) }
            { field("c-cr-body", "Reply", html! {
                <textarea id="c-cr-body" rows="4" value={(*body).clone()}
                    aria-invalid={err("body").map(|_| "true")} aria-describedby={described_by("c-cr-body", false, err("body").is_some())}
                    oninput={{ let body = body.clone(); Callback::from(move |e: InputEvent| body.set(form::textarea_value(&e))) }} />
            }, None, err("body")) }
            <button type="submit" class="c-button">{ "Add canned reply" }</button>
        </form>
    }
}
