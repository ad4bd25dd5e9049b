//! Beside a ticket: its status, priority (the deadline follows it) and who works on it,
//! merging it into another ticket of the same customer, and the customer's rating.

use std::rc::Rc;

use panelcare_model::ticket::console::QueueItem;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{Done, triage::Triage, use_assignees};
use crate::{api::Api, console::use_console};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SideProps {
    pub item: Rc<QueueItem>,
    pub on_done: Callback<Done>,
}

#[component]
pub fn TicketSide(props: &SideProps) -> Html {
    let console = use_console();
    // The signed-in agent, for "assign to me".
    let me = console.agent().id.clone();
    let item = &props.item;
    let t = &item.ticket;
    // The customer's other tickets this one may be a duplicate of.
    let others = use_state(Vec::<QueueItem>::new);
    let into = use_state(String::new);
    let people = use_assignees();
    {
        let (api, others) = (console.api.clone(), others.clone());
        let key = (
            item.tenant_id.clone(),
            item.account_id.clone(),
            t.id.clone(),
        );
        use_effect_with(key, move |(tenant, account, id)| {
            let query = crate::api::query_string(&[("tenant", tenant), ("account", account)]);
            let id = id.clone();
            spawn_local(async move {
                if let Ok(q) = api.tickets(&query).await {
                    others.set(
                        q.items
                            .into_iter()
                            .filter(|o| o.ticket.id != id && o.merged_into.is_none())
                            .collect(),
                    );
                }
            });
        });
    }
    let call = |make: Rc<dyn Fn(Api, String, String) -> super::Pending>, done: &'static str| {
        let (api, id, on_done) = (console.api.clone(), t.id.clone(), props.on_done.clone());
        Callback::from(move |value: String| {
            let pending = make(api.clone(), id.clone(), value);
            let on_done = on_done.clone();
            spawn_local(async move { on_done.emit(Done::new(pending.await, done)) });
        })
    };
    let assign = |who: Option<String>, done: &'static str| {
        call(
            Rc::new(move |api, id, _| {
                let who = who.clone();
                Box::pin(async move { api.assign(&id, who).await })
            }),
            done,
        )
        .reform(|_: MouseEvent| String::new())
    };
    let on_merge = {
        let into = into.clone();
        call(
            Rc::new(|api, id, target| Box::pin(async move { api.merge(&id, &target).await })),
            "Merged: the customer is told where the request continues.",
        )
        .reform(move |e: SubmitEvent| {
            e.prevent_default();
            (*into).clone()
        })
    };
    let mine = item.assignee.as_ref().is_some_and(|a| a.id == me);
    let colleagues: Rc<Vec<_>> = Rc::new(
        people
            .iter()
            .filter(|p| p.tenant_id == item.tenant_id)
            .cloned()
            .collect(),
    );
    html! {
        <aside class="c-card c-side">
            <Triage item={item.clone()} {colleagues} on_done={props.on_done.clone()} />
            <p class="c-actions">
                if !mine {
                    <button type="button" class="c-button c-ghost" onclick={assign(Some(me.clone()), "Assigned to you.")}>{ "Assign to me" }</button>
                }
                if item.assignee.is_some() {
                    <button type="button" class="c-button c-ghost" onclick={assign(None, "Unassigned.")}>{ "Unassign" }</button>
                }
            </p>
            if let Some(reference) = &item.external_ref {
                <p class="c-muted c-external-ref">{ format!("In the helpdesk as {reference}") }</p>
            }
            if let Some(target) = &item.merged_into {
                <p class="c-muted">{ format!("Merged into {}", others.iter().find(|o| o.ticket.id == *target).map_or("another ticket".to_owned(), |o| format!("#{}", o.ticket.number))) }</p>
            } else if !others.is_empty() {
                <form class="c-field c-merge" onsubmit={on_merge}>
                    <label for="c-merge-into">{ "Duplicate of" }</label>
                    <select id="c-merge-into" onchange={{
                        let into = into.clone();
                        Callback::from(move |e: Event| into.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
                    }}>
                        <option value="" selected={into.is_empty()}>{ "Choose this customer's ticket…" }</option>
                        { for others.iter().map(|o| html! { <option value={o.ticket.id.clone()}>{ format!("#{} {}", o.ticket.number, o.ticket.subject) }</option> }) }
                    </select>
                    <button type="submit" class="c-button c-ghost" disabled={into.is_empty()}>{ "Merge into it" }</button>
                </form>
            }
            if let Some(r) = t.rating {
                <p>{ format!("Customer rating: {r} ★") }</p>
                if let Some(c) = &item.rating_comment {
                    <p class="c-muted">{ format!("“{c}”") }</p>
                }
            }
        </aside>
    }
}
