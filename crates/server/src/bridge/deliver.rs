//! Sending the bridge's outbox: one signed POST per event, a ticket's events strictly in
//! order (a later one waits while an earlier one is given up on), failures retried after 5 s, 10 s, 20 s… (at most an hour apart) for about half a
//! day before they are given up on (the console can send those again).
//!
//! The payload is built when it is sent, from the ticket as it is then and the message the
//! event names, so the file addresses in it are fresh.

use panelcare_model::ticket::Attachment;
use serde::Serialize;
use serde_json::json;
use sqlx::{Row as _, sqlite::SqliteRow};

use crate::{
    attachments,
    notify::{
        deliver::{Failed, Outbox, retry_later},
        signature,
    },
    state::AppState,
    time,
};

const MAX_ATTEMPTS: i64 = 20;
/// Most deliveries per round.
const BATCH: i64 = 50;
/// Rounds per call: a ticket's next event becomes due once the one before it went through.
const ROUNDS: usize = 10;

/// A message as the helpdesk gets it.
#[derive(Debug, Serialize)]
struct Message {
    id: String,
    /// `customer` or `support`.
    from: &'static str,
    author: String,
    body: String,
    attachments: Vec<Attachment>,
}

/// Delivers every bridge event that is due; returns how many went through.
pub async fn deliver_due(state: &AppState) -> Result<usize, sqlx::Error> {
    let mut delivered = 0;
    for _ in 0..ROUNDS {
        let now = time::now_ms();
        // A ticket's event waits while an earlier one of the same ticket is still on its way,
        // or was given up on (until an admin sends it again): the helpdesk never gets a reply
        // before the ticket it belongs to.
        let due = sqlx::query(
            "SELECT o.id, o.tenant_id, o.ticket_id, o.event, o.message_id, o.status, o.attempts, o.created_at, \
             b.url, b.key_id FROM bridge_outbox o JOIN ticket_bridges b ON b.tenant_id = o.tenant_id \
             WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= ?1 \
             AND NOT EXISTS (SELECT 1 FROM bridge_outbox e WHERE e.ticket_id = o.ticket_id \
             AND e.id < o.id AND e.delivered_at IS NULL) \
             ORDER BY o.id LIMIT ?2",
        )
        .bind(now)
        .bind(BATCH)
        .fetch_all(&state.db.pool)
        .await?;
        let mut this_round = 0;
        for row in &due {
            if deliver_one(state, row).await? {
                this_round += 1;
            }
        }
        delivered += this_round;
        if this_round == 0 {
            break;
        }
    }
    Ok(delivered)
}

/// Sends one event and records the outcome; true when it went through.
async fn deliver_one(state: &AppState, row: &SqliteRow) -> Result<bool, sqlx::Error> {
    let id: i64 = row.try_get("id")?;
    let result = send(state, row).await;
    let attempts: i64 = row.try_get::<i64, _>("attempts")? + 1;
    let now = time::now_ms();
    match result {
        Ok(reference) => {
            let ticket: String = row.try_get("ticket_id")?;
            let mut tx = state.db.write().await?;
            sqlx::query(
                "UPDATE bridge_outbox SET attempts = ?, delivered_at = ?, last_error = NULL \
                 WHERE id = ?",
            )
            .bind(attempts)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if let Some(reference) = reference {
                sqlx::query("UPDATE tickets SET external_ref = ? WHERE id = ?")
                    .bind(reference)
                    .bind(&ticket)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(true)
        }
        Err(why) => {
            tracing::warn!(id, attempts, error = %why, "bridge event not delivered");
            let failed = Failed {
                id,
                attempts,
                why: &why,
                at: now,
            };
            retry_later(&state.db.pool, Outbox::Bridge, &failed, MAX_ATTEMPTS).await?;
            Ok(false)
        }
    }
}

/// POSTs the event; the helpdesk's reference for a new ticket, if it gave one.
async fn send(state: &AppState, row: &SqliteRow) -> Result<Option<String>, String> {
    let db = |e: sqlx::Error| e.to_string();
    let tenant: String = row.try_get("tenant_id").map_err(db)?;
    let key_id: String = row.try_get("key_id").map_err(db)?;
    let url: String = row.try_get("url").map_err(db)?;
    let event: String = row.try_get("event").map_err(db)?;
    let delivery: i64 = row.try_get("id").map_err(db)?;
    let secret = state
        .keys
        .secret(&state.db, &tenant, &key_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the tenant has no key '{key_id}' any more"))?;
    let body = payload(state, row).await?;
    let timestamp = time::now_secs();
    // Longer than the helpdesk's own work on a delivery (copying files included), so a slow
    // answer is not taken for a lost one and sent again while the first is still applied.
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(90))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())?;
    let mut res = client
        .post(&url)
        .header("content-type", "application/json")
        .header("user-agent", "panelcare-bridge/1")
        .header("x-panelcare-event", &event)
        .header("x-panelcare-delivery", delivery.to_string())
        .header("x-panelcare-key", &key_id)
        .header("x-panelcare-timestamp", timestamp.to_string())
        .header(
            "x-panelcare-signature",
            signature(&secret, timestamp, &body),
        )
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status();
    // At most 64 KB of the answer is read: it only ever carries a short JSON object.
    let mut text = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(|e| e.to_string())? {
        text.extend_from_slice(&chunk);
        if text.len() > 65_536 {
            break;
        }
    }
    let answer = serde_json::from_slice::<serde_json::Value>(&text).ok();
    if !status.is_success() {
        // Only the status and a machine code reach the console: the address is the tenant's
        // to choose, and an answer's text could be anything that address serves.
        let code = answer
            .as_ref()
            .and_then(|v| v.get("error")?.as_str())
            .filter(|c| {
                (1..=40).contains(&c.len())
                    && c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            });
        return Err(match code {
            Some(code) => format!("the helpdesk answered {status} ({code})"),
            None => format!("the helpdesk answered {status}"),
        });
    }
    let reference = answer
        .and_then(|v| v.get("external_ref")?.as_str().map(str::to_owned))
        .filter(|r| !r.is_empty() && r.chars().count() <= 100);
    Ok(reference)
}

