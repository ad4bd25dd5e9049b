//! One customer account's data: download its export (fetched first, so a refusal is shown,
//! not saved), or erase it after typing its id again.

use panelcare_model::data_rights::Erased;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::api::{export, save_as};
use crate::{console::use_console, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CustomerDataProps {
    pub tenant: AttrValue,
}

/// `n` and the noun, singular for one.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(e: &Erased) -> String {
    if e.is_empty() {
        "Nothing was left to erase for this account.".into()
    } else {
        format!(
            "Erased: {} feedback, {} ({}), {}, {}, {}, {}, {}, {}.",
            e.feedback,
            counted(e.tickets, "ticket", "tickets"),
            counted(e.messages, "message", "messages"),
            counted(e.attachments, "file", "files"),
            counted(e.offer_events, "offer event", "offer events"),
            counted(e.usage_days, "usage day", "usage days"),
            counted(e.kb_votes, "article vote", "article votes"),
            counted(e.ideas, "idea", "ideas"),
            counted(e.idea_votes, "idea vote", "idea votes"),
        )
    }
}

#[component]
pub fn CustomerData(props: &CustomerDataProps) -> Html {
    let console = use_console();
    let account = use_state(String::new);
    let confirm = use_state(String::new);
    // The outcome of the last erase: (succeeded, what to say).
    let said = use_state(|| None::<(bool, String)>);
    let busy = use_state(|| false);
    let on_account = {
        let (account, confirm, said) = (account.clone(), confirm.clone(), said.clone());
        Callback::from(move |e: InputEvent| {
            account.set(form::input_value(&e).trim().to_owned());
            confirm.set(String::new());
            said.set(None);
        })
    };
    let on_confirm = {
        let confirm = confirm.clone();
        Callback::from(move |e: InputEvent| confirm.set(form::input_value(&e)))
    };
    let on_erase = {
        let (console, tenant) = (console.clone(), props.tenant.clone());
        let (account, confirm, said, busy) =
            (account.clone(), confirm.clone(), said.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            busy.set(true);
            let (console, tenant, said, busy) =
                (console.clone(), tenant.clone(), said.clone(), busy.clone());
            let (account, typed) = ((*account).clone(), (*confirm).clone());
            spawn_local(async move {
                let result = console.api.erase_customer(&tenant, &account, &typed).await;
                if let Some(erased) =
                    console.settle(result, |e| said.set(Some((false, e.message()))))
                {
                    said.set(Some((true, summary(&erased))));
                }
                busy.set(false);
            });
        })
    };
    let on_export = {
        let (console, tenant) = (console.clone(), props.tenant.clone());
        let (account, said, busy) = (account.clone(), said.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            let (console, tenant, said, busy) =
                (console.clone(), tenant.clone(), said.clone(), busy.clone());
            let account = (*account).clone();
            spawn_local(async move {
                // Fetched first, so a refusal is said here instead of saved as the export.
                let result = export(&tenant, &account).await;
                if let Some(text) = console.settle(result, |e| said.set(Some((false, e.message()))))
                {
                    let name = format!("customer-{tenant}-{account}.json");
                    let saved = save_as(&name, &text).is_some();
                    said.set(Some(if saved {
                        (true, format!("Exported as {name}."))
                    } else {
                        (false, "The browser did not take the download.".into())
                    }));
                }
                busy.set(false);
            });
        })
    };
    let chosen = !account.is_empty();
    let confirmed = chosen && *confirm == *account;
    html! {
        <div class="c-card c-form">
            <h2 class="c-subtitle">{ "One customer" }</h2>
            { form::field(
                "c-dr-account",
                "Account id",
                html! { <input id="c-dr-account" type="text" autocomplete="off" value={(*account).clone()} oninput={on_account} aria-describedby="c-dr-account-hint" /> },
                Some("As the host signs it in the widget's token (the panel's user name, the billing client id…)."),
                None,
            ) }
            if chosen {
                <p>
                    <button type="button" class="c-button" id="c-dr-export" onclick={on_export} disabled={*busy}>{ "Export (JSON)" }</button>
                </p>
                <form onsubmit={on_erase}>
                    <p class="c-muted">{ "Erasing deletes this customer's files and replaces their texts, names and e-mail addresses; counts, ratings and SLA times stay, tied to nobody. It cannot be undone." }</p>
                    { form::field(
                        "c-dr-confirm",
                        "Type the account id to confirm",
                        html! { <input id="c-dr-confirm" type="text" autocomplete="off" value={(*confirm).clone()} oninput={on_confirm} /> },
                        None,
                        None,
                    ) }
                    <button type="submit" class="c-button c-danger-solid" disabled={!confirmed || *busy}>{ "Erase this customer" }</button>
                </form>
            }
            <div role="status">
                if let Some((ok, text)) = &*said {
                    <p class={if *ok { "c-ok" } else { "c-error" }}>{ text }</p>
                }
            </div>
        </div>
    }
}
