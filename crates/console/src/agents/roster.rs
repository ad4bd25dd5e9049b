//! The accounts the admin sees, in every tenant of their scope, and which of them have a
//! second factor: read again whenever `version` changes.

use std::rc::Rc;

use panelcare_model::console::TeamMember;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    pub members: Rc<Vec<TeamMember>>,
    /// The ids of the accounts with a second factor.
    pub enrolled: Rc<Vec<String>>,
}

#[hook]
pub fn use_roster(version: u32) -> Rc<Roster> {
    let console = use_console();
    let roster = use_state(|| Rc::new(Roster::default()));
    {
        let roster = roster.clone();
        use_effect_with(version, move |_| {
            spawn_local(async move {
                // A list that failed to load stays as it was; the page still works on keys.
                let Some(members) = console.settle(console.api.team().await, |_| {}) else {
                    return;
                };
                let enrolled = console
                    .settle(console.api.enrolled_accounts().await, |_| {})
                    .unwrap_or_default();
                roster.set(Rc::new(Roster {
                    members: Rc::new(members),
                    enrolled: Rc::new(enrolled.into_iter().map(|e| e.agent_id).collect()),
                }));
            });
        });
    }
    (*roster).clone()
}
