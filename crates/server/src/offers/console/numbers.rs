//! `GET /console/api/offers/numbers` and `…/numbers.csv`: the funnel of the tenants the
//! agent sees, over the last `?days=` (30 unless asked).

use crate::extract::ApiQuery;
use axum::{
    Json,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use panelcare_model::{FieldError, error::FieldErrorCode, offers::numbers::OfferNumbers};
use serde::Deserialize;

use crate::{
    console::SignedIn,
    error::{AppError, AppResult},
    offers::numbers,
    openapi::Refusals,
    state::AppState,
};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Days {
    /// How many days back, 1 to 365.
    #[serde(default = "thirty")]
    #[param(default = 30, minimum = 1, maximum = 365)]
    pub days: u32,
}

fn thirty() -> u32 {
    30
}

async fn gather(state: &AppState, who: &SignedIn, query: Days) -> AppResult<OfferNumbers> {
    let Days { days } = query;
    if !(1..=365).contains(&days) {
        return Err(AppError::validation(vec![FieldError::new(
            "days",
            FieldErrorCode::OutOfRange,
            "Ask for 1 to 365 days.",
        )]));
    }
    Ok(numbers::gather(&state.db, &who.scope(), days).await?)
}

#[utoipa::path(
    get, path = "/offers/numbers", tag = "offers", operation_id = "console_get_offer_numbers",
    summary = "The offers' funnel of the tenants the agent sees",
    security(("console_session" = [])),
    params(Days),
    responses((status = 200, body = OfferNumbers), Refusals),
)]
pub async fn json(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<Days>,
) -> AppResult<Json<OfferNumbers>> {
    Ok(Json(gather(&state, &who, query).await?))
}

#[utoipa::path(
    get, path = "/offers/numbers.csv", tag = "offers",
    operation_id = "console_get_offer_numbers_csv",
    summary = "The offers' funnel as a CSV file",
    security(("console_session" = [])),
    params(Days),
    responses((status = 200, description = "A header line, then one row per tenant and funnel row",
        body = String, content_type = "text/csv",
        headers(("Content-Disposition" = String,
            description = "`attachment; filename=\"offers-<days>d.csv\"`"))),
        Refusals),
)]
pub async fn csv(
    State(state): State<AppState>,
    who: SignedIn,
    ApiQuery(query): ApiQuery<Days>,
) -> AppResult<Response> {
    let n = gather(&state, &who, query).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"offers-{}d.csv\"", n.days),
            ),
        ],
        numbers::csv(&n),
    )
        .into_response())
}
