//! Reading tickets for agents: the queue with its filters (sorted by time left), one ticket
//! with its whole thread, and the workload per agent. Every query is limited to the agent's
//! [`Scope`], so other tenants' tickets are not found.

use panelcare_model::{
    FieldError,
    error::FieldErrorCode,
    sla::{Priority, SlaState},
    ticket::{
        Department, TicketStatus,
        console::{AgentRef, QueueItem, Workload},
    },
};
use serde::Deserialize;
use sqlx::{Row as _, sqlite::SqliteRow};

use crate::{
    console::scope::Scope,
    error::AppError,
    state::AppState,
    tickets::{settings, view},
    time,
};

/// Most tickets the queue shows at once.
const QUEUE_LIMIT: i64 = 500;

/// The queue's filters, as the query string gives them.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    tenant: Option<String>,
    department: Option<String>,
    priority: Option<String>,
    /// A status, or `active` for every status but resolved and closed.
    status: Option<String>,
    /// An agent id, `me`, or `none`.
    assignee: Option<String>,
    sla: Option<String>,
    /// One customer's tickets (with `tenant`), e.g. to find the one a duplicate belongs to.
    account: Option<String>,
}

/// Columns for [`item`]: the summary's plus who and where.
const ITEM: &str = "t.tenant_id, tn.name AS tenant_name, t.account_id, t.account_name, \
    t.account_email, t.account_plan, t.support_tier, t.assignee_id, \
    COALESCE(ag.name, '') AS assignee_name, t.merged_into, t.rating_comment, t.external_ref";

fn from(scope: &Scope) -> String {
    format!(
        "FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id \
         LEFT JOIN agents ag ON ag.id = t.assignee_id WHERE {}",
        scope.condition("t.tenant_id")
    )
}

pub fn item(row: &SqliteRow, now_ms: i64, reopen_days: u32) -> Result<QueueItem, sqlx::Error> {
    let assignee_id: Option<String> = row.try_get("assignee_id")?;
    Ok(QueueItem {
        ticket: view::summary(row, now_ms, reopen_days)?,
        tenant_id: row.try_get("tenant_id")?,
        tenant_name: row.try_get("tenant_name")?,
        account_id: row.try_get("account_id")?,
        account_name: row.try_get("account_name")?,
        account_email: row.try_get("account_email")?,
        account_plan: row.try_get("account_plan")?,
        support_tier: row.try_get("support_tier")?,
        assignee: assignee_id.map(|id| AgentRef {
            id,
            name: row.try_get("assignee_name").unwrap_or_default(),
        }),
        merged_into: row.try_get("merged_into")?,
        rating_comment: row.try_get("rating_comment")?,
        external_ref: row.try_get("external_ref")?,
    })
}

/// A value bound into the queue's SQL.
enum Bind {
    Text(String),
    Int(i64),
}

