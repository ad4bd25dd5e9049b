//! The tenant's token signing keys: the panel's backend signs each customer's identity token
//! with one. Rotating is adding the new key, switching the panel to it, removing the old one;
//! a new key's secret is said once.

use std::rc::Rc;

use panelcare_model::console::KeyInfo;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::Said;
use crate::{console::use_console, focus, form, loaded::Stored, text};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SigningKeysProps {
    pub tenant: AttrValue,
    pub on_said: Callback<Said>,
}

#[component]
pub fn SigningKeys(props: &SigningKeysProps) -> Html {
    let console = use_console();
    let keys = use_state(|| Stored::<Vec<KeyInfo>>::Loading);
    let kid = use_state(String::new);
    // Bumped after an add or a remove, so the list is read again.
    let version = use_state(|| 0u32);
    {
        let (console, keys) = (console.clone(), keys.clone());
        use_effect_with((props.tenant.clone(), *version), move |(t, _)| {
            let t = t.clone();
            if !t.is_empty() {
                spawn_local(async move {
                    let failed = keys.clone();
                    let listed = console.settle(console.api.keys(&t).await, |e| {
                        failed.set(Stored::Failed(e.message()));
                    });
                    if let Some(list) = listed {
                        keys.set(Stored::Loaded(Rc::new(list)));
                    }
                });
            }
        });
    }
    let bump = {
        let version = version.clone();
        move || version.set(*version + 1)
    };
    let add = {
        let (console, kid, tenant, on_said, bump) = (
            console.clone(),
            kid.clone(),
            props.tenant.clone(),
            props.on_said.clone(),
            bump.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (console, kid, tenant, on_said, bump) = (
                console.clone(),
                kid.clone(),
                tenant.clone(),
                on_said.clone(),
                bump.clone(),
            );
            spawn_local(async move {
                let result = console.api.add_key(&tenant, &kid).await;
                if let Some(c) = console.settle(result, |e| on_said.emit((false, e.message()))) {
                    on_said.emit((true, format!("Key {}: secret {} — put it in the panel's settings now; it is shown only once.", c.kid, c.secret)));
                    kid.set(String::new());
                    bump();
                }
            });
        })
    };
    let remove = |k: String| {
        let (console, tenant, on_said, bump) = (
            console.clone(),
            props.tenant.clone(),
            props.on_said.clone(),
            bump.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (console, tenant, k, on_said, bump) = (
                console.clone(),
                tenant.clone(),
                k.clone(),
                on_said.clone(),
                bump.clone(),
            );
            spawn_local(async move {
                let result = console.api.remove_key(&tenant, &k).await;
                if console
                    .settle(result, |e| on_said.emit((false, e.message())))
                    .is_some()
                {
                    on_said.emit((
                        true,
                        format!("Key {k} removed; tokens signed with it are refused from now on."),
                    ));
                    bump();
                    // Its row and button are gone: the keys' heading takes the focus.
                    focus::later("c-keys-title");
                }
            });
        })
    };
    let on_kid = {
        let kid = kid.clone();
        Callback::from(move |e: InputEvent| kid.set(form::input_value(&e)))
    };
    html! {
        <>
            <h2 id="c-keys-title" tabindex="-1">{ "Token signing keys" }</h2>
            <p class="c-hint">{ "The panel's backend signs each customer's identity token with one of these. Add the new key, switch the panel to it, then remove the old one." }</p>
            { match &*keys {
                Stored::Loading => html! { <p class="c-muted">{ "Loading the keys…" }</p> },
                // Said, not an empty list: an admin would take it for a tenant without keys.
                Stored::Failed(m) => html! { <p id="c-keys-failed" class="c-error" role="alert">{ format!("The keys could not be loaded: {m}") }</p> },
                Stored::Loaded(list) => html! {
                    <ul class="c-plain">
                        { for list.iter().map(|k| html! {
                            <li key={k.kid.clone()}>
                                <span><code>{ &k.kid }</code>{ format!(" · added {}", text::when(&k.created_at)) }</span>
                                <button type="button" class="c-button c-ghost c-small" onclick={remove(k.kid.clone())}
                                    aria-label={format!("Remove key {}", k.kid)}>{ "Remove" }</button>
                            </li>
                        }) }
                    </ul>
                },
            } }
            <form class="c-form" onsubmit={add}>
                <label for="c-t-kid">{ "New key id" }</label>
                <input id="c-t-kid" type="text" value={(*kid).clone()} oninput={on_kid} />
                <button type="submit" class="c-button">{ "Add key" }</button>
            </form>
        </>
    }
}
