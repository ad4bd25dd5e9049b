//! A tenant's requirement of a second factor for its console accounts, on the team screen:
//! its admins (and the provider's) switch it; accounts without one set it up at their next
//! sign-in.

use panelcare_model::second_factor::Requirement;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::console::use_console;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct RequirementProps {
    pub tenant: AttrValue,
}

#[component]
pub fn RequirementToggle(props: &RequirementProps) -> Html {
    let current = use_state(|| None::<Requirement>);
    // (whether it went through, what to say)
    let said = use_state(|| None::<(bool, String)>);
    let console = use_console();
    {
        let (console, current, said) = (console.clone(), current.clone(), said.clone());
        use_effect_with(props.tenant.clone(), move |t| {
            let t = t.clone();
            current.set(None);
            said.set(None);
            if !t.is_empty() {
                spawn_local(async move {
                    let result = console.api.requirement(&t).await;
                    if let Some(r) =
                        console.settle(result, |e| said.set(Some((false, e.message()))))
                    {
                        current.set(Some(r));
                    }
                });
            }
        });
    }
    let onchange = {
        let (console, tenant, current, said) = (
            console.clone(),
            props.tenant.clone(),
            current.clone(),
            said.clone(),
        );
        Callback::from(move |e: Event| {
            let required = e.target_unchecked_into::<HtmlInputElement>().checked();
            let (console, tenant, current, said) = (
                console.clone(),
                tenant.clone(),
                current.clone(),
                said.clone(),
            );
            spawn_local(async move {
                let result = console.api.set_requirement(&tenant, required).await;
                if let Some(r) = console.settle(result, |e| said.set(Some((false, e.message())))) {
                    said.set(Some((
                            true,
                            if r.required {
                                "Required: accounts without a second factor set one up at their next sign-in.".into()
                            } else {
                                "No longer required by this tenant.".into()
                            },
                        )));
                    current.set(Some(r));
                }
            });
        })
    };
    let (checked, by_provider) = current
        .as_ref()
        .map_or((false, false), |r| (r.required, r.by_provider));
    html! {
        <div class="c-form c-2fa-require">
            <h3>{ "Second factor" }</h3>
            <label class="c-check">
                <input id="c-2fa-require" type="checkbox" {checked} disabled={current.is_none()} {onchange} />
                { " Require a second factor for this tenant's console accounts" }
            </label>
            if by_provider {
                <p class="c-hint">{ "The provider requires it for every account under it, whatever this setting says." }</p>
            }
            if let Some((ok, text)) = &*said {
                <p class={if *ok { "c-ok" } else { "c-error" }} role="status">{ text }</p>
            }
        </div>
    }
}
