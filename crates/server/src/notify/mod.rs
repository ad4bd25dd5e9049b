//! Notifications to agents: new tickets, customer replies and answers about to be late reach
//! the tenant's e-mail addresses and its signed webhook.
//!
//! Events are written to an outbox in the same transaction as the ticket change that caused
//! them (so none is lost or sent for a change that rolled back); a worker delivers them and
//! retries failures with growing pauses.

pub mod deliver;
pub mod settings;
mod sweep;
pub mod trial;

use panelcare_model::notify::NotifySettings;
use serde_json::json;
use sqlx::{Row as _, SqliteConnection};

pub use deliver::{deliver_due, signature};
pub use sweep::warn_due_soon;

use crate::time;

/// Why agents are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Created,
    CustomerReply,
    SlaDueSoon,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "ticket.created",
            Self::CustomerReply => "ticket.customer_reply",
            Self::SlaDueSoon => "ticket.sla_due_soon",
        }
    }
}

/// Queues `event` about ticket `id` for every channel of its tenant, inside `conn`'s
/// transaction.
pub async fn enqueue(
    conn: &mut SqliteConnection,
    event: Event,
    ticket_id: &str,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let t = sqlx::query(
        "SELECT t.tenant_id, tn.name AS tenant_name, t.number, t.subject, t.priority, t.status, \
         t.due_at, t.account_name, t.account_id FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id \
         WHERE t.id = ?",
    )
    .bind(ticket_id)
    .fetch_one(&mut *conn)
    .await?;
    let tenant: String = t.try_get("tenant_id")?;
    let settings = settings::load_in(&mut *conn, &tenant).await?;
    if settings.emails.is_empty() && settings.webhook_url.is_empty() {
        return Ok(());
    }
    let number: i64 = t.try_get("number")?;
    let subject: String = t.try_get("subject")?;
    let priority: String = t.try_get("priority")?;
    let status: String = t.try_get("status")?;
    let due: Option<i64> = t.try_get("due_at")?;
    let customer: String = t
        .try_get::<Option<String>, _>("account_name")?
        .unwrap_or(t.try_get("account_id")?);
    let tenant_name: String = t.try_get("tenant_name")?;
    let headline = match event {
        Event::Created => format!("New {priority} ticket #{number}: {subject}"),
        Event::CustomerReply => format!("{customer} replied on #{number}: {subject}"),
        Event::SlaDueSoon => format!("Answer due soon on {priority} ticket #{number}: {subject}"),
    };
    let now = time::now_ms();
    let due_text = due.map(time::rfc3339).unwrap_or_else(|| "—".into());
    let status_text = status.replace('_', " ");
    let email_body = format!(
        "{headline}\n\nCustomer: {customer}\nPriority: {priority}\nStatus: {status_text}\n\
         Answer due: {due_text}\n\nOpen the console: {}/console/\n",
        public_url.trim_end_matches('/')
    );
    let payload = json!({
        "event": event.as_str(),
        "tenant_id": tenant,
        "ticket": {"id": ticket_id, "number": number, "subject": subject, "priority": priority,
                   "status": status, "due_at": due.map(time::rfc3339), "customer": customer},
        "occurred_at": time::rfc3339(now),
    })
    .to_string();
    let mail_subject = format!("[{tenant_name}] {headline}");
    let message = Outgoing {
        tenant: &tenant,
        event: event.as_str(),
        subject: &mail_subject,
        email_body: &email_body,
        payload: &payload,
    };
    queue(conn, &settings, &message, now).await
}

/// One event as it goes out: the e-mail's subject and text, and the webhook's JSON.
struct Outgoing<'a> {
    tenant: &'a str,
    /// As webhooks name it (`X-Panelcare-Event`).
    event: &'a str,
    subject: &'a str,
    email_body: &'a str,
    payload: &'a str,
}

/// Writes `message` into the outbox: one row per e-mail address of `settings`, one for its
/// webhook.
async fn queue(
    conn: &mut SqliteConnection,
    settings: &NotifySettings,
    message: &Outgoing<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut rows: Vec<(&str, String, &str)> = settings
        .emails
        .iter()
        .map(|e| ("email", e.trim().to_owned(), message.email_body))
        .collect();
    if !settings.webhook_url.is_empty() {
        rows.push(("webhook", settings.webhook_url.clone(), message.payload));
    }
    for (channel, target, body) in rows {
        sqlx::query(
            "INSERT INTO notifications (tenant_id, channel, target, event, subject, body, \
             next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(message.tenant)
        .bind(channel)
        .bind(target)
        .bind(message.event)
        .bind(message.subject)
        .bind(body)
        .bind(now)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Runs the workers until the process ends: every two seconds, warn about answers due soon
/// and deliver what is due. The ticket bridge has a worker of its own, so a slow helpdesk
/// never holds up e-mail and webhooks.
pub fn spawn_worker(state: crate::state::AppState) {
    let bridge = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        loop {
            tick.tick().await;
            if let Err(e) = crate::bridge::deliver_due(&bridge).await {
                tracing::warn!(error = %e, "ticket bridge delivery failed");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        loop {
            tick.tick().await;
            if let Err(e) = warn_due_soon(&state).await {
                tracing::warn!(error = %e, "SLA warning sweep failed");
            }
            if let Err(e) = deliver_due(&state).await {
                tracing::warn!(error = %e, "notification delivery failed");
            }

            let _ = crate::attachments::store::purge_unused(&state.db, time::now_ms()).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use panelcare_model::notify::{EVENTS, TEST_EVENT};

    use super::Event;

    #[test]
    fn every_event_sent_is_in_the_published_list() {
        for e in [Event::Created, Event::CustomerReply, Event::SlaDueSoon] {
            assert!(EVENTS.contains(&e.as_str()), "{e:?}");
        }
        assert!(EVENTS.contains(&TEST_EVENT));
    }
}
