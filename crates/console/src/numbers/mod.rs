//! Numbers at a glance: per tenant and in total, the feedback figures (volume, rating, share
//! answered, time to first answer) beside the support figures (tickets, SLA kept, ticket
//! ratings, self-service deflection), each with its charts.

mod chart;
mod feedback;
mod tickets;

use std::rc::Rc;

use panelcare_model::{numbers::Numbers, ticket::numbers::TicketNumbers};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::console::use_console;

/// Both sets of figures, fetched together so a card never shows half a tenant.
#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    feedback: Numbers,
    tickets: TicketNumbers,
}

#[component]
pub fn NumbersView() -> Html {
    let console = use_console();
    let numbers = use_state(|| None::<Result<Rc<Loaded>, String>>);
    {
        let numbers = numbers.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let api = &console.api;
                let loaded = match api.numbers().await {
                    Ok(feedback) => api
                        .ticket_numbers()
                        .await
                        .map(|tickets| Loaded { feedback, tickets }),
                    Err(e) => Err(e),
                };
                let shown = numbers.clone();
                if let Some(n) = console.settle(loaded, |e| shown.set(Some(Err(e.message())))) {
                    numbers.set(Some(Ok(Rc::new(n))));
                }
            });
        });
    }
    let body = match &*numbers {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(n)) => {
            let (f, t) = (&n.feedback, &n.tickets);
            html! {
                <>
                    if f.tenants.len() > 1 {
                        { card("All tenants", feedback::section(&f.total, f.period_days), tickets::section(&t.total, t.period_days)) }
                    }
                    { for f.tenants.iter().map(|tenant| {
                        let support = t.tenants.iter().find(|x| x.tenant_id == tenant.tenant_id)
                            .map(|x| tickets::section(&x.summary, t.period_days))
                            .unwrap_or_default();
                        card(&tenant.tenant_name, feedback::section(&tenant.summary, f.period_days), support)
                    }) }
                    { tickets::by_agent(&t.by_agent, &t.tenants) }
                </>
            }
        }
    };
    html! {
        <section aria-labelledby="c-numbers-title">
            <h1 id="c-numbers-title" class="c-title">{ "Numbers" }</h1>
            { body }
        </section>
    }
}

fn card(title: &str, feedback: Html, support: Html) -> Html {
    html! {
        <article class="c-card c-numbers" aria-label={title.to_owned()}>
            <h2>{ title }</h2>
            { feedback }
            { support }
        </article>
    }
}

/// `0.953` → "95 %"; "–" when there is nothing to divide.
fn percent(share: Option<f64>) -> String {
    share.map_or("–".into(), |a| format!("{:.0} %", a * 100.0))
}

/// Figures as a definition list: label, value.
fn figures(items: &[(&str, String)]) -> Html {
    html! {
        <dl class="c-figures">
            { for items.iter().map(|(k, v)| html! { <div><dt>{ *k }</dt><dd>{ v }</dd></div> }) }
        </dl>
    }
}
