//! Upgrade suggestions (`data-panelcare="offers"`): asks the host for the customer's usage,
//! the server for the one offer its rules pick, and draws it, or nothing at all.
//!
//! Impressions are reported once per drawn card when it is actually seen; a click is
//! reported before the host navigates; "not now" and "don't show again" are stored on the
//! server, so they hold on every device and after a reload.

mod api;
mod card;
mod seen;
pub mod wire;

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

pub use api::Event;
pub use card::OfferCard;
pub use seen::use_seen;
use wire::Offer;

use crate::{session::use_session, storage::new_key};

#[derive(Debug, Clone, PartialEq)]
enum View {
    Asking,
    /// The offer and this drawing's view id.
    Shown(Rc<Offer>, AttrValue),
    /// The customer answered; what it means, said once.
    Answered(AttrValue),
    Nothing,
}

#[component]
pub fn OffersPanel() -> Html {
    let session = use_session();
    let view = use_state(|| View::Asking);
    let busy = use_state(|| false);
    let error = use_state(|| None::<AttrValue>);
    let card = use_node_ref();
    let status = use_node_ref();
    let lang = session.i18n.lang;
    {
        let (api, view) = (session.api.clone(), view.clone());
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            spawn_local(async move {
                // A host that cannot say its usage still gets offers that need none.
                let usage = api.host.usage().await.unwrap_or(JsValue::NULL);
                view.set(match api.best_offer(usage, lang).await {
                    Ok(Some(o)) => View::Shown(Rc::new(o), new_key().into()),
                    _ => View::Nothing,
                });
            });
        });
    }
    let (offer, view_id) = match &*view {
        View::Shown(o, id) => (Some(o.clone()), id.clone()),
        _ => (None, AttrValue::default()),
    };
    {
        let (api, offer, view_id) = (session.api.clone(), offer.clone(), view_id.clone());
        use_seen(
            card.clone(),
            view_id.clone(),
            Callback::from(move |()| {
                if let Some(o) = offer.clone() {
                    let (api, view_id) = (api.clone(), view_id.clone());
                    spawn_local(async move {
                        let _ = api
                            .offer_event(&o.rule, &o.variant, &view_id, Event::Impression)
                            .await;
                    });
                }
            }),
        );
    }
    {
        let status = status.clone();
        use_effect_with(matches!(*view, View::Answered(_)), move |answered| {
            // The buttons are gone: keyboard and screen-reader users land on what happened.
            if *answered && let Some(el) = status.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let Some(offer) = offer else {
        return match &*view {
            View::Answered(text) => html! {
                <p class="pc-offer-answered" role="status" tabindex="-1" ref={status}>{ text }</p>
            },
            _ => html! {},
        };
    };
    let answer = |event: Event| {
        let (api, offer, view_id) = (session.api.clone(), offer.clone(), view_id.clone());
        let (view, busy, error, i18n) = (view.clone(), busy.clone(), error.clone(), session.i18n);
        Callback::from(move |()| {
            let (api, offer, view_id) = (api.clone(), offer.clone(), view_id.clone());
            let (view, busy, error) = (view.clone(), busy.clone(), error.clone());
            busy.set(true);
            spawn_local(async move {
                let saved = api
                    .offer_event(&offer.rule, &offer.variant, &view_id, event)
                    .await;
                busy.set(false);
                match (event, saved) {
                    // The way to the offer stays open even if the click was not counted.
                    (Event::Click, _) => {
                        if api.host.navigate(&offer.cta_url).is_err() {
                            error.set(Some(i18n.t.err_generic.into()));
                        }
                    }
                    (_, Err(_)) => error.set(Some(i18n.t.offer_failed.into())),
                    (Event::Snooze, Ok(())) => view.set(View::Answered(
                        i18n.plural(&i18n.t.offer_snoozed, u64::from(offer.snooze_days))
                            .into(),
                    )),
                    (_, Ok(())) => view.set(View::Answered(i18n.t.offer_dismissed.into())),
                }
            });
        })
    };
    html! {
        <OfferCard
            offer={offer.clone()}
            busy={*busy}
            error={(*error).clone()}
            card_ref={card}
            on_go={answer(Event::Click)}
            on_snooze={answer(Event::Snooze)}
            on_dismiss={answer(Event::Dismiss)}
        />
    }
}
