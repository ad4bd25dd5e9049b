//! One console account in the team list: its name links to the member's address; an admin
//! resets its second factor or removes it.

use panelcare_model::console::TeamMember;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::Said;
use crate::{
    console::use_console,
    focus,
    route::{self, Route, RouteLink},
    second_factor::ResetButton,
    text,
};

/// The id of a member's row, which their address focuses.
pub fn row_id(member: &str) -> String {
    format!("c-team-{member}")
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AccountRowProps {
    pub member: TeamMember,
    /// The account has a second factor.
    pub enrolled: bool,
    /// The address names this member.
    pub current: bool,
    /// Removed, or its second factor reset: what to say, and the list is read again.
    pub on_changed: Callback<Said>,
}

#[component]
pub fn AccountRow(props: &AccountRowProps) -> Html {
    let console = use_console();
    let navigator = use_navigator();
    let m = &props.member;
    let remove = {
        let (id, current, on_changed) = (m.id.clone(), props.current, props.on_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let (console, navigator, id, on_changed) = (
                console.clone(),
                navigator.clone(),
                id.clone(),
                on_changed.clone(),
            );
            spawn_local(async move {
                let result = console.api.remove_agent(&id).await;
                let failed = |e: crate::api::ApiError| on_changed.emit((false, e.message()));
                if console.settle(result, failed).is_none() {
                    return;
                }
                on_changed.emit((true, "Account removed; its sessions ended.".into()));
                // The row and its button are gone: the list's heading takes the focus, and a
                // removed member's address names nobody any more.
                if current {
                    route::go(&navigator, &Route::Team);
                }
                focus::later("c-people-title");
            });
        })
    };
    html! {
        <li id={row_id(&m.id)} tabindex="-1" class={classes!(props.current.then_some("c-current"))}>
            <span>
                <RouteLink to={Route::TeamMember { id: m.id.clone() }} class="c-link"
                    current={props.current.then_some(AttrValue::from("location"))}>
                    <strong>{ &m.name }</strong>
                </RouteLink>
                { format!(" · {} · {}", m.email, text::role(m.role)) }
                if props.enrolled { { " · second factor on" } }
            </span>
            if props.enrolled {
                <ResetButton agent_id={m.id.clone()} email={m.email.clone()}
                    on_outcome={props.on_changed.clone()} />
            }
            <button type="button" class="c-button c-ghost c-small" onclick={remove}
                aria-label={format!("Remove {}", m.email)}>{ "Remove" }</button>
        </li>
    }
}
