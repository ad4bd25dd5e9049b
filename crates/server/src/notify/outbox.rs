//! Turning what happened to a ticket into the outbox rows that tell agents: one e-mail per
//! address of the tenant's settings and one webhook delivery, written in the transaction of
//! the change itself.

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

/// Queues `event` about ticket `id` for every channel of its tenant, inside `conn`'s
/// transaction.
pub async fn enqueue(
    conn: &mut Conn,
    event: Event,
    ticket_id: &str,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let Facts {
        tenant_id: tenant,
        tenant_name,
        number,
        subject,
        priority,
        status,
        due_at: due,
        customer,
    } = tickets::store::facts::facts(conn, ticket_id).await?;
    let settings = store::settings(conn, &tenant).await?;
    if settings.emails.is_empty() && settings.webhook_url.is_empty() {
        return Ok(());
    }
    let headline = match event {
        Event::Created => format!("New {priority} ticket #{number}: {subject}"),
        Event::CustomerReply => format!("{customer} replied on #{number}: {subject}"),
        Event::SlaDueSoon => format!("Answer due soon on {priority} ticket #{number}: {subject}"),
    };
    let now = time::now_ms();
    let due_text = due.map(time::rfc3339).unwrap_or_else(|| "—".into());
    let status_text = status.replace('_', " ");
    // Straight to the ticket: the console signs the agent in there if need be.
    let link = format!(
        "{}{}",
        public_url.trim_end_matches('/'),
        panelcare_model::console::ticket_path(ticket_id)
    );
    let email_body = format!(
        "{headline}\n\nCustomer: {customer}\nPriority: {priority}\nStatus: {status_text}\n\
         Answer due: {due_text}\n\nOpen the ticket:\n{link}\n"
    );
    let payload = json!({
        "event": event.as_str(),
        "tenant_id": tenant,
        "ticket": {"id": ticket_id, "number": number, "subject": subject, "priority": priority,
                   "status": status, "due_at": due.map(time::rfc3339), "customer": customer,
                   // A receiver cannot resolve a relative address: none without --public-url.
                   "url": (!public_url.is_empty()).then_some(&link)},
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
        ticket_id: Some(ticket_id),
    };
    queue(conn, &settings, &message, now).await
}

/// One event as it goes out: the e-mail's subject and text, and the webhook's JSON.
pub(super) struct Outgoing<'a> {
    pub tenant: &'a str,
    /// As webhooks name it (`X-Panelcare-Event`).
    pub event: &'a str,
    pub subject: &'a str,
    pub email_body: &'a str,
    pub payload: &'a str,
    /// The ticket it is about; `None` for a test message.
    pub ticket_id: Option<&'a str>,
}

/// Writes `message` into the outbox: one row per e-mail address of `settings`, one for its
/// webhook.
pub(super) async fn queue(
    conn: &mut Conn,
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
        let delivery = NewDelivery {
            tenant_id: message.tenant,
            channel,
            target: &target,
            event: message.event,
            subject: message.subject,
            body,
            ticket_id: message.ticket_id,
        };
        store::insert(conn, &delivery, now).await?;
    }
    Ok(())
}
