//! Publishing an idea (customers see it and vote) or hiding it (off the board, kept for the
//! agents); a waiting idea is either.

use std::rc::Rc;

use panelcare_model::ideas::{IdeaChange, IdeaVisibility, QueuedIdea};
use yew::prelude::*;

use super::Ask;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct VisibilityProps {
    pub idea: Rc<QueuedIdea>,
    pub busy: bool,
    pub on_ask: Callback<Ask>,
}

fn to(visibility: IdeaVisibility, said: &'static str) -> Ask {
    Ask::Change(
        IdeaChange {
            visibility: Some(visibility.as_str().into()),
            ..IdeaChange::default()
        },
        said,
    )
}

#[component]
pub fn IdeaVisibilityActions(props: &VisibilityProps) -> Html {
    let v = props.idea.visibility;
    let publish = props.on_ask.reform(|_: MouseEvent| {
        to(
            IdeaVisibility::Published,
            "Published: the tenant's customers see it on the board and can vote for it.",
        )
    });
    let hide = props.on_ask.reform(|_: MouseEvent| {
        to(
            IdeaVisibility::Hidden,
            "Hidden: it is off the board; its votes are kept, and publishing it brings it back.",
        )
    });
    let hint = match v {
        IdeaVisibility::Pending => "Waiting for you: customers see it only once it is published.",
        IdeaVisibility::Published => "On the board: the tenant's customers see it and vote.",
        _ => "Hidden: only agents see it.",
    };
    html! {
        <section class="c-card c-section" aria-labelledby="c-idea-vis-title">
            <h2 id="c-idea-vis-title">{ "On the board" }</h2>
            <p class="c-hint">{ hint }</p>
            <p class="c-actions">
                if v != IdeaVisibility::Published {
                    <button id="c-idea-publish" type="button" class="c-button" disabled={props.busy} onclick={publish}>{ "Publish" }</button>
                }
                if v != IdeaVisibility::Hidden {
                    <button id="c-idea-hide" type="button" class="c-button c-ghost" disabled={props.busy} onclick={hide}>{ "Hide" }</button>
                }
            </p>
        </section>
    }
}
