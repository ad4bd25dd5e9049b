//! The response-time promise of every support tier, the default tier first, and adding a
//! tier by the name the panel sends.

use std::{collections::BTreeMap, rc::Rc};

use panelcare_model::{FieldError, sla::SlaPolicy, ticket::DEFAULT_TIER};
use yew::prelude::*;

use super::{add_tier::AddTier, policy::PolicyEditor};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TiersProps {
    pub policies: Rc<Policies>,
    /// Every error of the form; each tier picks its own.
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Policies>,
}

type Policies = BTreeMap<String, SlaPolicy>;

/// One change to the map, with the value that came with it.
type Set<V> = Rc<dyn Fn(&mut Policies, V)>;

/// A callback that emits the whole map with `set` applied: each change is one tier changed,
/// added or removed.
fn change<V: 'static>(
    policies: &Rc<Policies>,
    on_change: &Callback<Policies>,
    set: Set<V>,
) -> Callback<V> {
    let (policies, on_change) = (policies.clone(), on_change.clone());
    Callback::from(move |v: V| {
        let mut next = (*policies).clone();
        set(&mut next, v);
        on_change.emit(next);
    })
}

#[component]
pub fn Tiers(props: &TiersProps) -> Html {
    let edit = |set: Set<SlaPolicy>| change(&props.policies, &props.on_change, set);
    let policy_change = |tier: String| {
        edit(Rc::new(move |m, p| {
            m.insert(tier.clone(), p);
        }))
    };
    let remove_tier = |tier: String| {
        edit(Rc::new(move |m, _| {
            m.remove(&tier);
        }))
        .reform(|()| SlaPolicy::default())
    };
    let add_tier = change(
        &props.policies,
        &props.on_change,
        Rc::new(|m, name: String| {
            m.insert(name, SlaPolicy::default());
        }),
    );
    let mut tiers: Vec<(&String, &SlaPolicy)> = props.policies.iter().collect();
    tiers.sort_by_key(|(name, _)| name.as_str() != DEFAULT_TIER);
    let tier_names: Rc<Vec<String>> = Rc::new(props.policies.keys().cloned().collect());
    html! {
        <fieldset class="c-fieldset">
            <legend>{ "Response-time promise per support tier" }</legend>
            <p class="c-hint">{ "The panel names a customer's tier in the identity token. Critical problems need a first answer within an hour; nothing may wait more than 24 hours." }</p>
            { for tiers.iter().map(|(name, policy)| html! {
                <PolicyEditor key={name.as_str()} tier={AttrValue::from((*name).clone())} policy={Rc::new((*policy).clone())}
                    errors={props.errors.clone()} on_change={policy_change((*name).clone())}
                    on_remove={(name.as_str() != DEFAULT_TIER).then(|| remove_tier((*name).clone()))} />
            }) }
            <AddTier existing={tier_names} on_add={add_tier} />
        </fieldset>
    }
}
