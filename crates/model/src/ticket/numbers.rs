//! `GET /console/api/ticket-numbers`: how well support keeps its promise, how customers rate
//! it, and how often an article answered instead of a ticket.

use serde::{Deserialize, Serialize};

use super::console::AgentRef;
use crate::sla::Priority;

/// Answers owed in the period and how many came in time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaKept {
    pub answers: i64,
    pub met: i64,
}

impl SlaKept {
    /// Met / answers, 0 to 1; `None` without answers.
    pub fn share(&self) -> Option<f64> {
        (self.answers > 0).then(|| self.met as f64 / self.answers as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrioritySla {
    pub priority: Priority,
    pub sla: SlaKept,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgentSla {
    pub agent: AgentRef,
    pub tenant_id: String,
    pub sla: SlaKept,
}

/// One tenant's (or all tenants') ticket numbers for the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Named apart from the widget's `ticket::TicketSummary` in the API document.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = TicketNumbersSummary))]
pub struct TicketSummary {
    /// Tickets opened in the period.
    pub opened: i64,
    /// Tickets opened per day, oldest first; the last is today (UTC).
    pub per_day: Vec<i64>,
    pub sla: SlaKept,
    pub by_priority: Vec<PrioritySla>,
    pub ratings: i64,
    #[serde(default)]
    pub average_rating: Option<f64>,
    /// Customers who said an article solved their problem.
    pub solved_by_article: i64,
    /// solved_by_article / (solved_by_article + opened), 0 to 1.
    #[serde(default)]
    pub deflection_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantTickets {
    pub tenant_id: String,
    pub tenant_name: String,
    pub summary: TicketSummary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketNumbers {
    pub period_days: u32,
    pub tenants: Vec<TenantTickets>,
    pub total: TicketSummary,
    pub by_agent: Vec<AgentSla>,
}

/// The deflection rate of `solved` article answers against `opened` tickets.
pub fn deflection(solved: i64, opened: i64) -> Option<f64> {
    let all = solved + opened;
    (all > 0).then(|| solved as f64 / all as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares() {
        assert_eq!(SlaKept { answers: 4, met: 3 }.share(), Some(0.75));
        assert_eq!(SlaKept::default().share(), None);
        assert_eq!(deflection(1, 3), Some(0.25));
        assert_eq!(deflection(0, 0), None);
    }
}
