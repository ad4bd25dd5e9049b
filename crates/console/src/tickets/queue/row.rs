//! One ticket in the queue: a link to it (a middle click opens it in a new tab), its
//! customer, department, priority, status, the time left to answer, and who works on it.

use std::rc::Rc;

use panelcare_model::{sla::SlaState, ticket::console::QueueItem};
use yew::prelude::*;

use crate::{
    route::{Route, RouteLink},
    tickets::text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QueueRowProps {
    pub item: Rc<QueueItem>,
    /// A provider admin sees every tenant's tickets: the row names the tenant.
    pub provider: bool,
}

#[component]
pub fn QueueRow(props: &QueueRowProps) -> Html {
    let i = &props.item;
    let t = &i.ticket;
    let who = i
        .account_name
        .clone()
        .unwrap_or_else(|| i.account_id.clone());
    html! {
        <tr class={format!("c-sla-{}", t.sla_state.map_or("none", SlaState::as_str))}>
            <td>
                <RouteLink to={Route::Ticket { id: t.id.clone() }} class="c-link">{ format!("#{} {}", t.number, t.subject) }</RouteLink>
                if props.provider { <span class="c-tenant">{ format!(" · {}", i.tenant_name) }</span> }
            </td>
            <td>{ who }</td>
            <td>{ text::department(t.department) }</td>
            <td><span class={format!("c-badge c-prio-{}", t.priority.as_str())}>{ text::priority(t.priority) }</span></td>
            <td>{ text::status(t.status) }</td>
            <td>
                { text::due(t) }
                // Said in words, not only in the row's colour.
                if t.sla_state == Some(SlaState::DueSoon) { { " · due soon" } }
            </td>
            <td>{ i.assignee.as_ref().map_or("—", |a| a.name.as_str()) }</td>
        </tr>
    }
}
