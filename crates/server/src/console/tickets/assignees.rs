//! Who may be given a ticket, per tenant in the agent's scope: that tenant's own console
//! accounts and, for a reseller, its provider's admins — exactly whom `…/assign` accepts, so
//! the console offers no choice the server would refuse. Names only, no e-mail addresses.

use axum::{Json, extract::State};
use panelcare_model::ticket::console::Assignee;

use crate::{
    console::{scope::Scope, session::SignedIn},
    error::AppResult,
    state::AppState,
};

pub async fn list(State(state): State<AppState>, who: SignedIn) -> AppResult<Json<Vec<Assignee>>> {
    let scope = Scope::of(&who.agent);
    let rows: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.id, a.id, a.name FROM tenants t JOIN agents a \
         ON a.removed_at IS NULL AND (a.tenant_id = t.id \
            OR (a.role = 'provider_admin' AND a.tenant_id = t.parent_id)) \
         WHERE {} ORDER BY t.id, a.name, a.id",
        scope.condition("t.id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&state.db.pool)
    .await?;
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
