//! `GET /console/api/ideas/numbers`: ideas shared, votes cast and deflections per week, over
//! the last eight weeks, for the tenants the agent sees (or one of them).

use crate::extract::ApiQuery;
use axum::{Json, extract::State};
use panelcare_model::ideas::{IdeaNumbers, IdeaWeek};
use serde::Deserialize;

use super::store::numbers as store;
use crate::{console::SignedIn, error::AppResult, openapi::Refusals, state::AppState, time};

/// Weeks shown.
const WEEKS: i64 = 8;
const DAY_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NumbersQuery {
    /// One tenant's id, of those the agent sees; empty: all of them.
    tenant: Option<String>,
}

#[utoipa::path(
    get, path = "/ideas/numbers", tag = "ideas", operation_id = "console_idea_numbers",
    summary = "Ideas, votes and deflections per week, the last eight weeks",
    security(("console_session" = [])),
    params(NumbersQuery),
    responses((status = 200, body = IdeaNumbers), Refusals),
)]
pub async fn numbers(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<NumbersQuery>,
) -> AppResult<Json<IdeaNumbers>> {
    let tenant = query.tenant.filter(|t| !t.is_empty());
    // Weeks start on Monday, 00:00 UTC; 1970-01-01 was a Thursday (three days after one).
    let now = time::now_ms();
    let monday = now - (now + 3 * DAY_MS).rem_euclid(7 * DAY_MS);
    let since = monday - (WEEKS - 1) * 7 * DAY_MS;
    let counted = store::weekly(&state.db, &who.scope(), tenant.as_deref(), since).await?;
    let weeks = (0..WEEKS)
        .map(|w| {
            let (ideas, votes, deflections) = counted
                .iter()
                .find(|c| c.0 == w)
                .map_or((0, 0, 0), |c| (c.1, c.2, c.3));
            IdeaWeek {
                week: time::rfc3339(since + w * 7 * DAY_MS)[..10].to_owned(),
                ideas,
                votes,
                deflections,
            }
        })
        .collect();
    Ok(Json(IdeaNumbers { weeks }))
}
