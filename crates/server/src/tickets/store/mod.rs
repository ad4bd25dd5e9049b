//! Every statement on the ticket tables (`tickets`, `ticket_messages`, `ticket_sla`,
//! `canned_replies`, `ticket_settings`). Only [`crate::tickets::lifecycle`] calls the
//! functions that change a ticket; readers (the widget, the console, notifications, the
//! bridge) get typed rows from here and shape them in `tickets::view`.

pub mod canned;
pub mod facts;
pub mod import;
pub mod messages;
pub mod numbers;
pub mod queue;
pub mod settings;
pub mod sla;
pub mod tickets;

use panelcare_model::{
    sla::Priority,
    ticket::{Department, TicketStatus},
};
use sqlx::Row as _;

use crate::db::Row;

/// Columns [`Summary::from_row`] reads, for `SELECT {SUMMARY} FROM tickets t`.
pub(crate) const SUMMARY: &str = "t.id, t.number, t.subject, t.department, t.priority, \
    t.status, t.created_at, t.updated_at, t.due_at, t.target_minutes, t.rating, t.resolved_at, \
    t.closed_at";

/// A ticket as both sides list it, in stored units (milliseconds).
#[derive(Debug, Clone)]
pub struct Summary {
    pub id: String,
    pub number: i64,
    pub subject: String,
    pub department: Department,
    pub priority: Priority,
    pub status: TicketStatus,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the answer owed is due, while one is owed.
    pub due_at: Option<i64>,
    pub target_minutes: Option<i64>,
    pub rating: Option<i64>,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
}

fn bad(col: &str, v: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: col.into(),
        source: format!("unexpected value {v:?}").into(),
    }
}

pub(crate) fn status(row: &Row, col: &str) -> Result<TicketStatus, sqlx::Error> {
    let s: String = row.try_get(col)?;
    TicketStatus::parse(&s).ok_or_else(|| bad(col, &s))
}

pub(crate) fn priority(row: &Row, col: &str) -> Result<Priority, sqlx::Error> {
    let s: String = row.try_get(col)?;
    Priority::parse(&s).ok_or_else(|| bad(col, &s))
}

impl Summary {
    /// From a row of [`SUMMARY`] columns.
    pub(crate) fn from_row(row: &Row) -> Result<Self, sqlx::Error> {
        let department: String = row.try_get("department")?;
        Ok(Self {
            id: row.try_get("id")?,
            number: row.try_get("number")?,
            subject: row.try_get("subject")?,
            department: Department::parse(&department)
                .ok_or_else(|| bad("department", &department))?,
            priority: priority(row, "priority")?,
            status: status(row, "status")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            due_at: row.try_get("due_at")?,
            target_minutes: row.try_get("target_minutes")?,
            rating: row.try_get("rating")?,
            resolved_at: row.try_get("resolved_at")?,
            closed_at: row.try_get("closed_at")?,
        })
    }
}
