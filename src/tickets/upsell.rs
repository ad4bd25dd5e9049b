//! Premium support as an offer, under the priority of a new ticket: a customer on a slower
//! tier who marks a problem high or critical sees how soon the faster tier would answer.

use std::rc::Rc;

use panelcare_model::{offers::Upsell, sla::Targets};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{
    offers::{Event, use_seen},
    session::use_session,
    storage::new_key,
    time,
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct PremiumUpsellProps {
    pub upsell: Rc<Upsell>,
    /// The customer's own promise, to compare with.
    pub now: Targets,
}

#[component]
pub fn PremiumUpsell(props: &PremiumUpsellProps) -> Html {
    let session = use_session();
    let (i18n, u) = (session.i18n, props.upsell.clone());
    let t = i18n.t;
    let node = use_node_ref();
    let view = use_memo((), |_| AttrValue::from(new_key()));
    {
        let (api, rule, view) = (session.api.clone(), u.rule.clone(), (*view).clone());
        use_seen(
            node.clone(),
            view.clone(),
            Callback::from(move |()| {
                let (api, rule, view) = (api.clone(), rule.clone(), view.clone());
                spawn_local(async move {
                    let _ = api.offer_event(&rule, "", &view, Event::Impression).await;
                });
            }),
        );
    }
    let on_go = {
        let (api, u, view) = (session.api.clone(), u.clone(), (*view).clone());
        Callback::from(move |_: MouseEvent| {
            let (api, u, view) = (api.clone(), u.clone(), view.clone());
            spawn_local(async move {
                let _ = api.offer_event(&u.rule, "", &view, Event::Click).await;
                let _ = api.host.navigate(&u.cta_url);
            });
        })
    };
    let line = |label: &str, theirs: u32, mine: u32| {
        html! {
            <li>
                { label }{ " — " }<strong>{ time::duration(i18n.lang, theirs) }</strong>
                { format!(" ({} {})", t.upsell_now, time::duration(i18n.lang, mine)) }
            </li>
        }
    };
    let (theirs, mine) = (u.first_response, props.now);
    html! {
        <aside class="pc-upsell" aria-labelledby="pc-upsell-title" ref={node}>
            <p id="pc-upsell-title" class="pc-offer-label">{ t.upsell_intro }</p>
            <p><strong>{ &u.name }</strong>{ " · " }{ &u.price }</p>
            <ul class="pc-offer-facts">
                if theirs.critical < mine.critical {
                    { line(t.priority_critical, theirs.critical, mine.critical) }
                }
                if theirs.high < mine.high {
                    { line(t.priority_high, theirs.high, mine.high) }
                }
            </ul>
            <button type="button" class="pc-button pc-ghost" onclick={on_go}>{ format!("{} {}", t.offer_add, u.name) }</button>
        </aside>
    }
}
