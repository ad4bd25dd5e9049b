//! Numbers at a glance: per tenant and in total, four figures and a chart of daily volume.

use std::rc::Rc;

use panelcare_model::numbers::{Numbers, Summary};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Api;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NumbersProps {
    pub api: Api,
    pub on_signed_out: Callback<()>,
}

#[component]
pub fn NumbersView(props: &NumbersProps) -> Html {
    let numbers = use_state(|| None::<Result<Rc<Numbers>, String>>);
    {
        let (api, numbers, on_signed_out) = (
            props.api.clone(),
            numbers.clone(),
            props.on_signed_out.clone(),
        );
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api.numbers().await {
                    Ok(n) => numbers.set(Some(Ok(Rc::new(n)))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => numbers.set(Some(Err(e.message()))),
                }
            });
        });
    }
    let body = match &*numbers {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(n)) => html! {
            <>
                if n.tenants.len() > 1 {
                    { card("All tenants", &n.total, n.period_days) }
                }
                { for n.tenants.iter().map(|t| card(&t.tenant_name, &t.summary, n.period_days)) }
            </>
        },
    };
    html! {
        <section aria-labelledby="c-numbers-title">
            <h1 id="c-numbers-title" class="c-title">{ "Numbers" }</h1>
            { body }
        </section>
    }
}

fn duration(secs: i64) -> String {
    match secs {
        s if s < 3600 => format!("{} min", (s + 59) / 60),
        s if s < 48 * 3600 => format!("{:.1} h", s as f64 / 3600.0),
        s => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

fn card(title: &str, s: &Summary, days: u32) -> Html {
    let figures = [
        ("Suggestions", s.count.to_string()),
        (
            "Average rating",
            s.average_rating.map_or("–".into(), |r| format!("{r:.1} ★")),
        ),
        (
            "Answered",
            s.answered_share
                .map_or("–".into(), |a| format!("{:.0} %", a * 100.0)),
        ),
        (
            "Median time to first answer",
            s.median_first_answer_secs.map_or("–".into(), duration),
        ),
    ];
    html! {
        <article class="c-card c-numbers" aria-label={title.to_owned()}>
            <h2>{ title }</h2>
            <dl class="c-figures">
                { for figures.iter().map(|(k, v)| html! { <div><dt>{ *k }</dt><dd>{ v }</dd></div> }) }
            </dl>
            { chart(&s.per_day, days) }
        </article>
    }
}

/// Daily volume as SVG bars (attributes only: the page's policy allows no inline style), with
/// a text alternative for screen readers.
fn chart(per_day: &[u32], days: u32) -> Html {
    let max = per_day.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, gap) = (600.0_f64, 120.0_f64, 2.0_f64);
    let bar = w / per_day.len().max(1) as f64;
    let label = format!(
        "Suggestions per day over the last {days} days: {}",
        per_day
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        <figure class="c-chart">
            <svg viewBox={format!("0 0 {w} {}", h + 16.0)} role="img" aria-label={label} preserveAspectRatio="none">
                <line x1="0" y1={h.to_string()} x2={w.to_string()} y2={h.to_string()} class="c-axis" />
                { for per_day.iter().enumerate().map(|(i, n)| {
                    let bh = if *n == 0 { 0.0 } else { (f64::from(*n) / f64::from(max) * (h - 14.0)).max(2.0) };
                    let x = i as f64 * bar;
                    html! {
                        <g>
                            <rect x={(x + gap / 2.0).to_string()} y={(h - bh).to_string()} width={(bar - gap).to_string()} height={bh.to_string()} class="c-bar">
                                <title>{ format!("{n} on day {}", i + 1) }</title>
                            </rect>
                            if *n > 0 {
                                <text x={(x + bar / 2.0).to_string()} y={(h - bh - 3.0).to_string()} class="c-bar-label">{ n.to_string() }</text>
                            }
                        </g>
                    }
                }) }
                <text x="0" y={(h + 14.0).to_string()} class="c-axis-label">{ format!("{days} days ago") }</text>
                <text x={w.to_string()} y={(h + 14.0).to_string()} class="c-axis-label c-end">{ "today" }</text>
            </svg>
        </figure>
    }
}
