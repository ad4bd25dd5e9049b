//! The new-ticket form: department, priority (with the promise for each), subject (with
//! article suggestions), message and files. One idempotency key per form, so a retry after a
//! lost answer opens the ticket once.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    sla::Priority,
    ticket::{Attachment, Department, TicketOptions},
};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{files::FilePicker, kb::Suggestions};
use crate::{api::ApiError, session::use_session, time, wire::Out};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NewTicketProps {
    pub options: Rc<TicketOptions>,
    /// The new ticket's id.
    pub on_opened: Callback<String>,
    /// Leaves the form for the list without opening a ticket.
    pub on_back: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
struct Form {
    department: Department,
    priority: Priority,
    subject: String,
    message: String,
    files: Vec<Attachment>,
}

#[component]
pub fn NewTicket(props: &NewTicketProps) -> Html {
    let session = use_session();
    let i18n = session.i18n;
    let t = i18n.t;
    let options = &props.options;
    let form = use_state(|| Form {
        department: options
            .departments
            .first()
            .copied()
            .unwrap_or(Department::Technical),
        priority: Priority::Normal,
        subject: String::new(),
        message: String::new(),
        files: Vec::new(),
    });
    let key = use_state(crate::storage::new_key);
    let errors = use_state(|| Rc::new(Vec::<FieldError>::new()));
    let refusal = use_state(|| None::<&'static str>);
    let busy = use_state(|| false);

    let edit = |f: fn(&mut Form, String)| {
        let form = form.clone();
        move |value: String| {
            let mut next = (*form).clone();
            f(&mut next, value);
            form.set(next);
        }
    };
    let on_department = Callback::from(edit(|f, v| {
        f.department = Department::parse(&v).unwrap_or(f.department)
    }))
    .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_priority = Callback::from(edit(|f, v| {
        f.priority = Priority::parse(&v).unwrap_or(f.priority)
    }))
    .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_subject = Callback::from(edit(|f, v| f.subject = v))
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_message = Callback::from(edit(|f, v| f.message = v))
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_files = {
        let form = form.clone();
        Callback::from(move |files| {
            let mut next = (*form).clone();
            next.files = files;
            form.set(next);
        })
    };
    let onsubmit = {
        let (api, form, key, errors, refusal, busy, on_opened) = (
            session.api.clone(),
            form.clone(),
            key.clone(),
            errors.clone(),
            refusal.clone(),
            busy.clone(),
            props.on_opened.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let f = (*form).clone();
            let body = panelcare_model::ticket::NewTicket {
                department: f.department.as_str().into(),
                priority: f.priority.as_str().into(),
                subject: f.subject.clone(),
                message: f.message.clone(),
                attachments: f.files.iter().map(|a| a.id.clone()).collect(),
            };
            if let Err(found) = body.validate() {
                errors.set(Rc::new(found));
                return;
            }
            let out = Out::new()
                .set("department", body.department.as_str())
                .set("priority", body.priority.as_str())
                .set("subject", body.subject.as_str())
                .set("message", body.message.as_str())
                .set(
                    "attachments",
                    body.attachments
                        .iter()
                        .map(|s| wasm_bindgen::JsValue::from_str(s))
                        .collect::<js_sys::Array>(),
                );
            busy.set(true);
            let (api, key, errors, refusal, busy, on_opened) = (
                api.clone(),
                (*key).clone(),
                errors.clone(),
                refusal.clone(),
                busy.clone(),
                on_opened.clone(),
            );
            spawn_local(async move {
                match api.open_ticket(&key, out).await {
                    Ok((ticket, _)) => on_opened.emit(ticket.id),
                    Err(ApiError::Rejected { error, .. }) => {
                        refusal.set(Some(t.request_error(error.code)));
                        errors.set(Rc::new(error.fields));
                    }
                    Err(_) => refusal.set(Some(t.err_generic)),
                }
                busy.set(false);
            });
        })
    };

    let error = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| t.field_error(field, e.code))
    };
    let field_error = |field: &'static str| {
        error(field).map(
            |m| html! { <p class="pc-field-error" id={format!("pc-t-{field}-error")}>{ m }</p> },
        )
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let f = &*form;
    let minutes = options.first_response.of(f.priority);
    html! {
        <form class="pc-form pc-new-ticket" novalidate=true {onsubmit} aria-labelledby="pc-new-title">
            <button type="button" class="pc-link" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
            <h3 id="pc-new-title" class="pc-subtitle">{ t.tickets_new }</h3>
            if let Some(r) = *refusal {
                <p class="pc-notice pc-error" role="alert">{ r }</p>
            }
            <div class="pc-row">
                <div class="pc-field">
                    <label class="pc-label" for="pc-t-department">{ t.dept_label }</label>
                    <select id="pc-t-department" onchange={on_department}>
                        { for options.departments.iter().map(|d| html! {
                            <option value={d.as_str()} selected={*d == f.department}>{ t.department(*d) }</option>
                        }) }
                    </select>
                </div>
                <div class="pc-field">
                    <label class="pc-label" for="pc-t-priority">{ t.priority_label }</label>
                    <select id="pc-t-priority" onchange={on_priority} aria-describedby="pc-t-promise">
                        { for Priority::ALL.iter().map(|p| html! {
                            <option value={p.as_str()} selected={*p == f.priority}>{ t.priority(*p) }</option>
                        }) }
                    </select>
                </div>
            </div>
            if minutes > 0 {
                <p class="pc-promise" id="pc-t-promise">{ format!("{} {}", t.first_answer_within, time::duration(i18n.lang, minutes)) }</p>
            }
            <div class="pc-field">
                <label class="pc-label" for="pc-t-subject">{ t.subject_label }</label>
                <input id="pc-t-subject" type="text" maxlength="150" value={f.subject.clone()} oninput={on_subject}
                    aria-invalid={error("subject").map(|_| "true")} aria-describedby={error("subject").map(|_| "pc-t-subject-error")} />
                { field_error("subject") }
            </div>
            <Suggestions subject={AttrValue::from(f.subject.clone())} />
            <div class="pc-field">
                <label class="pc-label" for="pc-t-message">{ t.ticket_message_label }</label>
                <textarea id="pc-t-message" rows="5" value={f.message.clone()} oninput={on_message}
                    aria-invalid={error("message").map(|_| "true")} aria-describedby={error("message").map(|_| "pc-t-message-error")} />
                { field_error("message") }
            </div>
            <FilePicker id="pc-t-files" files={f.files.clone()} on_change={on_files} max={options.max_files} />
            { field_error("attachments") }
            <button type="submit" class="pc-button pc-primary" disabled={*busy}>{ t.open_ticket }</button>
        </form>
    }
}
