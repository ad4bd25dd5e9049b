//! The panel origins the tenant's widget answers on, one per line; none lets any panel use
//! it.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Said;
use crate::{console::use_console, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AllowedOriginsProps {
    pub tenant: AttrValue,
    pub on_said: Callback<Said>,
}

/// What a save of `saved` means for the widget.
fn saved_message(saved: &[String]) -> String {
    if saved.is_empty() {
        "Origins saved: the widget works on any panel.".to_owned()
    } else {
        format!(
            "Origins saved: the widget answers only on {} panel origin(s).",
            saved.len()
        )
    }
}

#[component]
pub fn AllowedOrigins(props: &AllowedOriginsProps) -> Html {
    let console = use_console();
    // One per line, as edited.
    let origins = use_state(String::new);
    {
        let (console, origins) = (console.clone(), origins.clone());
        use_effect_with(props.tenant.clone(), move |t| {
            let t = t.clone();
            if !t.is_empty() {
                spawn_local(async move {
                    if let Some(list) = console.settle(console.api.origins(&t).await, |_| {}) {
                        origins.set(list.join("\n"));
                    }
                });
            }
        });
    }
    let onsubmit = {
        let (console, origins, tenant, on_said) = (
            console.clone(),
            origins.clone(),
            props.tenant.clone(),
            props.on_said.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let list: Vec<String> = origins
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            let (console, tenant, origins, on_said) = (
                console.clone(),
                tenant.clone(),
                origins.clone(),
                on_said.clone(),
            );
            spawn_local(async move {
                let result = console.api.save_origins(&tenant, list).await;
                if let Some(saved) = console.settle(result, |e| on_said.emit((false, e.message())))
                {
                    on_said.emit((true, saved_message(&saved)));
                    // As the server keeps them: lower case, without a path.
                    origins.set(saved.join("\n"));
                }
            });
        })
    };
    let oninput = {
        let origins = origins.clone();
        Callback::from(move |e: InputEvent| origins.set(form::textarea_value(&e)))
    };
    html! {
        <form class="c-form c-origins" {onsubmit}>
            <h3>{ "Allowed panel origins" }</h3>
            <label for="c-t-origins">{ "One per line, like https://panel.example.com:2083. Empty: any panel." }</label>
            <textarea id="c-t-origins" rows="3" value={(*origins).clone()} {oninput} />
            <button type="submit" class="c-button">{ "Save origins" }</button>
        </form>
    }
}
