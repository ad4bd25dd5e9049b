//! The operator console's own API: signing in and out, sessions, and the scope of tenants a
//! signed-in account sees. Each feature serves its console screens from its own folder
//! (`tickets/console`, `feedback/console.rs`, …) with the [`SignedIn`] extractor from here.

mod device;
pub mod login;
pub mod password;
pub mod scope;
pub mod session;
pub mod store;
pub mod throttle;

use axum::{Json, extract::State};
use panelcare_model::console::{Role, TenantInfo};
use utoipa_axum::{router::OpenApiRouter, routes};

pub use session::SignedIn;

use crate::{error::AppResult, openapi::Refusals, state::AppState, tenants::store as tenants};

/// A console account: the provider's and resellers' people.
#[derive(Debug, Clone)]
pub struct Agent {
    pub id: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
}

/// Routes mounted under `/console/api`. `POST /login` is the second factor's route
/// (`second_factor/sign_in.rs`): it takes the password step from [`login`] and decides
/// whether a session opens at once or a second factor is asked first.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login::logout))
        .routes(routes!(login::me))
        .routes(routes!(tenants_in_scope))
}

/// The tenants the agent works for: a provider admin's own and its resellers, everyone
/// else's own.
#[utoipa::path(
    get, path = "/tenants", tag = "console", operation_id = "console_list_tenants",
    summary = "The tenants the signed-in account works for",
    description = "A provider admin sees the provider and its resellers; everyone else their own \
        tenant.",
    security(("console_session" = [])),
    responses((status = 200, body = Vec<TenantInfo>), Refusals),
)]
async fn tenants_in_scope(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<Vec<TenantInfo>>> {
    Ok(Json(
        tenants::in_scope(&state.db, &scope::of(&who.agent)).await?,
    ))
}
