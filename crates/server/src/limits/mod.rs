//! Rate limits on the widget API: every write a customer can repeat (feedback, tickets,
//! replies, uploads, offer events, article votes) is taken from a token bucket of the
//! account and one of its tenant, kept in the database so several instances share them;
//! uploads also count against the account's byte quotas. A refusal is `429 rate_limited`
//! with `Retry-After`.
//!
//! The limits are the tenant's (a provider sets them in the console, see [`console`]) or
//! the defaults of [`Limits::default`].

mod console;
pub mod store;

use std::sync::Arc;

use panelcare_model::{
    ErrorCode,
    limits::{LimitedAction, Limits, Rate},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{auth::Customer, db::Conn, error::AppError, metrics, state::AppState, time::now_ms};
use store::Bucket;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// The provider's screen: `/tenants/{id}/limits` under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(console::read, console::save, console::reset))
}

/// `tenant_id`'s limits, cached like other per-tenant settings.
pub async fn of_tenant(state: &AppState, tenant_id: &str) -> Result<Arc<Limits>, sqlx::Error> {
    state
        .caches
        .limits
        .get(&tenant_id.to_owned(), async || {
            Ok(Arc::new(
                store::limits(&state.db, tenant_id)
                    .await?
                    .unwrap_or_default(),
            ))
        })
        .await
}

/// Takes one `action` of `who`: from the account's bucket, then from the tenant's. For
/// writes that cannot be replayed (uploads, offer events, votes, ticket changes).
pub async fn take(state: &AppState, who: &Customer, action: LimitedAction) -> Result<(), AppError> {
    let limits = of_tenant(state, &who.tenant_id).await?;
    let mut conn = state.db.pool.acquire().await?;
    take_in(state, &mut conn, who, &limits, action).await
}

/// [`take`] inside the caller's write transaction, for creations keyed by an idempotency
/// key: called once the key is known to be new, so a retry (or a copy sent at the same
/// moment) replays its first answer without spending anything; a refusal rolls the
/// creation back with the transaction. `limits` ([`of_tenant`]) are read before the
/// transaction begins: inside it, waiting for a second connection could wait for ever.
pub async fn take_in(
    state: &AppState,
    conn: &mut Conn,
    who: &Customer,
    limits: &Limits,
    action: LimitedAction,
) -> Result<(), AppError> {
    let limit = limits.of(action);
    let [account, tenant] = buckets(who, action.as_str());
    take_from(state, conn, &account, limit.account).await?;
    take_from(state, conn, &tenant, limit.tenant).await
}

/// The refusal this instance gave `who`'s `action` a moment ago and that still holds, from
/// memory: creations check it before their write transaction, so a flood of them waits for
/// no write lock and holds no connection (a full pool would slow every other customer).
/// Counted as a refusal in the metrics as it is made, even where the caller then replays a
/// stored answer instead (a retry of feedback already stored): rare, and refused all the same.
pub fn refused_here(state: &AppState, who: &Customer, action: LimitedAction) -> Option<AppError> {
    refused_from_memory(state, who, action.as_str())
}

fn refused_from_memory(state: &AppState, who: &Customer, action: &'static str) -> Option<AppError> {
    let now = now_ms();
    buckets(who, action)
        .iter()
        .find_map(|b| state.refusals.wait(&b.key(), now))
        .map(|wait| refused(action, wait))
}

/// Takes one `action` of `who` from fixed budgets, the account's then the tenant's, for
/// writes a provider sets no limits for (a widget's error reports): the same buckets and
/// refusals as [`take`], with rates the caller names.
pub async fn take_fixed(
    state: &AppState,
    who: &Customer,
    action: &'static str,
    account: Rate,
    tenant: Rate,
) -> Result<(), AppError> {
    if let Some(refusal) = refused_from_memory(state, who, action) {
        return Err(refusal);
    }
    let [account_bucket, tenant_bucket] = buckets(who, action);
    let mut conn = state.db.pool.acquire().await?;
    take_from(state, &mut conn, &account_bucket, account).await?;
    take_from(state, &mut conn, &tenant_bucket, tenant).await
}

/// The account's bucket of `action`, then its tenant's.
fn buckets<'a>(who: &'a Customer, action: &'static str) -> [Bucket<'a>; 2] {
    [
        Bucket {
            tenant_id: &who.tenant_id,
            scope: "account",
            subject: &who.account_id,
            action,
        },
        Bucket {
            tenant_id: &who.tenant_id,
            scope: "tenant",
            subject: "",
            action,
        },
    ]
}

async fn take_from(
    state: &AppState,
    conn: &mut Conn,
    bucket: &Bucket<'_>,
    rate: Rate,
) -> Result<(), AppError> {
    let now = now_ms();
    // A client refused a moment ago is refused again here, without a write: a flood costs
    // this instance a map lookup per request.
    let key = bucket.key();
    if let Some(wait) = state.refusals.wait(&key, now) {
        return Err(refused(bucket.action, wait));
    }
    let per_hour = i64::from(rate.per_hour.max(1));
    let interval = (HOUR_MS + per_hour - 1) / per_hour;
    match store::take(conn, bucket, now, interval, i64::from(rate.burst.max(1))).await? {
        None => Ok(()),
        Some(wait) => {
            state.refusals.note(key, now + wait);
            Err(refused(bucket.action, wait))
        }
    }
}

/// The refusal of `action` (counted for the metrics) with its wait.
fn refused(action: &'static str, wait_ms: i64) -> AppError {
    metrics::refused(action);
    AppError::later(
        ErrorCode::RateLimited,
        format!(
            "Too many requests of this kind. Try again in {} seconds.",
            (wait_ms.max(1) + 999) / 1000
        ),
        wait_ms,
    )
}

/// Checks that `who` may upload `size` more bytes: within the bytes waiting unattached and
/// the bytes of the last 24 hours. (Parallel uploads may pass the check together; the
/// upload bucket bounds how many.)
pub async fn check_upload(state: &AppState, who: &Customer, size: u64) -> Result<(), AppError> {
    let limits = of_tenant(state, &who.tenant_id).await?;
    let now = now_ms();
    let since = now - DAY_MS;
    let (waiting, today) =
        store::uploaded(&state.db, &who.tenant_id, &who.account_id, since).await?;
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let cap = |q: u64| i64::try_from(q).unwrap_or(i64::MAX);
    if waiting.saturating_add(size) > cap(limits.upload_waiting_bytes) {
        return Err(AppError::client(
            ErrorCode::QuotaExceeded,
            format!(
                "Files you uploaded but have not sent yet take {} of the {} allowed. Send or \
                 remove them first.",
                megabytes(waiting),
                megabytes(cap(limits.upload_waiting_bytes))
            ),
        ));
    }
    if today.saturating_add(size) > cap(limits.upload_daily_bytes) {
        let oldest = store::oldest_upload_since(&state.db, &who.tenant_id, &who.account_id, since)
            .await?
            .unwrap_or(now);
        let wait = (oldest + DAY_MS - now).max(1_000);
        metrics::refused("upload_quota");
        return Err(AppError::later(
            ErrorCode::QuotaExceeded,
            format!(
                "You uploaded {} in the last 24 hours, the most allowed. Try again in {} \
                 minutes.",
                megabytes(today),
                (wait + 59_999) / 60_000
            ),
            wait,
        ));
    }
    Ok(())
}

fn megabytes(bytes: i64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Forgets full buckets and expired refusals; run by the jobs loop.
pub async fn sweep(state: &AppState) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    state.refusals.sweep(now);
    store::sweep(&state.db, now).await
}
