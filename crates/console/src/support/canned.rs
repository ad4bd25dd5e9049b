//! Canned replies: the prepared answers a tenant's agents pick in the ticket composer. Any
//! agent adds, changes and removes them for their own tenant; admins for the tenants they
//! administer.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    ticket::console::{CannedReply, NewCannedReply},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::canned_edit::CannedEdit;
use crate::{
    api::Api,
    form::{self, described_by, field, general_message, message},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CannedProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

#[component]
pub fn CannedReplies(props: &CannedProps) -> Html {
    let replies = use_state(|| None::<Result<Rc<Vec<CannedReply>>, String>>);
    let title = use_state(String::new);
    let body = use_state(String::new);
    let errors = use_state(Vec::<FieldError>::new);
    let outcome = use_state(|| None::<(bool, String)>);
    let confirm = use_state(|| None::<String>);
    // The reply being changed in place, by id.
    let editing = use_state(|| None::<String>);
    let reload = use_state(|| 0u32);
    {
        let (api, replies, on_signed_out) = (
            props.api.clone(),
            replies.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                match api.canned_replies().await {
                    Ok(list) => replies.set(Some(Ok(Rc::new(list)))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => replies.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let add = {
        let (api, tenant, title, body, errors, outcome, reload, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            title.clone(),
            body.clone(),
            errors.clone(),
            outcome.clone(),
            reload.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let reply = NewCannedReply {
                tenant_id: tenant.to_string(),
                title: (*title).clone(),
                body: (*body).clone(),
            };
            let (api, title, body, errors, outcome, reload, on_signed_out) = (
                api.clone(),
                title.clone(),
                body.clone(),
                errors.clone(),
                outcome.clone(),
                reload.clone(),
                on_signed_out.clone(),
            );
            spawn_local(async move {
                match api.add_canned_reply(&reply).await {
                    Ok(r) => {
                        title.set(String::new());
                        body.set(String::new());
                        errors.set(Vec::new());
                        outcome.set(Some((
                            true,
                            format!(
                                "“{}” added; agents find it in the ticket composer.",
                                r.title
                            ),
                        )));
                        reload.set(*reload + 1);
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        outcome.set(general_message(&e, &["title", "body"]).map(|m| (false, m)));
                        errors.set(form::field_errors(&e));
                    }
                }
            });
        })
    };
    let remove = |id: String| {
        let (api, outcome, confirm, reload, on_signed_out) = (
            props.api.clone(),
            outcome.clone(),
            confirm.clone(),
            reload.clone(),
            props.on_signed_out.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (api, id, outcome, confirm, reload, on_signed_out) = (
                api.clone(),
                id.clone(),
                outcome.clone(),
                confirm.clone(),
                reload.clone(),
                on_signed_out.clone(),
            );
            spawn_local(async move {
                match api.remove_canned_reply(&id).await {
                    Ok(()) => {
                        confirm.set(None);
                        outcome.set(Some((true, "Canned reply removed.".into())));
                        reload.set(*reload + 1);
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => outcome.set(Some((false, e.message()))),
                }
            });
        })
    };
    let ask = |id: Option<String>| {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(id.clone()))
    };
    let open_edit = |id: String| {
        let (editing, confirm, outcome) = (editing.clone(), confirm.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            confirm.set(None);
            outcome.set(None);
            editing.set(Some(id.clone()));
        })
    };
    let on_edited = {
        let (editing, outcome, reload) = (editing.clone(), outcome.clone(), reload.clone());
        Callback::from(move |r: CannedReply| {
            editing.set(None);
            outcome.set(Some((true, format!("“{}” saved.", r.title))));
            reload.set(*reload + 1);
        })
    };
    let on_edit_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    let list = match &*replies {
        None => html! { <p class="c-muted">{ "Loading canned replies…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(all)) => {
            let mine: Vec<&CannedReply> = all
                .iter()
                .filter(|r| r.tenant_id == props.tenant.as_str())
                .collect();
            if mine.is_empty() {
                html! { <p class="c-muted">{ "No canned replies yet." }</p> }
            } else {
                html! {
                    <ul class="c-plain c-canned">{ for mine.into_iter().map(|r| if editing.as_deref() == Some(r.id.as_str()) {
                        html! {
                            <li key={r.id.clone()}>
                                <CannedEdit api={props.api.clone()} reply={Rc::new(r.clone())} on_saved={on_edited.clone()}
                                    on_cancel={on_edit_cancel.clone()} on_signed_out={props.on_signed_out.clone()} />
                            </li>
                        }
                    } else { html! {
                        <li key={r.id.clone()}>
                            <div class="c-canned-text">
                                <strong>{ &r.title }</strong>
                                <p class="c-body c-muted">{ &r.body }</p>
                            </div>
                            if confirm.as_deref() == Some(r.id.as_str()) {
                                <span class="c-confirm-inline" role="group" aria-label={format!("Confirm removing {}", r.title)}>
                                    <button type="button" class="c-button c-danger-solid c-small" onclick={remove(r.id.clone())}>{ "Yes, remove" }</button>
                                    <button type="button" class="c-button c-ghost c-small" onclick={ask(None)}>{ "Keep" }</button>
                                </span>
                            } else {
                                <span class="c-confirm-inline">
                                    <button type="button" class="c-button c-ghost c-small" onclick={open_edit(r.id.clone())}
                                        aria-label={format!("Edit canned reply {}", r.title)}>{ "Edit" }</button>
                                    <button type="button" class="c-button c-ghost c-small c-danger" onclick={ask(Some(r.id.clone()))}
                                        aria-label={format!("Remove canned reply {}", r.title)}>{ "Remove" }</button>
                                </span>
                            }
                        </li>
                    }}) }</ul>
                }
            }
        }
    };
    let err = |name: &str| message(&errors, name);
    html! {
        <div class="c-canned-replies">
            { list }
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
            }
            <form class="c-form" novalidate=true onsubmit={add} aria-label="Add a canned reply">
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
        </div>
    }
}
