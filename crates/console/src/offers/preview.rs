//! "Try it": the tenant's saved rules against figures typed by hand, to see which offer a
//! customer with that usage would get, in which words — before any customer does.

use std::rc::Rc;

use panelcare_model::{
    Lang,
    offers::{Catalogue, Metric, Offer},
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{
    api::{Figure, PreviewRequest},
    units,
};
use crate::{console::use_console, form};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TryItProps {
    pub tenant: AttrValue,
    pub catalogue: Rc<Catalogue>,
    /// Unsaved changes are not what the server evaluates: the box says so.
    pub unsaved: bool,
}

/// The figures as typed, per metric: used and limit (blank limit is unlimited).
#[derive(Debug, Clone, PartialEq)]
struct Figures {
    typed: Vec<(Metric, String, String)>,
    plan: String,
    support_tier: String,
    service_id: String,
    lang: String,
}

impl Figures {
    fn new(c: &Catalogue) -> Self {
        Self {
            // A customer close to a full disk: the case most offers are written for.
            typed: Metric::ALL
                .into_iter()
                .map(|m| match m {
                    Metric::Disk => (m, "4.6".into(), "5".into()),
                    _ => (m, String::new(), String::new()),
                })
                .collect(),
            plan: c.plans.first().map(|p| p.id.clone()).unwrap_or_default(),
            support_tier: String::new(),
            service_id: String::new(),
            lang: Lang::En.tag().into(),
        }
    }

    fn request(&self) -> PreviewRequest {
        let mut r = PreviewRequest {
            plan: self.plan.clone(),
            support_tier: self.support_tier.trim().to_owned(),
            lang: self.lang.clone(),
            ..PreviewRequest::default()
        };
        for (m, used, limit) in &self.typed {
            // A metric without a figure is one the panel does not report.
            let Some(used) = units::parse_amount(*m, used) else {
                continue;
            };
            let limit = units::parse_amount(*m, limit);
            r.usage
                .metrics
                .insert(m.as_str().to_owned(), Figure { used, limit });
        }
        let sid = self.service_id.trim();
        r.usage.service_id = (!sid.is_empty()).then(|| sid.to_owned());
        r
    }
}

/// One change to the typed figures.
type EditFigures = Box<dyn Fn(&mut Figures, String)>;

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
    let figures = use_state(|| Figures::new(&props.catalogue));
    let answer = use_state(|| None::<Result<Option<Offer>, String>>);
    let busy = use_state(|| false);
    let set = |f: EditFigures| {
        let figures = figures.clone();
        move |v: String| {
            let mut next = (*figures).clone();
            f(&mut next, v);
            figures.set(next);
        }
    };
    let onsubmit = {
        let (console, tenant, figures, answer, busy) = (
            use_console(),
            props.tenant.clone(),
            figures.clone(),
            answer.clone(),
            busy.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (console, tenant, body, answer, busy) = (
                console.clone(),
                tenant.clone(),
                figures.request(),
                answer.clone(),
                busy.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = console.api.preview_offer(&tenant, &body).await;
                busy.set(false);
                let failed = answer.clone();
                if let Some(a) = console.settle(result, |e| failed.set(Some(Err(e.message())))) {
                    answer.set(Some(Ok(a.offer)));
                }
            });
        })
    };
    let row = |n: usize, (m, used, limit): &(Metric, String, String)| {
        let name = units::metric_name(*m);
        let unit = units::unit_label(*m);
        let (u_id, l_id) = (
            format!("c-try-{}-used", m.as_str()),
            format!("c-try-{}-limit", m.as_str()),
        );
        let on_used = Callback::from(set(Box::new(move |f, v| f.typed[n].1 = v)))
            .reform(|e: InputEvent| form::input_value(&e));
        let on_limit = Callback::from(set(Box::new(move |f, v| f.typed[n].2 = v)))
            .reform(|e: InputEvent| form::input_value(&e));
        html! {
            <tr key={m.as_str()}>
                <th scope="row">{ format!("{name} ({unit})") }</th>
                <td><input id={u_id} type="text" inputmode="decimal" class="c-minutes" value={used.clone()} oninput={on_used} aria-label={format!("{name} used ({unit})")} /></td>
                <td><input id={l_id} type="text" inputmode="decimal" class="c-minutes" value={limit.clone()} oninput={on_limit} aria-label={format!("{name} limit ({unit}); blank is unlimited")} /></td>
            </tr>
        }
    };
    let f = &*figures;
    let on_plan =
        Callback::from(set(Box::new(|f, v| f.plan = v))).reform(|e: Event| form::select_value(&e));
    let on_lang =
        Callback::from(set(Box::new(|f, v| f.lang = v))).reform(|e: Event| form::select_value(&e));
    let on_tier = Callback::from(set(Box::new(|f, v| f.support_tier = v)))
        .reform(|e: InputEvent| form::input_value(&e));
    let on_sid = Callback::from(set(Box::new(|f, v| f.service_id = v)))
        .reform(|e: InputEvent| form::input_value(&e));
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
            <button type="submit" class="c-button c-ghost" disabled={*busy}>{ "Show the offer" }</button>
            <div class="c-try-answer" role="status">
                { match &*answer {
                    None => html! {},
                    Some(Err(m)) => html! { <p class="c-error">{ m }</p> },
                    Some(Ok(None)) => html! { <p class="c-muted">{ "No offer for these figures." }</p> },
                    Some(Ok(Some(o))) => shown(o),
                } }
            </div>
        </form>
    }
}
