//! The Limits page: a tenant's rate limits on the widget API and its upload quotas. The
//! provider's admins change them (a reseller could otherwise lift its own backstop); a
//! reseller's admins read them. Server side: `crates/server/src/limits/console.rs`.

mod quotas;
mod state;
mod table;

use panelcare_model::limits::{LimitedAction, Limits};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    api::ApiError,
    console::{Console, use_console},
    form::{self, field_errors},
    tenants::use_tenants,
};
use quotas::Quotas;
use state::{Action, LimitsState, Quota, What, Who, rate_field};
use table::RatesTable;

/// The fields this page has an input for; an error on any other (a whole action's row, which
/// this page always sends) is said above the buttons instead.
fn shown_fields() -> Vec<String> {
    let mut fields: Vec<String> = Quota::ALL.map(|q| q.field().to_owned()).to_vec();
    for action in LimitedAction::ALL {
        for who in Who::ALL {
            fields.extend(What::ALL.map(|what| rate_field(action, who, what)));
        }
    }
    fields
}

/// Tells the page how a save or reset went.
fn settle(
    state: &UseReducerHandle<LimitsState>,
    result: Result<Limits, ApiError>,
    said: &'static str,
    console: &Console,
) {
    match result.map_err(|e| console.failed(e)) {
        Ok(l) => state.dispatch(Action::Got(l, Some(said))),
        Err(None) => {}
        Err(Some(e)) => {
            let shown = shown_fields();
            let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
            let general = form::general_message(&e, &shown);
            state.dispatch(Action::Refused(field_errors(&e), general));
        }
    }
}

#[component]
pub fn LimitsPage() -> Html {
    let console = use_console();
    let (tenants, tenant) = use_tenants();
    let state = use_reducer(LimitsState::default);
    {
        let (console, state) = (console.clone(), state.clone());
        use_effect_with((*tenant).clone(), move |t| {
            let t = t.clone();
            state.dispatch(Action::Choose);
            if !t.is_empty() {
                spawn_local(async move {
                    let loaded = console.settle(console.api.limits(&t).await, |e| {
                        state.dispatch(Action::Refused(Vec::new(), Some(e.message())))
                    });
                    if let Some(l) = loaded {
                        state.dispatch(Action::Got(l, None));
                    }
                });
            }
        });
    }
    let on_tenant = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |edit| state.dispatch(Action::Edit(edit)))
    };
    let onsubmit = {
        let (console, state, tenant) = (console.clone(), state.clone(), tenant.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(draft) = state.draft.clone() else {
                return;
            };
            // The model's own check first: the same messages as the server's, without the
            // round trip, and nothing sent that would be refused.
            if let Err(errors) = draft.validate() {
                state.dispatch(Action::Refused(errors, None));
                return;
            }
            state.dispatch(Action::Sending);
            let (console, state, tenant) = (console.clone(), state.clone(), (*tenant).clone());
            spawn_local(async move {
                let saved = console.api.save_limits(&tenant, &draft).await;
                settle(&state, saved, "Saved.", &console);
            });
        })
    };
    let on_reset = {
        let (console, state, tenant) = (console.clone(), state.clone(), tenant.clone());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Sending);
            let (console, state, tenant) = (console.clone(), state.clone(), (*tenant).clone());
            spawn_local(async move {
                let reset = console.api.reset_limits(&tenant).await;
                settle(&state, reset, "Reset to the defaults.", &console);
            });
        })
    };
    // A provider admin may change the limits (a reseller could otherwise lift its own
    // backstop); any other admin sees them read-only.
    let editable = console.is_provider();
    html! {
        <section aria-labelledby="c-limits-title">
            <h1 id="c-limits-title" class="c-title">{ "Limits" }</h1>
            <form class="c-card c-form c-limits-form" {onsubmit}>
                <div class="c-field c-limits-tenant">
                    <label for="c-l-tenant">{ "Tenant" }</label>
                    <select id="c-l-tenant" onchange={on_tenant}>
                        { for tenants.iter().map(|t| html! { <option value={t.id.clone()} selected={*tenant == t.id}>{ &t.name }</option> }) }
                    </select>
                </div>
                if !editable {
                    <p class="c-muted">{ "Your provider sets these limits. Ask them if your customers need more." }</p>
                }
                if let Some(limits) = &state.draft {
                    <RatesTable limits={limits.clone()} errors={state.errors.clone()} {editable} on_edit={on_edit.clone()} />
                    <Quotas limits={limits.clone()} errors={state.errors.clone()} {editable} {on_edit} />
                }
                <div role="status">
                    if let Some((ok, text)) = &state.message {
                        <p class={if *ok { "c-ok" } else { "c-error" }}>{ text }</p>
                    } else if !state.errors.is_empty() {
                        <p class="c-error">{ "Some limits are not valid; see the marked fields." }</p>
                    }
                </div>
                if editable && state.draft.is_some() {
                    <div class="c-actions">
                        <button type="submit" class="c-button" disabled={state.sending}>{ "Save limits" }</button>
                        <button type="button" class="c-button c-ghost" disabled={state.sending} onclick={on_reset}>{ "Reset to defaults" }</button>
                    </div>
                }
            </form>
        </section>
    }
}
