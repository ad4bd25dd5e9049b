//! The audit log: who changed a status, answered, or changed branding, accounts, keys or
//! origins, and when — newest first.

use std::rc::Rc;

use panelcare_model::console::AuditEntry;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{console::use_console, text};

/// What an action means, for people.
fn action(a: &str) -> &str {
    match a {
        "feedback.status" => "Status changed",
        "feedback.answer" => "Answered",
        "branding.update" => "Branding changed",
        "agent.create" => "Account added",
        "agent.remove" => "Account removed",
        "key.add" => "Key added",
        "key.remove" => "Key removed",
        "origins.update" => "Origins changed",
        "second_factor.enable" => "Second factor turned on",
        "second_factor.disable" => "Second factor turned off",
        "second_factor.reset" => "Second factor reset by an admin",
        "second_factor.require" => "Second factor requirement changed",
        "second_factor.recovery_code_used" => "Signed in with a recovery code",
        other => other,
    }
}

#[component]
pub fn AuditView() -> Html {
    let console = use_console();
    let entries = use_state(|| None::<Result<Rc<Vec<AuditEntry>>, String>>);
    {
        let entries = entries.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let result = console.api.audit().await;
                if let Some(list) = console.settle(result, |e| entries.set(Some(Err(e.message()))))
                {
                    entries.set(Some(Ok(Rc::new(list))));
                }
            });
        });
    }
    let body = match &*entries {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="c-muted">{ "Nothing has been changed yet." }</p> }
        }
        Some(Ok(list)) => html! {
            <table class="c-table">
                <thead><tr><th scope="col">{ "When" }</th><th scope="col">{ "Who" }</th><th scope="col">{ "Tenant" }</th><th scope="col">{ "What" }</th><th scope="col">{ "Detail" }</th></tr></thead>
                <tbody>
                    { for list.iter().map(|e| html! {
                        <tr key={e.id.to_string()}>
                            <td>{ text::when(&e.created_at) }</td>
                            <td>{ e.agent_name.clone().unwrap_or_default() }</td>
                            <td>{ &e.tenant_id }</td>
                            <td>{ action(&e.action) }</td>
                            <td class="c-detail-cell">{ e.detail.clone().filter(|d| !d.is_empty()).or_else(|| e.subject.clone()).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <section aria-labelledby="c-audit-title">
            <h1 id="c-audit-title" class="c-title">{ "Audit log" }</h1>
            { body }
        </section>
    }
}
