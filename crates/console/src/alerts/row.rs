//! One low rating in the list: the stars, what was rated (a link to it), who, where, when,
//! and whether anyone has looked and the customer has had an answer since.

use std::rc::Rc;

use panelcare_model::alerts::{Alert, AlertKind};
use yew::prelude::*;

use super::lang::texts;
use crate::{
    route::{Route, RouteLink},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AlertRowProps {
    pub alert: Rc<Alert>,
    /// Whether the list spans several tenants (then each row names its own).
    pub tenants: bool,
}

#[component]
pub fn AlertRow(props: &AlertRowProps) -> Html {
    let t = texts();
    let a = &props.alert;
    let (kind, to) = match a.kind {
        AlertKind::Feedback => (t.kind_feedback, Route::Suggestion { id: a.id.clone() }),
        AlertKind::Ticket => (t.kind_ticket, Route::Ticket { id: a.id.clone() }),
    };
    let seen = match &a.seen {
        Some(s) => html! {
            <>
                { panelcare_model::alerts::texts::fill(t.seen_by, &[("name", &s.agent_name)]) }
                <br /><span class="c-muted">{ text::when(&s.at) }</span>
            </>
        },
        None => html! { <strong>{ t.not_seen }</strong> },
    };
    let reply = match &a.replied_at {
        Some(at) => format!("{} · {}", t.answered, text::when(at)),
        None => t.waiting.to_owned(),
    };
    html! {
        <tr class={if a.seen.is_none() { "c-unseen" } else { "" }}>
            <td><span class="c-flag">{ format!("{} ★", a.rating) }</span></td>
            <th scope="row">
                <span class="c-muted">{ kind }</span><br />
                <RouteLink {to} class="c-link">{ &a.title }</RouteLink>
            </th>
            <td>{ &a.customer }</td>
            if props.tenants {
                <td>{ &a.tenant_name }</td>
            }
            <td>{ text::when(&a.raised_at) }<br /><span class="c-muted">{ reply }</span></td>
            <td>{ seen }</td>
        </tr>
    }
}
