//! `ticket.low_rating`: a resolved ticket rated 1–2 ★ goes at once to the addresses the
//! tenant chose for low ratings (in the language it chose) and to its webhook.

use panelcare_model::alerts::texts::{AlertTexts, fill};
use serde_json::json;

use super::{
    Event,
    outbox::{About, Outgoing, console_link, queue, ticket_json},
    store,
};
use crate::{db::Conn, tickets, time};

/// The rating as the customer gave it.
#[derive(Debug, Clone, Copy)]
pub struct Rated<'a> {
    pub rating: u8,
    pub comment: &'a str,
}

/// Queues `ticket.low_rating` about ticket `ticket_id`, inside `conn`'s transaction.
pub async fn enqueue(
    conn: &mut Conn,
    ticket_id: &str,
    rated: Rated<'_>,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let event = Event::TicketLowRating.as_str();
    let facts = tickets::store::facts::facts(conn, ticket_id).await?;
    let settings = store::settings(conn, &facts.tenant_id).await?;
    let emails = settings.low_rating_recipients();
    if emails.is_empty() && !settings.webhook_gets(event) {
        return Ok(());
    }
    let t = AlertTexts::of(settings.alert_lang());
    let (rating, number) = (rated.rating.to_string(), facts.number.to_string());
    let values = [
        ("rating", rating.as_str()),
        ("number", number.as_str()),
        ("subject", facts.subject.as_str()),
        ("customer", facts.customer.as_str()),
    ];
    let link = console_link(
        public_url,
        &panelcare_model::console::ticket_path(ticket_id),
    );
    let comment = rated.comment.trim();
    let mut email_body = format!("{}\n\n", fill(t.mail_ticket_intro, &values));
    if !comment.is_empty() {
        email_body.push_str(&format!("{}: {comment}\n\n", t.mail_comment));
    }
    email_body.push_str(&format!(
        "{}\n{link}\n\n{}\n",
        t.mail_open_ticket, t.mail_badge
    ));
    let mut ticket = ticket_json(&facts, ticket_id, &link);
    ticket["rating"] = json!(rated.rating);
    ticket["rating_comment"] = json!(comment);
    let now = time::now_ms();
    let payload = json!({
        "event": event,
        "tenant_id": facts.tenant_id,
        "ticket": ticket,
        "occurred_at": time::rfc3339(now),
    })
    .to_string();
    let subject = format!(
        "[{}] {}",
        facts.tenant_name,
        fill(t.mail_ticket_subject, &values)
    );
    let message = Outgoing {
        tenant: &facts.tenant_id,
        event,
        emails,
        subject: &subject,
        email_body: &email_body,
        payload: &payload,
        about: About::Ticket(ticket_id),
    };
    queue(conn, &settings, &message, now).await
}
