//! The agents' view of tickets: the queue with its filters, sorted by time left; one ticket
//! with who and where; the workload per agent. Every statement is limited to a [`Scope`]
//! (bound as `$1`) and reads the clock as `$2`, so other tenants' tickets are not found.

use panelcare_model::{
    sla::{Priority, SlaState},
    ticket::{Department, TicketStatus},
};
use sqlx::Row as _;

use super::{
    SUMMARY, Summary,
    sla::{WAITING, in_state},
};
use crate::{
    db::{Db, Row},
    tenants::{Scope, store as tenants},
};

/// Most tickets the queue shows at once.
const QUEUE_LIMIT: i64 = 500;

/// The queue's filters, checked; `None` is any.
#[derive(Debug, Default)]
pub struct Filter {
    pub tenant: Option<String>,
    pub account: Option<String>,
    pub department: Option<Department>,
    pub priority: Option<Priority>,
    /// `Some(None)`: every status but resolved and closed.
    pub status: Option<Option<TicketStatus>>,
    pub assignee: Option<Assignee>,
    pub sla: Option<SlaState>,
}

#[derive(Debug)]
pub enum Assignee {
    Nobody,
    Agent(String),
}

/// A ticket in the queue: its summary, whose it is and who works on it.
#[derive(Debug)]
pub struct Item {
    pub summary: Summary,
    pub tenant_id: String,
    pub tenant_name: String,
    pub account_id: String,
    pub account_name: Option<String>,
    pub account_email: Option<String>,
    pub account_plan: Option<String>,
    pub support_tier: Option<String>,
    /// The assignee's id and name.
    pub assignee: Option<(String, String)>,
    pub merged_into: Option<String>,
    pub rating_comment: Option<String>,
    pub external_ref: Option<String>,
}

/// Columns for [`item`]: the summary's plus who and where.
const ITEM: &str = "t.tenant_id, tn.name AS tenant_name, t.account_id, t.account_name, \
    t.account_email, t.account_plan, t.support_tier, t.assignee_id, \
    COALESCE(ag.name, '') AS assignee_name, t.merged_into, t.rating_comment, t.external_ref";

fn from(scope: &Scope) -> String {
    format!(
        "FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id \
         LEFT JOIN agents ag ON ag.id = t.assignee_id WHERE {}",
        tenants::condition(scope, "t.tenant_id")
    )
}

fn item(row: &Row) -> Result<Item, sqlx::Error> {
    let assignee_id: Option<String> = row.try_get("assignee_id")?;
    Ok(Item {
        summary: Summary::from_row(row)?,
        tenant_id: row.try_get("tenant_id")?,
        tenant_name: row.try_get("tenant_name")?,
        account_id: row.try_get("account_id")?,
        account_name: row.try_get("account_name")?,
        account_email: row.try_get("account_email")?,
        account_plan: row.try_get("account_plan")?,
        support_tier: row.try_get("support_tier")?,
        assignee: assignee_id.map(|id| (id, row.try_get("assignee_name").unwrap_or_default())),
        merged_into: row.try_get("merged_into")?,
        rating_comment: row.try_get("rating_comment")?,
        external_ref: row.try_get("external_ref")?,
    })
}

/// The queue: tickets waiting for support by deadline first, then the rest by activity.
pub async fn list(
    db: &Db,
    scope: &Scope,
    filter: &Filter,
    now_ms: i64,
) -> Result<Vec<Item>, sqlx::Error> {
    let mut sql = format!("SELECT {SUMMARY}, {ITEM} {}", from(scope));
    // $1 is the scope's tenant; the filters' values follow from $2.
    let mut binds: Vec<Bind> = Vec::new();
    let mut add = |sql: &mut String, cond: &str, value: Bind| {
        binds.push(value);
        sql.push_str(&cond.replace('?', &format!("${}", binds.len() + 1)));
    };
    let text = |s: &str| Bind::Text(s.to_owned());
    if let Some(t) = &filter.tenant {
        add(&mut sql, " AND t.tenant_id = ?", text(t));
    }
    if let Some(a) = &filter.account {
        add(&mut sql, " AND t.account_id = ?", text(a));
    }
    if let Some(d) = filter.department {
        add(&mut sql, " AND t.department = ?", text(d.as_str()));
    }
    if let Some(p) = filter.priority {
        add(&mut sql, " AND t.priority = ?", text(p.as_str()));
    }
    match filter.status {
        None => {}
        Some(None) => sql.push_str(" AND t.status NOT IN ('resolved', 'closed')"),
        Some(Some(s)) => add(&mut sql, " AND t.status = ?", text(s.as_str())),
    }
    match &filter.assignee {
        None => {}
        Some(Assignee::Nobody) => sql.push_str(" AND t.assignee_id IS NULL"),
        Some(Assignee::Agent(id)) => add(&mut sql, " AND t.assignee_id = ?", text(id)),
    }
    if let Some(state) = filter.sla {
        // The clock is one value, read in several places of the rule.
        binds.push(Bind::Int(now_ms));
        let now = format!("${}", binds.len() + 1);
        sql.push_str(&format!(" AND {WAITING} AND {}", in_state(state, &now)));
    }
    sql.push_str(&format!(
        " ORDER BY ({WAITING}) DESC, t.due_at, t.updated_at DESC LIMIT {QUEUE_LIMIT}"
    ));
    let mut query = sqlx::query(&sql).bind(&scope.tenant_id);
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter().map(item).collect()
}

/// A value bound into the queue's SQL.
enum Bind {
    Text(String),
    Int(i64),
}

/// One ticket in scope, or `None`.
pub async fn one(db: &Db, scope: &Scope, id: &str) -> Result<Option<Item>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {SUMMARY}, {ITEM} {} AND t.id = $2",
        from(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(item).transpose()
}

/// Open tickets of one assignee (or nobody) of one tenant.
#[derive(Debug)]
pub struct Load {
    pub tenant_id: String,
    /// The assignee's id and name; `None` for unassigned tickets.
    pub agent: Option<(String, String)>,
    pub open: i64,
    pub due_soon: i64,
    pub breached: i64,
}

/// Open tickets per assignee (and unassigned), with how many are due soon or breached.
pub async fn workload(db: &Db, scope: &Scope, now_ms: i64) -> Result<Vec<Load>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT t.tenant_id, t.assignee_id, COALESCE(ag.name, '') AS name, COUNT(*) AS open, \
         COUNT(*) FILTER (WHERE {WAITING} AND {}) AS due_soon, \
         COUNT(*) FILTER (WHERE {WAITING} AND {}) AS breached \
         {} AND t.status NOT IN ('resolved', 'closed') \
         GROUP BY t.tenant_id, t.assignee_id, ag.name ORDER BY t.tenant_id, open DESC",
        in_state(SlaState::DueSoon, "$2"),
        in_state(SlaState::Breached, "$2"),
        from(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(now_ms)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let id: Option<String> = r.try_get("assignee_id")?;
            Ok(Load {
                agent: id.map(|id| (id, r.try_get("name").unwrap_or_default())),
                tenant_id: r.try_get("tenant_id")?,
                open: r.try_get("open")?,
                due_soon: r.try_get("due_soon")?,
                breached: r.try_get("breached")?,
            })
        })
        .collect()
}
