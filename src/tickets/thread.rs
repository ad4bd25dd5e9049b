//! One ticket: the conversation with support, its status and promise, a reply form, close or
//! reopen, and the rating once support resolved it.

use panelcare_model::ticket::{Attachment, Message, MessageKind, TicketStatus, TicketSummary};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{
    draft::{self, Draft},
    files::FilePicker,
    focus::focus_soon,
    list::status_class,
    promise::promise,
};
use crate::{
    api::{Api, ApiError},
    feedback::rating::rating_picker,
    i18n::I18n,
    session::use_session,
    time,
    wire::Out,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ThreadProps {
    pub id: AttrValue,
    pub on_back: Callback<()>,
    /// The ticket changed (a reply, close, rating): the list should reload.
    pub on_changed: Callback<()>,
}

fn files(api: &Api, list: &[Attachment]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <ul class="pc-files">
            { for list.iter().map(|a| html! {
                <li key={a.id.clone()}>
                    <a href={api.file_url(&a.url)} download={a.name.clone()} rel="noopener">
                        if let Some(thumb) = &a.thumbnail_url {
                            <img class="pc-thumb" src={api.file_url(thumb)} alt={a.name.clone()} />
                        } else {
                            { &a.name }
                        }
                    </a>
                </li>
            }) }
        </ul>
    }
}

fn message(i18n: I18n, api: &Api, m: &Message) -> Html {
    let t = i18n.t;
    let when = html! {
        <time class="pc-time" datetime={m.created_at.clone()} title={time::full(i18n.lang, &m.created_at)}>{ time::ago(i18n.lang, &m.created_at) }</time>
    };
    if m.kind == MessageKind::Event {
        let status = m.status.map(|s| t.ticket_status(s)).unwrap_or_default();
        return html! { <li class="pc-event" key={m.id.clone()}>{ t.status_changed }{ " " }<strong>{ status }</strong>{ " · " }{ when }</li> };
    }
    let (class, who) = match m.kind {
        MessageKind::Customer => ("pc-msg pc-msg-mine", t.author_you.to_owned()),
        _ => (
            "pc-msg pc-msg-support",
            if m.author.is_empty() {
                t.author_support.to_owned()
            } else {
                m.author.clone()
            },
        ),
    };
    html! {
        <li class={class} key={m.id.clone()}>
            <p class="pc-item-meta">
                <strong>{ who }</strong>
                if m.kind == MessageKind::Progress {
                    <span class="pc-badge pc-status-planned">{ t.progress_badge }</span>
                }
                { when }
            </p>
            <p class="pc-message">{ &m.body }</p>
            { files(api, &m.attachments) }
        </li>
    }
}

