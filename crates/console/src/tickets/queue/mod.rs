//! The ticket queue: what waits for support first, by time left, with filters; the
//! workload per agent beside it.

mod filters;
mod row;
mod workload;

use std::rc::Rc;

use gloo_timers::callback::Interval;
use panelcare_model::ticket::console::{QueueItem, Workload};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::{console::use_console, focus, latest::use_latest, tenants::use_tenants};
use filters::{Filters, QueueFilters};
use row::QueueRow;
use workload::WorkloadTable;

/// How often the open queue is read again.
const REFRESH_MS: u32 = 30_000;

/// Times left change and new tickets arrive while the queue is open: a number that goes up
/// every half minute, to read it again (the interval stops when the queue is left).
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

#[component]
pub fn TicketQueue() -> Html {
    let console = use_console();
    let filters = use_state(Filters::default);
    let items = use_state(|| None::<Result<Rc<Vec<Rc<QueueItem>>>, String>>);
    let load = use_state(|| None::<Rc<Vec<Workload>>>);
    // All tenants in scope, for the filter and the workload's names.
    let (tenants, _) = use_tenants();
    let tick = use_ticks();
    // Reached from the sign-in form, a ticket or the menu, none of which is here any more.
    use_effect_with((), |_| focus::later("c-tickets-title"));
    let reads = use_latest();
    {
        let (console, items, load, reads) =
            (console.clone(), items.clone(), load.clone(), reads.clone());
        use_effect_with(((*filters).clone(), tick), move |(f, _)| {
            let query = f.query();
            let this = reads.start();
            spawn_local(async move {
                let answer = console.api.tickets(&query).await;
                if !reads.is_newest(this) {
                    return;
                }
                if let Some(q) = console.settle(answer, |e| items.set(Some(Err(e.message())))) {
                    items.set(Some(Ok(Rc::new(
                        q.items.into_iter().map(Rc::new).collect(),
                    ))));
                }
                if let Ok(w) = console.api.workload().await {
                    load.set(Some(Rc::new(w)));
                }
            });
        });
    }
    let tenants = Rc::new((*tenants).clone());
    let provider = console.is_provider();
    let list = match &*items {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="c-muted">{ "No tickets with these filters." }</p> }
        }
        // Keyed: when the queue reads itself again and the order changes, a focused row's
        // link stays with its ticket instead of showing another one.
        Some(Ok(items)) => html! {
            <table class="c-table c-queue">
                <thead><tr>
                    <th scope="col">{ "Ticket" }</th><th scope="col">{ "Customer" }</th><th scope="col">{ "Department" }</th><th scope="col">{ "Priority" }</th>
                    <th scope="col">{ "Status" }</th><th scope="col">{ "Answer due" }</th><th scope="col">{ "Assignee" }</th>
                </tr></thead>
                <tbody>{ for items.iter().map(|i| html! {
                    <QueueRow key={i.ticket.id.clone()} item={i.clone()} {provider} />
                }) }</tbody>
            </table>
        },
    };
    html! {
        <section aria-labelledby="c-tickets-title">
            <h1 id="c-tickets-title" class="c-title" tabindex="-1">{ "Tickets" }</h1>
            <QueueFilters filters={filters.clone()} tenants={tenants.clone()} />
            { list }
            if let Some(load) = &*load {
                <WorkloadTable load={load.clone()} {tenants} />
            }
        </section>
    }
}
