//! The navigation's "Low ratings" link with the count of those nobody has looked at yet, in
//! the tenants the agent sees. It reads the count again every half minute and whenever the
//! address changes; when the address is a suggestion or a ticket, it first tells the server
//! the agent opened it (which clears its alert, for everyone), so the count drops at once.

use gloo_timers::callback::Interval;
use panelcare_model::alerts::AlertKind;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::lang::{attr, lang, texts};
use crate::{
    console::use_console,
    latest::use_latest,
    route::{NavLink, Route},
};

/// How often the count is read again.
const REFRESH_MS: u32 = 30_000;

/// A number that goes up every half minute while the console is open.
#[hook]
fn use_ticks() -> u32 {
    let ticks = use_mut_ref(|| 0u32);
    let redraw = use_force_update();
    {
        let ticks = ticks.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(REFRESH_MS, move || {
                *ticks.borrow_mut() += 1;
                redraw.force_update();
            });
            move || drop(interval)
        });
    }
    *ticks.borrow()
}

/// What the address opens that a low rating can be on.
fn opened(route: &Option<Route>) -> Option<(AlertKind, String)> {
    match route {
        Some(Route::Suggestion { id }) => Some((AlertKind::Feedback, id.clone())),
        Some(Route::Ticket { id }) => Some((AlertKind::Ticket, id.clone())),
        _ => None,
    }
}

#[component]
pub fn AlertsLink() -> Html {
    let console = use_console();
    let route = use_route::<Route>();
    let unseen = use_state(|| 0u32);
    let tick = use_ticks();
    let reads = use_latest();
    {
        let unseen = unseen.clone();
        use_effect_with((opened(&route), tick), move |(opened, _)| {
            let opened = opened.clone();
            let this = reads.start();
            spawn_local(async move {
                let mut answer = match &opened {
                    Some((kind, id)) => console.api.alert_seen(*kind, id).await,
                    None => console.api.unseen_alerts().await,
                };
                if opened.is_some() && answer.is_err() {
                    // Not found (another tenant's, a mistyped address): the count still shows.
                    answer = console.api.unseen_alerts().await;
                }
                // A failed read keeps the count shown; the screen says what went wrong.
                if let (true, Ok(u)) = (reads.is_newest(this), answer) {
                    unseen.set(u.unseen);
                }
            });
        });
    }
    let t = texts();
    let n = *unseen;
    html! {
        <NavLink to={Route::Alerts}>
            <span lang={attr()}>{ t.nav }</span>
            if n > 0 {
                <span class="c-count" aria-hidden="true" data-unseen={n.to_string()}>{ n }</span>
                <span class="c-sr-only" lang={attr()}>{ format!(" ({})", t.unseen.format(lang(), u64::from(n))) }</span>
            }
        </NavLink>
    }
}
