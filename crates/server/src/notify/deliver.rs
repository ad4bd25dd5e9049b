//! Delivering the outbox: e-mail over SMTP, webhooks as signed HTTP POSTs. A failure is
//! retried after 5 s, 10 s, 20 s… (at most an hour apart), eight times in all.

use hmac::{Hmac, Mac};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use sha2::Sha256;
use sqlx::Row as _;

use crate::{state::AppState, time};

const MAX_ATTEMPTS: i64 = 8;
/// Most deliveries per round.
const BATCH: i64 = 50;

/// The `X-Panelcare-Signature` of `body` sent at `timestamp` (Unix seconds):
/// `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}` under the tenant's secret.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn backoff_ms(attempts: i64) -> i64 {
    (5_000i64 << attempts.clamp(0, 20)).min(3_600_000)
}

/// An outbox whose rows have `attempts`, `last_error`, `next_attempt_at` and `failed_at`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outbox {
    Notifications,
    Bridge,
}

/// One delivery that did not go through: row `id`, on its `attempts`th try, at `at`.
pub(crate) struct Failed<'a> {
    pub id: i64,
    pub attempts: i64,
    pub why: &'a str,
    pub at: i64,
}

/// Records a failed delivery: tried again after the growing pause, or given up on after
/// `max_attempts`.
pub(crate) async fn retry_later(
    pool: &sqlx::SqlitePool,
    outbox: Outbox,
    f: &Failed<'_>,
    max_attempts: i64,
) -> Result<(), sqlx::Error> {
    let sql = match outbox {
        Outbox::Notifications => {
            "UPDATE notifications SET attempts = ?, last_error = ?, next_attempt_at = ?, \
             failed_at = ? WHERE id = ?"
        }
        Outbox::Bridge => {
            "UPDATE bridge_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, \
             failed_at = ? WHERE id = ?"
        }
    };
    sqlx::query(sql)
        .bind(f.attempts)
        .bind(f.why)
        .bind(f.at + backoff_ms(f.attempts - 1))
        .bind((f.attempts >= max_attempts).then_some(f.at))
        .bind(f.id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Delivers every notification that is due; returns how many were delivered.
pub async fn deliver_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let now = time::now_ms();
    let due = sqlx::query(
        "SELECT id, tenant_id, channel, target, event, subject, body, attempts FROM notifications \
         WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? \
         ORDER BY next_attempt_at LIMIT ?",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(&state.db.pool)
    .await?;
    let mut delivered = 0;
    for n in due {
        let id: i64 = n.try_get("id")?;
        let channel: String = n.try_get("channel")?;
        let result = if channel == "email" {
            send_email(
                state,
                &n.try_get::<String, _>("target")?,
                &n.try_get::<String, _>("subject")?,
                n.try_get("body")?,
            )
            .await
        } else {
            send_webhook(
                state,
                id,
                &n.try_get::<String, _>("tenant_id")?,
                &n.try_get::<String, _>("target")?,
                &n.try_get::<String, _>("event")?,
                &n.try_get::<String, _>("body")?,
            )
            .await
        };
        let attempts: i64 = n.try_get::<i64, _>("attempts")? + 1;
        let now = time::now_ms();
        match result {
            Ok(()) => {
                delivered += 1;
                sqlx::query("UPDATE notifications SET attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?")
                    .bind(attempts)
                    .bind(now)
                    .bind(id)
                    .execute(&state.db.pool)
                    .await?;
            }
            Err(why) => {
                tracing::warn!(id, channel, attempts, error = %why, "notification not delivered");
                let failed = Failed {
                    id,
                    attempts,
                    why: &why,
                    at: now,
                };
                retry_later(&state.db.pool, Outbox::Notifications, &failed, MAX_ATTEMPTS).await?;
            }
        }
    }
    Ok(delivered)
}

async fn send_email(state: &AppState, to: &str, subject: &str, body: String) -> Result<(), String> {
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

async fn send_webhook(
    state: &AppState,
    id: i64,
    tenant: &str,
    url: &str,
    event: &str,
    body: &str,
) -> Result<(), String> {
    let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
    // The current secret signs, so a rotated secret applies to retries too.
    let secret = super::settings::load_in(&mut conn, tenant)
        .await
        .map_err(|e| e.to_string())?
        .webhook_secret;
    drop(conn);
    let timestamp = time::now_secs();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
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
        .map_err(|e| e.to_string())?;
    if res.status().is_success() {
        Ok(())
    } else {
        Err(format!("the webhook answered {}", res.status()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_to_an_hour() {
        assert_eq!(backoff_ms(0), 5_000);
        assert_eq!(backoff_ms(1), 10_000);
        assert_eq!(backoff_ms(3), 40_000);
        assert_eq!(backoff_ms(30), 3_600_000);
    }

    #[test]
    fn the_signature_covers_time_and_body() {
        let a = signature("secret-0123456789", 1, "{}");
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
        assert_ne!(a, signature("secret-0123456789", 2, "{}"));
        assert_ne!(a, signature("secret-0123456789", 1, "{ }"));
        assert_ne!(a, signature("other-secret-0123", 1, "{}"));
    }
}