/// The JSON for one outbox row.
async fn payload(state: &AppState, row: &SqliteRow) -> Result<String, String> {
    let db = |e: sqlx::Error| e.to_string();
    let ticket_id: String = row.try_get("ticket_id").map_err(db)?;
    let t = sqlx::query(
        "SELECT id, number, subject, department, priority, status, account_id, account_name, \
         account_email, locale, external_ref FROM tickets WHERE id = ?",
    )
    .bind(&ticket_id)
    .fetch_one(&state.db.pool)
    .await
    .map_err(db)?;
    let message_id: Option<String> = row.try_get("message_id").map_err(db)?;
    let message = match message_id {
        Some(id) => Some(message(state, &id).await?),
        None => None,
    };
    let status: Option<String> = row.try_get("status").map_err(db)?;
    let get = |c: &str| t.try_get::<Option<String>, _>(c).map_err(db);
    Ok(json!({
        "event": row.try_get::<String, _>("event").map_err(db)?,
        "delivery": row.try_get::<i64, _>("id").map_err(db)?,
        "tenant": row.try_get::<String, _>("tenant_id").map_err(db)?,
        "ticket": {
            "id": ticket_id,
            "number": t.try_get::<i64, _>("number").map_err(db)?,
            "subject": get("subject")?,
            "department": get("department")?,
            "priority": get("priority")?,
            "status": get("status")?,
            "account": get("account_id")?,
            "name": get("account_name")?,
            "email": get("account_email")?,
            "locale": get("locale")?,
            "external_ref": get("external_ref")?,
        },
        "message": message,
        "status": status,
        "occurred_at": time::rfc3339(row.try_get("created_at").map_err(db)?),
    })
    .to_string())
}

async fn message(state: &AppState, id: &str) -> Result<Message, String> {
    let m = sqlx::query(
        "SELECT m.kind, m.body, COALESCE(a.name, m.author_name, '') AS author \
         FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id WHERE m.id = ?",
    )
    .bind(id)
    .fetch_one(&state.db.pool)
    .await
    .map_err(|e| e.to_string())?;
    let kind: String = m.try_get("kind").map_err(|e| e.to_string())?;
    // Only what the customer sees leaves panelcare; no call site queues anything else, and
    // should one ever, the event fails here (visibly, in the console) rather than leak.
    if !matches!(kind.as_str(), "customer" | "agent" | "progress") {
        return Err(format!("a {kind} entry is never sent to the helpdesk"));
    }
    let mut files = attachments::store::for_messages(state, &[id.to_owned()])
        .await
        .map_err(|e| format!("{e:?}"))?
        .remove(id)
        .unwrap_or_default();
    // The helpdesk fetches files from outside: give it whole addresses.
    let origin = state.config.public_url.trim_end_matches('/');
    for f in &mut files {
        if f.url.starts_with('/') {
            f.url = format!("{origin}{}", f.url);
        }
        f.thumbnail_url = None;
    }
    Ok(Message {
        id: id.to_owned(),
        from: if kind == "customer" {
            "customer"
        } else {
            "support"
        },
        author: m.try_get("author").map_err(|e| e.to_string())?,
        body: m.try_get("body").map_err(|e| e.to_string())?,
        attachments: files,
    })
}
