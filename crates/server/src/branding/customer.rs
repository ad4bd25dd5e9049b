//! `GET /api/v1/branding`: the widget reads its tenant's look with the customer's token.

use axum::{Json, extract::State};
use panelcare_model::branding::Branding;

use super::store;
use crate::{auth::Customer, error::AppResult, state::AppState};

pub async fn read(State(state): State<AppState>, customer: Customer) -> AppResult<Json<Branding>> {
    Ok(Json(
        store::load(&state.db, &customer.tenant_id)
            .await?
            .unwrap_or_default(),
    ))
}
