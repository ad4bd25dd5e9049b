//! The customer's own messages: those waiting to be sent first, then what the server has,
//! newest first.

use std::rc::Rc;

use panelcare_model::Feedback;
use yew::prelude::*;

use super::{item::feedback_item, pending_item::pending_item, state::Load};
use crate::{i18n::use_i18n, storage::Pending};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct HistoryProps {
    pub items: Rc<Vec<Feedback>>,
    pub pending: Rc<Vec<Pending>>,
    /// Key of the pending item on the wire right now.
    pub sending: Option<AttrValue>,
    pub load: Load,
    pub on_retry_load: Callback<()>,
    pub on_send_now: Callback<()>,
    /// Whether all stored messages are listed, not only the newest few.
    pub expanded: bool,
    pub on_show_all: Callback<()>,
}

/// How many stored messages are listed before "Show all".
const SHOWN_FIRST: usize = 5;

#[component]
pub fn History(props: &HistoryProps) -> Html {
    let i18n = use_i18n();
    let t = i18n.t;
    let total = props.items.len() + props.pending.len();
    // A panel's side card is narrow: the newest few first, the rest on request.
    let expanded = use_state(|| false);
    let shown = if *expanded {
        props.items.len()
    } else {
        SHOWN_FIRST.min(props.items.len())
    };
    let show_all = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(true))
    };
    let retry = {
        let cb = props.on_retry_load.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let status = match props.load {
        Load::Loading if props.items.is_empty() => html! { <p class="pc-muted">{ t.loading }</p> },
        Load::Failed => html! {
            <p class="pc-alert">
                { t.history_failed }{ " " }
                <button type="button" class="pc-link" onclick={retry}>{ t.retry }</button>
            </p>
        },
        Load::Loaded if total == 0 => html! { <p class="pc-muted">{ t.history_empty }</p> },
        _ => html! {},
    };
    html! {
        <section class="pc-history" aria-labelledby="pc-history-title">
            <h3 id="pc-history-title" class="pc-subtitle">
                { t.history_title }
                if total > 0 {
                    <span class="pc-count">{ i18n.plural(&t.history_count, total as u64) }</span>
                }
            </h3>
            { status }
            if total > 0 {
                <ul class="pc-list">
                    { for props.pending.iter().rev().map(|p| {
                        let sending = props.sending.as_deref() == Some(p.key.as_str());
                        pending_item(i18n, p, sending, &props.on_send_now)
                    }) }
                    { for props.items.iter().take(shown).map(|f| feedback_item(i18n, f)) }
                </ul>
            }
            if shown < props.items.len() {
                <button type="button" class="pc-button pc-secondary" onclick={show_all}>
                    { i18n.plural(&t.show_all, props.items.len() as u64) }
                </button>
            }
        </section>
    }
}
