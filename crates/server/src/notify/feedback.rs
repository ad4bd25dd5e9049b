//! `feedback.created` and `feedback.low_rating`: every new suggestion goes to the tenant's
//! webhook (if it takes the event); one rated 1–2 ★ also goes at once to the addresses the
//! tenant chose for low ratings, in the language it chose. Queued in the transaction that
//! stores the suggestion.

use panelcare_model::{
    FeedbackCategory,
    alerts::{
        is_low,
        texts::{AlertTexts, fill},
    },
    text::Catalogue,
};
use serde_json::json;

use super::{
    Event,
    outbox::{About, Outgoing, console_link, queue},
    store,
};
use crate::{db::Conn, events::FeedbackSent, tenants, time};

/// Queues what agents hear of suggestion `sent`, inside `conn`'s transaction.
pub async fn enqueue(
    conn: &mut Conn,
    sent: &FeedbackSent<'_>,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let settings = store::settings(conn, sent.tenant_id).await?;
    let low = sent.rating.is_some_and(is_low);
    let low_emails: &[String] = if low {
        settings.low_rating_recipients()
    } else {
        &[]
    };
    let created = Event::FeedbackCreated.as_str();
    let low_rating = Event::FeedbackLowRating.as_str();
    let webhook_created = settings.webhook_gets(created);
    let webhook_low = low && settings.webhook_gets(low_rating);
    if !webhook_created && !webhook_low && low_emails.is_empty() {
        return Ok(());
    }
    let tenant_name = tenants::store::name_in(conn, sent.tenant_id)
        .await?
        .unwrap_or_default();
    let customer = sent.customer.unwrap_or(sent.account_id);
    let link = console_link(
        public_url,
        &panelcare_model::console::suggestion_path(sent.feedback_id),
    );
    let now = time::now_ms();
    let payload = |event: &str| {
        json!({
            "event": event,
            "tenant_id": sent.tenant_id,
            "feedback": {"id": sent.feedback_id, "category": sent.category,
                         "rating": sent.rating, "message": sent.message, "page": sent.page,
                         "customer": customer,
                         // A receiver cannot resolve a relative address.
                         "url": (!link.starts_with('/')).then_some(&link)},
            "occurred_at": time::rfc3339(now),
        })
        .to_string()
    };
    if webhook_created {
        // The webhook alone: an e-mail for every suggestion would drown the ones that matter.
        let body = payload(created);
        let message = Outgoing {
            tenant: sent.tenant_id,
            event: created,
            emails: &[],
            subject: "",
            email_body: "",
            payload: &body,
            about: About::Feedback(sent.feedback_id),
        };
        queue(conn, &settings, &message, now).await?;
    }
    let Some(rating) = sent.rating.filter(|_| low) else {
        return Ok(());
    };
    let lang = settings.alert_lang();
    let t = AlertTexts::of(lang);
    let rating = rating.to_string();
    let values = [("rating", rating.as_str()), ("customer", customer)];
    let category = FeedbackCategory::parse(sent.category)
        .map_or(sent.category, |c| Catalogue::of(lang).category(c));
    let email_body = format!(
        "{}\n\n{}\n\n{}: {category}\n\n{}\n{link}\n\n{}\n",
        fill(t.mail_feedback_intro, &values),
        sent.message,
        t.mail_category,
        t.mail_open_feedback,
        t.mail_badge
    );
    let subject = format!("[{tenant_name}] {}", fill(t.mail_feedback_subject, &values));
    let body = payload(low_rating);
    let message = Outgoing {
        tenant: sent.tenant_id,
        event: low_rating,
        emails: low_emails,
        subject: &subject,
        email_body: &email_body,
        payload: &body,
        about: About::Feedback(sent.feedback_id),
    };
    queue(conn, &settings, &message, now).await
}
