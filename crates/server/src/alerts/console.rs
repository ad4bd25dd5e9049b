//! The console's low-rating alerts: the badge's counts, the list, marking one seen when an
//! agent opens what was rated, and the figure "time from a low rating to the first answer".
//! Everything within the agent's scope: another tenant's suggestion or ticket is not found.

use crate::extract::ApiPath;
use axum::{Json, extract::State};
use panelcare_model::{
    alerts::{
        AlertKind, AlertList, Unseen,
        numbers::{AlertNumbers, AlertSample, TenantAlertNumbers, summarise},
    },
    numbers::PERIOD_DAYS,
};

use super::store;
use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    openapi::Refusals,
    state::AppState,
    tenants::Scope,
    time,
};

const DAY_MS: i64 = 86_400_000;

async fn counts(state: &AppState, scope: &Scope) -> AppResult<Unseen> {
    let tenants = store::unseen(&state.db, scope).await?;
    Ok(Unseen {
        unseen: tenants.iter().map(|t| t.unseen).sum(),
        tenants,
    })
}

#[utoipa::path(
    get, path = "/alerts/unseen", tag = "alerts", operation_id = "console_get_unseen_alerts",
    summary = "How many low ratings nobody has looked at yet, per tenant the agent sees",
    description = "The console's badge. Every tenant in scope is listed, those with none too.",
    security(("console_session" = [])),
    responses((status = 200, body = Unseen), Refusals),
)]
pub async fn unseen(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Unseen>> {
    Ok(Json(counts(&state, &who.scope()).await?))
}

#[utoipa::path(
    get, path = "/alerts", tag = "alerts", operation_id = "console_list_alerts",
    summary = "Low ratings: the unseen ones, then those of the last 30 days seen already",
    description = "A suggestion rated 1–2 ★, or a resolved ticket rated 1–2 ★, with who \
        opened it first and when, and when the customer first got an answer after it.",
    security(("console_session" = [])),
    responses((status = 200, body = AlertList), Refusals),
)]
pub async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<AlertList>> {
    let since = time::now_ms() - i64::from(PERIOD_DAYS) * DAY_MS;
    let items = store::list(&state.db, &who.scope(), since).await?;
    Ok(Json(AlertList { items }))
}

#[utoipa::path(
    post, path = "/alerts/{kind}/{id}/seen", tag = "alerts", operation_id = "console_mark_alert_seen",
    summary = "The agent opened a suggestion or ticket: its low rating is seen",
    description = "The console calls this whenever an agent opens a suggestion (`kind` \
        `feedback`) or a ticket (`ticket`). The first call on a low rating records the agent \
        and the time; later ones, and calls on items without a low rating, change nothing. \
        Answers the badge's counts as they are now. A suggestion or ticket outside the \
        agent's tenants, or an unknown kind, is not found.",
    security(("console_session" = [])),
    params(
        ("kind" = String, Path, description = "`feedback` or `ticket`"),
        ("id" = String, Path, description = "The suggestion's or ticket's id"),
    ),
    responses((status = 200, description = "The badge's counts", body = Unseen), Refusals),
)]
pub async fn seen(
    State(state): State<AppState>,
    who: SignedIn,
    ApiPath((kind, id)): ApiPath<(String, String)>,
) -> AppResult<Json<Unseen>> {
    let kind = AlertKind::parse(&kind).ok_or_else(AppError::not_found)?;
    let scope = who.scope();
    store::mark_seen(&state.db, &scope, kind, &id, &who.agent.id, time::now_ms())
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(counts(&state, &scope).await?))
}

#[utoipa::path(
    get, path = "/alerts/numbers", tag = "alerts", operation_id = "console_get_alert_numbers",
    summary = "Low ratings of the last 30 days: how many, how many answered, and the median \
        time from the rating to the first answer, per tenant the agent sees and in total",
    description = "The first answer is a suggestion's first public answer, or a ticket's \
        first reply or progress update the customer sees, at or after the rating.",
    security(("console_session" = [])),
    responses((status = 200, body = AlertNumbers), Refusals),
)]
pub async fn numbers(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<AlertNumbers>> {
    let scope = who.scope();
    let now = time::now_ms();
    let since = now - i64::from(PERIOD_DAYS) * DAY_MS;
    let tenants = crate::tenants::store::in_scope(&state.db, &scope).await?;
    let rows = store::samples_since(&state.db, &scope, since).await?;
    let sample = |(_, raised_at, replied_at): &(String, i64, Option<i64>)| AlertSample {
        raised_at: *raised_at,
        replied_at: *replied_at,
    };
    let all: Vec<AlertSample> = rows.iter().map(sample).collect();
    let tenants = tenants
        .into_iter()
        .map(|t| {
            let own: Vec<AlertSample> = rows.iter().filter(|r| r.0 == t.id).map(sample).collect();
            TenantAlertNumbers {
                summary: summarise(&own, since, now),
                tenant_id: t.id,
                tenant_name: t.name,
            }
        })
        .collect();
    Ok(Json(AlertNumbers {
        period_days: PERIOD_DAYS,
        tenants,
        total: summarise(&all, since, now),
    }))
}
