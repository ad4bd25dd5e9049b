//! The queue's filters: status (active by default), department, priority, SLA state,
//! assignee, and for a provider admin the tenant; each change reads the queue again.

use std::rc::Rc;

use panelcare_model::{
    console::TenantInfo,
    sla::{Priority, SlaState},
    ticket::{Department, TicketStatus},
};
use yew::prelude::*;

use crate::{
    console::use_console,
    filters,
    tickets::{text, use_assignees},
};

#[derive(Debug, Clone, PartialEq)]
pub struct Filters {
    pub status: String,
    pub department: String,
    pub priority: String,
    pub sla: String,
    pub assignee: String,
    pub tenant: String,
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
    /// The query string of `GET /console/api/tickets`.
    pub fn query(&self) -> String {
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

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QueueFiltersProps {
    pub filters: UseStateHandle<Filters>,
    /// All tenants in scope, for a provider admin's tenant filter.
    pub tenants: Rc<Vec<TenantInfo>>,
}

/// `(value, name)` options from a list of values.
fn options<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    name: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|x| (value(*x).to_owned(), name(*x).to_owned()))
        .collect()
}

#[component]
pub fn QueueFilters(props: &QueueFiltersProps) -> Html {
    let provider = use_console().is_provider();
    let people = use_assignees();
    let f = &props.filters;
    let statuses = std::iter::once(("active".to_owned(), "Active (not resolved)".to_owned()))
        .chain(options(
            &TicketStatus::ALL,
            TicketStatus::as_str,
            text::status,
        ))
        .collect();
    let departments = options(&Department::ALL, Department::as_str, text::department);
    let mut priorities = Priority::ALL.to_vec();
    priorities.reverse();
    let priorities = options(&priorities, Priority::as_str, text::priority);
    let slas = options(
        &[SlaState::Breached, SlaState::DueSoon, SlaState::OnTrack],
        SlaState::as_str,
        text::sla,
    );
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
    let tenants = props
        .tenants
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    html! {
        <div class="c-filters">
            { filters::select("c-t-status", "Status", &f.status, statuses, filters::pick(f, |f, v| f.status = v)) }
            { filters::select("c-t-department", "Department", &f.department, departments, filters::pick(f, |f, v| f.department = v)) }
            { filters::select("c-t-priority", "Priority", &f.priority, priorities, filters::pick(f, |f, v| f.priority = v)) }
            { filters::select("c-t-sla", "SLA", &f.sla, slas, filters::pick(f, |f, v| f.sla = v)) }
            { filters::select("c-t-assignee", "Assignee", &f.assignee, assignees, filters::pick(f, |f, v| f.assignee = v)) }
            if provider {
                { filters::select("c-t-tenant", "Tenant", &f.tenant, tenants, filters::pick(f, |f, v| f.tenant = v)) }
            }
        </div>
    }
}
