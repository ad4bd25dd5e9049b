//! The ticket queue: what waits for support first, by time left, with filters; the
//! workload per agent beside it.

use std::rc::Rc;

use panelcare_model::{
    sla::{Priority, SlaState},
    ticket::{
        Department, TicketStatus,
        console::{QueueItem, Workload},
    },
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::text;
use gloo_timers::callback::Interval;

use super::use_assignees;
use crate::{api::Api, filters, focus, latest::use_latest, tenants::use_tenants};

/// How often the open queue is read again.
const REFRESH_MS: u32 = 30_000;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QueueProps {
    pub api: Api,
    pub on_open: Callback<AttrValue>,
    pub on_signed_out: Callback<()>,
    pub provider: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Filters {
    status: String,
    department: String,
    priority: String,
    sla: String,
    assignee: String,
    tenant: String,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            status: "active".into(),
            department: String::new(),
            priority: String::new(),
            sla: String::new(),
            assignee: String::new(),
            tenant: String::new(),
        }
    }
}

impl Filters {
    fn query(&self) -> String {
        crate::api::query_string(&[
            ("status", &self.status),
            ("department", &self.department),
            ("priority", &self.priority),
            ("sla", &self.sla),
            ("assignee", &self.assignee),
            ("tenant", &self.tenant),
        ])
    }
}

