//! Delivering the outbox: e-mail over SMTP, webhooks as signed HTTP POSTs. A failure is
//! retried after 5 s, 10 s, 20 s… (at most an hour apart), eight times in all.

use super::store;
use crate::{
    metrics,
    outbound::{Failed, Failure, client_for, judge, signature},
    state::AppState,
    time,
};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

const MAX_ATTEMPTS: i64 = 8;
/// Most deliveries per round.
const BATCH: i64 = 50;
/// How long a claimed delivery is left to its instance: longer than an SMTP or webhook
/// attempt may take (10 s each), short enough that another instance takes over soon after
/// one dies.
const LEASE_MS: i64 = 60_000;

/// Delivers every notification that is due; returns how many were delivered.
pub async fn deliver_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let mut delivered = 0;
    // One at a time: each claim is as long as one delivery takes, whichever instance sends.
    for _ in 0..BATCH {
        let now = time::now_ms();
        let lease = state.config.job_lease_ms.unwrap_or(LEASE_MS);
        let Some(n) = store::claim_next(&state.db, now, now + lease).await? else {
            break;
        };
        let result = if n.channel == "email" {
            send_email(state, n.id, &n.target, &n.subject, n.body).await
        } else {
            send_webhook(state, n.id, &n.tenant_id, &n.target, &n.event, &n.body)
                .await
                .map_err(Failure::code)
        };
        let attempts = n.attempts + 1;
        let now = time::now_ms();
        match result {
            Ok(()) => {
                delivered += 1;
                store::delivered(&state.db, n.id, attempts, now).await?;
            }
            Err(why) => {
                let (id, channel) = (n.id, &n.channel);
                tracing::warn!(id, channel, attempts, error = %why, "notification not delivered");
                metrics::delivery_failed(if n.channel == "email" {
                    "email"
                } else {
                    "webhook"
                });
                let failed = Failed {
                    id,
                    attempts,
                    why: &why,
                    at: now,
                };
                store::retry_later(&state.db, &failed, MAX_ATTEMPTS).await?;
            }
        }
    }
    Ok(delivered)
}

/// The `Message-ID` of notification `id`: the same on every attempt, so a mail system (or
/// a person) can drop the rare second copy an instance that died after sending but before
/// recording it leaves.
pub fn message_id(id: i64, public_url: &str) -> String {
    let host = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("panelcare.invalid");
    format!("<notification-{id}@{host}>")
}

async fn send_email(
    state: &AppState,
    id: i64,
    to: &str,
    subject: &str,
    body: String,
) -> Result<(), String> {
    let config = &state.config;
    if config.smtp_url.is_empty() {
        return Err("no SMTP server is configured (--smtp-url)".into());
    }
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("sender {:?}: {e}", config.mail_from))?;
    let to: Mailbox = to.parse().map_err(|e| format!("address {to:?}: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .message_id(Some(message_id(id, &config.public_url)))
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())?;
    let mailer = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
        .map_err(|e| format!("SMTP URL: {e}"))?
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    mailer
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Sends one webhook; only the class of a failure is returned (and stored), the detail goes
/// to the log.
async fn send_webhook(
    state: &AppState,
    id: i64,
    tenant: &str,
    url: &str,
    event: &str,
    body: &str,
) -> Result<(), Failure> {
    let internal = |e: sqlx::Error| {
        tracing::warn!(id, error = %e, "webhook secret not read");
        Failure::Other
    };
    let mut conn = state.db.pool.acquire().await.map_err(internal)?;
    // The current secret signs, so a rotated secret applies to retries too.
    let secret = store::webhook_secret(&mut conn, &state.db.secrets, tenant)
        .await
        .map_err(internal)?;
    drop(conn);
    let timestamp = time::now_secs();
    let client = client_for(
        &state.config.outbound_allow,
        url,
        std::time::Duration::from_secs(10),
    )?;
    let res = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "panelcare-webhooks/1")
        .header("x-panelcare-event", event)
        .header("x-panelcare-delivery", id.to_string())
        .header("x-panelcare-timestamp", timestamp.to_string())
        .header("x-panelcare-signature", signature(&secret, timestamp, body))
        .body(body.to_owned())
        .send()
        .await
        .map_err(|e| {
            tracing::debug!(id, error = %e, "webhook request failed");
            Failure::of(&e)
        })?;
    judge(res.status())
}

#[cfg(test)]
mod tests {
    use super::message_id;

    #[test]
    fn every_attempt_carries_one_message_id() {
        assert_eq!(
            message_id(42, "https://care.example.com:8443/x"),
            "<notification-42@care.example.com>"
        );
        assert_eq!(message_id(7, ""), "<notification-7@panelcare.invalid>");
    }
}
