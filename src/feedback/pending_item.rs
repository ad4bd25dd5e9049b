//! A message the server has not accepted yet: shown so the customer knows it is not lost.

use panelcare_model::FeedbackCategory;
use yew::prelude::*;

use crate::{i18n::I18n, storage::Pending};

/// `sending`: this one is on the wire right now.
pub fn pending_item(i18n: I18n, item: &Pending, sending: bool, on_send_now: &Callback<()>) -> Html {
    let t = i18n.t;
    let body = &item.body;
    let send_now = on_send_now.reform(|_: MouseEvent| ());
    html! {
        <li class="pc-item pc-pending" key={item.key.clone()} data-pending-key={item.key.clone()}>
            <div class="pc-item-meta">
                if let Some(c) = FeedbackCategory::parse(&body.category) {
                    <span class="pc-tag">{ t.category(c) }</span>
                }
                <span class="pc-badge pc-status-pending">
                    { if sending { t.sending_badge } else { t.pending_badge } }
                </span>
            </div>
            <p class="pc-message">{ &body.message }</p>
            if !sending && item.attempts > 0 {
                <p class="pc-hint">
                    { t.pending_note }{ " " }
                    <button type="button" class="pc-link" onclick={send_now}>{ t.send_now }</button>
                </p>
            }
        </li>
    }
}
