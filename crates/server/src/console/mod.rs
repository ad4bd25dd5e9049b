//! The operator console's API: sign-in, sessions, and (as it grows) the queues agents work.
//! Everything under `/console/api`; the signed-in agent is a [`session::SignedIn`].

mod feedback;
mod inbox;
mod login;
mod numbers;
pub mod scope;
pub mod session;
mod team;
mod tickets;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

/// Routes mounted under `/console/api`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(login::login))
        .route("/logout", post(login::logout))
        .route("/me", get(login::me))
        .merge(tickets::router())
        .route("/feedback", get(feedback::list))
        .route("/feedback/{id}", get(feedback::get_one))
        .route("/feedback/{id}/status", post(feedback::set_status))
        .route("/feedback/{id}/answer", post(feedback::answer))
        .route("/feedback/{id}/notes", post(feedback::add_note))
        .route("/audit", get(feedback::audit_log))
        .route("/numbers", get(numbers::numbers))
        .route("/agents", get(team::list_agents).post(team::create_agent))
        .route("/agents/{id}", axum::routing::delete(team::delete_agent))
        .route(
            "/tenants/{id}/keys",
            get(team::list_keys).post(team::add_key),
        )
        .route(
            "/tenants/{id}/keys/{kid}",
            axum::routing::delete(team::remove_key),
        )
}
