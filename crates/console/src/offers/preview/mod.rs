//! "Try it": the tenant's saved rules against figures typed by hand, to see which offer a
//! customer with that usage would get, in which words — before any customer does.

mod state;

use std::rc::Rc;

use panelcare_model::{
    Lang,
    offers::{Catalogue, Metric, Offer},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::units;
use crate::{console::use_console, form};
use state::{Action, TryState};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TryItProps {
    pub tenant: AttrValue,
    pub catalogue: Rc<Catalogue>,
    /// Unsaved changes are not what the server evaluates: the box says so.
    pub unsaved: bool,
}

fn shown(offer: &Offer) -> Html {
    html! {
        <article class="c-card c-offer-preview" aria-label="The offer">
            <p class="c-hint">{ format!("Rule {}{} · {}", offer.rule, if offer.variant.is_empty() { String::new() } else { format!(", variant {}", offer.variant) }, offer.target_name) }</p>
            <h4>{ &offer.headline }</h4>
            <p class="c-body">{ &offer.body }</p>
            if !offer.why.is_empty() {
                <p class="c-hint">{ "Why: " }{ offer.why.iter().map(|w| w.text.clone()).collect::<Vec<_>>().join("; ") }</p>
            }
            if !offer.changes.is_empty() {
                <table class="c-table c-targets">
                    <thead><tr><th scope="col">{ "What changes" }</th><th scope="col">{ "Now" }</th><th scope="col">{ "With the offer" }</th></tr></thead>
                    <tbody>{ for offer.changes.iter().map(|c| html! {
                        <tr><th scope="row">{ units::metric_name(c.metric) }</th><td>{ &c.current }</td><td>{ &c.offered }</td></tr>
                    }) }</tbody>
                </table>
            }
            <p><strong>{ &offer.price }</strong>
                if !offer.price_diff.is_empty() { { format!(" ({} against the current plan)", offer.price_diff) } }</p>
            <p>{ "Button leads to " }<code class="c-once">{ &offer.cta_url }</code>{ format!("; “not now” hides it for {} days.", offer.snooze_days) }</p>
        </article>
    }
}

#[component]
pub fn TryIt(props: &TryItProps) -> Html {
    let state = use_reducer({
        let catalogue = props.catalogue.clone();
        move || TryState::new(&catalogue)
    });
    let onsubmit = {
        let (console, tenant, state) = (use_console(), props.tenant.clone(), state.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (console, tenant, state) = (console.clone(), tenant.clone(), state.clone());
            let body = state.figures.request();
            state.dispatch(Action::Asking);
            spawn_local(async move {
                let answer = match console.api.preview_offer(&tenant, &body).await {
                    Ok(a) => Some(Ok(a.offer.map(Rc::new))),
                    // A lost session signs out: nothing to show here.
                    Err(e) => console.failed(e).map(|e| Err(e.message())),
                };
                state.dispatch(Action::Answered(answer));
            });
        })
    };
    let typed = |act: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(act(form::input_value(&e))))
    };
    let chosen = |act: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(act(form::select_value(&e))))
    };
    let row = |n: usize, (m, used, limit): &(Metric, String, String)| {
        let name = units::metric_name(*m);
        let unit = units::unit_label(*m);
        let (u_id, l_id) = (
            format!("c-try-{}-used", m.as_str()),
            format!("c-try-{}-limit", m.as_str()),
        );
        let on_used = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                state.dispatch(Action::Used(n, form::input_value(&e)));
            })
        };
        let on_limit = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                state.dispatch(Action::Limit(n, form::input_value(&e)));
            })
        };
        html! {
            <tr key={m.as_str()}>
                <th scope="row">{ format!("{name} ({unit})") }</th>
                <td><input id={u_id} type="text" inputmode="decimal" class="c-minutes" value={used.clone()} oninput={on_used} aria-label={format!("{name} used ({unit})")} /></td>
                <td><input id={l_id} type="text" inputmode="decimal" class="c-minutes" value={limit.clone()} oninput={on_limit} aria-label={format!("{name} limit ({unit}); blank is unlimited")} /></td>
            </tr>
        }
    };
    let f = &state.figures;
    let on_plan = chosen(Action::Plan);
    let on_lang = chosen(Action::Lang);
    let on_tier = typed(Action::Tier);
    let on_sid = typed(Action::Service);
    html! {
        <form class="c-form c-try" novalidate=true {onsubmit} aria-labelledby="c-try-title">
            <h3 id="c-try-title">{ "Try it" }</h3>
            <p class="c-hint">{ if props.unsaved { "Uses the saved rules: save your changes first to try them." } else { "Which offer a customer with these figures would see. Earlier answers and caps are ignored." } }</p>
            <table class="c-table c-targets">
                <caption class="c-hint">{ "Leave “used” blank for a figure the panel does not report." }</caption>
                <thead><tr><th scope="col">{ "Metric" }</th><th scope="col">{ "Used" }</th><th scope="col">{ "Limit" }</th></tr></thead>
                <tbody>{ for f.typed.iter().enumerate().map(|(n, t)| row(n, t)) }</tbody>
            </table>
            <div class="c-row-fields">
                { form::field("c-try-plan", "Current plan", html! {
                    <select id="c-try-plan" onchange={on_plan}>
                        <option value="" selected={f.plan.is_empty()}>{ "None reported" }</option>
                        { for props.catalogue.plans.iter().map(|p| html! { <option value={p.id.clone()} selected={f.plan == p.id}>{ &p.name }</option> }) }
                    </select>
                }, None, None) }
                { form::field("c-try-tier", "Support tier", html! {
                    <input id="c-try-tier" type="text" value={f.support_tier.clone()} oninput={on_tier} placeholder="standard" />
                }, None, None) }
                { form::field("c-try-service", "Service id", html! {
                    <input id="c-try-service" type="text" value={f.service_id.clone()} oninput={on_sid} />
                }, None, None) }
                { form::field("c-try-lang", "Language", html! {
                    <select id="c-try-lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|l| html! { <option value={l.tag()} selected={f.lang == l.tag()}>{ crate::text::language(l.tag()) }</option> }) }
                    </select>
                }, None, None) }
            </div>
            <button type="submit" class="c-button c-ghost" disabled={state.busy}>{ "Show the offer" }</button>
            <div class="c-try-answer" role="status">
                { match &state.answer {
                    None => html! {},
                    Some(Err(m)) => html! { <p class="c-error">{ m }</p> },
                    Some(Ok(None)) => html! { <p class="c-muted">{ "No offer for these figures." }</p> },
                    Some(Ok(Some(o))) => shown(o),
                } }
            </div>
        </form>
    }
}
