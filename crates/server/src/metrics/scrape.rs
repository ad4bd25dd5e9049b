//! `GET /metrics`, on the listener `serve --metrics-listen` opens apart from the public one
//! (the public listener has no such route): what was recorded, with the database pool and
//! the process read at the moment of the scrape.

use std::sync::OnceLock;

use axum::{
    Router,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};
use metrics_process::Collector;

use super::{POOL_IDLE, POOL_MAX, POOL_SIZE};
use crate::db::Db;

/// The Prometheus text format's content type.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The metrics listener's routes.
pub fn router(db: Db) -> Router {
    Router::new().route("/metrics", get(metrics)).with_state(db)
}

fn process() -> &'static Collector {
    static PROCESS: OnceLock<Collector> = OnceLock::new();
    PROCESS.get_or_init(Collector::default)
}

/// Describes the process metrics (CPU seconds, memory, open files, threads).
pub(super) fn describe_process() {
    process().describe();
}

async fn metrics(State(db): State<Db>) -> Response {
    let pool = &db.pool;
    ::metrics::gauge!(POOL_SIZE).set(f64::from(pool.size()));
    ::metrics::gauge!(POOL_IDLE).set(pool.num_idle() as f64);
    ::metrics::gauge!(POOL_MAX).set(f64::from(pool.options().get_max_connections()));
    process().collect();
    ([(header::CONTENT_TYPE, TEXT_FORMAT)], super::render()).into_response()
}