#[component]
pub fn Thread(props: &ThreadProps) -> Html {
    let session = use_session();
    let i18n = session.i18n;
    let t = i18n.t;
    let data = use_state(|| None::<Result<(TicketSummary, Vec<Message>), ()>>);
    // The reply being written, with its key, kept across reloads per ticket.
    let reply = use_state(|| Draft::load(&session.store, &draft::reply_to(&props.id)));
    let refusal = use_state(|| None::<&'static str>);
    // What is wrong with the reply, shown at its field.
    let reply_error = use_state(|| None::<&'static str>);
    let rating = use_state(|| None::<i64>);
    let comment = use_state(String::new);
    let busy = use_state(|| false);
    // The control just used may be gone after the next draw (a rated form, a close button),
    // or a field needs the customer's attention: focus goes where it is asked to.
    let node = use_node_ref();
    {
        let (api, data) = (session.api.clone(), data.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                data.set(Some(api.ticket(&id).await.map_err(|_| ())));
            });
        });
    }
    // Runs a call that answers the whole thread, then shows it.
    let act = {
        let (api, data, refusal, busy, on_changed, id, node) = (
            session.api.clone(),
            data.clone(),
            refusal.clone(),
            busy.clone(),
            props.on_changed.clone(),
            props.id.clone(),
            node.clone(),
        );
        move |action: &'static str, body: Out, then_focus: &'static str| {
            let (api, data, refusal, busy, on_changed, id, node) = (
                api.clone(),
                data.clone(),
                refusal.clone(),
                busy.clone(),
                on_changed.clone(),
                id.clone(),
                node.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match api.ticket_action(&id, action, body).await {
                    Ok(thread) => {
                        refusal.set(None);
                        data.set(Some(Ok(thread)));
                        focus_soon(&node, then_focus);
                        on_changed.emit(());
                    }
                    Err(ApiError::Rejected { error, .. }) => {
                        refusal.set(Some(t.request_error(error.code)))
                    }
                    Err(_) => refusal.set(Some(t.err_generic)),
                }
                busy.set(false);
            });
        }
    };
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let Some(loaded) = &*data else {
        return html! { <p class="pc-muted" role="status">{ t.loading }</p> };
    };
    let Ok((ticket, messages)) = loaded else {
        return html! {
            <div>
                <button type="button" class="pc-link" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
                <p class="pc-alert" role="alert">{ t.tickets_failed }</p>
            </div>
        };
    };
    let send_reply = {
        let (api, id, reply, data, refusal, reply_error, busy, on_changed, node) = (
            session.api.clone(),
            props.id.clone(),
            reply.clone(),
            data.clone(),
            refusal.clone(),
            reply_error.clone(),
            busy.clone(),
            props.on_changed.clone(),
            node.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A second press while the first reply is on its way does nothing.
            if *busy {
                return;
            }
            if reply.message.trim().is_empty() {
                reply_error.set(Some(t.err_required));
                focus_soon(&node, "#pc-reply");
                return;
            }
            let body = Out::new()
                .set("message", reply.message.as_str())
                .set("attachments", reply.file_ids());
            let (api, id, reply, key, data, refusal, reply_error, busy, on_changed) = (
                api.clone(),
                id.clone(),
                reply.clone(),
                reply.key.clone(),
                data.clone(),
                refusal.clone(),
                reply_error.clone(),
                busy.clone(),
                on_changed.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match api.reply(&id, &key, body).await {
                    Ok(_) => {
                        draft::edit(&reply, Draft::clear);
                        refusal.set(None);
                        data.set(Some(api.ticket(&id).await.map_err(|_| ())));
                        on_changed.emit(());
                    }
                    Err(ApiError::Rejected { error, .. }) => {
                        refusal.set(Some(t.request_error(error.code)));
                        if let Some(e) = error.fields.iter().find(|e| e.field == "message") {
                            reply_error.set(Some(t.field_error("message", e.code)));
                        }
                    }
                    Err(_) => refusal.set(Some(t.err_generic)),
                }
                busy.set(false);
            });
        })
    };
    // Closing or reopening swaps the buttons: focus goes to the top of the thread.
    let on_close = {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act("close", Out::new(), "#pc-thread-title"))
    };
    let on_reopen = {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act("reopen", Out::new(), "#pc-thread-title"))
    };
    let on_rate = {
        let (act, rating, comment) = (act.clone(), rating.clone(), comment.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(r) = *rating {
                act(
                    "rating",
                    Out::new()
                        .set("rating", r as f64)
                        .set("comment", comment.as_str()),
                    ".pc-rated",
                );
            }
        })
    };
    let finished = ticket.status.is_finished();
    let reopenable = finished
        && ticket
            .reopen_until
            .as_deref()
            .is_some_and(|u| js_sys::Date::parse(u) > js_sys::Date::now());
    let on_rating = {
        let rating = rating.clone();
        Callback::from(move |r| rating.set(r))
    };
    html! {
        <article class="pc-thread" aria-labelledby="pc-thread-title" ref={node}>
            <button type="button" class="pc-link" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
            <h3 id="pc-thread-title" class="pc-subtitle" tabindex="-1">{ format!("#{} · {}", ticket.number, ticket.subject) }</h3>
            <p class="pc-item-meta">
                <span class={status_class(ticket.status)}>{ t.ticket_status(ticket.status) }</span>
                <span class="pc-tag">{ t.department(ticket.department) }</span>
                <span class="pc-tag">{ t.priority(ticket.priority).split(':').next().unwrap_or_default() }</span>
            </p>
            { promise(i18n, ticket) }
            if let Some(r) = *refusal {
                <p class="pc-notice pc-error" role="alert">{ r }</p>
            }
            <ol class="pc-conversation">
                { for messages.iter().map(|m| message(i18n, &session.api, m)) }
            </ol>
            if finished && ticket.rating.is_none() && ticket.status == TicketStatus::Resolved {
                <form class="pc-form pc-rate" onsubmit={on_rate}>
                    { rating_picker(i18n, Some(t.rate_title), *rating, None, &on_rating) }
                    <label class="pc-label" for="pc-rate-comment">{ t.rate_comment }</label>
                    <textarea id="pc-rate-comment" rows="2" value={(*comment).clone()} oninput={{
                        let comment = comment.clone();
                        Callback::from(move |e: InputEvent| comment.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
                    }} />
                    <button type="submit" class="pc-button pc-primary" disabled={rating.is_none() || *busy}>{ t.rate_send }</button>
                </form>
            }
            if ticket.rating.is_some() {
                <p class="pc-notice pc-ok pc-rated" tabindex="-1">{ t.rated_thanks }</p>
            }
            if ticket.status != TicketStatus::Closed {
                <form class="pc-form pc-reply" novalidate=true onsubmit={send_reply}>
                    <label class="pc-label" for="pc-reply">{ t.reply_label }</label>
                    <textarea id="pc-reply" rows="3" value={reply.message.clone()}
                        aria-invalid={reply_error.map(|_| "true")} aria-describedby={reply_error.map(|_| "pc-reply-error")}
                        oninput={{
                            let (reply, reply_error) = (reply.clone(), reply_error.clone());
                            Callback::from(move |e: InputEvent| {
                                let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                                draft::edit(&reply, |r| r.message = text);
                                if reply_error.is_some() {
                                    reply_error.set(None);
                                }
                            })
                        }} />
                    if let Some(e) = *reply_error {
                        <p class="pc-field-error" id="pc-reply-error">{ e }</p>
                    }
                    <FilePicker id="pc-reply-files" files={reply.files.clone()} on_change={{
                        let reply = reply.clone();
                        Callback::from(move |files| draft::edit(&reply, |r| r.files = files))
                    }} max={5} />
                    <p class="pc-actions">
                        <button type="submit" class="pc-button pc-primary" disabled={*busy}>{ t.send_reply }</button>
                        if !finished {
                            <button type="button" class="pc-button" onclick={on_close} disabled={*busy}>{ t.close_ticket }</button>
                        }
                    </p>
                </form>
            }
            if reopenable {
                <button type="button" class="pc-button" onclick={on_reopen} disabled={*busy}>{ t.reopen_ticket }</button>
            }
        </article>
    }
}
