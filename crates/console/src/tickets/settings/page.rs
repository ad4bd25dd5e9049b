//! The support settings page: one tenant at a time (provider admins pick among theirs), with
//! what the agent's role may change.

use yew::prelude::*;

use super::TicketSettingsForm;
use crate::{
    bridge::TicketBridge, console::use_console, form, notify::NotifyForm, tenants::use_tenants,
    tickets::canned::CannedReplies,
};

#[component]
pub fn SupportSettings() -> Html {
    // Admins change ticket, notification and bridge settings; agents only canned replies.
    let admin = use_console().is_admin();
    let (tenants, tenant) = use_tenants();
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    let chosen = AttrValue::from((*tenant).clone());
    html! {
        <section aria-labelledby="c-support-title">
            <h1 id="c-support-title" class="c-title">{ "Support settings" }</h1>
            if tenants.len() > 1 {
                <div class="c-field c-narrow">
                    <label for="c-s-tenant">{ "Tenant" }</label>
                    <select id="c-s-tenant" onchange={on_tenant}>
                        { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                    </select>
                </div>
            }
            if chosen.is_empty() {
                <p class="c-muted">{ "Loading…" }</p>
            } else {
                if admin {
                    <section class="c-card c-section" aria-labelledby="c-s-tickets-title">
                        <h2 id="c-s-tickets-title">{ "Tickets" }</h2>
                        <TicketSettingsForm key={format!("t-{chosen}")} tenant={chosen.clone()} />
                    </section>
                }
                <section class="c-card c-section" aria-labelledby="c-s-canned-title">
                    <h2 id="c-s-canned-title">{ "Canned replies" }</h2>
                    <CannedReplies key={format!("c-{chosen}")} tenant={chosen.clone()} />
                </section>
                if admin {
                    <section class="c-card c-section" aria-labelledby="c-s-notify-title">
                        <h2 id="c-s-notify-title">{ "Notifications" }</h2>
                        <NotifyForm key={format!("n-{chosen}")} tenant={chosen.clone()} />
                    </section>
                    <section class="c-card c-section" aria-labelledby="c-s-bridge-title">
                        <h2 id="c-s-bridge-title">{ "Ticket bridge" }</h2>
                        <TicketBridge key={format!("b-{chosen}")} tenant={chosen.clone()} />
                    </section>
                } else {
                    <p class="c-hint">{ "Departments, response-time promises, notifications and the ticket bridge are set by your admins." }</p>
                }
            }
        </section>
    }
}
