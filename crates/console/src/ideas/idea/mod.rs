//! One idea at its own address: publish or hide it, set its status with a public answer,
//! edit its title and text, and merge it into another idea of its tenant. The forms say what
//! they want ([`Ask`]); this screen sends it, shows the idea the server answers, says how it
//! went, and puts the server's messages at their fields.

mod edit;
mod merge;
mod run;
mod state;
mod status;
mod visibility;

use panelcare_model::ideas::{IdeaChange, IdeaVisibility, QueuedIdea};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::text;
use crate::{
    api::ApiError,
    console::use_console,
    latest::use_latest,
    route::{Route, RouteLink},
};
use edit::IdeaEdit;
use merge::IdeaMergeForm;
use state::{Action, IdeaState, Shown};
use status::IdeaStatusForm;
use visibility::IdeaVisibilityActions;

/// What a form asks of the idea.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// A change, and what to say once it is saved.
    Change(IdeaChange, &'static str),
    /// Merge into `into` (titled `title`), which had `votes` before.
    Merge {
        into: String,
        title: String,
        votes: i64,
    },
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct IdeaDetailProps {
    /// The idea the address names.
    pub id: AttrValue,
}

fn is_not_found(e: &ApiError) -> bool {
    matches!(e, ApiError::Refused { status: 404, .. })
}

/// An idea that is not there, or not of a tenant the agent works for.
fn not_found() -> Html {
    html! {
        <section class="c-card">
            <h1 class="c-title">{ "Idea not found" }</h1>
            <p>{ "No idea of the tenants you work for has this address. It may have been erased with its author's data." }</p>
            <p><RouteLink to={Route::Ideas} class="c-link">{ "Go to the ideas" }</RouteLink></p>
        </section>
    }
}

/// Who, where, when, and what the idea weighs.
fn meta(i: &QueuedIdea) -> Html {
    let author = i.author_name.clone().unwrap_or_else(|| "No name".into());
    html! {
        <p class="c-row-meta">
            <span class={format!("c-badge c-idea-{}", i.visibility.as_str())}>{ text::visibility(i.visibility) }</span>
            <span class={format!("c-badge c-status-{}", i.status.as_str())}>{ text::status(i.status) }</span>
            <span class="c-tenant">{ &i.tenant_name }</span>
            <span>{ format!("{author} · {}", crate::text::when(&i.created_at)) }</span>
            <span>{ format!("{} · voters pay {}", text::votes(i.votes), text::revenue(i)) }</span>
            if i.deflections > 0 {
                <span>{ format!("{} chose it instead of writing their own", i.deflections) }</span>
            }
        </p>
    }
}

#[component]
pub fn IdeaDetail(props: &IdeaDetailProps) -> Html {
    let console = use_console();
    let state = use_reducer(IdeaState::default);
    // Only the newest read of the address's idea is shown (back and forward between ideas).
    let latest = use_latest();
    {
        let (console, state, latest) = (console.clone(), state.clone(), latest.clone());
        use_effect_with(props.id.clone(), move |id| {
            state.dispatch(Action::Open);
            let (id, read) = (id.clone(), latest.start());
            spawn_local(async move {
                let answer = console.api.idea(&id).await;
                if !latest.is_newest(read) {
                    return;
                }
                match answer {
                    Ok(idea) => {
                        state.dispatch(Action::Loaded(idea));
                        // The queue's link that opened it is gone with the queue.
                        crate::focus::later_if_lost("c-idea-heading");
                    }
                    Err(e) if is_not_found(&e) => state.dispatch(Action::NotFound),
                    Err(e) => {
                        if let Some(e) = console.failed(e) {
                            state.dispatch(Action::Failed(e.message()));
                        }
                    }
                }
            });
        });
    }
    let on_ask = run::asker(console, state.clone(), latest, props.id.clone());
    let back = html! { <RouteLink to={Route::Ideas} class="c-link">{ "← Ideas" }</RouteLink> };
    let idea = match &state.idea {
        Shown::Loading => return html! { <p class="c-muted">{ "Loading…" }</p> },
        Shown::NotFound => return not_found(),
        Shown::Failed(m) => return html! { <>{ back }<p class="c-error" role="alert">{ m }</p></> },
        Shown::Loaded(i) => i.clone(),
    };
    let (busy, errors) = (state.busy, state.errors.clone());
    let key = idea.id.clone();
    html! {
        <article class="c-detail c-idea" aria-labelledby="c-idea-heading">
            { back }
            <h1 id="c-idea-heading" class="c-title" tabindex="-1">{ &idea.title }</h1>
            { meta(&idea) }
            if let Some(suggestion) = &idea.feedback_id {
                <p class="c-muted">
                    <RouteLink to={Route::Suggestion { id: suggestion.clone() }} class="c-link">{ "The suggestion it came from" }</RouteLink>
                    { " (private to its author: only agents see it)" }
                </p>
            }
            // Always there, so that what an action did is read out when it is said.
            <div class="c-live" role="status" id="c-idea-said" tabindex="-1">
                if let Some((ok, m)) = &state.said {
                    <p class={if *ok { "c-ok" } else { "c-error" }}>{ m }</p>
                }
            </div>
            if let (IdeaVisibility::Merged, Some(into)) = (idea.visibility, &idea.merged_into) {
                <p class="c-card">
                    { "This idea was merged: its votes are on " }
                    <RouteLink to={Route::Idea { id: into.clone() }} class="c-link">{ "the idea it was merged into" }</RouteLink>
                    { ". Change that one instead." }
                </p>
                <blockquote class="c-card c-message">{ &idea.body }</blockquote>
            } else {
                <IdeaVisibilityActions idea={idea.clone()} {busy} on_ask={on_ask.clone()} />
                <IdeaStatusForm key={format!("s-{key}")} idea={idea.clone()} {busy} errors={errors.clone()} on_ask={on_ask.clone()} />
                <IdeaEdit key={format!("e-{key}")} idea={idea.clone()} {busy} errors={errors.clone()} on_ask={on_ask.clone()} />
                <IdeaMergeForm key={format!("m-{key}")} idea={idea.clone()} {busy} {errors} {on_ask} />
            }
        </article>
    }
}
