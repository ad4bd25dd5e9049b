//! The queue's filters as the query string gives them, checked into a
//! [`store::queue::Filter`]: every unknown value is named at once.

use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    sla::{Priority, SlaState},
    ticket::{Department, TicketStatus},
};
use serde::Deserialize;

use crate::{
    error::AppError,
    tickets::store::queue::{Assignee, Filter},
};

/// The queue's filters, as the query string gives them.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// One tenant's tickets.
    tenant: Option<String>,
    /// `technical`, `billing` or `sales`.
    department: Option<String>,
    /// `low`, `normal`, `high` or `critical`.
    priority: Option<String>,
    /// A status, or `active` for every status but resolved and closed.
    status: Option<String>,
    /// An agent id, `me`, or `none`.
    assignee: Option<String>,
    /// `on_track`, `due_soon` or `breached`.
    sla: Option<String>,
    /// One customer's tickets (with `tenant`), e.g. to find the one a duplicate belongs to.
    account: Option<String>,
}

impl QueueQuery {
    /// The filter for agent `me`.
    pub fn filter(self, me: &str) -> Result<Filter, AppError> {
        let mut fields = Vec::new();
        let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
        let mut filter = Filter {
            tenant: nonempty(self.tenant),
            account: nonempty(self.account),
            ..Filter::default()
        };
        if let Some(d) = nonempty(self.department) {
            match Department::parse(&d) {
                Some(d) => filter.department = Some(d),
                None => fields.push((
                    "department",
                    "Department is one of technical, billing, sales.",
                )),
            }
        }
        if let Some(p) = nonempty(self.priority) {
            match Priority::parse(&p) {
                Some(p) => filter.priority = Some(p),
                None => fields.push((
                    "priority",
                    "Priority is one of low, normal, high, critical.",
                )),
            }
        }
        if let Some(s) = nonempty(self.status) {
            if s == "active" {
                filter.status = Some(None);
            } else {
                match TicketStatus::parse(&s) {
                    Some(s) => filter.status = Some(Some(s)),
                    None => fields.push((
                        "status",
                        "Status is active, open, awaiting_support, awaiting_customer, resolved or closed.",
                    )),
                }
            }
        }
        filter.assignee = match nonempty(self.assignee).as_deref() {
            None => None,
            Some("none") => Some(Assignee::Nobody),
            Some("me") => Some(Assignee::Agent(me.to_owned())),
            Some(id) => Some(Assignee::Agent(id.to_owned())),
        };
        if let Some(s) = nonempty(self.sla) {
            match SlaState::parse(&s) {
                Some(state) => filter.sla = Some(state),
                None => fields.push(("sla", "SLA is one of on_track, due_soon, breached.")),
            }
        }
        if !fields.is_empty() {
            return Err(AppError::validation(
                fields
                    .into_iter()
                    .map(|(f, m)| FieldError::new(f, FieldErrorCode::UnknownValue, m))
                    .collect(),
            ));
        }
        Ok(filter)
    }
}