pub async fn list(
    state: &AppState,
    scope: &Scope,
    me: &str,
    q: QueueQuery,
) -> Result<Vec<QueueItem>, AppError> {
    let mut fields = Vec::new();
    let mut sql = format!("SELECT {}, {ITEM} {}", view::SUMMARY, from(scope));
    // ?1 is the scope's tenant; the filters follow from ?2.
    let mut binds: Vec<Bind> = Vec::new();
    let mut add = |sql: &mut String, cond: &str, value: Bind| {
        binds.push(value);
        sql.push_str(&cond.replace('?', &format!("?{}", binds.len() + 1)));
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.is_empty());
    let now = time::now_ms();
    if let Some(t) = nonempty(q.tenant) {
        add(&mut sql, " AND t.tenant_id = ?", Bind::Text(t));
    }
    if let Some(a) = nonempty(q.account) {
        add(&mut sql, " AND t.account_id = ?", Bind::Text(a));
    }
    if let Some(d) = nonempty(q.department) {
        match Department::parse(&d) {
            Some(d) => add(
                &mut sql,
                " AND t.department = ?",
                Bind::Text(d.as_str().into()),
            ),
            None => fields.push((
                "department",
                "Department is one of technical, billing, sales.",
            )),
        }
    }
    if let Some(p) = nonempty(q.priority) {
        match Priority::parse(&p) {
            Some(p) => add(
                &mut sql,
                " AND t.priority = ?",
                Bind::Text(p.as_str().into()),
            ),
            None => fields.push((
                "priority",
                "Priority is one of low, normal, high, critical.",
            )),
        }
    }
    if let Some(s) = nonempty(q.status) {
        if s == "active" {
            sql.push_str(" AND t.status NOT IN ('resolved', 'closed')");
        } else {
            match TicketStatus::parse(&s) {
                Some(s) => add(&mut sql, " AND t.status = ?", Bind::Text(s.as_str().into())),
                None => fields.push((
                    "status",
                    "Status is active, open, awaiting_support, awaiting_customer, resolved or closed.",
                )),
            }
        }
    }
    match nonempty(q.assignee).as_deref() {
        None => {}
        Some("none") => sql.push_str(" AND t.assignee_id IS NULL"),
        Some("me") => add(&mut sql, " AND t.assignee_id = ?", Bind::Text(me.into())),
        Some(id) => add(&mut sql, " AND t.assignee_id = ?", Bind::Text(id.into())),
    }
    if let Some(s) = nonempty(q.sla) {
        // Mirrors `SlaState::at`: breached past the deadline, due soon within its last quarter.
        let waiting = " AND t.status IN ('open', 'awaiting_support') AND t.due_at IS NOT NULL";
        match SlaState::parse(&s) {
            Some(SlaState::Breached) => {
                sql.push_str(waiting);
                add(&mut sql, " AND t.due_at < ?", Bind::Int(now));
            }
            Some(SlaState::DueSoon) => {
                sql.push_str(waiting);
                add(&mut sql, " AND t.due_at >= ?", Bind::Int(now));
                add(
                    &mut sql,
                    " AND t.due_at - ? <= t.target_minutes * 60000 / 4",
                    Bind::Int(now),
                );
            }
            Some(SlaState::OnTrack) => {
                sql.push_str(waiting);
                add(
                    &mut sql,
                    " AND t.due_at - ? > t.target_minutes * 60000 / 4",
                    Bind::Int(now),
                );
            }
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
    // Time left first: tickets that wait for support by deadline, then the rest by activity.
    sql.push_str(&format!(
        " ORDER BY (t.status IN ('open', 'awaiting_support') AND t.due_at IS NOT NULL) DESC, \
         t.due_at, t.updated_at DESC LIMIT {QUEUE_LIMIT}"
    ));
    let mut query = sqlx::query(&sql).bind(&scope.tenant_id);
    for b in binds {
        query = match b {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(&state.db.pool).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let tenant: String = row.try_get("tenant_id")?;
        let days = settings::load(&state.db, &tenant).await?.reopen_days;
        out.push(item(row, now, days)?);
    }
    Ok(out)
}

/// One ticket in scope, or `None`.
pub async fn one(state: &AppState, scope: &Scope, id: &str) -> Result<Option<QueueItem>, AppError> {
    let row = sqlx::query(&format!(
        "SELECT {}, {ITEM} {} AND t.id = ?2",
        view::SUMMARY,
        from(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let tenant: String = row.try_get("tenant_id")?;
    let days = settings::load(&state.db, &tenant).await?.reopen_days;
    Ok(Some(item(&row, time::now_ms(), days)?))
}

/// The whole thread of a ticket, internal notes included: for agents only.
pub async fn agent_thread(
    state: &AppState,
    ticket_id: &str,
) -> Result<Vec<panelcare_model::ticket::Message>, AppError> {
    let rows = sqlx::query(
        "SELECT m.id, m.kind, m.body, m.status, m.created_at, COALESCE(a.name, m.author_name, '') AS author \
         FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id \
         WHERE m.ticket_id = ? ORDER BY m.created_at, m.rowid",
    )
    .bind(ticket_id)
    .fetch_all(&state.db.pool)
    .await?;
    view::messages(state, &rows).await
}

/// Open tickets per assignee (and unassigned), with how many are due soon or breached.
pub async fn workload(state: &AppState, scope: &Scope) -> Result<Vec<Workload>, AppError> {
    let now = time::now_ms();
    let rows = sqlx::query(&format!(
        "SELECT t.tenant_id, t.assignee_id, COALESCE(ag.name, '') AS name, COUNT(*) AS open, \
         SUM(t.due_at IS NOT NULL AND t.status IN ('open', 'awaiting_support') AND t.due_at >= ?2 \
             AND t.due_at - ?2 <= t.target_minutes * 60000 / 4) AS due_soon, \
         SUM(t.due_at IS NOT NULL AND t.status IN ('open', 'awaiting_support') AND t.due_at < ?2) \
             AS breached \
         {} AND t.status NOT IN ('resolved', 'closed') \
         GROUP BY t.tenant_id, t.assignee_id ORDER BY t.tenant_id, open DESC",
        from(scope)
    ))
    .bind(&scope.tenant_id)
    .bind(now)
    .fetch_all(&state.db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let id: Option<String> = r.try_get("assignee_id")?;
            Ok(Workload {
                agent: id.map(|id| AgentRef {
                    id,
                    name: r.try_get("name").unwrap_or_default(),
                }),
                tenant_id: r.try_get("tenant_id")?,
                open: r.try_get("open")?,
                due_soon: r.try_get::<Option<i64>, _>("due_soon")?.unwrap_or(0),
                breached: r.try_get::<Option<i64>, _>("breached")?.unwrap_or(0),
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(AppError::from)
}
