//! A tenant's ticket settings: the departments customers choose from, the promise per support
//! tier, how long a resolved ticket may be reopened, and the largest file customers attach.
//! What the model's rules refuse is refused here, next to the field, before any request.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    sla::SlaPolicy,
    ticket::{ATTACHMENT_HARD_MAX_BYTES, DEFAULT_TIER, Department, TicketSettings},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{add_tier::AddTier, policy::PolicyEditor};
use crate::{
    api::Api,
    form::{self, described_by, error_line, field, message},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TicketSettingsProps {
    pub api: Api,
    pub tenant: AttrValue,
    pub on_signed_out: Callback<()>,
}

const MB: f64 = 1024.0 * 1024.0;

fn department(d: Department) -> &'static str {
    match d {
        Department::Technical => "Technical support",
        Department::Billing => "Billing",
        Department::Sales => "Sales",
    }
}

#[component]
pub fn TicketSettingsForm(props: &TicketSettingsProps) -> Html {
    let settings = use_state(|| None::<Result<TicketSettings, String>>);
    let errors = use_state(|| Rc::new(Vec::<FieldError>::new()));
    let outcome = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    {
        let (api, settings, errors, outcome, on_signed_out) = (
            props.api.clone(),
            settings.clone(),
            errors.clone(),
            outcome.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            settings.set(None);
            errors.set(Rc::default());
            outcome.set(None);
            spawn_local(async move {
                match api.ticket_settings(&tenant).await {
                    Ok(s) => settings.set(Some(Ok(s))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => settings.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let current = match &*settings {
        None => return html! { <p class="c-muted">{ "Loading ticket settings…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(s)) => s.clone(),
    };
    // Every change replaces the settings; once a save was refused, the check runs again so a
    // fixed field loses its message at once.
    let change = {
        let (settings, errors, current) = (settings.clone(), errors.clone(), current.clone());
        move |set: Box<dyn Fn(&mut TicketSettings)>| {
            let mut next = current.clone();
            set(&mut next);
            if !errors.is_empty() {
                errors.set(Rc::new(next.validate().err().unwrap_or_default()));
            }
            settings.set(Some(Ok(next)));
        }
    };
    let onsubmit = {
        let (api, tenant, settings, errors, outcome, busy, on_signed_out) = (
            props.api.clone(),
            props.tenant.clone(),
            settings.clone(),
            errors.clone(),
            outcome.clone(),
            busy.clone(),
            props.on_signed_out.clone(),
        );
        let current = current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(local) = current.validate() {
                errors.set(Rc::new(local));
                outcome.set(Some((
                    false,
                    "Nothing was saved: fix the fields marked below.".into(),
                )));
                return;
            }
            let (api, tenant, body, settings, errors, outcome, busy, on_signed_out) = (
                api.clone(),
                tenant.clone(),
                current.clone(),
                settings.clone(),
                errors.clone(),
                outcome.clone(),
                busy.clone(),
                on_signed_out.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = api.save_ticket_settings(&tenant, &body).await;
                busy.set(false);
                match result {
                    Ok(saved) => {
                        settings.set(Some(Ok(saved)));
                        errors.set(Rc::default());
                        outcome.set(Some((
                            true,
                            "Ticket settings saved. New tickets get the new promise.".into(),
                        )));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => {
                        let fields = form::field_errors(&e);
                        let text = if fields.is_empty() {
                            e.message()
                        } else {
                            "Nothing was saved: fix the fields marked below.".into()
                        };
                        errors.set(Rc::new(fields));
                        outcome.set(Some((false, text)));
                    }
                }
            });
        })
    };
    let err = |name: &str| message(&errors, name).map(str::to_owned);
    let departments_error = err("departments");
    let reopen_error = err("reopen_days");
    let attach_error = err("attachment_max_bytes");
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
    let mut tiers: Vec<(&String, &SlaPolicy)> = current.policies.iter().collect();
    tiers.sort_by_key(|(name, _)| name.as_str() != DEFAULT_TIER);
    let policy_change = |tier: String| {
        let change = change.clone();
        Callback::from(move |p: SlaPolicy| {
            let tier = tier.clone();
            change(Box::new(move |s| {
                s.policies.insert(tier.clone(), p.clone());
            }));
        })
    };
    let remove_tier = |tier: String| {
        let change = change.clone();
        Callback::from(move |()| {
            let tier = tier.clone();
            change(Box::new(move |s| {
                s.policies.remove(&tier);
            }));
        })
    };
    let add_tier = {
        let change = change.clone();
        Callback::from(move |name: String| {
            change(Box::new(move |s| {
                s.policies.insert(name.clone(), SlaPolicy::default());
            }));
        })
    };
    let tier_names: Rc<Vec<String>> = Rc::new(current.policies.keys().cloned().collect());
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
            <fieldset class="c-fieldset">
                <legend>{ "Response-time promise per support tier" }</legend>
                <p class="c-hint">{ "The panel names a customer's tier in the identity token. Critical problems need a first answer within an hour; nothing may wait more than 24 hours." }</p>
                { for tiers.iter().map(|(name, policy)| html! {
                    <PolicyEditor key={name.as_str()} tier={AttrValue::from((*name).clone())} policy={Rc::new((*policy).clone())}
                        errors={(*errors).clone()} on_change={policy_change((*name).clone())}
                        on_remove={(name.as_str() != DEFAULT_TIER).then(|| remove_tier((*name).clone()))} />
                }) }
                <AddTier existing={tier_names} on_add={add_tier} />
            </fieldset>
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok" } else { "c-error" }} role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
            <button type="submit" class="c-button" disabled={*busy}>{ "Save ticket settings" }</button>
        </form>
    }
}
