//! A tenant's ticket settings: the departments customers choose from, the promise per support
//! tier, how long a resolved ticket may be reopened, and the largest file customers attach.
//! What the model's rules refuse is refused here, next to the field, before any request.

use std::{collections::BTreeMap, rc::Rc};

use panelcare_model::{
    sla::SlaPolicy,
    ticket::{ATTACHMENT_HARD_MAX_BYTES, Department, TicketSettings},
};
use yew::prelude::*;

use super::tiers::Tiers;
use crate::{
    form::{self, described_by, error_line, field},
    loaded::use_loaded,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TicketSettingsProps {
    pub tenant: AttrValue,
}

const MB: f64 = 1024.0 * 1024.0;

/// The fields the form has a place for; any other message is said in the outcome line.
const SHOWN: &[&str] = &[
    "departments",
    "reopen_days",
    "attachment_max_bytes",
    "policies",
];

fn department(d: Department) -> &'static str {
    match d {
        Department::Technical => "Technical support",
        Department::Billing => "Billing",
        Department::Sales => "Sales",
    }
}

#[component]
pub fn TicketSettingsForm(props: &TicketSettingsProps) -> Html {
    let editor = use_loaded(
        props.tenant.clone(),
        TicketSettings::clone,
        |api, tenant: AttrValue| async move { api.ticket_settings(&tenant).await },
    );
    if let Err(waiting) = editor.ready("Loading ticket settings…") {
        return waiting;
    }
    let current: TicketSettings = (*editor.draft).clone();
    // Every change replaces the draft; once a save was refused, the check runs again so a
    // fixed field loses its message at once.
    let change = {
        let editor = editor.clone();
        move |set: Box<dyn Fn(&mut TicketSettings)>| {
            let mut next = (*editor.draft).clone();
            set(&mut next);
            if !editor.errors.is_empty() {
                editor.errors.set(next.validate().err().unwrap_or_default());
            }
            editor.draft.set(next);
        }
    };
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(local) = editor.draft.validate() {
                editor.refuse(local);
                return;
            }
            let tenant = tenant.clone();
            editor.save(
                move |api, body| async move { api.save_ticket_settings(&tenant, &body).await },
                |_| "Ticket settings saved. New tickets get the new promise.".into(),
                SHOWN,
            );
        })
    };
    let departments_error = editor.error("departments");
    let reopen_error = editor.error("reopen_days");
    let attach_error = editor.error("attachment_max_bytes");
    let tick = |d: Department| {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let on = form::checked(&e);
            change(Box::new(move |s| {
                let mut chosen: Vec<Department> =
                    s.departments.iter().copied().filter(|x| *x != d).collect();
                if on {
                    chosen.push(d);
                }
                s.departments = Department::ALL
                    .into_iter()
                    .filter(|x| chosen.contains(x))
                    .collect();
            }));
        })
    };
    let on_reopen = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| {
            let days = form::input_value(&e).trim().parse().unwrap_or(0);
            change(Box::new(move |s| s.reopen_days = days));
        })
    };
    let on_attach = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| {
            let mb: f64 = form::input_value(&e).trim().parse().unwrap_or(0.0);
            let bytes = if mb.is_finite() && mb > 0.0 {
                (mb * MB).round() as u64
            } else {
                0
            };
            change(Box::new(move |s| s.attachment_max_bytes = bytes));
        })
    };
    let on_policies = {
        let change = change.clone();
        Callback::from(move |policies: BTreeMap<String, SlaPolicy>| {
            change(Box::new(move |s| s.policies = policies.clone()));
        })
    };
    let mb = current.attachment_max_bytes as f64 / MB;
    let attach_value = if current.attachment_max_bytes == 0 {
        String::new()
    } else {
        format!("{}", (mb * 100.0).round() / 100.0)
    };
    let attach_hint = format!(
        "Per file, up to {} MB; at most {} files on one message.",
        ATTACHMENT_HARD_MAX_BYTES / 1024 / 1024,
        current.max_files()
    );
    html! {
        <form class="c-form c-settings" novalidate=true {onsubmit} aria-label="Ticket settings">
            <fieldset class={if departments_error.is_some() { "c-fieldset c-invalid" } else { "c-fieldset" }}
                aria-describedby={described_by("c-s-departments", false, departments_error.is_some())}>
                <legend>{ "Departments customers choose from" }</legend>
                <div class="c-kinds">
                    { for Department::ALL.iter().map(|d| {
                        let id = format!("c-s-dept-{}", d.as_str());
                        html! {
                            <label class="c-check" for={id.clone()}>
                                <input {id} type="checkbox" checked={current.departments.contains(d)} onchange={tick(*d)} />
                                { format!(" {}", department(*d)) }
                            </label>
                        }
                    }) }
                </div>
                { error_line("c-s-departments", departments_error.as_deref()) }
            </fieldset>
            <div class="c-row-fields">
                { field("c-s-reopen", "Reopen window (days)", html! {
                    <input id="c-s-reopen" type="number" min="1" max="365" step="1"
                        value={if current.reopen_days == 0 { String::new() } else { current.reopen_days.to_string() }} oninput={on_reopen}
                        aria-invalid={reopen_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-s-reopen", true, reopen_error.is_some())} />
                }, Some("How long after resolution a customer may reopen a ticket: 1 to 365."), reopen_error.as_deref()) }
                { field("c-s-attach", "Largest attachment (MB)", html! {
                    <input id="c-s-attach" type="number" min="0.001" step="any" value={attach_value} oninput={on_attach}
                        aria-invalid={attach_error.as_ref().map(|_| "true")} aria-describedby={described_by("c-s-attach", true, attach_error.is_some())} />
                }, Some(&attach_hint), attach_error.as_deref()) }
            </div>
            <Tiers policies={Rc::new(current.policies.clone())} errors={Rc::new((*editor.errors).clone())} on_change={on_policies} />
            if let Some((ok, text)) = &*editor.outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*editor.busy}>{ "Save ticket settings" }</button>
        </form>
    }
}
