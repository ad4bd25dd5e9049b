//! One ticket for an agent: who and what, the promise, the whole thread (internal notes
//! marked), the composer, and status, priority, assignment and merging beside it.

use std::rc::Rc;

use panelcare_model::ticket::console::AgentThread;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{Done, composer::Composer, side::TicketSide, text, thread::thread};
use crate::{
    console::use_console,
    focus,
    latest::use_latest,
    route::{Route, RouteLink},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct DetailProps {
    /// The ticket the address names.
    pub id: AttrValue,
}

#[component]
pub fn TicketDetail(props: &DetailProps) -> Html {
    let console = use_console();
    let data = use_state(|| None::<Result<Rc<AgentThread>, String>>);
    let message = use_state(|| None::<(bool, String)>);
    // The same page shows another ticket when only the address's id changes: the answer
    // about the ticket shown before never replaces the one shown now.
    let latest = use_latest();
    {
        let (console, data, message, latest) = (
            console.clone(),
            data.clone(),
            message.clone(),
            latest.clone(),
        );
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            // Another ticket (a link followed, back or forward): nothing of the last one stays.
            data.set(None);
            message.set(None);
            let read = latest.start();
            spawn_local(async move {
                let result = console.api.ticket(&id).await;
                if !latest.is_newest(read) {
                    return;
                }
                if let Some(t) = console.settle(result, |e| data.set(Some(Err(e.message())))) {
                    data.set(Some(Ok(Rc::new(t))));
                    // The link that opened it is gone with the queue.
                    focus::later("c-ticket-title");
                }
            });
        });
    }
    // Every change answers the whole ticket: show it, and say how it went.
    let on_done = {
        let (console, data, message, id) = (
            console.clone(),
            data.clone(),
            message.clone(),
            props.id.clone(),
        );
        Callback::from(move |done: Done| {
            // A change made on the ticket shown before answers that ticket.
            if let Ok(t) = &done.result
                && t.item.ticket.id != id.as_str()
            {
                return;
            }
            let said = done.message;
            if let Some(t) = console.settle(done.result, |e| {
                message.set(Some((false, e.message())));
            }) {
                data.set(Some(Ok(Rc::new(t))));
                message.set(Some((true, said.into())));
                focus::later_if_lost("c-ticket-title");
            }
        })
    };
    let back = html! { <RouteLink to={Route::Tickets} class="c-link">{ "← Tickets" }</RouteLink> };
    let Some(loaded) = &*data else {
        return html! { <p class="c-muted">{ "Loading…" }</p> };
    };
    let ticket = match loaded {
        Ok(t) => t.clone(),
        Err(m) => {
            return html! { <>{ back }<p class="c-error" role="alert">{ m }</p></> };
        }
    };
    let item = Rc::new(ticket.item.clone());
    let t = &item.ticket;
    let who = item
        .account_name
        .clone()
        .unwrap_or_else(|| item.account_id.clone());
    let about = [
        Some(who.clone()),
        item.account_email.clone(),
        Some(item.tenant_name.clone()),
        item.account_plan.clone().map(|p| format!("plan {p}")),
        Some(format!(
            "tier {}",
            item.support_tier.as_deref().unwrap_or("standard")
        )),
        Some(text::department(t.department).to_owned()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    html! {
        <section class="c-ticket" aria-labelledby="c-ticket-title">
            { back }
            <h1 id="c-ticket-title" class="c-title" tabindex="-1">{ format!("#{} {}", t.number, t.subject) }</h1>
            <p class="c-row-meta">
                <span class={format!("c-badge c-prio-{}", t.priority.as_str())}>{ text::priority(t.priority) }</span>
                <span class="c-badge">{ text::status(t.status) }</span>
                <span>{ about }</span>
                if let Some(s) = t.sla_state {
                    <span class={format!("c-sla c-sla-{}", s.as_str())}>{ format!("{} · answer due {}", text::sla(s), text::due(t)) }</span>
                }
            </p>
            // Always there, so that what a change did is read out when it is said.
            <div class="c-live" role="status">
                if let Some((ok, m)) = &*message {
                    <p class={if *ok { "c-ok" } else { "c-error" }}>{ m }</p>
                }
            </div>
            <div class="c-ticket-grid">
                <div>
                    { thread(&ticket.messages, &who) }
                    <Composer id={props.id.clone()} tenant={AttrValue::from(item.tenant_id.clone())} on_done={on_done.clone()} />
                </div>
                <TicketSide item={item.clone()} {on_done} />
            </div>
        </section>
    }
}
