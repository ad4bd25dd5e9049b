//! The tenant's console accounts, one row each, with the tenant's second-factor requirement
//! and, below, the form that adds one (the children).

use std::rc::Rc;

use panelcare_model::console::TeamMember;
use yew::prelude::*;

use super::{Said, account_row::AccountRow, account_row::row_id};
use crate::{focus, second_factor::RequirementToggle};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AccountsListProps {
    /// The chosen tenant's accounts.
    pub members: Rc<Vec<TeamMember>>,
    /// The ids of the accounts with a second factor.
    pub enrolled: Rc<Vec<String>>,
    /// The member the address names: their row gets the focus once it is drawn.
    pub member: Option<AttrValue>,
    pub tenant: AttrValue,
    /// An account was removed or its second factor reset.
    pub on_changed: Callback<Said>,
    pub children: Html,
}

#[component]
pub fn AccountsList(props: &AccountsListProps) -> Html {
    {
        // Once the named member's row is drawn (its tenant chosen, the list loaded), the
        // address has done its work: focus (and so scroll to) that row.
        let shown = props
            .member
            .clone()
            .filter(|id| props.members.iter().any(|m| m.id == id.as_str()));
        use_effect_with(shown, |shown| {
            if let Some(id) = shown {
                focus::later(row_id(id));
            }
        });
    }
    html! {
        <section class="c-card" aria-labelledby="c-people-title">
            <h2 id="c-people-title" tabindex="-1">{ "Console accounts" }</h2>
            <ul class="c-plain">
                { for props.members.iter().map(|m| html! {
                    <AccountRow key={m.id.clone()} member={m.clone()}
                        enrolled={props.enrolled.contains(&m.id)}
                        current={props.member.as_deref() == Some(m.id.as_str())}
                        on_changed={props.on_changed.clone()} />
                }) }
            </ul>
            <RequirementToggle tenant={props.tenant.clone()} />
            { props.children.clone() }
        </section>
    }
}
