//! Team and keys (server side: `crates/server/src/agents/`): admins add and remove console
//! accounts (and reset a member's second factor, or require one of the tenant's accounts),
//! rotate the signing keys their panels sign customer tokens with, and list the panel origins
//! the widget answers on. Passwords and secrets appear once, right after creation.
//!
//! Each member has an address (`/console/team/{id}`): it opens the member's tenant and puts
//! the focus on their row.

mod account_row;
mod accounts;
mod keys;
mod new_account;
mod origins;
mod roster;

use panelcare_model::console::TeamMember;
use yew::prelude::*;

use crate::{form, tenants::use_tenants};
use accounts::AccountsList;
use keys::SigningKeys;
use new_account::NewAccountForm;
use origins::AllowedOrigins;
use roster::use_roster;

/// How an action went: (whether it went through, what to say).
pub type Said = (bool, String);

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TeamProps {
    /// The member the address names, if any.
    #[prop_or_default]
    pub member: Option<AttrValue>,
}

#[component]
pub fn TeamView(props: &TeamProps) -> Html {
    let (tenants, tenant) = use_tenants();
    // What to show once: a new password or secret, or an error.
    let said = use_state(|| None::<Said>);
    // Bumped when an account changed, so the list is read again.
    let version = use_state(|| 0u32);
    let roster = use_roster(*version);
    // The member whose tenant was opened for their address, so a later re-read of the
    // roster (after an account changed) does not take the admin back there.
    let opened_for = use_mut_ref(|| None::<(AttrValue, bool)>);
    {
        // A member's address opens the tenant they belong to; again once the tenants arrive,
        // as their arrival chooses the first.
        let tenant = tenant.clone();
        let deps = (props.member.clone(), roster.clone(), tenants.len());
        use_effect_with(deps, move |(member, roster, listed)| {
            let Some(member) = member else { return };
            let done = (member.clone(), *listed > 0);
            if opened_for.borrow().as_ref() == Some(&done) {
                return;
            }
            if let Some(m) = roster.members.iter().find(|m| m.id == member.as_str()) {
                if *tenant != m.tenant_id {
                    tenant.set(m.tenant_id.clone());
                }
                *opened_for.borrow_mut() = Some(done);
            }
        });
    }
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    let on_said = {
        let said = said.clone();
        Callback::from(move |s: Said| said.set(Some(s)))
    };
    let on_changed = {
        let (said, version) = (said.clone(), version.clone());
        Callback::from(move |s: Said| {
            said.set(Some(s));
            version.set(*version + 1);
        })
    };
    let reseller = tenants
        .iter()
        .any(|t| t.id == *tenant && t.parent_id.is_some());
    let members: Vec<TeamMember> = roster
        .members
        .iter()
        .filter(|m| m.tenant_id == *tenant)
        .cloned()
        .collect();
    let chosen = AttrValue::from((*tenant).clone());
    html! {
        <section aria-labelledby="c-team-title">
            <h1 id="c-team-title" class="c-title">{ "Team and keys" }</h1>
            <div class="c-field c-narrow">
                <label for="c-t-tenant">{ "Tenant" }</label>
                <select id="c-t-tenant" onchange={on_tenant}>
                    { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                </select>
            </div>
            if let Some((ok, message)) = &*said {
                <p class={if *ok { "c-ok c-once" } else { "c-error" }} role="status">{ message }</p>
            }
            <div class="c-two">
                <AccountsList members={std::rc::Rc::new(members)} enrolled={roster.enrolled.clone()}
                    member={props.member.clone()} tenant={chosen.clone()} on_changed={on_changed.clone()}>
                    <NewAccountForm tenant={chosen.clone()} {reseller} on_added={on_changed} on_said={on_said.clone()} />
                </AccountsList>
                <section class="c-card" aria-labelledby="c-keys-title">
                    if chosen.is_empty() {
                        <h2 id="c-keys-title">{ "Token signing keys" }</h2>
                        <p class="c-muted">{ "Loading…" }</p>
                    } else {
                        // Keyed by tenant: an answer for the tenant shown before never fills the
                        // lists (or the origins form) of the one shown now.
                        <SigningKeys key={format!("keys-{chosen}")} tenant={chosen.clone()} {on_said} />
                        <AllowedOrigins key={format!("origins-{chosen}")} tenant={chosen.clone()} />
                    }
                </section>
            </div>
        </section>
    }
}
