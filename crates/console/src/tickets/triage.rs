//! A ticket's status, priority and assignee, changed together with one Save. A select that
//! acted on every change would, under the arrow keys, apply each value passed on the way
//! (a status the customer is told about, a priority that moves the deadline).

use std::rc::Rc;

use panelcare_model::{
    sla::Priority,
    ticket::{
        TicketStatus,
        console::{Assignee, QueueItem},
    },
};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{Done, Pending, text};
use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TriageProps {
    pub item: Rc<QueueItem>,
    /// Colleagues who may work this ticket's tenant; none: no assignee choice here.
    pub colleagues: Rc<Vec<Assignee>>,
    pub on_done: Callback<Done>,
}

fn value(select: &NodeRef) -> Option<String> {
    select.cast::<HtmlSelectElement>().map(|s| s.value())
}

#[component]
pub fn Triage(props: &TriageProps) -> Html {
    let api = use_console().api;
    let (status, priority, assignee) = (use_node_ref(), use_node_ref(), use_node_ref());
    let onsubmit = {
        let (api, item, on_done) = (api.clone(), props.item.clone(), props.on_done.clone());
        let (status, priority, assignee) = (status.clone(), priority.clone(), assignee.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let t = &item.ticket;
            let id = t.id.clone();
            // Only what the agent changed, one call each, in this order.
            let mut steps: Vec<(Pending, &'static str)> = Vec::new();
            if let Some(s) = value(&status).filter(|s| s != t.status.as_str()) {
                let (api, id) = (api.clone(), id.clone());
                steps.push((
                    Box::pin(async move { api.ticket_status(&id, &s).await }),
                    "Status changed.",
                ));
            }
            if let Some(p) = value(&priority).filter(|p| p != t.priority.as_str()) {
                let (api, id) = (api.clone(), id.clone());
                steps.push((
                    Box::pin(async move { api.ticket_priority(&id, &p).await }),
                    "Priority changed; the deadline follows it.",
                ));
            }
            let current = item.assignee.as_ref().map_or("", |a| a.id.as_str());
            if let Some(who) = value(&assignee).filter(|w| w != current) {
                let (api, id) = (api.clone(), id.clone());
                steps.push((
                    Box::pin(
                        async move { api.assign(&id, (!who.is_empty()).then_some(who)).await },
                    ),
                    "Assigned.",
                ));
            }
            let on_done = on_done.clone();
            spawn_local(async move {
                let many = steps.len() > 1;
                let mut last = None;
                for (step, said) in steps {
                    let result = step.await;
                    let failed = result.is_err();
                    last = Some(Done::new(
                        result,
                        if many { "Changes saved." } else { said },
                    ));
                    if failed {
                        break;
                    }
                }
                if let Some(done) = last {
                    on_done.emit(done);
                }
            });
        })
    };
    let item = &props.item;
    let t = &item.ticket;
    html! {
        <form class="c-triage" {onsubmit}>
            <div class="c-field">
                <label for="c-t-status-set">{ "Status" }</label>
                <select id="c-t-status-set" ref={status}>
                    { for TicketStatus::ALL.iter().map(|s| html! { <option value={s.as_str()} selected={*s == t.status}>{ text::status(*s) }</option> }) }
                </select>
            </div>
            <div class="c-field">
                <label for="c-t-priority-set">{ "Priority" }</label>
                <select id="c-t-priority-set" ref={priority}>
                    { for Priority::ALL.iter().rev().map(|p| html! { <option value={p.as_str()} selected={*p == t.priority}>{ text::priority(*p) }</option> }) }
                </select>
            </div>
            if props.colleagues.is_empty() {
                <p class="c-muted">{ format!("Assigned to: {}", item.assignee.as_ref().map_or("nobody", |a| a.name.as_str())) }</p>
            } else {
                <div class="c-field">
                    <label for="c-t-assignee-set">{ "Assigned to" }</label>
                    <select id="c-t-assignee-set" ref={assignee}>
                        <option value="" selected={item.assignee.is_none()}>{ "Nobody" }</option>
                        { for props.colleagues.iter().map(|p| html! {
                            <option value={p.id.clone()} selected={item.assignee.as_ref().is_some_and(|a| a.id == p.id)}>{ &p.name }</option>
                        }) }
                    </select>
                </div>
            }
            <button type="submit" class="c-button c-ghost">{ "Save" }</button>
        </form>
    }
}
