//! One demo ticket as the demo seeds write it: the ticket, its thread and, once support
//! answered, the record of that answer against the default promise. Written once: a later
//! start finds the id and leaves the ticket as the console may have changed it.

use panelcare_model::sla::{Priority, SlaPolicy};

use crate::db::Db;

const MINUTE: i64 = 60_000;

/// A customer of a demo tenant.
#[derive(Debug, Clone, Copy)]
pub struct Account<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub tier: &'a str,
    pub locale: &'a str,
}

/// Where the ticket stands.
#[derive(Debug, Clone)]
pub enum State {
    /// Waiting for support's first answer, due `target` minutes after opening (the tenant's
    /// promise for the customer's tier).
    Waiting { target: i64 },
    /// Answered by `agent` at `answered`, resolved at `resolved`, perhaps rated.
    Resolved {
        answered: i64,
        resolved: i64,
        agent: Option<String>,
        rating: Option<(i64, Option<&'static str>)>,
    },
}

/// One entry of the thread: (kind, author agent, body, status of an event, at).
pub type Entry<'a> = (&'a str, Option<String>, &'a str, Option<&'a str>, i64);

#[derive(Debug, Clone)]
pub struct Seed<'a> {
    pub id: &'a str,
    pub tenant: &'a str,
    pub number: i64,
    pub account: Account<'a>,
    pub department: &'a str,
    pub priority: &'a str,
    pub subject: &'a str,
    pub opened: i64,
    pub state: State,
    pub thread: Vec<Entry<'a>>,
}

impl Seed<'_> {
    /// Minutes to the first answer: as promised when waiting, else the default promise for
    /// the priority (every answered demo ticket is on the standard tier).
    fn target(&self) -> i64 {
        if let State::Waiting { target } = self.state {
            return target;
        }
        let p = Priority::parse(self.priority).unwrap_or(Priority::Normal);
        i64::from(SlaPolicy::default().first_response.of(p))
    }

    /// Writes the ticket unless it exists; its thread and SLA record only with it.
    pub async fn insert(&self, db: &Db) -> Result<(), sqlx::Error> {
        let a = self.account;
        let due = self.opened + self.target() * MINUTE;
        let (status, waiting, answered, resolved, agent, rating) = match &self.state {
            State::Waiting { .. } => ("open", true, None, None, None, None),
            State::Resolved {
                answered,
                resolved,
                agent,
                rating,
            } => (
                "resolved",
                false,
                Some(*answered),
                Some(*resolved),
                agent.clone(),
                *rating,
            ),
        };
        let done = sqlx::query(
            "INSERT INTO tickets (id, tenant_id, number, account_id, account_name, account_email, \
             account_plan, support_tier, locale, department, priority, subject, status, \
             assignee_id, due_from, due_at, due_first, target_minutes, first_response_at, \
             resolved_at, rating, rating_comment, rated_at, idempotency_key, request_hash, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'starter', ?7, ?8, ?9, ?10, \
             ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, \
             CASE WHEN ?20 IS NULL THEN NULL ELSE ?19 END, ?1, '', ?22, COALESCE(?19, ?22)) \
             ON CONFLICT DO NOTHING",
        )
        .bind(self.id)
        .bind(self.tenant)
        .bind(self.number)
        .bind(a.id)
        .bind(a.name)
        .bind(a.email)
        .bind(a.tier)
        .bind(a.locale)
        .bind(self.department)
        .bind(self.priority)
        .bind(self.subject)
        .bind(status)
        .bind(&agent)
        .bind(waiting.then_some(self.opened))
        .bind(waiting.then_some(due))
        .bind(waiting.then_some(1))
        .bind(waiting.then_some(self.target()))
        .bind(answered)
        .bind(resolved)
        .bind(rating.map(|(r, _)| r))
        .bind(rating.and_then(|(_, c)| c))
        .bind(self.opened)
        .execute(&db.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(());
        }
        for (n, (kind, by, body, event, at)) in self.thread.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ticket_messages (id, ticket_id, tenant_id, kind, agent_id, body, \
                 status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(format!("{}-m{n}", self.id))
            .bind(self.id)
            .bind(self.tenant)
            .bind(kind)
            .bind(by)
            .bind(body)
            .bind(event)
            .bind(at)
            .execute(&db.pool)
            .await?;
        }
        if let Some(answered) = answered {
            sqlx::query(
                "INSERT INTO ticket_sla (ticket_id, tenant_id, priority, first, due_from, due_at, \
                 answered_at, agent_id, met) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
            )
            .bind(self.id)
            .bind(self.tenant)
            .bind(self.priority)
            .bind(self.opened)
            .bind(due)
            .bind(answered)
            .bind(&agent)
            .bind(answered <= due)
            .execute(&db.pool)
            .await?;
        }
        Ok(())
    }
}

/// The console account with `email`, if the demo has it.
pub async fn agent(db: &Db, email: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agents WHERE email = ?")
        .bind(email)
        .fetch_optional(&db.pool)
        .await
}
