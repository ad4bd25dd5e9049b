//! Adding a support tier by the name the panel puts in customers' tokens.

use std::rc::Rc;

use yew::prelude::*;

use crate::form::{self, described_by, field};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AddTierProps {
    /// The tiers there are already.
    pub existing: Rc<Vec<String>>,
    pub on_add: Callback<String>,
}

/// Why a new tier name cannot be added, if it cannot (the model's rule, said before saving).
fn problem(name: &str, existing: &[String]) -> Option<&'static str> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !ok {
        Some(
            "A tier name is lower-case letters, digits, - and _ (at most 40), as the panel sends it in the token.",
        )
    } else if existing.iter().any(|t| t == name) {
        Some("This tier is there already.")
    } else {
        None
    }
}

#[component]
pub fn AddTier(props: &AddTierProps) -> Html {
    let name = use_state(String::new);
    let error = use_state(|| None::<&'static str>);
    let add = {
        let (name, error, existing, on_add) = (
            name.clone(),
            error.clone(),
            props.existing.clone(),
            props.on_add.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let typed = name.trim().to_owned();
            error.set(problem(&typed, &existing));
            if problem(&typed, &existing).is_none() {
                name.set(String::new());
                on_add.emit(typed);
            }
        })
    };
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(form::input_value(&e)))
    };
    html! {
        <div class="c-add-tier">
            { field("c-s-new-tier", "New tier", html! {
                <input id="c-s-new-tier" type="text" value={(*name).clone()} placeholder="gold" {oninput}
                    aria-invalid={error.map(|_| "true")} aria-describedby={described_by("c-s-new-tier", true, error.is_some())} />
            }, Some("Starts with the default promise; tighten it above."), *error) }
            <button type="button" class="c-button c-ghost" onclick={add}>{ "Add tier" }</button>
        </div>
    }
}
