//! "Turn off" for a ticket bridge, after the admin confirms: waiting deliveries are dropped
//! and the helpdesk's answers stop reaching customers, so it is asked first.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::BridgeDone;
use crate::{console::use_console, focus};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct BridgeOffProps {
    pub tenant: AttrValue,
    /// Deliveries waiting, which are dropped.
    pub pending: u32,
    pub on_done: Callback<BridgeDone>,
}

fn question(pending: u32) -> String {
    let dropped = match pending {
        0 => String::new(),
        1 => " The 1 delivery still waiting is dropped.".to_owned(),
        n => format!(" The {n} deliveries still waiting are dropped."),
    };
    format!(
        "Turn off the ticket bridge? New tickets and replies stop going to the helpdesk, and answers written there no longer reach the customer's widget.{dropped} Tickets already copied stay in the helpdesk."
    )
}

#[component]
pub fn BridgeOff(props: &BridgeOffProps) -> Html {
    let console = use_console();
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let ask = |on: bool| {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            asking.set(on);
            // Into the question on the safe answer; back to the button that asked.
            focus::later(if on { "c-tb-keep" } else { "c-tb-off" });
        })
    };
    let turn_off = {
        let (console, tenant, asking, busy, on_done) = (
            console.clone(),
            props.tenant.clone(),
            asking.clone(),
            busy.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            let (console, tenant, asking, busy, on_done) = (
                console.clone(),
                tenant.clone(),
                asking.clone(),
                busy.clone(),
                on_done.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = console.api.remove_ticket_bridge(&tenant).await;
                busy.set(false);
                asking.set(false);
                if console
                    .settle(result, |e| on_done.emit(BridgeDone::Failed(e.message())))
                    .is_some()
                {
                    on_done.emit(BridgeDone::TurnedOff);
                }
            });
        })
    };
    if !*asking {
        return html! {
            <button type="button" id="c-tb-off" class="c-button c-ghost c-danger" onclick={ask(true)}>
                { "Turn off" }
            </button>
        };
    }
    html! {
        <div class="c-confirm" role="group" aria-labelledby="c-tb-off-question">
            <p id="c-tb-off-question">{ question(props.pending) }</p>
            <div class="c-actions">
                <button type="button" class="c-button c-danger-solid" disabled={*busy} onclick={turn_off}>{ "Yes, turn it off" }</button>
                <button type="button" id="c-tb-keep" class="c-button c-ghost" onclick={ask(false)}>{ "Keep it on" }</button>
            </div>
        </div>
    }
}
