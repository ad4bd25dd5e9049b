//! One ticket for an agent: who and what, the promise, the whole thread (internal notes
//! marked), the composer, and status, priority, assignment and merging beside it.

use std::rc::Rc;

use panelcare_model::ticket::console::AgentThread;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{Done, composer::Composer, side::TicketSide, text, thread::thread};
use crate::api::Api;
use crate::focus;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct DetailProps {
    pub api: Api,
    pub id: AttrValue,
    /// The signed-in agent, for "assign to me".
    pub me: AttrValue,
    pub on_back: Callback<()>,
    pub on_signed_out: Callback<()>,
}

#[component]
pub fn TicketDetail(props: &DetailProps) -> Html {
    let data = use_state(|| None::<Result<Rc<AgentThread>, String>>);
    let message = use_state(|| None::<(bool, String)>);
    {
        let (api, data, on_signed_out) =
            (props.api.clone(), data.clone(), props.on_signed_out.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                match api.ticket(&id).await {
                    Ok(t) => {
                        data.set(Some(Ok(Rc::new(t))));
                        // The button that opened it is gone with the queue.
                        focus::later("c-ticket-title");
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => data.set(Some(Err(e.message()))),
                }
            });
        });
    }
    // Every change answers the whole ticket: show it, and say how it went.
    let on_done = {
        let (data, message, on_signed_out) =
            (data.clone(), message.clone(), props.on_signed_out.clone());
        Callback::from(move |done: Done| match done.result {
            Ok(t) => {
                data.set(Some(Ok(Rc::new(t))));
                message.set(Some((true, done.message.into())));
                focus::later_if_lost("c-ticket-title");
            }
            Err(e) if e.is_signed_out() => on_signed_out.emit(()),
            Err(e) => message.set(Some((false, e.message()))),
        })
    };
    let back = props.on_back.reform(|_: MouseEvent| ());
    let Some(loaded) = &*data else {
        return html! { <p class="c-muted">{ "Loading…" }</p> };
    };
    let ticket = match loaded {
        Ok(t) => t.clone(),
        Err(m) => {
            return html! { <><button type="button" class="c-link" onclick={back}>{ "← Tickets" }</button><p class="c-error" role="alert">{ m }</p></> };
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
            <button type="button" class="c-link" onclick={back}>{ "← Tickets" }</button>
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
                    <Composer api={props.api.clone()} id={props.id.clone()} tenant={AttrValue::from(item.tenant_id.clone())} on_done={on_done.clone()} />
                </div>
                <TicketSide api={props.api.clone()} item={item.clone()} me={props.me.clone()} {on_done} />
            </div>
        </section>
    }
}
