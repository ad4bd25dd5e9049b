//! One ticket for an agent: who and what, the promise, the whole thread (internal notes
//! marked), and the composer for an answer, a progress update or a note; status, priority
//! and assignment beside it.

use std::rc::Rc;

use panelcare_model::{
    sla::Priority,
    ticket::{
        MessageKind, TicketStatus,
        console::{AgentThread, AgentWrite, CannedReply, NewAgentMessage},
    },
};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::text;
use crate::{
    api::{Api, ApiError},
    text::when,
};

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
    let kind = use_state(|| AgentWrite::Reply);
    let after = use_state(|| "awaiting_customer".to_owned());
    let draft = use_state(String::new);
    let canned = use_state(Vec::<CannedReply>::new);
    // Runs a call that answers the whole ticket, shows it, and says how it went.
    let run = {
        let (data, message, on_signed_out) =
            (data.clone(), message.clone(), props.on_signed_out.clone());
        move |done: &'static str,
              call: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<AgentThread, ApiError>>>,
        >| {
            let (data, message, on_signed_out) =
                (data.clone(), message.clone(), on_signed_out.clone());
            spawn_local(async move {
                match call.await {
                    Ok(t) => {
                        data.set(Some(Ok(Rc::new(t))));
                        message.set(Some((true, done.into())));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => message.set(Some((false, e.message()))),
                }
            });
        }
    };
    {
        let (api, data, canned, on_signed_out) = (
            props.api.clone(),
            data.clone(),
            canned.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                match api.ticket(&id).await {
                    Ok(t) => data.set(Some(Ok(Rc::new(t)))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => data.set(Some(Err(e.message()))),
                }
                if let Ok(c) = api.canned_replies().await {
                    canned.set(c);
                }
            });
        });
    }
    let back = props.on_back.reform(|_: MouseEvent| ());
    let Some(loaded) = &*data else {
        return html! { <p class="c-muted">{ "Loading…" }</p> };
    };
    let thread = match loaded {
        Ok(t) => t.clone(),
        Err(m) => {
            return html! { <><button type="button" class="c-link" onclick={back}>{ "← Tickets" }</button><p class="c-error" role="alert">{ m }</p></> };
        }
    };
    let item = &thread.item;
    let t = &item.ticket;
    let api = props.api.clone();
    let id = props.id.clone();
    let on_status = {
        let (api, id, run) = (api.clone(), id.clone(), run.clone());
        Callback::from(move |e: Event| {
            let s = e.target_unchecked_into::<HtmlSelectElement>().value();
            let (api, id) = (api.clone(), id.clone());
            run(
                "Status changed.",
                Box::pin(async move { api.ticket_status(&id, &s).await }),
            );
        })
    };
    let on_priority = {
        let (api, id, run) = (api.clone(), id.clone(), run.clone());
        Callback::from(move |e: Event| {
            let p = e.target_unchecked_into::<HtmlSelectElement>().value();
            let (api, id) = (api.clone(), id.clone());
            run(
                "Priority changed; the deadline follows it.",
                Box::pin(async move { api.ticket_priority(&id, &p).await }),
            );
        })
    };
    let assign = |who: Option<String>, done: &'static str| {
        let (api, id, run) = (api.clone(), id.clone(), run.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, id, who) = (api.clone(), id.clone(), who.clone());
            run(done, Box::pin(async move { api.assign(&id, who).await }));
        })
    };
    let onsubmit = {
        let (api, id, run, kind, after, draft, message) = (
            api.clone(),
            id.clone(),
            run.clone(),
            kind.clone(),
            after.clone(),
            draft.clone(),
            message.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if draft.trim().is_empty() {
                message.set(Some((false, "Write something first.".into())));
                return;
            }
            let body = NewAgentMessage {
                kind: *kind,
                message: (*draft).clone(),
                status: (*kind == AgentWrite::Reply).then(|| (*after).clone()),
                attachments: Vec::new(),
            };
            let (api, id, draft) = (api.clone(), id.clone(), draft.clone());
            let done = match *kind {
                AgentWrite::Reply => "Answer sent; the customer sees it in the panel.",
                AgentWrite::Progress => "Progress update sent.",
                AgentWrite::Note => "Internal note added.",
            };
            draft.set(String::new());
            run(
                done,
                Box::pin(async move { api.write_ticket(&id, &body).await }),
            );
        })
    };
    let kind_radio = |k: AgentWrite, label: &'static str| {
        let checked = *kind == k;
        let kind = kind.clone();
        let onchange = Callback::from(move |_: Event| kind.set(k));
        let id = format!("c-k-{label}");
        html! {
            <label class="c-check" for={id.clone()}>
                <input {id} type="radio" name="c-kind" {checked} {onchange} />{ " " }{ label }
            </label>
        }
    };
    let who = item
        .account_name
        .clone()
        .unwrap_or_else(|| item.account_id.clone());
    html! {
        <section class="c-ticket" aria-labelledby="c-ticket-title">
            <button type="button" class="c-link" onclick={back}>{ "← Tickets" }</button>
            <h1 id="c-ticket-title" class="c-title">{ format!("#{} {}", t.number, t.subject) }</h1>
            <p class="c-row-meta">
                <span class={format!("c-badge c-prio-{}", t.priority.as_str())}>{ text::priority(t.priority) }</span>
                <span class="c-badge">{ text::status(t.status) }</span>
                <span>{ format!("{who} · {} · {} · tier {}", item.account_email.clone().unwrap_or_default(), item.tenant_name, item.support_tier.clone().unwrap_or_else(|| "standard".into())) }</span>
                if let Some(s) = t.sla_state {
                    <span class={format!("c-sla c-sla-{}", s.as_str())}>{ format!("{} · answer due {}", text::sla(s), text::due(t)) }</span>
                }
            </p>
            if let Some((ok, m)) = &*message {
                <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ m }</p>
            }
            <div class="c-ticket-grid">
                <div>
                    <ol class="c-thread">
                        { for thread.messages.iter().map(|m| {
                            let (class, label) = match m.kind {
                                MessageKind::Customer => ("c-msg c-msg-customer", who.clone()),
                                MessageKind::Agent => ("c-msg c-msg-agent", m.author.clone()),
                                MessageKind::Progress => ("c-msg c-msg-agent", format!("{} · progress update", m.author)),
                                MessageKind::Note => ("c-msg c-msg-note", format!("{} · internal note", m.author)),
                                MessageKind::Event => ("c-event", String::new()),
                            };
                            if m.kind == MessageKind::Event {
                                return html! { <li class={class} key={m.id.clone()}>{ format!("Status → {} · {}", m.status.map_or("", text::status), when(&m.created_at)) }</li> };
                            }
                            html! {
                                <li class={class} key={m.id.clone()}>
                                    <p class="c-row-meta"><strong>{ label }</strong><span class="c-when">{ when(&m.created_at) }</span></p>
                                    <p class="c-body">{ &m.body }</p>
                                    if !m.attachments.is_empty() {
                                        <ul class="c-files">{ for m.attachments.iter().map(|a| html! {
                                            <li><a href={a.url.clone()} download={a.name.clone()}>{ format!("{} ({} KB)", a.name, a.size.div_ceil(1024)) }</a></li>
                                        }) }</ul>
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                    <form class="c-card c-form" {onsubmit}>
                        <fieldset class="c-kinds">
                            <legend>{ "Write" }</legend>
                            { kind_radio(AgentWrite::Reply, "Answer") }
                            { kind_radio(AgentWrite::Progress, "Progress update") }
                            { kind_radio(AgentWrite::Note, "Internal note") }
                        </fieldset>
                        if !canned.is_empty() {
                            <div class="c-field">
                                <label for="c-canned">{ "Canned reply" }</label>
                                <select id="c-canned" onchange={{
                                    let (draft, canned) = (draft.clone(), canned.clone());
                                    Callback::from(move |e: Event| {
                                        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                                        if let Some(c) = canned.iter().find(|c| c.id == v) {
                                            draft.set(c.body.clone());
                                        }
                                    })
                                }}>
                                    <option value="">{ "Insert a prepared answer…" }</option>
                                    { for canned.iter().filter(|c| c.tenant_id == item.tenant_id).map(|c| html! { <option value={c.id.clone()}>{ &c.title }</option> }) }
                                </select>
                            </div>
                        }
                        <label for="c-t-text">{ match *kind { AgentWrite::Note => "Note (never shown to the customer)", _ => "Message to the customer" } }</label>
                        <textarea id="c-t-text" rows="5" value={(*draft).clone()} oninput={{
                            let draft = draft.clone();
                            Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
                        }} />
                        if *kind == AgentWrite::Reply {
                            <div class="c-field">
                                <label for="c-after">{ "Then" }</label>
                                <select id="c-after" onchange={{
                                    let after = after.clone();
                                    Callback::from(move |e: Event| after.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
                                }}>
                                    <option value="awaiting_customer" selected={*after == "awaiting_customer"}>{ "wait for the customer" }</option>
                                    <option value="resolved" selected={*after == "resolved"}>{ "mark resolved (the customer can rate it)" }</option>
                                </select>
                            </div>
                        }
                        <button type="submit" class="c-button">{ match *kind { AgentWrite::Reply => "Send answer", AgentWrite::Progress => "Send update", AgentWrite::Note => "Add note" } }</button>
                    </form>
                </div>
                <aside class="c-card c-side">
                    <div class="c-field">
                        <label for="c-t-status-set">{ "Status" }</label>
                        <select id="c-t-status-set" onchange={on_status}>
                            { for TicketStatus::ALL.iter().map(|s| html! { <option value={s.as_str()} selected={*s == t.status}>{ text::status(*s) }</option> }) }
                        </select>
                    </div>
                    <div class="c-field">
                        <label for="c-t-priority-set">{ "Priority" }</label>
                        <select id="c-t-priority-set" onchange={on_priority}>
                            { for Priority::ALL.iter().rev().map(|p| html! { <option value={p.as_str()} selected={*p == t.priority}>{ text::priority(*p) }</option> }) }
                        </select>
                    </div>
                    <p class="c-muted">{ format!("Assigned to: {}", item.assignee.as_ref().map_or("nobody", |a| a.name.as_str())) }</p>
                    <p class="c-actions">
                        if item.assignee.as_ref().is_none_or(|a| a.id != props.me.as_str()) {
                            <button type="button" class="c-button c-ghost" onclick={assign(Some(props.me.to_string()), "Assigned to you.")}>{ "Assign to me" }</button>
                        }
                        if item.assignee.is_some() {
                            <button type="button" class="c-button c-ghost" onclick={assign(None, "Unassigned.")}>{ "Unassign" }</button>
                        }
                    </p>
                    if let Some(r) = t.rating {
                        <p>{ format!("Customer rating: {r} ★") }</p>
                        if let Some(c) = &item.rating_comment {
                            <p class="c-muted">{ format!("“{c}”") }</p>
                        }
                    }
                </aside>
            </div>
        </section>
    }
}
