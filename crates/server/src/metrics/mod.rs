//! Prometheus metrics: the recorder, the names every layer records under, and the small
//! helpers features call where something worth counting happens (a refusal, a failed
//! delivery, an error a widget reported), so no feature names the exporter.
//!
//! Infrastructure: imports no feature. Requests are counted by [`http::track`]; the gauges
//! that need features' stores (outboxes, tickets) are set by the `jobs` module, off the
//! request path; the database pool and the process are read when Prometheus scrapes
//! ([`scrape::router`], served on its own listener by `serve --metrics-listen`).
//!
//! The recorder is the process's one (the `metrics` crate's global facade). Until
//! [`install`] runs nothing is recorded and [`http::track`] does no work.

pub mod http;
pub mod scrape;

use std::sync::{Mutex, OnceLock, PoisonError};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub use http::track;

/// Requests answered: `route` (the route's template, never the path), `method`, `status`.
pub const HTTP_REQUESTS: &str = "http_requests_total";
/// Seconds until a response's head was ready: `route`, `method`.
pub const HTTP_DURATION: &str = "http_request_duration_seconds";
/// Always 1: `version`.
pub const BUILD_INFO: &str = "panelcare_build_info";
/// Connections the database pool holds, idle ones, and the most it may open.
pub const POOL_SIZE: &str = "panelcare_db_pool_connections";
pub const POOL_IDLE: &str = "panelcare_db_pool_idle_connections";
pub const POOL_MAX: &str = "panelcare_db_pool_max_connections";
/// Deliveries waiting in an outbox (`channel`: `email`, `webhook`, `bridge`), not given up on.
pub const OUTBOX_DEPTH: &str = "panelcare_outbox_depth";
/// Age in seconds of the oldest delivery waiting (0 when none waits): `channel`.
pub const OUTBOX_OLDEST: &str = "panelcare_outbox_oldest_age_seconds";
/// Deliveries given up on after their last retry, still undelivered: `channel`.
pub const OUTBOX_FAILED: &str = "panelcare_outbox_failed";
/// Delivery attempts that failed (each retry counts): `channel`.
pub const DELIVERY_FAILURES: &str = "panelcare_outbox_delivery_failures_total";
/// Tickets waiting for support whose answer is due soon, and those already late: `tenant`.
pub const TICKETS_DUE_SOON: &str = "panelcare_tickets_due_soon";
pub const TICKETS_BREACHED: &str = "panelcare_tickets_breached";
/// 1 when this instance's database answers with every migration this build needs (what
/// `/readyz` checks), 0 otherwise; refreshed with the gauges above.
pub const READY: &str = "panelcare_ready";
/// When the gauges above were last refreshed (Unix seconds).
pub const REFRESHED: &str = "panelcare_metrics_refreshed_timestamp_seconds";
/// Requests refused with `429`: `action` (a rate-limited write, `upload_quota`, `sign_in`,
/// `password_reset`, `widget_error`).
pub const REFUSALS: &str = "panelcare_rate_limit_refusals_total";
/// Errors widgets reported: `tenant`, `kind` (a closed set, see `widget_errors`).
pub const WIDGET_ERRORS: &str = "panelcare_widget_errors_total";

/// Request latency buckets (seconds): most answers take milliseconds; the top buckets catch
/// a pool or lock wait (the database timeout is 10 s by default).
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Why the recorder could not be installed (another recorder took the process's slot).
#[derive(Debug, thiserror::Error)]
#[error("metrics recorder: {0}")]
pub struct InstallError(String);

/// Installs the Prometheus recorder once per process and returns its handle; later calls
/// return the same handle.
pub fn install() -> Result<&'static PrometheusHandle, InstallError> {
    // Two callers at once (tests): the second waits, then finds the first one's handle.
    static INSTALLING: Mutex<()> = Mutex::new(());
    let _turn = INSTALLING.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(handle) = HANDLE.get() {
        return Ok(handle);
    }
    let installed = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Full(HTTP_DURATION.into()), &LATENCY_BUCKETS)
        .and_then(PrometheusBuilder::install_recorder)
        .map_err(|e| InstallError(e.to_string()))?;
    let handle = HANDLE.get_or_init(|| installed);
    describe();
    ::metrics::gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION")).set(1.0);
    scrape::describe_process();
    Ok(handle)
}

/// Whether the recorder is installed (after which requests are counted).
pub fn enabled() -> bool {
    HANDLE.get().is_some()
}

