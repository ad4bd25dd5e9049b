//! Replacing a tenant's rules with a TOML file (chosen or pasted), after the admin confirms.
//! The server checks the file as it checks a save; its messages name the line or the rule.

mod state;

use panelcare_model::{FieldError, offers::RuleSet};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use yew::prelude::*;

use crate::{
    console::use_console,
    form::{self, described_by, field},
};
use state::{Action, ImportState};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ImportProps {
    pub tenant: AttrValue,
    /// How many rules the list has now, for the confirmation.
    pub count: usize,
    pub on_imported: Callback<RuleSet>,
}

/// The text of the file chosen in `input`. Read through `File.text()` by name: the console's
/// web-sys build carries no File bindings, and this is the one place that needs them.
async fn chosen_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let files = js_sys::Reflect::get(input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &JsValue::from(0)).ok()?;
    if file.is_undefined() || file.is_null() {
        return None;
    }
    let text: js_sys::Function = js_sys::Reflect::get(&file, &"text".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = text.call0(&file).ok()?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// A message of the server about the file, said where the admin can read it: a rule's
/// by its number in the file.
fn said(e: &FieldError) -> String {
    let rule = e
        .field
        .strip_prefix("rule[")
        .and_then(|r| r.split_once(']'))
        .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest.trim_start_matches('.'))));
    match rule {
        Some((n, "")) => format!("Rule {}: {}", n + 1, e.message),
        Some((n, f)) => format!("Rule {} ({f}): {}", n + 1, e.message),
        None => e.message.clone(),
    }
}

#[component]
pub fn ImportToml(props: &ImportProps) -> Html {
    let state = use_reducer(ImportState::default);
    let on_file = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let state = state.clone();
            spawn_local(async move {
                if let Some(t) = chosen_text(&input).await {
                    state.dispatch(Action::Chosen(t));
                }
            });
        })
    };
    let on_text = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(Action::Typed(form::textarea_value(&e))))
    };
    let ask = |on: bool| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Confirm(on)))
    };
    let on_import = {
        let (console, tenant, state) = (use_console(), props.tenant.clone(), state.clone());
        let on_imported = props.on_imported.clone();
        Callback::from(move |_: MouseEvent| {
            let (console, tenant, state, on_imported) = (
                console.clone(),
                tenant.clone(),
                state.clone(),
                on_imported.clone(),
            );
            let body = state.text.clone();
            state.dispatch(Action::Sending);
            spawn_local(async move {
                match console.api.import_offer_rules(&tenant, &body).await {
                    Ok(rules) => {
                        state.dispatch(Action::Imported);
                        on_imported.emit(rules);
                    }
                    Err(e) => match console.failed(e) {
                        Some(e) => {
                            let fields = form::field_errors(&e);
                            let failure = fields.is_empty().then(|| e.message());
                            state.dispatch(Action::Refused(fields, failure));
                        }
                        None => state.dispatch(Action::Dropped),
                    },
                }
            });
        })
    };
    let problems: Vec<String> = state.errors.iter().map(said).collect();
    let error = (!problems.is_empty()).then(|| problems.join(" "));
    let empty = state.empty();
    html! {
        <section class="c-import" aria-labelledby="c-r-import-title">
            <h3 id="c-r-import-title">{ "Import rules from TOML" }</h3>
            <div class="c-field">
                <label for="c-r-import-file">{ "TOML file" }</label>
                <input id="c-r-import-file" type="file" accept=".toml,application/toml,text/plain" onchange={on_file} />
            </div>
            { field("c-r-import-text", "Or paste the rules", html! {
                <textarea id="c-r-import-text" class="c-code" rows="6" value={state.text.clone()} oninput={on_text}
                    aria-invalid={error.as_ref().map(|_| "true")} aria-describedby={described_by("c-r-import-text", true, error.is_some())} />
            }, Some("The format of Export TOML: one [[rule]] table per rule. A chosen file shows here before it is imported."),
                error.as_deref()) }
            if let Some(m) = &state.failure {
                <p class="c-error" role="alert">{ m }</p>
            }
            if state.confirming {
                <div class="c-confirm" role="group" aria-label="Confirm the import">
                    <p>{ format!("Replace all {} rules of this tenant with the file's? Unsaved changes in the list are lost too.", props.count) }</p>
                    <div class="c-actions">
                        <button type="button" class="c-button c-danger-solid" disabled={state.busy} onclick={on_import}>{ "Yes, replace the rules" }</button>
                        <button type="button" class="c-button c-ghost" onclick={ask(false)}>{ "Keep the rules" }</button>
                    </div>
                </div>
            } else {
                <button type="button" class="c-button c-ghost" disabled={empty} onclick={ask(true)}>{ "Import…" }</button>
            }
        </section>
    }
}
