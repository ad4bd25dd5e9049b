//! An admin's reset of a member's second factor (a lost phone), on the team screen: the member
//! signs in with the password again, and sets up a new app then if the tenant requires one.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ResetButtonProps {
    pub agent_id: AttrValue,
    pub email: AttrValue,
    /// How it went: (whether it went through, what to say).
    pub on_outcome: Callback<(bool, String)>,
}

#[component]
pub fn ResetButton(props: &ResetButtonProps) -> Html {
    // The first click asks; the second resets.
    let asking = use_state(|| false);
    let console = use_console();
    let onclick = {
        let (console, id, email, asking, on_outcome) = (
            console.clone(),
            props.agent_id.clone(),
            props.email.clone(),
            asking.clone(),
            props.on_outcome.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if !*asking {
                asking.set(true);
                return;
            }
            asking.set(false);
            let (console, id, email, on_outcome) = (
                console.clone(),
                id.clone(),
                email.clone(),
                on_outcome.clone(),
            );
            spawn_local(async move {
                let result = console.api.reset_second_factor(&id).await;
                if console
                    .settle(result, |e| on_outcome.emit((false, e.message())))
                    .is_some()
                {
                    on_outcome.emit((
                        true,
                        format!("{email}'s second factor was reset: they sign in with the password, and set up a new app if the tenant requires one."),
                    ));
                }
            });
        })
    };
    html! {
        <button type="button" class="c-button c-ghost c-small" {onclick}
            aria-label={format!("Reset the second factor of {}", props.email)}>
            { if *asking { "Click again to reset" } else { "Reset second factor" } }
        </button>
    }
}
