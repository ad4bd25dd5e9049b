//! One demo ticket as the demo seeds write it: the ticket, its thread and, once support
//! answered, the record of that answer against the default promise. Written once: a later
//! start finds the id and leaves the ticket as the console may have changed it.

use panelcare_model::sla::{Priority, SlaPolicy};

use crate::{
    db::Db,
    tickets::store::import::{self, Imported},
};

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
        let (status, owed, answered, resolved, agent, rating) = match &self.state {
            State::Waiting { .. } => (
                "open",
                Some((self.opened, due, self.target())),
                None,
                None,
                None,
                None,
            ),
            State::Resolved {
                answered,
                resolved,
                agent,
                rating,
            } => (
                "resolved",
                None,
                Some(*answered),
                Some(*resolved),
                agent.as_deref(),
                *rating,
            ),
        };
        let ticket = Imported {
            id: self.id,
            tenant_id: self.tenant,
            number: self.number,
            account_id: a.id,
            account_name: a.name,
            account_email: a.email,
            support_tier: a.tier,
            locale: a.locale,
            department: self.department,
            priority: self.priority,
            subject: self.subject,
            status,
            assignee_id: agent,
            owed,
            first_response_at: answered,
            resolved_at: resolved,
            rating,
            opened_at: self.opened,
        };
        let thread: Vec<import::Entry<'_>> = self
            .thread
            .iter()
            .map(|(kind, by, body, event, at)| (*kind, by.as_deref(), *body, *event, *at))
            .collect();
        let first_answer = answered.map(|at| (due, at, agent));
        import::ticket(db, &ticket, &thread, first_answer).await?;
        Ok(())
    }
}

/// The console account with `email`, if the demo has it.
pub async fn agent(db: &Db, email: &str) -> Result<Option<String>, sqlx::Error> {
    crate::agents::store::id_by_email(db, email).await
}
