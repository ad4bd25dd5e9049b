//! "Send a test" under the notification settings: the server queues one e-mail to each saved
//! address and one signed `ticket.test` webhook delivery, and this says what was queued, so an
//! admin can check the SMTP and webhook set-up without waiting for a real ticket.

use panelcare_model::notify::{TEST_EVENT, TestQueued};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NotifyTestProps {
    pub tenant: AttrValue,
    /// The form has changes that are not saved; a test goes to the saved settings only.
    pub unsaved: bool,
}

/// What the answer says was queued, in a sentence.
fn queued_text(q: &TestQueued) -> String {
    let mut parts = Vec::new();
    if !q.emails.is_empty() {
        parts.push(format!("an e-mail to {}", q.emails.join(", ")));
    }
    if !q.webhook_url.is_empty() {
        parts.push(format!(
            "a signed {TEST_EVENT} delivery to {}",
            q.webhook_url
        ));
    }
    format!(
        "Test queued: {}. It goes out within seconds; if nothing arrives, check this server's SMTP set-up (--smtp-url) or your webhook receiver.",
        parts.join(" and ")
    )
}

#[component]
pub fn NotifyTest(props: &NotifyTestProps) -> Html {
    let console = use_console();
    let outcome = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let onclick = {
        let (console, tenant, unsaved, outcome, busy) = (
            console.clone(),
            props.tenant.clone(),
            props.unsaved,
            outcome.clone(),
            busy.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            if unsaved {
                outcome.set(Some((
                    false,
                    "Save your changes first: a test goes to the saved addresses and webhook."
                        .into(),
                )));
                return;
            }
            let (console, tenant, outcome, busy) = (
                console.clone(),
                tenant.clone(),
                outcome.clone(),
                busy.clone(),
            );
            busy.set(true);
            outcome.set(None);
            spawn_local(async move {
                let result = console.api.send_test_notification(&tenant).await;
                busy.set(false);
                if let Some(q) = console.settle(result, |e| outcome.set(Some((false, e.message()))))
                {
                    outcome.set(Some((true, queued_text(&q))));
                }
            });
        })
    };
    html! {
        <div class="c-notify-test">
            <button type="button" class="c-button c-ghost" disabled={*busy} {onclick}
                aria-describedby="c-nt-test-hint">{ "Send a test" }</button>
            <p id="c-nt-test-hint" class="c-hint">
                { "One e-mail to each saved address and one signed webhook delivery (event " }
                <code>{ TEST_EVENT }</code>{ "), through the same queue as real notifications." }
            </p>
            if let Some((ok, text)) = &*outcome {
                <p class={if *ok { "c-ok c-test-queued" } else { "c-error c-test-queued" }}
                    role={if *ok { "status" } else { "alert" }}>{ text }</p>
            }
        </div>
    }
}
