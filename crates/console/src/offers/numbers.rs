//! What offers earned, per tenant in scope: the funnel per rule and variant, the conversion
//! rate with its 95 % interval, the monthly uplift, conversions no offer led to, over 7, 30
//! or 90 days, and the same as CSV.

use std::rc::Rc;

use panelcare_model::{
    Lang,
    offers::{
        format,
        numbers::{FunnelRow, OfferNumbers, TenantOffers},
    },
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    api::numbers_csv_url,
    funnel::{funnel, row_name},
};
use crate::{console::use_console, form};

const PERIODS: [u32; 3] = [7, 30, 90];

/// `0.042` → "4.2"; one decimal, as rates of a few percent need it.
fn pct(share: f64) -> String {
    format!("{:.1}", share * 100.0)
}

/// "4.2 % (2.1–7.9 %)"; "–" before anyone was shown the offer.
pub fn rate(r: &FunnelRow) -> String {
    if r.shown == 0 {
        return "–".into();
    }
    format!(
        "{} % ({}–{} %)",
        pct(r.rate),
        pct(r.rate_low),
        pct(r.rate_high)
    )
}

/// "+€45.00 a month", in the row's currency.
fn uplift(r: &FunnelRow) -> String {
    if r.currency.is_empty() && r.uplift_monthly_cents == 0 {
        return "–".into();
    }
    let sign = if r.uplift_monthly_cents > 0 { "+" } else { "" };
    format!(
        "{sign}{} a month",
        format::money(r.uplift_monthly_cents, &r.currency, Lang::En)
    )
}

fn tenant_card(t: &TenantOffers, days: u32) -> Html {
    let title = format!("Offers of {}, last {days} days", t.tenant_name);
    let converted: u32 = t.rows.iter().map(|r| r.converted).sum();
    html! {
        <article class="c-card c-numbers" aria-labelledby={format!("c-on-{}", t.tenant_id)}>
            <h2 id={format!("c-on-{}", t.tenant_id)}>{ &t.tenant_name }</h2>
            if t.rows.is_empty() {
                <p class="c-muted">{ "No offer was shown in this period." }</p>
            } else {
                { funnel(&title, &t.rows) }
                <table class="c-table c-offer-numbers">
                    <caption class="c-hint">{ "Customers, not views: a customer shown an offer ten times counts once. The interval is 95 % (Wilson)." }</caption>
                    <thead><tr>
                        <th scope="col">{ "Rule" }</th><th scope="col">{ "Offer" }</th>
                        <th scope="col" class="c-num">{ "Shown" }</th><th scope="col" class="c-num">{ "Clicked" }</th>
                        <th scope="col" class="c-num">{ "Converted" }</th><th scope="col" class="c-num">{ "Not now" }</th>
                        <th scope="col" class="c-num">{ "Don't show" }</th><th scope="col">{ "Conversion rate" }</th>
                        <th scope="col">{ "Uplift" }</th>
                    </tr></thead>
                    <tbody>{ for t.rows.iter().map(|r| html! {
                        <tr key={format!("{}/{}", r.rule, r.variant)}>
                            <th scope="row">{ row_name(r) }</th>
                            <td>{ if r.target_name.is_empty() { &r.target } else { &r.target_name } }</td>
                            <td class="c-num">{ r.shown }</td>
                            <td class="c-num">{ r.clicked }</td>
                            <td class="c-num">{ r.converted }</td>
                            <td class="c-num">{ r.snoozed }</td>
                            <td class="c-num">{ r.dismissed }</td>
                            <td class="c-rate">{ rate(r) }</td>
                            <td class="c-uplift">{ uplift(r) }</td>
                        </tr>
                    }) }</tbody>
                </table>
            }
            <p class="c-unattributed">{ format!(
                "{} from an offer; {} the panel reported without one.",
                conversions(converted),
                t.unattributed
            ) }</p>
        </article>
    }
}

#[component]
pub fn OfferNumbersView() -> Html {
    let days = use_state(|| 30u32);
    let numbers = use_state(|| None::<Result<Rc<OfferNumbers>, String>>);
    {
        let (console, numbers) = (use_console(), numbers.clone());
        use_effect_with(*days, move |days| {
            let days = *days;
            numbers.set(None);
            spawn_local(async move {
                let result = console.api.offer_numbers(days).await;
                let shown = numbers.clone();
                if let Some(n) = console.settle(result, |e| shown.set(Some(Err(e.message())))) {
                    numbers.set(Some(Ok(Rc::new(n))));
                }
            });
        });
    }
    let on_days = {
        let days = days.clone();
        Callback::from(move |e: Event| {
            if let Ok(d) = form::select_value(&e).parse() {
                days.set(d);
            }
        })
    };
    html! {
        <div class="c-offer-figures">
            <div class="c-inline c-numbers-bar">
                <div class="c-filter">
                    <label for="c-on-days">{ "Period" }</label>
                    <select id="c-on-days" onchange={on_days}>
                        { for PERIODS.iter().map(|d| html! { <option value={d.to_string()} selected={*days == *d}>{ format!("Last {d} days") }</option> }) }
                    </select>
                </div>
                <a class="c-button c-ghost" id="c-on-csv" href={numbers_csv_url(*days)} download={format!("offer-numbers-{}d.csv", *days)}>{ "Download CSV" }</a>
            </div>
            { match &*numbers {
                None => html! { <p class="c-muted">{ "Loading…" }</p> },
                Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
                Some(Ok(n)) if n.tenants.is_empty() => html! { <p class="c-muted">{ "No tenants in view." }</p> },
                Some(Ok(n)) => html! { <>{ for n.tenants.iter().map(|t| tenant_card(t, n.days)) }</> },
            } }
        </div>
    }
}

/// "1 conversion", "17 conversions".
fn conversions(n: u32) -> String {
    if n == 1 {
        "1 conversion came".into()
    } else {
        format!("{n} conversions came")
    }
}
