//! `GET /api/v1/branding`: the widget reads its tenant's look with the customer's token.

use axum::{Json, extract::State};
use panelcare_model::branding::Branding;

use super::store;
use crate::{auth::Customer, error::AppResult, openapi::Refusals, state::AppState};

#[utoipa::path(
    get, path = "/branding", tag = "branding", operation_id = "get_branding",
    summary = "The tenant's look: name, logo, colours, languages and reworded texts",
    description = "A tenant that never set its branding answers the default look (every field \
        empty or off).",
    security(("customer_token" = [])),
    responses((status = 200, body = Branding), Refusals),
)]
pub async fn read(State(state): State<AppState>, customer: Customer) -> AppResult<Json<Branding>> {
    let mut branding = store::load(&state.db, &customer.tenant_id)
        .await?
        .unwrap_or_default();
    // Whatever the tenant's primary colour, the ring keeps 3:1 on the widget's background.
    branding.focus = branding.focus_ring();
    Ok(Json(branding))
}
