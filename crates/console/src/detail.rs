//! One suggestion: what the customer wrote, its status, the public answer, internal notes.

use std::rc::Rc;

use panelcare_model::{FeedbackStatus, console::InboxDetail};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::{
    api::{Api, ApiError},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct DetailProps {
    pub api: Api,
    pub id: AttrValue,
    pub on_back: Callback<()>,
    pub on_signed_out: Callback<()>,
}

/// What the last action did, shown above the forms.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved(&'static str),
    Failed(String),
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let detail = use_state(|| None::<Result<Rc<InboxDetail>, String>>);
    let answer = use_state(String::new);
    let note = use_state(String::new);
    let outcome = use_state(|| None::<Outcome>);
    {
        let (api, id, detail, answer, on_signed_out) = (
            props.api.clone(),
            props.id.clone(),
            detail.clone(),
            answer.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with(props.id.clone(), move |_| {
            spawn_local(async move {
                match api.detail(&id).await {
                    Ok(d) => {
                        answer.set(d.item.answer.clone().unwrap_or_default());
                        detail.set(Some(Ok(Rc::new(d))));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => detail.set(Some(Err(e.message()))),
                }
            });
        });
    }
    // Runs an action; on success shows the fresh detail and `done`.
    let act = {
        let (detail, outcome, on_signed_out) =
            (detail.clone(), outcome.clone(), props.on_signed_out.clone());
        move |done: &'static str,
              after: Option<UseStateHandle<String>>,
              call: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<InboxDetail, ApiError>>>,
        >| {
            let (detail, outcome, on_signed_out) =
                (detail.clone(), outcome.clone(), on_signed_out.clone());
            spawn_local(async move {
                match call.await {
                    Ok(d) => {
                        detail.set(Some(Ok(Rc::new(d))));
                        if let Some(field) = after {
                            field.set(String::new());
                        }
                        outcome.set(Some(Outcome::Saved(done)));
                    }
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => outcome.set(Some(Outcome::Failed(e.message()))),
                }
            });
        }
    };
    let back = props.on_back.reform(|_: MouseEvent| ());
    let d = match &*detail {
        None => return html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(message)) => {
            return html! {
                <>
                    <button type="button" class="c-button c-ghost" onclick={back}>{ "← Inbox" }</button>
                    <p class="c-error" role="alert">{ message }</p>
                </>
            };
        }
        Some(Ok(d)) => d.clone(),
    };
    let item = &d.item;
    let on_status = {
        let (api, id, act) = (props.api.clone(), props.id.clone(), act.clone());
        Callback::from(move |e: Event| {
            let status = e.target_unchecked_into::<HtmlSelectElement>().value();
            let (api, id) = (api.clone(), id.clone());
            act(
                "Status saved; the customer sees it.",
                None,
                Box::pin(async move { api.set_status(&id, &status).await }),
            );
        })
    };
    let typed = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let send_answer = {
        let (api, id, act, text) = (
            props.api.clone(),
            props.id.clone(),
            act.clone(),
            answer.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, id, text) = (api.clone(), id.clone(), (*text).clone());
            act(
                "Answer sent; the customer sees it in the widget.",
                None,
                Box::pin(async move { api.answer(&id, &text).await }),
            );
        })
    };
    let add_note = {
        let (api, id, act, text, note) = (
            props.api.clone(),
            props.id.clone(),
            act.clone(),
            note.clone(),
            note.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, id, text) = (api.clone(), id.clone(), (*text).clone());
            act(
                "Note added. Customers never see notes.",
                Some(note.clone()),
                Box::pin(async move { api.add_note(&id, &text).await }),
            );
        })
    };
    html! {
        <article class="c-detail" aria-labelledby="c-detail-title">
            <button type="button" class="c-button c-ghost" onclick={back}>{ "← Inbox" }</button>
            <h1 id="c-detail-title" class="c-title">
                { format!("{} from {}", text::category(item.category), item.account_name.clone().unwrap_or_else(|| item.account_id.clone())) }
            </h1>
            <p class="c-meta">
                { format!("{} · {} · {}", item.tenant_name, item.account_email.clone().unwrap_or_default(), text::when(&item.created_at)) }
                if let Some(r) = item.rating {
                    <span class={if item.low_rating { "c-flag" } else { "c-rating" }}>{ format!(" {r} ★") }</span>
                }
            </p>
            <blockquote class="c-card c-message">{ &item.message }</blockquote>
            if let Some(page) = &item.page {
                <p class="c-muted">{ "Sent from " }<code>{ page }</code></p>
            }
            <div class="c-live" role="status" aria-live="polite">
                { match &*outcome {
                    Some(Outcome::Saved(m)) => html! { <p class="c-ok">{ *m }</p> },
                    Some(Outcome::Failed(m)) => html! { <p class="c-error">{ m }</p> },
                    None => html! {},
                } }
            </div>
            <div class="c-filter">
                <label for="c-status">{ "Status" }</label>
                <select id="c-status" onchange={on_status}>
                    { for FeedbackStatus::ALL.iter().map(|s| html! {
                        <option value={s.as_str()} selected={*s == item.status}>{ text::status(*s) }</option>
                    }) }
                </select>
            </div>
            <form class="c-card c-form" onsubmit={send_answer}>
                <label for="c-answer">{ "Answer to the customer" }</label>
                <textarea id="c-answer" rows="4" value={(*answer).clone()} oninput={typed(&answer)} />
                <button type="submit" class="c-button">{ if item.answer.is_some() { "Update answer" } else { "Send answer" } }</button>
            </form>
            <section class="c-card c-notes" aria-labelledby="c-notes-title">
                <h2 id="c-notes-title">{ "Internal notes" }<span class="c-muted">{ " — only agents see these" }</span></h2>
                if d.notes.is_empty() {
                    <p class="c-muted">{ "No notes yet." }</p>
                }
                <ul class="c-note-list">
                    { for d.notes.iter().map(|n| html! {
                        <li key={n.id.clone()}>
                            <p class="c-note-meta">{ format!("{} · {}", n.agent_name, text::when(&n.created_at)) }</p>
                            <p class="c-note-body">{ &n.body }</p>
                        </li>
                    }) }
                </ul>
                <form class="c-form" onsubmit={add_note}>
                    <label for="c-note">{ "Add a note" }</label>
                    <textarea id="c-note" rows="2" value={(*note).clone()} oninput={typed(&note)} />
                    <button type="submit" class="c-button c-ghost">{ "Add note" }</button>
                </form>
            </section>
        </article>
    }
}
