//! How a tenant's ticket bridge is doing: connected or not, when a delivery last went through,
//! how many wait and how many were given up on (with "Send again"), and the last error, so
//! an admin sees a broken helpdesk before a customer misses an answer.

use std::rc::Rc;

use panelcare_model::bridge::BridgeState;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::BridgeDone;
use crate::{console::use_console, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BridgeStatusProps {
    pub tenant: AttrValue,
    pub state: Rc<BridgeState>,
    pub on_done: Callback<BridgeDone>,
}

#[component]
pub fn BridgeStatus(props: &BridgeStatusProps) -> Html {
    let console = use_console();
    let busy = use_state(|| false);
    let retry = {
        let (console, tenant, busy, on_done) = (
            console.clone(),
            props.tenant.clone(),
            busy.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            let (console, tenant, busy, on_done) = (
                console.clone(),
                tenant.clone(),
                busy.clone(),
                on_done.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = console.api.retry_ticket_bridge(&tenant).await;
                busy.set(false);
                if let Some(s) = console.settle(result, |e| {
                    on_done.emit(BridgeDone::Failed(e.message()));
                }) {
                    on_done.emit(BridgeDone::Retried(s));
                }
            });
        })
    };
    let s = &*props.state;
    // With no bridge, what the outbox still holds was dropped when it was turned off: no news.
    if s.settings.is_none() {
        return html! {
            <p id="c-tb-status" class="c-bridge-status">
                <span class="c-badge">{ "Off" }</span>
                { " Tickets stay in panelcare; nothing is sent to a helpdesk." }
            </p>
        };
    }
    let delivered = match &s.last_delivered_at {
        Some(at) => format!(" — last delivery {}", text::when(at)),
        None => " — nothing delivered yet".to_owned(),
    };
    html! {
        <div class="c-bridge-status">
            <p id="c-tb-status">
                // Set up is not the same as working: deliveries failing since the last success
                // say so in the badge, not only in the error line below.
                if s.last_error.is_some() && (s.pending > 0 || s.failed > 0) {
                    <span class="c-badge c-status-warn">{ "Not reaching the helpdesk" }</span>
                } else if s.last_delivered_at.is_some() {
                    <span class="c-badge c-status-done">{ "Connected" }</span>
                } else {
                    // Saved, but nothing has gone through yet to show that it works.
                    <span class="c-badge">{ "Set up" }</span>
                }
                { delivered }
                if s.pending > 0 {
                    { " · " }<span class="c-tb-pending">{ format!("{} waiting", s.pending) }</span>
                }
                if s.failed > 0 {
                    { " · " }<span class="c-tb-failed c-danger">{ format!("{} given up", s.failed) }</span>
                }
            </p>
            if let Some(error) = &s.last_error {
                <p id="c-tb-error" class="c-warn">{ format!("Last error: {error}") }</p>
            }
            if s.pending > 0 && s.last_error.is_some() {
                <p class="c-hint">{ "Waiting deliveries are tried again, less and less often, for about half a day before they are given up on." }</p>
            }
            if s.failed > 0 {
                <div class="c-actions">
                    <button type="button" id="c-tb-retry" class="c-button c-ghost c-small" disabled={*busy}
                        onclick={retry} aria-describedby="c-tb-retry-hint">{ "Send again" }</button>
                    <p id="c-tb-retry-hint" class="c-hint">
                        { "Once the helpdesk can be reached again: the deliveries given up on go out again, in their order." }
                    </p>
                </div>
            }
        </div>
    }
}
