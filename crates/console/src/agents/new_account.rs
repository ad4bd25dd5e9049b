//! The form that adds a console account to the chosen tenant. Its password is said once,
//! right after creation.

use panelcare_model::console::{NewAgent, Role};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Said;
use crate::{console::use_console, form, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NewAccountFormProps {
    pub tenant: AttrValue,
    /// The tenant is a reseller's, whose admins may add reseller admins.
    pub reseller: bool,
    /// The account was added: what to say (its password, once).
    pub on_added: Callback<Said>,
    /// It was refused, and why.
    pub on_said: Callback<Said>,
}

#[component]
pub fn NewAccountForm(props: &NewAccountFormProps) -> Html {
    let console = use_console();
    let draft = use_state(NewAgent::default);
    let edit = |set: fn(&mut NewAgent, String)| {
        let draft = draft.clone();
        move |value: String| {
            let mut d = (*draft).clone();
            set(&mut d, value);
            draft.set(d);
        }
    };
    let on_name = edit(|d, v| d.name = v);
    let on_email = edit(|d, v| d.email = v);
    let on_role = edit(|d, v| d.role = v);
    let onsubmit = {
        let (console, draft, tenant) = (console.clone(), draft.clone(), props.tenant.clone());
        let (on_added, on_said) = (props.on_added.clone(), props.on_said.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = (*draft).clone();
            body.tenant_id = tenant.to_string();
            if body.role.is_empty() {
                body.role = "agent".into();
            }
            let (console, draft, on_added, on_said) = (
                console.clone(),
                draft.clone(),
                on_added.clone(),
                on_said.clone(),
            );
            spawn_local(async move {
                let result = console.api.add_agent(&body).await;
                if let Some(c) = console.settle(result, |e| on_said.emit((false, e.message()))) {
                    on_added.emit((
                        true,
                        format!(
                            "{} can sign in with the password {} — it is shown only now.",
                            c.agent.email, c.password
                        ),
                    ));
                    draft.set(NewAgent::default());
                }
            });
        })
    };
    // A provider admin adds provider admins to their own tenant; a reseller's admins add
    // their own kind.
    let admin_role = if props.reseller {
        Role::ResellerAdmin
    } else {
        Role::ProviderAdmin
    };
    let offers_admin = console.is_provider() || props.reseller;
    html! {
        <form class="c-form" {onsubmit}>
            <h3>{ "Add an account" }</h3>
            <label for="c-t-name">{ "Name" }</label>
            <input id="c-t-name" type="text" value={draft.name.clone()}
                oninput={Callback::from(move |e: InputEvent| on_name(form::input_value(&e)))} />
            <label for="c-t-email">{ "E-mail" }</label>
            <input id="c-t-email" type="email" value={draft.email.clone()}
                oninput={Callback::from(move |e: InputEvent| on_email(form::input_value(&e)))} />
            <label for="c-t-role">{ "Role" }</label>
            <select id="c-t-role" onchange={Callback::from(move |e: Event| on_role(form::select_value(&e)))}>
                <option value="agent" selected={draft.role.is_empty() || draft.role == "agent"}>{ "Agent" }</option>
                if offers_admin {
                    <option value={admin_role.as_str()} selected={draft.role == admin_role.as_str()}>{ text::role(admin_role) }</option>
                }
            </select>
            <button type="submit" class="c-button">{ "Add account" }</button>
        </form>
    }
}
