//! Turning what happened to a ticket into the outbox rows that tell agents: one e-mail per
//! address of the tenant's settings and one webhook delivery, written in the transaction of
//! the change itself. [`queue`] writes any event's rows, the tenant's webhook choices applied.

use panelcare_model::notify::NotifySettings;
use serde_json::json;

use super::{
    Event,
    store::{self, NewDelivery},
};
use crate::{
    db::Conn,
    tickets::{self, store::facts::Facts},
    time,
};

/// The ticket events worded here; low ratings are worded in `low_rating`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketNews {
    Created,
    CustomerReply,
    SlaDueSoon,
}

impl TicketNews {
    fn event(self) -> Event {
        match self {
            Self::Created => Event::Created,
            Self::CustomerReply => Event::CustomerReply,
            Self::SlaDueSoon => Event::SlaDueSoon,
        }
    }
}

/// The `ticket` object of a webhook body about a ticket.
pub(super) fn ticket_json(f: &Facts, ticket_id: &str, link: &str) -> serde_json::Value {
    json!({"id": ticket_id, "number": f.number, "subject": f.subject, "priority": f.priority,
           "status": f.status, "due_at": f.due_at.map(time::rfc3339), "customer": f.customer,
           // A receiver cannot resolve a relative address: none without --public-url.
           "url": (!link.starts_with('/')).then_some(link)})
}

/// Queues `news` about ticket `id` for every channel of its tenant, inside `conn`'s
/// transaction.
pub async fn enqueue(
    conn: &mut Conn,
    news: TicketNews,
    ticket_id: &str,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let event = news.event();
    let facts = tickets::store::facts::facts(conn, ticket_id).await?;
    let settings = store::settings(conn, &facts.tenant_id).await?;
    if settings.emails.is_empty() && !settings.webhook_gets(event.as_str()) {
        return Ok(());
    }
    let Facts {
        tenant_id: tenant,
        tenant_name,
        number,
        subject,
        priority,
        status,
        due_at: due,
        customer,
    } = &facts;
    let headline = match news {
        TicketNews::Created => format!("New {priority} ticket #{number}: {subject}"),
        TicketNews::CustomerReply => format!("{customer} replied on #{number}: {subject}"),
        TicketNews::SlaDueSoon => {
            format!("Answer due soon on {priority} ticket #{number}: {subject}")
        }
    };
    let now = time::now_ms();
    let due_text = due.map(time::rfc3339).unwrap_or_else(|| "—".into());
    let status_text = status.replace('_', " ");
    // Straight to the ticket: the console signs the agent in there if need be.
    let link = console_link(
        public_url,
        &panelcare_model::console::ticket_path(ticket_id),
    );
    let email_body = format!(
        "{headline}\n\nCustomer: {customer}\nPriority: {priority}\nStatus: {status_text}\n\
         Answer due: {due_text}\n\nOpen the ticket:\n{link}\n"
    );
    let payload = json!({
        "event": event.as_str(),
        "tenant_id": tenant,
        "ticket": ticket_json(&facts, ticket_id, &link),
        "occurred_at": time::rfc3339(now),
    })
    .to_string();
    let mail_subject = format!("[{tenant_name}] {headline}");
    let message = Outgoing {
        tenant,
        event: event.as_str(),
        emails: &settings.emails,
        subject: &mail_subject,
        email_body: &email_body,
        payload: &payload,
        about: About::Ticket(ticket_id),
    };
    queue(conn, &settings, &message, now).await
}

/// What a notification is about, so erasing the customer or deleting the row deletes it.
#[derive(Debug, Clone, Copy)]
pub(super) enum About<'a> {
    Ticket(&'a str),
    Feedback(&'a str),
    /// A test message names nothing.
    Nothing,
}

/// One event as it goes out: who gets the e-mail, its subject and text, and the webhook's
/// JSON.
pub(super) struct Outgoing<'a> {
    pub tenant: &'a str,
    /// As webhooks name it (`X-Panelcare-Event`).
    pub event: &'a str,
    /// Each gets the e-mail; none for an event that goes to the webhook only.
    pub emails: &'a [String],
    pub subject: &'a str,
    pub email_body: &'a str,
    pub payload: &'a str,
    pub about: About<'a>,
}

/// The link straight to `path` in the console, as e-mails and webhooks give it; only the
/// path without a public address (webhooks then give none: a receiver cannot resolve it).
pub(super) fn console_link(public_url: &str, path: &str) -> String {
    format!("{}{path}", public_url.trim_end_matches('/'))
}

/// Writes `message` into the outbox: one row per e-mail address it names (each once), one
/// for the webhook of `settings` if it gets this event.
pub(super) async fn queue(
    conn: &mut Conn,
    settings: &NotifySettings,
    message: &Outgoing<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut rows: Vec<(&str, String, &str)> = Vec::new();
    for e in message.emails {
        let e = e.trim().to_owned();
        if !rows.iter().any(|(_, t, _)| t.eq_ignore_ascii_case(&e)) {
            rows.push(("email", e, message.email_body));
        }
    }
    if settings.webhook_gets(message.event) {
        rows.push(("webhook", settings.webhook_url.clone(), message.payload));
    }
    let (ticket_id, feedback_id) = match message.about {
        About::Ticket(id) => (Some(id), None),
        About::Feedback(id) => (None, Some(id)),
        About::Nothing => (None, None),
    };
    for (channel, target, body) in rows {
        let delivery = NewDelivery {
            tenant_id: message.tenant,
            channel,
            target: &target,
            event: message.event,
            subject: message.subject,
            body,
            ticket_id,
            feedback_id,
        };
        store::insert(conn, &delivery, now).await?;
    }
    Ok(())
}
