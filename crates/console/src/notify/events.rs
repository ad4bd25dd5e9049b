//! Which events the tenant's webhook gets: one checkbox per event, all of them until an admin
//! chooses (a test always goes).

use std::rc::Rc;

use panelcare_model::{FieldError, notify::choosable_events};
use yew::prelude::*;

use crate::{
    alerts::lang::{attr, texts},
    form::{self, error_line},
};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct WebhookEventsProps {
    /// The events ticked.
    pub chosen: Rc<Vec<String>>,
    pub errors: Rc<Vec<FieldError>>,
    pub on_change: Callback<Vec<String>>,
}

#[component]
pub fn WebhookEvents(props: &WebhookEventsProps) -> Html {
    let t = texts();
    let error = form::message(&props.errors, "webhook_events");
    let events = choosable_events();
    html! {
        <fieldset class="c-fieldset c-webhook-events" lang={attr()}
            aria-describedby={form::described_by("c-nt-events", true, error.is_some())}>
            <legend>{ t.events_legend }</legend>
            <p class="c-hint" id="c-nt-events-hint">{ t.events_hint }</p>
            { for events.iter().enumerate().map(|(i, event)| {
                let id = format!("c-nt-event-{i}");
                let on = props.chosen.contains(event);
                let onchange = {
                    let (chosen, on_change, event) = (props.chosen.clone(), props.on_change.clone(), event.clone());
                    Callback::from(move |e: Event| {
                        // Kept in the published order, whatever order they were ticked in.
                        let ticked = form::checked(&e);
                        let next = choosable_events()
                            .into_iter()
                            .filter(|x| if *x == event { ticked } else { chosen.contains(x) })
                            .collect();
                        on_change.emit(next);
                    })
                };
                html! {
                    <label class="c-check" for={id.clone()}>
                        <input type="checkbox" id={id} checked={on} {onchange} />
                        { t.event(event).unwrap_or(event) }
                    </label>
                }
            }) }
            { error_line("c-nt-events", error) }
        </fieldset>
    }
}
