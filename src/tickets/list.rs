//! The customer's tickets: number, subject, status, priority, last activity and the promise.

use panelcare_model::ticket::{TicketList, TicketStatus};
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

/// A view function; `on_open` gets the ticket id, `on_more` asks for the next older page.
pub fn ticket_list(
    i18n: I18n,
    page: &TicketList,
    on_open: &Callback<String>,
    on_more: Callback<MouseEvent>,
) -> Html {
    let t = i18n.t;
    let items = &page.items;
    if items.is_empty() {
        return html! { <p class="pc-muted">{ t.tickets_empty }</p> };
    }
    let older = (page.total - items.len() as i64).max(0) as u64;
    html! {
        <>
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
        if page.next.is_some() && older > 0 {
            <p class="pc-actions">
                <button type="button" class="pc-button pc-secondary" onclick={on_more}>{ i18n.plural(&t.tickets_older, older) }</button>
            </p>
        }
        </>
    }
}
