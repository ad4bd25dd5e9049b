//! A message the server has not accepted yet: shown so the customer knows it is not lost.

use panelcare_model::FeedbackCategory;
use yew::prelude::*;

use crate::{i18n::use_i18n, storage::Pending};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PendingItemProps {
    pub item: Pending,
    pub sending: bool,
    pub on_send_now: Callback<()>,
}

#[component]
pub fn PendingItem(props: &PendingItemProps) -> Html {
    let t = use_i18n().t;
    let body = &props.item.body;
    let send_now = {
        let cb = props.on_send_now.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <li class="pc-item pc-pending" data-pending-key={props.item.key.clone()}>
            <div class="pc-item-meta">
                if let Some(c) = FeedbackCategory::parse(&body.category) {
                    <span class="pc-tag">{ t.category(c) }</span>
                }
                <span class="pc-badge pc-status-pending">
                    { if props.sending { t.sending_badge } else { t.pending_badge } }
                </span>
            </div>
            <p class="pc-message">{ &body.message }</p>
            if !props.sending && props.item.attempts > 0 {
                <p class="pc-hint">
                    { t.pending_note }{ " " }
                    <button type="button" class="pc-link" onclick={send_now}>{ t.send_now }</button>
                </p>
            }
        </li>
    }
}
