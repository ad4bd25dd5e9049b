//! The customer's tickets: number, subject, status, priority, last activity and the promise.

use panelcare_model::ticket::{TicketStatus, TicketSummary};
use yew::prelude::*;

use super::promise::promise;
use crate::{i18n::I18n, time};

pub fn status_class(s: TicketStatus) -> &'static str {
    match s {
        TicketStatus::Open | TicketStatus::AwaitingSupport => "pc-badge pc-status-review",
        TicketStatus::AwaitingCustomer => "pc-badge pc-status-planned",
        TicketStatus::Resolved => "pc-badge pc-status-done",
        TicketStatus::Closed => "pc-badge pc-status-declined",
    }
}

/// A view function; `on_open` gets the ticket id.
pub fn ticket_list(i18n: I18n, items: &[TicketSummary], on_open: &Callback<String>) -> Html {
    let t = i18n.t;
    if items.is_empty() {
        return html! { <p class="pc-muted">{ t.tickets_empty }</p> };
    }
    html! {
        <ul class="pc-list pc-tickets">
            { for items.iter().map(|ticket| {
                let id = ticket.id.clone();
                let onclick = on_open.reform(move |_: MouseEvent| id.clone());
                html! {
                    <li class="pc-item" key={ticket.id.clone()}>
                        <button type="button" class="pc-ticket-link" {onclick}>
                            <span class="pc-number">{ format!("#{}", ticket.number) }</span>
                            <span class="pc-subject">{ &ticket.subject }</span>
                        </button>
                        <div class="pc-item-meta">
                            <span class={status_class(ticket.status)}>{ t.ticket_status(ticket.status) }</span>
                            <span class="pc-tag">{ t.priority(ticket.priority).split(':').next().unwrap_or_default() }</span>
                            <time class="pc-time" datetime={ticket.updated_at.clone()} title={time::full(i18n.lang, &ticket.updated_at)}>
                                { time::ago(i18n.lang, &ticket.updated_at) }
                            </time>
                        </div>
                        { promise(i18n, ticket) }
                    </li>
                }
            }) }
        </ul>
    }
}