#[component]
pub fn TicketQueue(props: &QueueProps) -> Html {
    let filters = use_state(Filters::default);
    let items = use_state(|| None::<Result<Rc<Vec<QueueItem>>, String>>);
    let load = use_state(|| None::<Rc<Vec<Workload>>>);
    // All tenants in scope, for the filter and the workload's names.
    let (tenants, _) = use_tenants();
    let people = use_assignees(&props.api);
    // Times left change and new tickets arrive while the queue is open: read it again every
    // half minute (the interval stops when the queue is left).
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
    // Reached from the sign-in form, a ticket or the menu, none of which is here any more.
    use_effect_with((), |_| focus::later("c-tickets-title"));
    let tick = *ticks.borrow();
    let reads = use_latest();
    {
        let (api, items, load, on_signed_out, reads) = (
            props.api.clone(),
            items.clone(),
            load.clone(),
            props.on_signed_out.clone(),
            reads.clone(),
        );
        use_effect_with(((*filters).clone(), tick), move |(f, _)| {
            let query = f.query();
            let this = reads.start();
            spawn_local(async move {
                let answer = api.tickets(&query).await;
                if !reads.is_newest(this) {
                    return;
                }
                match answer {
                    Ok(q) => items.set(Some(Ok(Rc::new(q.items)))),
                    Err(e) if e.is_signed_out() => on_signed_out.emit(()),
                    Err(e) => items.set(Some(Err(e.message()))),
                }
                if let Ok(w) = api.workload().await {
                    load.set(Some(Rc::new(w)));
                }
            });
        });
    }
    let tenant_name = |id: &str| {
        tenants
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    let tenant_options = tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    let statuses = std::iter::once(("active".to_owned(), "Active (not resolved)".to_owned()))
        .chain(
            TicketStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), text::status(*s).to_owned())),
        )
        .collect();
    let departments = Department::ALL
        .iter()
        .map(|d| (d.as_str().to_owned(), text::department(*d).to_owned()))
        .collect();
    let priorities = Priority::ALL
        .iter()
        .rev()
        .map(|p| (p.as_str().to_owned(), text::priority(*p).to_owned()))
        .collect();
    let slas = [SlaState::Breached, SlaState::DueSoon, SlaState::OnTrack]
        .iter()
        .map(|s| (s.as_str().to_owned(), text::sla(*s).to_owned()))
        .collect();
    // Me, nobody, then each colleague once (a provider admin works several tenants).
    let mut assignees = vec![
        ("me".to_owned(), "Me".to_owned()),
        ("none".to_owned(), "Nobody".to_owned()),
    ];
    for a in people.iter() {
        if !assignees.iter().any(|(id, _)| *id == a.id) {
            assignees.push((a.id.clone(), a.name.clone()));
        }
    }
    let list = match &*items {
        None => html! { <p class="c-muted">{ "Loading…" }</p> },
        Some(Err(m)) => html! { <p class="c-error" role="alert">{ m }</p> },
        Some(Ok(items)) if items.is_empty() => {
            html! { <p class="c-muted">{ "No tickets with these filters." }</p> }
        }
        Some(Ok(items)) => html! {
            <table class="c-table c-queue">
                <thead><tr>
                    <th scope="col">{ "Ticket" }</th><th scope="col">{ "Customer" }</th><th scope="col">{ "Department" }</th><th scope="col">{ "Priority" }</th>
                    <th scope="col">{ "Status" }</th><th scope="col">{ "Answer due" }</th><th scope="col">{ "Assignee" }</th>
                </tr></thead>
                <tbody>{ for items.iter().map(|i| row(i, props.provider, &props.on_open)) }</tbody>
            </table>
        },
    };
    html! {
        <section aria-labelledby="c-tickets-title">
            <h1 id="c-tickets-title" class="c-title" tabindex="-1">{ "Tickets" }</h1>
            <div class="c-filters">
                { filters::select("c-t-status", "Status", &filters.status, statuses, filters::pick(&filters, |f, v| f.status = v)) }
                { filters::select("c-t-department", "Department", &filters.department, departments, filters::pick(&filters, |f, v| f.department = v)) }
                { filters::select("c-t-priority", "Priority", &filters.priority, priorities, filters::pick(&filters, |f, v| f.priority = v)) }
                { filters::select("c-t-sla", "SLA", &filters.sla, slas, filters::pick(&filters, |f, v| f.sla = v)) }
                { filters::select("c-t-assignee", "Assignee", &filters.assignee, assignees, filters::pick(&filters, |f, v| f.assignee = v)) }
                if props.provider {
                    { filters::select("c-t-tenant", "Tenant", &filters.tenant, tenant_options, filters::pick(&filters, |f, v| f.tenant = v)) }
                }
            </div>
            { list }
            if let Some(w) = &*load {
                if !w.is_empty() {
                    <h2 class="c-subtitle">{ "Workload" }</h2>
                    <table class="c-table c-workload">
                        <thead><tr><th scope="col">{ "Agent" }</th><th scope="col">{ "Tenant" }</th><th scope="col">{ "Open" }</th><th scope="col">{ "Due soon" }</th><th scope="col">{ "Breached" }</th></tr></thead>
                        <tbody>{ for w.iter().map(|w| html! {
                            <tr>
                                <td>{ w.agent.as_ref().map_or("Unassigned", |a| a.name.as_str()) }</td>
                                <td>{ tenant_name(&w.tenant_id) }</td><td>{ w.open }</td><td>{ w.due_soon }</td>
                                <td class={(w.breached > 0).then_some("c-late")}>{ w.breached }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                }
            }
        </section>
    }
}

fn row(i: &QueueItem, provider: bool, on_open: &Callback<AttrValue>) -> Html {
    let t = &i.ticket;
    let id = AttrValue::from(t.id.clone());
    let onclick = on_open.reform(move |_: MouseEvent| id.clone());
    let who = i
        .account_name
        .clone()
        .unwrap_or_else(|| i.account_id.clone());
    // Keyed: when the queue reads itself again and the order changes, a focused row's button
    // stays with its ticket instead of showing another one.
    html! {
        <tr key={t.id.clone()} class={format!("c-sla-{}", t.sla_state.map_or("none", SlaState::as_str))}>
            <td>
                <button type="button" class="c-link" {onclick}>{ format!("#{} {}", t.number, t.subject) }</button>
                if provider { <span class="c-tenant">{ format!(" · {}", i.tenant_name) }</span> }
            </td>
            <td>{ who }</td>
            <td>{ text::department(t.department) }</td>
            <td><span class={format!("c-badge c-prio-{}", t.priority.as_str())}>{ text::priority(t.priority) }</span></td>
            <td>{ text::status(t.status) }</td>
            <td>
                { text::due(t) }
                // Said in words, not only in the row's colour.
                if t.sla_state == Some(SlaState::DueSoon) { { " · due soon" } }
            </td>
            <td>{ i.assignee.as_ref().map_or("—", |a| a.name.as_str()) }</td>
        </tr>
    }
}
