//! Ticket values in the console's words.

use panelcare_model::{
    sla::{Priority, SlaState},
    ticket::{Department, TicketStatus, TicketSummary},
};

pub fn department(d: Department) -> &'static str {
    match d {
        Department::Technical => "Technical",
        Department::Billing => "Billing",
        Department::Sales => "Sales",
    }
}

pub fn status(s: TicketStatus) -> &'static str {
    match s {
        TicketStatus::Open => "Open",
        TicketStatus::AwaitingSupport => "Awaiting support",
        TicketStatus::AwaitingCustomer => "Awaiting customer",
        TicketStatus::Resolved => "Resolved",
        TicketStatus::Closed => "Closed",
    }
}

pub fn priority(p: Priority) -> &'static str {
    match p {
        Priority::Low => "Low",
        Priority::Normal => "Normal",
        Priority::High => "High",
        Priority::Critical => "Critical",
    }
}

pub fn sla(s: SlaState) -> &'static str {
    match s {
        SlaState::OnTrack => "On track",
        SlaState::DueSoon => "Due soon",
        SlaState::Breached => "Breached",
    }
}

/// "in 42 min", "3 h 10 min late", or "—" when nothing is owed.
pub fn due(t: &TicketSummary) -> String {
    let Some(due) = &t.due_at else {
        return "—".into();
    };
    let then = js_sys::Date::parse(due);
    if then.is_nan() {
        return due.clone();
    }
    let minutes = ((then - js_sys::Date::now()) / 60_000.0).round() as i64;
    let span = |m: i64| {
        if m >= 60 {
            format!("{} h {} min", m / 60, m % 60)
        } else {
            format!("{m} min")
        }
    };
    if minutes < 0 {
        format!("{} late", span(-minutes))
    } else {
        format!("in {}", span(minutes))
    }
}
