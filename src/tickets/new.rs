//! The new-ticket form: department, priority (with the promise for each), subject (with
//! article suggestions), message and files. The form is a draft kept across reloads with its
//! one idempotency key, so a retry after a lost answer opens the ticket once.

use std::rc::Rc;

use panelcare_model::{
    ErrorCode, FieldError,
    sla::Priority,
    ticket::{Department, TicketOptions},
};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{
    draft::{self, Draft},
    files::{FileChange, FilePicker},
    focus::focus_soon,
    kb::Suggestions,
    upsell::PremiumUpsell,
};
use crate::{api::ApiError, session::use_session, time, wire::Out};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NewTicketProps {
    pub options: Rc<TicketOptions>,
    /// The new ticket's id.
    pub on_opened: Callback<String>,
    /// Leaves the form for the list without opening a ticket.
    pub on_back: Callback<()>,
    /// The ticket was opened already by an earlier send whose answer was lost.
    pub on_duplicate: Callback<()>,
}

#[component]
pub fn NewTicket(props: &NewTicketProps) -> Html {
    let session = use_session();
    let i18n = session.i18n;
    let t = i18n.t;
    let options = &props.options;
    let form = use_state(|| {
        let mut d = Draft::load(&session.store, draft::NEW_TICKET);
        let first = options
            .departments
            .first()
            .copied()
            .unwrap_or(Department::Technical);
        // A department the desk has since removed would show as another one but be sent.
        if Department::parse(&d.department).is_none_or(|x| !options.departments.contains(&x)) {
            d.department = first.as_str().into();
        }
        if Priority::parse(&d.priority).is_none() {
            d.priority = Priority::Normal.as_str().into();
        }
        d
    });
    let errors = use_state(|| Rc::new(Vec::<FieldError>::new()));
    let refusal = use_state(|| None::<&'static str>);
    let busy = use_state(|| false);
    // The first field in error takes focus, so its message is read out with it.
    let node = use_node_ref();
    let show_errors = {
        let (errors, node) = (errors.clone(), node.clone());
        move |found: Vec<FieldError>| {
            let at = found.first().map_or("", |e| match e.field.as_str() {
                "department" => "#pc-t-department",
                "priority" => "#pc-t-priority",
                "subject" => "#pc-t-subject",
                "message" => "#pc-t-message",
                "attachments" => "#pc-t-files",
                _ => "",
            });
            errors.set(Rc::new(found));
            if !at.is_empty() {
                focus_soon(&node, at);
            }
        }
    };

    let edit = |f: fn(&mut Draft, String)| {
        let form = form.clone();
        move |value: String| draft::edit(&form, |d| f(d, value))
    };
    let on_department = Callback::from(edit(|d, v| d.department = v))
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_priority = Callback::from(edit(|d, v| d.priority = v))
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let on_subject = Callback::from(edit(|d, v| d.subject = v))
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_message = Callback::from(edit(|d, v| d.message = v))
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_files = {
        let form = form.clone();
        Callback::from(move |c: FileChange| draft::edit(&form, |d| c.apply(&mut d.files)))
    };
    let onsubmit = {
        let (api, form, show_errors, refusal, busy, on_opened, on_duplicate) = (
            session.api.clone(),
            form.clone(),
            show_errors.clone(),
            refusal.clone(),
            busy.clone(),
            props.on_opened.clone(),
            props.on_duplicate.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let f = (*form).clone();
            let body = panelcare_model::ticket::NewTicket {
                department: f.department.clone(),
                priority: f.priority.clone(),
                subject: f.subject.clone(),
                message: f.message.clone(),
                attachments: f.files.iter().map(|a| a.id.clone()).collect(),
            };
            if let Err(found) = body.validate() {
                show_errors(found);
                return;
            }
            let out = Out::new()
                .set("department", body.department.as_str())
                .set("priority", body.priority.as_str())
                .set("subject", body.subject.as_str())
                .set("message", body.message.as_str())
                .set("attachments", f.file_ids());
            busy.set(true);
            let (api, form, key, show_errors, refusal, busy, on_opened, on_duplicate) = (
                api.clone(),
                form.clone(),
                f.key,
                show_errors.clone(),
                refusal.clone(),
                busy.clone(),
                on_opened.clone(),
                on_duplicate.clone(),
            );
            spawn_local(async move {
                match api.open_ticket(&key, out).await {
                    Ok((ticket, _)) => {
                        draft::edit(&form, Draft::clear);
                        on_opened.emit(ticket.id);
                    }
                    // The first send got through (its answer was lost) and the draft was
                    // changed since: the ticket exists as first written.
                    Err(ApiError::Rejected { error, .. })
                        if error.code == ErrorCode::IdempotencyKeyReused =>
                    {
                        draft::edit(&form, Draft::clear);
                        on_duplicate.emit(());
                    }
                    Err(ApiError::Rejected { error, .. }) => {
                        refusal.set(Some(t.request_error(error.code)));
                        show_errors(error.fields);
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
    let priority = Priority::parse(&f.priority).unwrap_or(Priority::Normal);
    let minutes = options.first_response.of(priority);
    let urgent = priority >= Priority::High;
    let upsell = options.upsell.clone().map(Rc::new);
    html! {
        <form class="pc-form pc-new-ticket" novalidate=true {onsubmit} aria-labelledby="pc-new-title" ref={node}>
            <button type="button" class="pc-link pc-back" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
            <h3 id="pc-new-title" class="pc-subtitle">{ t.tickets_new }</h3>
            if let Some(r) = *refusal {
                <p class="pc-notice pc-error" role="alert">{ r }</p>
            }
            <div class="pc-row">
                <div class="pc-field">
                    <label class="pc-label" for="pc-t-department">{ t.dept_label }</label>
                    <select id="pc-t-department" onchange={on_department}
                        aria-invalid={error("department").map(|_| "true")} aria-describedby={error("department").map(|_| "pc-t-department-error")}>
                        { for options.departments.iter().map(|d| html! {
                            <option value={d.as_str()} selected={d.as_str() == f.department}>{ t.department(*d) }</option>
                        }) }
                    </select>
                    { field_error("department") }
                </div>
                <div class="pc-field">
                    <label class="pc-label" for="pc-t-priority">{ t.priority_label }</label>
                    <select id="pc-t-priority" onchange={on_priority} aria-describedby="pc-t-promise">
                        { for Priority::ALL.iter().map(|p| html! {
                            <option value={p.as_str()} selected={p.as_str() == f.priority}>{ t.priority(*p) }</option>
                        }) }
                    </select>
                </div>
            </div>
            if minutes > 0 {
                <p class="pc-promise" id="pc-t-promise">{ format!("{} {}", t.first_answer_within, time::duration(i18n.lang, minutes)) }</p>
            }
            if let (Some(u), true) = (&upsell, urgent) {
                <PremiumUpsell upsell={u.clone()} now={options.first_response} />
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
