//! Merging a duplicate into another idea of the same tenant: choose it from the tenant's
//! other ideas, confirm, and the votes move there (a customer who voted for both counts
//! once) while this idea's voters are told.

use std::rc::Rc;

use panelcare_model::{
    FieldError,
    ideas::{IdeaVisibility, QueuedIdea},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{Ask, text};
use crate::{
    console::use_console,
    focus,
    form::{self, described_by, field},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct MergeProps {
    pub idea: Rc<QueuedIdea>,
    pub busy: bool,
    pub errors: Rc<Vec<FieldError>>,
    pub on_ask: Callback<Ask>,
}

/// How a candidate reads in the list: its title, votes, and where it is.
fn label(i: &QueuedIdea) -> String {
    let place = match i.visibility {
        IdeaVisibility::Published => text::status(i.status),
        v => text::visibility(v),
    };
    format!("{} — {}, {}", i.title, text::votes(i.votes), place)
}

#[component]
pub fn IdeaMergeForm(props: &MergeProps) -> Html {
    let console = use_console();
    // The tenant's other ideas still open to merging into; `Err` when they could not be read.
    let others = use_state(|| None::<Result<Rc<Vec<QueuedIdea>>, String>>);
    let into = use_state(String::new);
    let confirming = use_state(|| false);
    {
        let (others, idea) = (others.clone(), props.idea.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let query = crate::api::query_string(&[("tenant", &idea.tenant_id)]);
                let answer = console.api.ideas(&query).await;
                if let Some(queue) = console.settle(answer, |e| others.set(Some(Err(e.message()))))
                {
                    let open = queue
                        .items
                        .into_iter()
                        .filter(|i| i.id != idea.id && i.visibility != IdeaVisibility::Merged);
                    others.set(Some(Ok(Rc::new(open.collect()))));
                }
            });
        });
    }
    {
        // A refusal shows at the choice, which the confirmation had replaced.
        let confirming = confirming.clone();
        use_effect_with(props.errors.clone(), move |_| confirming.set(false));
    }
    let list = match &*others {
        None => return html! { <p class="c-muted">{ "Loading the tenant's other ideas…" }</p> },
        Some(Err(m)) => {
            return html! { <p class="c-error">{ format!("The ideas to merge into could not be read: {m}") }</p> };
        }
        Some(Ok(list)) => list.clone(),
    };
    let chosen = list.iter().find(|i| i.id == *into).cloned();
    let on_choose = {
        let into = into.clone();
        Callback::from(move |e: Event| into.set(form::select_value(&e)))
    };
    let on_ask_first = {
        let confirming = confirming.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            confirming.set(true);
            focus::later("c-idea-merge-yes");
        })
    };
    let on_cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            focus::later("c-idea-f-into");
        })
    };
    let error = form::message(&props.errors, "into");
    let heading = html! { <h2 id="c-idea-merge-title">{ "Merge a duplicate" }</h2> };
    if list.is_empty() {
        return html! {
            <section class="c-card c-section" aria-labelledby="c-idea-merge-title">
                { heading }
                <p class="c-muted">{ format!("{} has no other idea to merge this one into.", props.idea.tenant_name) }</p>
            </section>
        };
    }
    let confirm = match (chosen, *confirming) {
        (Some(target), true) => {
            let question = format!(
                "Merge “{}” into “{}”? Its {} move there (a customer who voted for both counts \
                 once), its voters are told where their vote went, and this idea leaves the \
                 board. A merge cannot be undone.",
                props.idea.title,
                target.title,
                text::votes(props.idea.votes)
            );
            let on_yes = props.on_ask.reform(move |_: MouseEvent| Ask::Merge {
                into: target.id.clone(),
                title: target.title.clone(),
                votes: target.votes,
            });
            html! {
                <div class="c-confirm" role="group" aria-label="Confirm the merge">
                    <p>{ question }</p>
                    <div class="c-actions">
                        <button id="c-idea-merge-yes" type="button" class="c-button c-danger-solid" disabled={props.busy} onclick={on_yes}>{ "Yes, merge" }</button>
                        <button type="button" class="c-button c-ghost" onclick={on_cancel}>{ "Cancel" }</button>
                    </div>
                </div>
            }
        }
        _ => html! {},
    };
    html! {
        <section class="c-card c-section" aria-labelledby="c-idea-merge-title">
            { heading }
            if *confirming {
                { confirm }
            } else {
                <form class="c-form" onsubmit={on_ask_first} novalidate=true>
                    { field("c-idea-f-into", "Duplicate of", html! {
                        <select id="c-idea-f-into" onchange={on_choose}
                            aria-invalid={error.map(|_| "true")} aria-describedby={described_by("c-idea-f-into", true, error.is_some())}>
                            <option value="" selected={into.is_empty()}>{ "Choose the idea to keep…" }</option>
                            { for list.iter().map(|i| html! { <option value={i.id.clone()} selected={*into == i.id}>{ label(i) }</option> }) }
                        </select>
                    }, Some(&format!("Another idea of {}; this one's votes move to it.", props.idea.tenant_name)), error) }
                    <button type="submit" class="c-button c-ghost" disabled={props.busy || into.is_empty()}>{ "Merge…" }</button>
                </form>
            }
        </section>
    }
}
