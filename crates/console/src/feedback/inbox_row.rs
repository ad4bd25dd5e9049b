//! One suggestion in the inbox: a link to it (a middle click opens it in a new tab) that
//! shows its rating, status, category, who sent it and when, and the start of the message.

use std::rc::Rc;

use panelcare_model::console::InboxItem;
use yew::prelude::*;

use crate::{
    route::{Route, RouteLink},
    text,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InboxRowProps {
    pub item: Rc<InboxItem>,
    /// Whose tenant it is matters when the agent sees several.
    pub provider: bool,
}

#[component]
pub fn InboxRow(props: &InboxRowProps) -> Html {
    let i = &props.item;
    let who = i
        .account_name
        .clone()
        .unwrap_or_else(|| i.account_id.clone());
    html! {
        <li class={if i.low_rating { "c-row c-low" } else { "c-row" }}>
            <RouteLink to={Route::Suggestion { id: i.id.clone() }} class="c-row-button">
                <span class="c-row-meta">
                    if i.low_rating {
                        <span class="c-flag">{ format!("Low rating: {} ★", i.rating.unwrap_or(0)) }</span>
                    }
                    <span class={format!("c-badge c-status-{}", i.status.as_str())}>{ text::status(i.status) }</span>
                    <span class="c-tag">{ text::category(i.category) }</span>
                    if props.provider {
                        <span class="c-tenant">{ &i.tenant_name }</span>
                    }
                    <span class="c-who">{ who }</span>
                    <span class="c-when">{ text::when(&i.created_at) }</span>
                </span>
                <span class="c-row-message">{ &i.message }</span>
                <span class="c-row-foot">
                    { if i.answer.is_some() { "Answered" } else { "Not answered yet" } }
                    if i.note_count > 0 {
                        { format!(" · {} internal note{}", i.note_count, if i.note_count == 1 { "" } else { "s" }) }
                    }
                </span>
            </RouteLink>
        </li>
    }
}
