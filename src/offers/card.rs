//! The offer card: what is offered and why, the limits now and with it, the price, and the
//! three answers a customer can give.

use std::rc::Rc;

use yew::prelude::*;

use super::wire::Offer;
use crate::i18n::use_i18n;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct OfferCardProps {
    pub offer: Rc<Offer>,
    /// An answer is being saved: the buttons wait.
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_go: Callback<()>,
    pub on_snooze: Callback<()>,
    pub on_dismiss: Callback<()>,
    #[prop_or_default]
    pub card_ref: NodeRef,
}

#[component]
pub fn OfferCard(props: &OfferCardProps) -> Html {
    let i18n = use_i18n();
    let t = i18n.t;
    let o = &props.offer;
    let label = |key: &str| -> String {
        match key {
            "tickets_urgent" => t.why_tickets_urgent.into(),
            "tickets_recent" => t.why_tickets_recent.into(),
            k => match k.strip_suffix("_trend") {
                Some(m) => panelcare_model::offers::Metric::parse(m)
                    .map(|m| format!("{}, {}", t.metric(m), t.why_trend))
                    .unwrap_or_default(),
                None => panelcare_model::offers::Metric::parse(k)
                    .map(|m| t.metric(m).to_owned())
                    .unwrap_or_default(),
            },
        }
    };
    let cta = if o.kind == "plan" {
        format!("{} {}", t.offer_upgrade_to, o.target_name)
    } else {
        format!("{} {}", t.offer_add, o.target_name)
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let current = if o.current_name.is_empty() {
        t.offer_now.to_owned()
    } else {
        format!("{} ({})", t.offer_now, o.current_name)
    };
    html! {
        <section class="pc-offer" aria-labelledby="pc-offer-headline" ref={props.card_ref.clone()}>
            <p class="pc-offer-label">{ t.offer_label }</p>
            <h3 id="pc-offer-headline" class="pc-offer-headline">{ &o.headline }</h3>
            if !o.body.is_empty() {
                <p class="pc-message">{ &o.body }</p>
            }
            if !o.why.is_empty() {
                <div class="pc-offer-why">
                    <h4 class="pc-offer-subtitle">{ t.offer_why }</h4>
                    <ul class="pc-offer-facts">
                        { for o.why.iter().map(|w| html! {
                            <li key={w.key.to_string()}>{ label(&w.key) }{ ": " }<strong>{ &w.text }</strong></li>
                        }) }
                    </ul>
                </div>
            }
            if !o.changes.is_empty() {
                <table class="pc-offer-compare">
                    <caption class="pc-offer-subtitle">{ t.offer_changes }</caption>
                    <thead>
                        <tr>
                            <td></td>
                            <th scope="col">{ current }</th>
                            <th scope="col">{ &o.target_name }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for o.changes.iter().map(|c| html! {
                            <tr key={c.metric.as_str()}>
                                <th scope="row">{ t.metric(c.metric) }</th>
                                <td>{ &c.current }</td>
                                <td><strong>{ &c.offered }</strong></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <p class="pc-offer-price">
                <span>{ t.offer_price }{ ": " }<strong>{ &o.price }</strong></span>
                if !o.price_diff.is_empty() {
                    <span>{ t.offer_diff }{ ": " }<strong>{ &o.price_diff }</strong></span>
                }
            </p>
            if let Some(e) = &props.error {
                <p class="pc-alert" role="alert">{ e }</p>
            }
            <div class="pc-actions pc-offer-actions">
                <button type="button" class="pc-button pc-primary" disabled={props.busy} onclick={click(&props.on_go)}>{ cta }</button>
                <button type="button" class="pc-button pc-ghost" disabled={props.busy} onclick={click(&props.on_snooze)}>{ t.offer_snooze }</button>
                <button type="button" class="pc-link" disabled={props.busy} onclick={click(&props.on_dismiss)}>{ t.offer_dismiss }</button>
            </div>
        </section>
    }
}
