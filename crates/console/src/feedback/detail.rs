//! One suggestion: what the customer wrote, its status, the public answer, internal notes.

use std::rc::Rc;

use panelcare_model::console::InboxDetail;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{Done, answer::AnswerForm, notes::SuggestionNotes, status::StatusPick};
use crate::{
    console::use_console,
    focus,
    latest::use_latest,
    route::{Route, RouteLink},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SuggestionDetailProps {
    /// The suggestion the address names.
    pub id: AttrValue,
}

/// What the last action did, shown above the forms.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Saved(&'static str),
    Failed(String),
}

/// Back to the inbox, as a link so it can open in a tab of its own.
fn back() -> Html {
    html! {
        <RouteLink to={Route::Feedback} class="c-button c-ghost">{ "← Inbox" }</RouteLink>
    }
}

#[component]
pub fn SuggestionDetail(props: &SuggestionDetailProps) -> Html {
    let console = use_console();
    let detail = use_state(|| None::<Result<Rc<InboxDetail>, String>>);
    let outcome = use_state(|| None::<Outcome>);
    // The same page shows another suggestion when only the address's id changes: the answer
    // about the one shown before never replaces the one shown now.
    let latest = use_latest();
    {
        let (console, detail, outcome, latest) = (
            console.clone(),
            detail.clone(),
            outcome.clone(),
            latest.clone(),
        );
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            detail.set(None);
            outcome.set(None);
            let read = latest.start();
            spawn_local(async move {
                let answer = console.api.suggestion(&id).await;
                if !latest.is_newest(read) {
                    return;
                }
                if let Some(d) = console.settle(answer, |e| detail.set(Some(Err(e.message())))) {
                    detail.set(Some(Ok(Rc::new(d))));
                    // The inbox row that opened it is gone with the inbox.
                    focus::later_if_lost("c-detail-title");
                }
            });
        });
    }
    // Every change answers the whole suggestion: show it, and say how it went.
    let on_done = {
        let (detail, outcome) = (detail.clone(), outcome.clone());
        Callback::from(move |done: Done| {
            let shown = console.settle(done.result, |e| {
                outcome.set(Some(Outcome::Failed(e.message())));
            });
            if let Some(d) = shown {
                detail.set(Some(Ok(Rc::new(d))));
                outcome.set(Some(Outcome::Saved(done.said)));
            }
        })
    };
    let d = match &*detail {
        None => return html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(message)) => {
            return html! {
                <>
                    { back() }
                    <p class="c-error" role="alert">{ message }</p>
                </>
            };
        }
        Some(Ok(d)) => d.clone(),
    };
    let item = &d.item;
    html! {
        <article class="c-detail" aria-labelledby="c-detail-title">
            { back() }
            <h1 id="c-detail-title" class="c-title" tabindex="-1">
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
            <StatusPick id={props.id.clone()} status={item.status} on_done={on_done.clone()} />
            <AnswerForm key={props.id.to_string()} id={props.id.clone()} answered={item.answer.clone().map(AttrValue::from)} on_done={on_done.clone()} />
            <SuggestionNotes id={props.id.clone()} notes={Rc::new(d.notes.clone())} {on_done} />
        </article>
    }
}
