//! The operator console's API: sign-in, sessions, and (as it grows) the queues agents work.
//! Everything under `/console/api`; the signed-in agent is a [`session::SignedIn`].

mod login;
pub mod session;

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
}
