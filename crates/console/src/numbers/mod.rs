//! Numbers at a glance: per tenant and in total, the feedback figures (volume, rating, share
//! answered, time to first answer) beside the support figures (tickets, SLA kept, ticket
//! ratings, self-service deflection), each with its charts, and the low ratings' (time from a
//! low rating to the first answer, `crate::alerts::figure`).

mod chart;
mod feedback;
mod tickets;

use std::rc::Rc;

use panelcare_model::{
    alerts::numbers::AlertNumbers, numbers::Numbers, ticket::numbers::TicketNumbers,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{alerts::figure, console::use_console};

/// The sets of figures, fetched together so a card never shows half a tenant.
#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    feedback: Numbers,
    tickets: TicketNumbers,
    alerts: AlertNumbers,
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
                let loaded = async {
                    Ok(Loaded {
                        feedback: api.numbers().await?,
                        tickets: api.ticket_numbers().await?,
                        alerts: api.alert_numbers().await?,
                    })
                }
                .await;
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
            let (f, t, a) = (&n.feedback, &n.tickets, &n.alerts);
            html! {
                <>
                    if f.tenants.len() > 1 {
                        { card("All tenants", feedback::section(&f.total, f.period_days), tickets::section(&t.total, t.period_days), figure::section(&a.total)) }
                    }
                    { for f.tenants.iter().map(|tenant| {
                        let support = t.tenants.iter().find(|x| x.tenant_id == tenant.tenant_id)
                            .map(|x| tickets::section(&x.summary, t.period_days))
                            .unwrap_or_default();
                        let low = a.tenants.iter().find(|x| x.tenant_id == tenant.tenant_id)
                            .map(|x| figure::section(&x.summary))
                            .unwrap_or_default();
                        card(&tenant.tenant_name, feedback::section(&tenant.summary, f.period_days), support, low)
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

fn card(title: &str, feedback: Html, support: Html, low_ratings: Html) -> Html {
    html! {
        <article class="c-card c-numbers" aria-label={title.to_owned()}>
            <h2>{ title }</h2>
            { feedback }
            { support }
            { low_ratings }
        </article>
    }
}

/// Seconds as people read a wait: "12 min", "3.5 h", "2.0 days".
pub(crate) fn duration(secs: i64) -> String {
    match secs {
        s if s < 3600 => format!("{} min", (s + 59) / 60),
        s if s < 48 * 3600 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

/// `0.953` → "95 %"; "–" when there is nothing to divide.
fn percent(share: Option<f64>) -> String {
    share.map_or("–".into(), |a| format!("{:.0} %", a * 100.0))
}

/// Figures as a definition list: label, value.
pub(crate) fn figures(items: &[(&str, String)]) -> Html {
    html! {
        <dl class="c-figures">
            { for items.iter().map(|(k, v)| html! { <div><dt>{ *k }</dt><dd>{ v }</dd></div> }) }
        </dl>
    }
}