/// What Prometheus scrapes: the text format of everything recorded so far (empty before
/// [`install`]).
pub fn render() -> String {
    HANDLE.get().map_or_else(String::new, |h| {
        h.run_upkeep();
        h.render()
    })
}

/// Folds recorded latencies into their histograms; run every few seconds, so what requests
/// record between scrapes (or with nobody scraping) does not pile up.
pub fn upkeep() {
    if let Some(h) = HANDLE.get() {
        h.run_upkeep();
    }
}

fn describe() {
    use ::metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(
        HTTP_REQUESTS,
        "HTTP requests answered, by route template and status."
    );
    describe_histogram!(
        HTTP_DURATION,
        Unit::Seconds,
        "Time until the response's head was ready, by route template."
    );
    describe_gauge!(BUILD_INFO, "This build's version (the value is always 1).");
    describe_gauge!(POOL_SIZE, "Database connections the pool holds.");
    describe_gauge!(POOL_IDLE, "Database connections idle in the pool.");
    describe_gauge!(
        POOL_MAX,
        "Database connections the pool may open (--db-pool-size)."
    );
    describe_gauge!(OUTBOX_DEPTH, "Deliveries waiting in an outbox, by channel.");
    describe_gauge!(
        OUTBOX_OLDEST,
        Unit::Seconds,
        "Age of the oldest delivery waiting in an outbox, by channel."
    );
    describe_gauge!(OUTBOX_FAILED, "Deliveries given up on, by channel.");
    describe_counter!(DELIVERY_FAILURES, "Failed delivery attempts, by channel.");
    describe_gauge!(
        TICKETS_DUE_SOON,
        "Tickets waiting for support whose answer is due soon, by tenant."
    );
    describe_gauge!(
        TICKETS_BREACHED,
        "Tickets waiting for support whose answer is late, by tenant."
    );
    describe_gauge!(
        READY,
        "1 while the database answers with this build's schema (what /readyz checks)."
    );
    describe_gauge!(
        REFRESHED,
        "When the outbox and ticket gauges were last refreshed."
    );
    describe_counter!(REFUSALS, "Requests refused with 429, by action.");
    describe_counter!(
        WIDGET_ERRORS,
        "Errors widgets reported, by tenant and kind."
    );
}

/// A request refused with `429` for `action`.
pub fn refused(action: &'static str) {
    ::metrics::counter!(REFUSALS, "action" => action).increment(1);
}

/// A delivery attempt on `channel` failed (it is retried or given up on).
pub fn delivery_failed(channel: &'static str) {
    ::metrics::counter!(DELIVERY_FAILURES, "channel" => channel).increment(1);
}

/// A widget of `tenant` reported an error of `kind`.
pub fn widget_error(tenant: &str, kind: &'static str) {
    ::metrics::counter!(WIDGET_ERRORS, "tenant" => tenant.to_owned(), "kind" => kind).increment(1);
}

/// How one outbox stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Deliveries waiting (not delivered, not given up on).
    pub waiting: i64,
    /// When the oldest of them was queued (ms), if any waits.
    pub oldest_at: Option<i64>,
    /// Deliveries given up on.
    pub failed: i64,
}

/// Sets `channel`'s outbox gauges as of `now_ms`.
pub fn set_outbox(channel: &'static str, b: Backlog, now_ms: i64) {
    let age = b.oldest_at.map_or(0, |at| (now_ms - at).max(0));
    ::metrics::gauge!(OUTBOX_DEPTH, "channel" => channel).set(b.waiting as f64);
    ::metrics::gauge!(OUTBOX_OLDEST, "channel" => channel).set(age as f64 / 1000.0);
    ::metrics::gauge!(OUTBOX_FAILED, "channel" => channel).set(b.failed as f64);
}

/// Sets `tenant`'s ticket gauges.
pub fn set_tickets(tenant: &str, due_soon: i64, breached: i64) {
    ::metrics::gauge!(TICKETS_DUE_SOON, "tenant" => tenant.to_owned()).set(due_soon as f64);
    ::metrics::gauge!(TICKETS_BREACHED, "tenant" => tenant.to_owned()).set(breached as f64);
}

/// Whether the database answers with this build's schema.
pub fn set_ready(ready: bool) {
    ::metrics::gauge!(READY).set(if ready { 1.0 } else { 0.0 });
}

/// The gauges were refreshed at `now_ms`.
pub fn refreshed(now_ms: i64) {
    ::metrics::gauge!(REFRESHED).set(now_ms as f64 / 1000.0);
}
