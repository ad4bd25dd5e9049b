//! A ticket written whole, with its history: the demo's past tickets, whose times, numbers
//! and answers are given rather than lived through. Written once: a later start finds the id
//! and leaves the ticket as the console may have changed it since.

use crate::db::Db;

/// The ticket row as it should end up.
#[derive(Debug)]
pub struct Imported<'a> {
    pub id: &'a str,
    pub tenant_id: &'a str,
    pub number: i64,
    pub account_id: &'a str,
    pub account_name: &'a str,
    pub account_email: &'a str,
    pub support_tier: &'a str,
    pub locale: &'a str,
    pub department: &'a str,
    pub priority: &'a str,
    pub subject: &'a str,
    pub status: &'a str,
    pub assignee_id: Option<&'a str>,
    /// The answer owed, while one is: from, due, target minutes.
    pub owed: Option<(i64, i64, i64)>,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub rating: Option<(i64, Option<&'a str>)>,
    pub opened_at: i64,
}

/// One entry of the thread: (kind, author agent, body, status of an event, at).
pub type Entry<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>, i64);

/// The first answer, recorded against its deadline: (due_at, answered_at, agent).
pub type FirstAnswer<'a> = (i64, i64, Option<&'a str>);

/// Writes the ticket, its thread and its first answer's record unless the id exists; true
/// when it was written.
pub async fn ticket(
    db: &Db,
    t: &Imported<'_>,
    thread: &[Entry<'_>],
    first_answer: Option<FirstAnswer<'_>>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().await?;
    let done = sqlx::query(
        "INSERT INTO tickets (id, tenant_id, number, account_id, account_name, account_email, \
         account_plan, support_tier, locale, department, priority, subject, status, \
         assignee_id, due_from, due_at, due_first, target_minutes, first_response_at, \
         resolved_at, rating, rating_comment, rated_at, idempotency_key, request_hash, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'starter', $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         CASE WHEN $20 IS NULL THEN NULL ELSE $19 END, $1, '', $22, COALESCE($19, $22)) \
         ON CONFLICT DO NOTHING",
    )
    .bind(t.id)
    .bind(t.tenant_id)
    .bind(t.number)
    .bind(t.account_id)
    .bind(t.account_name)
    .bind(t.account_email)
    .bind(t.support_tier)
    .bind(t.locale)
    .bind(t.department)
    .bind(t.priority)
    .bind(t.subject)
    .bind(t.status)
    .bind(t.assignee_id)
    .bind(t.owed.map(|o| o.0))
    .bind(t.owed.map(|o| o.1))
    .bind(t.owed.map(|_| 1))
    .bind(t.owed.map(|o| o.2))
    .bind(t.first_response_at)
    .bind(t.resolved_at)
    .bind(t.rating.map(|(r, _)| r))
    .bind(t.rating.and_then(|(_, c)| c))
    .bind(t.opened_at)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for (n, (kind, by, body, event, at)) in thread.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ticket_messages (id, ticket_id, tenant_id, kind, agent_id, body, \
             status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(format!("{}-m{n}", t.id))
        .bind(t.id)
        .bind(t.tenant_id)
        .bind(kind)
        .bind(by)
        .bind(body)
        .bind(event)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    }
    if let Some((due, answered, agent)) = first_answer {
        sqlx::query(
            "INSERT INTO ticket_sla (ticket_id, tenant_id, priority, first, due_from, due_at, \
             answered_at, agent_id, met) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8)",
        )
        .bind(t.id)
        .bind(t.tenant_id)
        .bind(t.priority)
        .bind(t.opened_at)
        .bind(due)
        .bind(answered)
        .bind(agent)
        .bind(i64::from(answered <= due))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
