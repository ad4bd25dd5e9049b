//! Who may be given a ticket, per tenant in the agent's scope: that tenant's own console
//! accounts and, for a reseller, its provider's admins — exactly whom `…/assign` accepts, so
//! the console offers no choice the server would refuse. Names only, no e-mail addresses.

use axum::{Json, extract::State};
use panelcare_model::ticket::console::Assignee;

use crate::{agents, console::SignedIn, error::AppResult, openapi::Refusals, state::AppState};

#[utoipa::path(
    get, path = "/tickets/assignees", tag = "tickets", operation_id = "console_list_assignees",
    summary = "Who tickets may be assigned to, per tenant in the agent's scope",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<Assignee>), Refusals),
)]
pub async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<Assignee>>> {
    let rows = agents::store::assignable(&state.db, &who.scope()).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(tenant_id, id, name)| Assignee {
                tenant_id,
                id,
                name,
            })
            .collect(),
    ))
}
