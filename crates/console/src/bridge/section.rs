//! The ticket bridge section: where a tenant's widget tickets are copied to (the WHMCS addon,
//! or another helpdesk that speaks the same signed calls), how the deliveries are doing, and
//! one message line that says what the last action did.

use std::rc::Rc;

use panelcare_model::{bridge::BridgeState, console::KeyInfo};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{BridgeForm, BridgeStatus};
use crate::{console::use_console, focus};

/// What the WHMCS addon receives deliveries at, for the admin to fill in.
pub const WHMCS_ADDRESS: &str = "https://<your WHMCS>/modules/addons/panelcare/bridge.php";

/// The element that says how an action went; focus goes there, so a keyboard or screen-reader
/// user hears it and is not left on a button that went away (Turn off, Send again).
const SAID_ID: &str = "c-tb-said";

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TicketBridgeProps {
    pub tenant: AttrValue,
}

/// How an action of the form or the status line ended, for the section to show.
#[derive(Debug, Clone, PartialEq)]
pub enum BridgeDone {
    Saved(BridgeState),
    TurnedOff,
    Retried(BridgeState),
    /// Something no field can show: the server's message.
    Failed(String),
}

#[component]
pub fn TicketBridge(props: &TicketBridgeProps) -> Html {
    let console = use_console();
    let loaded = use_state(|| None::<Result<(Rc<BridgeState>, Rc<Vec<KeyInfo>>), String>>);
    let said = use_state(|| None::<(bool, String)>);
    {
        let (console, loaded, said) = (console.clone(), loaded.clone(), said.clone());
        use_effect_with(props.tenant.clone(), move |tenant| {
            let tenant = tenant.clone();
            loaded.set(None);
            said.set(None);
            spawn_local(async move {
                // The keys are needed to offer a choice; without them the form cannot be used.
                let api = &console.api;
                let both = match api.ticket_bridge(&tenant).await {
                    Ok(state) => api.keys(&tenant).await.map(|keys| (state, keys)),
                    Err(e) => Err(e),
                };
                if let Some((state, keys)) =
                    console.settle(both, |e| loaded.set(Some(Err(e.message()))))
                {
                    loaded.set(Some(Ok((Rc::new(state), Rc::new(keys)))));
                }
            });
        });
    }
    let (state, keys) = match &*loaded {
        None => return html! { <p class="c-muted">{ "Loading the ticket bridge…" }</p> },
        Some(Err(m)) => return html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok((state, keys))) => (state.clone(), keys.clone()),
    };
    let on_done = {
        let (loaded, said, keys) = (loaded.clone(), said.clone(), keys.clone());
        let prior = state.clone();
        Callback::from(move |done: BridgeDone| {
            let (next, message) = match done {
                BridgeDone::Saved(s) => {
                    let url = s.settings.as_ref().map(|b| b.url.clone()).unwrap_or_default();
                    let text = format!("Ticket bridge saved. From now on, tickets and replies go to {url}.");
                    (Some(s), (true, text))
                }
                BridgeDone::TurnedOff => (
                    // The server drops what was waiting; nothing is connected any more.
                    Some(BridgeState::default()),
                    (true, "Ticket bridge turned off. Tickets stay in panelcare only, and answers written in the helpdesk no longer reach customers.".to_owned()),
                ),
                BridgeDone::Retried(s) => {
                    let n = prior.failed;
                    let what = if n == 1 { "delivery" } else { "deliveries" };
                    let text = format!(
                        "Sending the {n} {what} given up on again, in their order; they go out within seconds."
                    );
                    (Some(s), (true, text))
                }
                BridgeDone::Failed(m) => (None, (false, m)),
            };
            if let Some(s) = next {
                loaded.set(Some(Ok((Rc::new(s), keys.clone()))));
            }
            said.set(Some(message));
            focus::later(SAID_ID);
        })
    };
    html! {
        <div class="c-bridge">
            <p class="c-hint">
                { "Tickets opened in the widget are copied into WHMCS as tickets, and answers written in WHMCS come back to the customer's widget. Internal notes are never sent." }
            </p>
            <p class="c-hint">
                { "In WHMCS, activate the panelcare addon, then paste its address here: " }
                <code>{ WHMCS_ADDRESS }</code>
                { ". For another helpdesk, give the address that receives panelcare's signed deliveries." }
            </p>
            <BridgeForm tenant={props.tenant.clone()} keys={keys}
                settings={state.settings.clone()} pending={state.pending} on_done={on_done.clone()} />
            <BridgeStatus tenant={props.tenant.clone()} state={state} {on_done} />
            // Always there, so assistive technology is listening before anything is said.
            <div class="c-bridge-said" aria-live="polite">
                if let Some((ok, text)) = &*said {
                    <p id={SAID_ID} tabindex="-1" class={if *ok { "c-ok" } else { "c-error" }}
                        role={if *ok { "status" } else { "alert" }}>{ text }</p>
                }
            </div>
        </div>
    }
}
