//! One ticket: the conversation with support, its status and promise, a reply form, close or
//! reopen, and the rating once support resolved it.

use gloo::timers::callback::Interval;
use panelcare_model::{
    ErrorCode,
    ticket::{Message, TicketStatus, TicketSummary},
};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::{
    conversation,
    draft::{self, Draft},
    files::{FileChange, FilePicker},
    focus::focus_soon,
    list::status_class,
    promise::promise,
};
use crate::{api::ApiError, feedback::rating::rating_picker, session::use_session, wire::Out};

/// How often an open thread is read again.
const REFRESH_MS: u32 = 60_000;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ThreadProps {
    pub id: AttrValue,
    pub on_back: Callback<()>,
    /// The ticket changed (a reply, close, rating): the list should reload.
    pub on_changed: Callback<()>,
    /// Files a reply may carry, as the tenant allows.
    pub max_files: usize,
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
            // The first read shows a failure; a later one that fails keeps what is shown.
            let fetch = move |first: bool| {
                let (api, data, id) = (api.clone(), data.clone(), id.clone());
                spawn_local(async move {
                    match api.ticket(&id).await {
                        Ok(thread) => data.set(Some(Ok(thread))),
                        Err(_) if first => data.set(Some(Err(()))),
                        Err(_) => {}
                    }
                });
            };
            fetch(true);
            // While it is open, support's answer appears without a reload; a hidden tab
            // asks nothing.
            let poll = Interval::new(REFRESH_MS, move || {
                if !gloo::utils::document().hidden() {
                    fetch(false);
                }
            });
            move || drop(poll)
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
                <button type="button" class="pc-link pc-back" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
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
                    // An earlier send got through (its answer was lost) and the reply was
                    // changed since: the first version is in the thread.
                    Err(ApiError::Rejected { error, .. })
                        if error.code == ErrorCode::IdempotencyKeyReused =>
                    {
                        draft::edit(&reply, Draft::clear);
                        refusal.set(Some(t.reply_already_sent));
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
            <button type="button" class="pc-link pc-back" onclick={on_back}>{ format!("← {}", t.tickets_back) }</button>
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
                { for messages.iter().map(|m| conversation::message(i18n, &session.api, m)) }
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
                        Callback::from(move |c: FileChange| draft::edit(&reply, |r| c.apply(&mut r.files)))
                    }} max={props.max_files} />
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
