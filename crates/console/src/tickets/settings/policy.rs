//! One support tier's promise: minutes to the first and to each later answer per priority,
//! and its business hours. Nothing may wait more than 24 hours.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    sla::{BusinessHours, MAX_TARGET_MINUTES, Priority, SlaPolicy, Targets},
};
use yew::prelude::*;

use super::hours::HoursEditor;
use crate::{
    form::{self, described_by, error_line, message},
    tickets::text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PolicyProps {
    pub tier: AttrValue,
    pub policy: Rc<SlaPolicy>,
    /// Every error of the form; this tier's are named `policies.<tier>.…`.
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<SlaPolicy>,
    /// `None` for the default tier, which every customer without a tier is on.
    #[prop_or_default]
    pub on_remove: Option<Callback<()>>,
}

fn target_mut(t: &mut Targets, p: Priority) -> &mut u32 {
    match p {
        Priority::Low => &mut t.low,
        Priority::Normal => &mut t.normal,
        Priority::High => &mut t.high,
        Priority::Critical => &mut t.critical,
    }
}

#[component]
pub fn PolicyEditor(props: &PolicyProps) -> Html {
    let tier = props.tier.as_str();
    let prefix = format!("policies.{tier}");
    let id = format!("c-s-{tier}");
    let tier_error = props
        .errors
        .iter()
        .find(|e| e.field == prefix)
        .map(|e| e.message.as_str());
    let policy = &props.policy;
    let input = |first: bool, p: Priority| {
        let which = if first {
            "first_response"
        } else {
            "next_response"
        };
        let field = format!("{prefix}.{which}.{}", p.as_str());
        let input_id = format!("{id}-{which}-{}", p.as_str());
        let error = message(&props.errors, &field);
        let value = if first {
            policy.first_response.of(p)
        } else {
            policy.next_response.of(p)
        };
        let oninput = {
            let (policy, on_change) = ((**policy).clone(), props.on_change.clone());
            Callback::from(move |e: InputEvent| {
                let mut next = policy.clone();
                let targets = if first {
                    &mut next.first_response
                } else {
                    &mut next.next_response
                };
                // Unreadable or empty is 0, which the check below refuses with its reason.
                *target_mut(targets, p) = form::input_value(&e).trim().parse().unwrap_or(0);
                on_change.emit(next);
            })
        };
        let label = format!(
            "{tier}: {} for {} tickets, in minutes",
            if first {
                "first answer"
            } else {
                "later answers"
            },
            text::priority(p).to_lowercase()
        );
        html! {
            <td class={error.map(|_| "c-invalid")}>
                <input id={input_id.clone()} type="number" min="1" max={MAX_TARGET_MINUTES.to_string()} step="1" class="c-minutes"
                    value={if value == 0 { String::new() } else { value.to_string() }} {oninput} aria-label={label}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by(&input_id, false, error.is_some())} />
                <span class="c-muted c-span">{ if (1..=MAX_TARGET_MINUTES).contains(&value) { form::span(value) } else { String::new() } }</span>
                { error_line(&input_id, error) }
            </td>
        }
    };
    let on_hours = {
        let (policy, on_change) = ((**policy).clone(), props.on_change.clone());
        Callback::from(move |h: Option<BusinessHours>| {
            let mut next = policy.clone();
            next.business_hours = h;
            on_change.emit(next);
        })
    };
    html! {
        <section class="c-tier" aria-labelledby={format!("{id}-title")}>
            <div class="c-head">
                <h4 id={format!("{id}-title")}>{ format!("Tier “{tier}”") }</h4>
                if let Some(on_remove) = &props.on_remove {
                    <button type="button" class="c-button c-ghost c-small c-danger" onclick={on_remove.reform(|_: MouseEvent| ())}
                        aria-label={format!("Remove tier {tier}")}>{ "Remove tier" }</button>
                } else {
                    <span class="c-hint">{ "Customers whose panel names no tier, or an unknown one, get this promise." }</span>
                }
            </div>
            { error_line(&id, tier_error) }
            <table class="c-table c-targets">
                <caption class="c-hint">{ format!("Minutes until support answers; 1 to {MAX_TARGET_MINUTES} (24 h).") }</caption>
                <thead><tr><th scope="col">{ "Priority" }</th><th scope="col">{ "First answer" }</th><th scope="col">{ "Later answers" }</th></tr></thead>
                <tbody>{ for Priority::ALL.iter().rev().map(|p| html! {
                    <tr key={p.as_str()}>
                        <th scope="row"><span class={format!("c-badge c-prio-{}", p.as_str())}>{ text::priority(*p) }</span></th>
                        { input(true, *p) }
                        { input(false, *p) }
                    </tr>
                }) }</tbody>
            </table>
            <HoursEditor id={AttrValue::from(id.clone())} tier={props.tier.clone()} hours={policy.business_hours.clone().map(Rc::new)}
                errors={props.errors.clone()} prefix={AttrValue::from(format!("{prefix}.business_hours"))} on_change={on_hours} />
        </section>
    }
}
