//! The board's weekly figures: ideas shared, votes cast and deflections (customers who voted
//! for an existing idea instead of writing their own), the last eight weeks.

use std::rc::Rc;

use panelcare_model::ideas::IdeaNumbers;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::tabs::IdeasTabs;
use crate::{console::use_console, filters, form, latest::use_latest, tenants::use_tenants};

/// `2026-11-30` as people read it: "30 Nov 2026" (the date is a UTC Monday).
fn week(date: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(date));
    if d.get_time().is_nan() {
        return date.to_owned();
    }
    let options = js_sys::Object::new();
    for (k, v) in [("dateStyle", "medium"), ("timeZone", "UTC")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    d.to_locale_date_string("en-GB", &options).into()
}

fn table(n: &IdeaNumbers) -> Html {
    let total =
        |f: fn(&panelcare_model::ideas::IdeaWeek) -> i64| -> i64 { n.weeks.iter().map(f).sum() };
    let last = n.weeks.len().saturating_sub(1);
    html! {
        <table class="c-table c-idea-numbers">
            <caption class="c-hint">{ "Weeks start on Monday (UTC); the last is this week so far." }</caption>
            <thead>
                <tr><th scope="col">{ "Week of" }</th><th scope="col" class="c-num">{ "Ideas" }</th><th scope="col" class="c-num">{ "Votes" }</th><th scope="col" class="c-num">{ "Deflections" }</th></tr>
            </thead>
            <tbody>
                { for n.weeks.iter().enumerate().map(|(i, w)| html! {
                    <tr key={w.week.clone()}>
                        <th scope="row">{ week(&w.week) }{ if i == last { " (this week)" } else { "" } }</th>
                        <td class="c-num">{ w.ideas }</td>
                        <td class="c-num">{ w.votes }</td>
                        <td class="c-num">{ w.deflections }</td>
                    </tr>
                }) }
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row">{ "Eight weeks" }</th>
                    <td class="c-num">{ total(|w| w.ideas) }</td>
                    <td class="c-num">{ total(|w| w.votes) }</td>
                    <td class="c-num">{ total(|w| w.deflections) }</td>
                </tr>
            </tfoot>
        </table>
    }
}

#[component]
pub fn IdeaNumbersView() -> Html {
    let console = use_console();
    let (tenants, _) = use_tenants();
    let tenant = use_state(String::new);
    let numbers = use_state(|| None::<Result<Rc<IdeaNumbers>, String>>);
    // Another tenant chosen while a read was on its way: only the newest answer is shown.
    let reads = use_latest();
    {
        let numbers = numbers.clone();
        use_effect_with((*tenant).clone(), move |tenant| {
            let this = reads.start();
            let tenant = tenant.clone();
            numbers.set(None);
            spawn_local(async move {
                let answer = console.api.idea_numbers(&tenant).await;
                if !reads.is_newest(this) {
                    return;
                }
                if let Some(n) = console.settle(answer, |e| numbers.set(Some(Err(e.message())))) {
                    numbers.set(Some(Ok(Rc::new(n))));
                }
            });
        });
    }
    let options = tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let pick = {
        let tenant = tenant.clone();
        Callback::from(move |e: Event| tenant.set(form::select_value(&e)))
    };
    html! {
        <section aria-labelledby="c-idea-numbers-title">
            <h1 id="c-idea-numbers-title" class="c-title" tabindex="-1">{ "Idea numbers" }</h1>
            <IdeasTabs />
            <p class="c-hint">{ "Ideas customers shared, votes they cast (an author's own vote included), and deflections: customers who voted for an existing idea instead of writing their own." }</p>
            if tenants.len() > 1 {
                <div class="c-filters">
                    { filters::select_with_any("c-in-tenant", "Tenant", &tenant, options, "All tenants", pick) }
                </div>
            }
            { match &*numbers {
                None => html! { <p class="c-muted">{ "Loading…" }</p> },
                Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
                Some(Ok(n)) => table(n),
            } }
        </section>
    }
}
