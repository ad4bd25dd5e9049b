//! A tenant's retention settings: how many months closed tickets and feedback are kept.

use panelcare_model::{FieldError, data_rights::Retention, error::FieldErrorCode};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{api::Api, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RetentionFormProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

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

#[component]
pub fn RetentionForm(props: &RetentionFormProps) -> Html {
    let typed = use_state(|| [String::new(), String::new()]);
    let errors = use_state(Vec::<FieldError>::new);
    let said = use_state(|| None::<(bool, String)>);
    // Until the tenant's settings arrive the empty fields mean nothing: the form says so
    // (`aria-busy`), for assistive technology and for tests waiting on it.
    let loaded = use_state(|| false);
    {
        let (api, typed, said, loaded, on_signed_out) = (
            props.api.clone(),
            typed.clone(),
            said.clone(),
            loaded.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.tenant.clone(), move |t| {
            let t = t.clone();
            spawn_local(async move {
                match api.retention(&t).await {
                    Ok(r) => {
                        typed.set([shown(r.closed_tickets_months), shown(r.feedback_months)]);
                        said.set(None);
                        loaded.set(true);
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => said.set(Some((false, e.message()))),
                }
            });
        });
    }
    let onsubmit = {
        let (api, tenant, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            props.on_signed_out.clone(),
        );
        let (typed, errors, said) = (typed.clone(), errors.clone(), said.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let r = match parse(&typed) {
                Ok(r) => r,
                Err(found) => return errors.set(found),
            };
            errors.set(Vec::new());
            let (api, tenant, on_signed_out, errors, said) = (
                api.clone(),
                tenant.clone(),
                on_signed_out.clone(),
                errors.clone(),
                said.clone(),
            );
            spawn_local(async move {
                match api.save_retention(&tenant, &r).await {
                    Ok(_) => said.set(Some((true, "Saved.".into()))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        errors.set(form::field_errors(&e));
                        said.set(Some((false, e.message())));
                    }
                }
            });
        })
    };
    let input = |i: usize| {
        let (id, _) = FIELDS[i];
        let value = typed[i].clone();
        let typed = typed.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = (*typed).clone();
            next[i] = form::input_value(&e);
            typed.set(next);
        });
        let error = form::message(&errors, id);
        html! {
            <input id={format!("c-ret-{id}")} type="number" min="1" max="120" inputmode="numeric"
                {value} {oninput} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={form::described_by(&format!("c-ret-{id}"), false, error.is_some())} />
        }
    };
    html! {
        <form class="c-card c-form" {onsubmit} aria-busy={(!*loaded).then_some("true")}>
            <h2 class="c-subtitle">{ "Retention" }</h2>
            <p class="c-muted">{ "Closed tickets (with their messages and files) and feedback older than this are deleted by a job every ten minutes. Empty keeps them." }</p>
            { for (0..2).map(|i| form::field(&format!("c-ret-{}", FIELDS[i].0), FIELDS[i].1, input(i), None, form::message(&errors, FIELDS[i].0))) }
            <div role="status">
                if let Some((ok, text)) = &*said {
                    <p class={if *ok { "c-ok" } else { "c-error" }}>{ text }</p>
                }
            </div>
            <div class="c-actions"><button type="submit" class="c-button">{ "Save retention" }</button></div>
        </form>
    }
}
