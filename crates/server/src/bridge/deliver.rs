//! Sending the bridge's outbox: one signed POST per event, a ticket's events strictly in
//! order (a later one waits while an earlier one is given up on), failures retried after 5 s, 10 s, 20 s… (at most an hour apart) for about half a
//! day before they are given up on (the console can send those again).
//!
//! The payload is built when it is sent, from the ticket as it is then and the message the
//! event names, so the file addresses in it are fresh.

use panelcare_model::ticket::{Attachment, MessageKind};
use serde::Serialize;
use serde_json::json;

use super::store::{self, Due};
use crate::{
    agents, attachments, metrics,
    outbound::{Failed, Failure, client_for, judge, signature},
    state::AppState,
    tickets::{self, lifecycle},
    time,
};

const MAX_ATTEMPTS: i64 = 20;
/// How long a claimed event is left to its instance: longer than a delivery may take (90 s
/// with its connection), short enough that another instance takes over soon after one dies.
const LEASE_MS: i64 = 180_000;
/// Most deliveries per round.
const BATCH: usize = 50;
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
    // One at a time: each claim is as long as one delivery takes, whichever instance sends,
    // and a ticket's next event becomes due as soon as the one before it went through.
    for _ in 0..BATCH * ROUNDS {
        let now = time::now_ms();
        let lease = state.config.job_lease_ms.unwrap_or(LEASE_MS);
        let Some(row) = store::claim_next(&state.db, now, now + lease).await? else {
            break;
        };
        if deliver_one(state, &row).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Sends one event and records the outcome; true when it went through.
async fn deliver_one(state: &AppState, row: &Due) -> Result<bool, sqlx::Error> {
    let result = send(state, row).await;
    let attempts = row.attempts + 1;
    let now = time::now_ms();
    match result {
        Ok(reference) => {
            let mut tx = state.db.write().await?;
            store::delivered(&mut tx, row.id, attempts, now).await?;
            if let Some(reference) = reference {
                lifecycle::record_external_ref(&mut tx, &row.ticket_id, &reference).await?;
            }
            tx.commit().await?;
            Ok(true)
        }
        Err(why) => {
            let id = row.id;
            tracing::warn!(id, attempts, error = %why, "bridge event not delivered");
            metrics::delivery_failed("bridge");
            let why = why.code();
            let failed = Failed {
                id,
                attempts,
                why: &why,
                at: now,
            };
            store::retry_later(&state.db, &failed, MAX_ATTEMPTS).await?;
            Ok(false)
        }
    }
}

/// POSTs the event; the helpdesk's reference for a new ticket, if it gave one. Only the class
/// of a failure is returned: the address is the tenant's to choose, and what it answered
/// could be anything that address serves.
async fn send(state: &AppState, row: &Due) -> Result<Option<String>, Failure> {
    let (key_id, url, event, delivery) = (&row.key_id, &row.url, &row.event, row.id);
    let secret = agents::keys::secret(state, &row.tenant_id, key_id)
        .await
        .map_err(|e| {
            tracing::warn!(delivery, error = %e, "bridge key not read");
            Failure::Other
        })?
        .ok_or(Failure::NoKey)?;
    let body = payload(state, row).await.map_err(|e| {
        tracing::warn!(delivery, error = %e, "bridge event not built");
        Failure::Unsendable
    })?;
    let timestamp = time::now_secs();
    // Longer than the helpdesk's own work on a delivery (copying files included), so a slow
    // answer is not taken for a lost one and sent again while the first is still applied.
    let client = client_for(
        &state.config.outbound_allow,
        url,
        std::time::Duration::from_secs(90),
    )?;
    let failed = |e: reqwest::Error| {
        tracing::debug!(delivery, error = %e, "bridge request failed");
        Failure::of(&e)
    };
    let mut res = client
        .post(url)
        .header("content-type", "application/json")
        .header("user-agent", "panelcare-bridge/1")
        .header("x-panelcare-event", event)
        .header("x-panelcare-delivery", delivery.to_string())
        .header("x-panelcare-key", key_id)
        .header("x-panelcare-timestamp", timestamp.to_string())
        .header(
            "x-panelcare-signature",
            signature(&secret, timestamp, &body),
        )
        .body(body)
        .send()
        .await
        .map_err(failed)?;
    judge(res.status())?;
    // At most 64 KB of the answer is read: it only ever carries a short JSON object.
    let mut text = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(failed)? {
        text.extend_from_slice(&chunk);
        if text.len() > 65_536 {
            break;
        }
    }
    let reference = serde_json::from_slice::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("external_ref")?.as_str().map(str::to_owned))
        .filter(|r| !r.is_empty() && r.chars().count() <= 100);
    Ok(reference)
}

/// The JSON for one outbox row.
async fn payload(state: &AppState, row: &Due) -> Result<String, String> {
    let db = |e: sqlx::Error| e.to_string();
    let t = tickets::store::facts::for_helpdesk(&state.db, &row.ticket_id)
        .await
        .map_err(db)?;
    let message = match &row.message_id {
        Some(id) => Some(message(state, id).await?),
        None => None,
    };
    Ok(json!({
        "event": row.event,
        "delivery": row.id,
        "tenant": row.tenant_id,
        "ticket": {
            "id": row.ticket_id,
            "number": t.number,
            "subject": t.subject,
            "department": t.department,
            "priority": t.priority,
            "status": t.status,
            "account": t.account_id,
            "name": t.account_name,
            "email": t.account_email,
            "locale": t.locale,
            "external_ref": t.external_ref,
        },
        "message": message,
        "status": row.status,
        "occurred_at": time::rfc3339(row.created_at),
    })
    .to_string())
}

async fn message(state: &AppState, id: &str) -> Result<Message, String> {
    let m = tickets::store::messages::one(&state.db, id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("the message {id} is gone"))?;
    // Only what the customer sees leaves panelcare; no call site queues anything else, and
    // should one ever, the event fails here (visibly, in the console) rather than leak.
    if !matches!(
        m.kind,
        MessageKind::Customer | MessageKind::Agent | MessageKind::Progress
    ) {
        return Err(format!(
            "a {} entry is never sent to the helpdesk",
            m.kind.as_str()
        ));
    }
    let mut files = attachments::for_messages(state, &[id.to_owned()])
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
        from: if m.kind == MessageKind::Customer {
            "customer"
        } else {
            "support"
        },
        author: m.author,
        body: m.body,
        attachments: files,
    })
}
