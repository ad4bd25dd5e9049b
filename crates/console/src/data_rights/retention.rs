//! A tenant's retention settings: how many months closed tickets and feedback are kept.

use panelcare_model::{FieldError, data_rights::Retention, error::FieldErrorCode};
use yew::prelude::*;

use crate::{
    api::Api,
    form,
    loaded::{Stored, use_loaded},
};

const FIELDS: [(&str, &str); 2] = [
    (
        "closed_tickets_months",
        "Delete closed tickets after (months)",
    ),
    ("feedback_months", "Delete feedback after (months)"),
];

/// The two inputs as typed; empty keeps for ever.
fn parse(typed: &[String; 2]) -> Result<Retention, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut months = [None, None];
    for (i, text) in typed.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match text.parse::<u32>() {
            Ok(m) => months[i] = Some(m),
            Err(_) => errors.push(form::problem(
                FIELDS[i].0,
                FieldErrorCode::InvalidType,
                "Give a whole number of months, or leave it empty.",
            )),
        }
    }
    let r = Retention {
        closed_tickets_months: months[0],
        feedback_months: months[1],
    };
    if let Err(more) = r.validate() {
        errors.extend(more);
    }
    if errors.is_empty() {
        Ok(r)
    } else {
        Err(errors)
    }
}

fn shown(m: Option<u32>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// The stored settings as the two inputs show them.
fn typed(r: &Retention) -> [String; 2] {
    [shown(r.closed_tickets_months), shown(r.feedback_months)]
}

/// The fields this form has an input for.
const SHOWN: [&str; 2] = [FIELDS[0].0, FIELDS[1].0];

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RetentionFormProps {
    pub tenant: AttrValue,
}

#[component]
pub fn RetentionForm(props: &RetentionFormProps) -> Html {
    let editor = use_loaded(
        props.tenant.clone(),
        typed,
        |api: Api, t: AttrValue| async move { api.retention(&t).await },
    );
    let onsubmit = {
        let (editor, tenant) = (editor.clone(), props.tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The model's own check first: its messages, without the round trip.
            let r = match parse(&editor.draft) {
                Ok(r) => r,
                Err(found) => return editor.refuse(found),
            };
            let tenant = tenant.clone();
            editor.save(
                move |api, _| async move { api.save_retention(&tenant, &r).await },
                |_| "Saved.".into(),
                &SHOWN,
            );
        })
    };
    let input = |i: usize| {
        let id = FIELDS[i].0;
        let set: fn(&mut [String; 2], String) = if i == 0 {
            |d, v| d[0] = v
        } else {
            |d, v| d[1] = v
        };
        let oninput = editor
            .edit(set)
            .reform(|e: InputEvent| form::input_value(&e));
        let error = editor.error(id);
        html! {
            <input id={format!("c-ret-{id}")} type="number" min="1" max="120" inputmode="numeric"
                value={editor.draft[i].clone()} {oninput} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={form::described_by(&format!("c-ret-{id}"), false, error.is_some())} />
        }
    };
    // Until the tenant's settings arrive the empty fields mean nothing: the form says so
    // (`aria-busy`), for assistive technology and for tests waiting on it.
    let loading = matches!(*editor.stored, Stored::Loading);
    let said = match &*editor.stored {
        Stored::Failed(m) => Some((false, m.clone())),
        _ => (*editor.outcome).clone(),
    };
    html! {
        <form class="c-card c-form" {onsubmit} aria-busy={loading.then_some("true")}>
            <h2 class="c-subtitle">{ "Retention" }</h2>
            <p class="c-muted">{ "Closed tickets (with their messages and files) and feedback older than this are deleted by a job every ten minutes. Empty keeps them." }</p>
            { for (0..2).map(|i| form::field(&format!("c-ret-{}", FIELDS[i].0), FIELDS[i].1, input(i), None, editor.error(FIELDS[i].0).as_deref())) }
            <div role="status">
                if let Some((ok, text)) = said {
                    <p class={if ok { "c-ok" } else { "c-error" }}>{ text }</p>
                }
            </div>
            <div class="c-actions"><button type="submit" class="c-button" disabled={*editor.busy}>{ "Save retention" }</button></div>
        </form>
    }
}
