//! One idea in the moderation queue: a link to it that shows whether it waits, its status,
//! votes, what its voters pay a month, its tenant, author and age, and its title.

use std::rc::Rc;

use panelcare_model::ideas::{IdeaVisibility, QueuedIdea};
use yew::prelude::*;

use crate::{
    ideas::text,
    route::{Route, RouteLink},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct IdeaRowProps {
    pub idea: Rc<QueuedIdea>,
    /// Whose tenant it is matters when the agent sees several.
    pub tenants: bool,
}

#[component]
pub fn IdeaRow(props: &IdeaRowProps) -> Html {
    let i = &props.idea;
    let waiting = i.visibility == IdeaVisibility::Pending;
    html! {
        <li class={if waiting { "c-row c-idea-row c-waiting" } else { "c-row c-idea-row" }}>
            <RouteLink to={Route::Idea { id: i.id.clone() }} class="c-row-button">
                <span class="c-row-meta">
                    if waiting {
                        <span class="c-badge c-idea-pending">{ "Waiting to be published" }</span>
                    } else if i.visibility != IdeaVisibility::Published {
                        <span class={format!("c-badge c-idea-{}", i.visibility.as_str())}>{ text::visibility(i.visibility) }</span>
                    }
                    <span class={format!("c-badge c-status-{}", i.status.as_str())}>{ text::status(i.status) }</span>
                    <span class="c-idea-votes">{ text::votes(i.votes) }</span>
                    <span class="c-idea-revenue">{ format!("voters pay {}", text::revenue(i)) }</span>
                    if props.tenants {
                        <span class="c-tenant">{ &i.tenant_name }</span>
                    }
                    <span class="c-who">{ i.author_name.clone().unwrap_or_else(|| "No name".into()) }</span>
                    <span class="c-when">{ crate::text::when(&i.created_at) }</span>
                </span>
                <span class="c-row-message c-idea-title">{ &i.title }</span>
                <span class="c-row-foot">
                    { if i.answer.is_some() { "Answered publicly" } else { "No public answer yet" } }
                    if i.deflections > 0 {
                        { format!(" · {} chose it instead of writing their own", i.deflections) }
                    }
                </span>
            </RouteLink>
        </li>
    }
}
