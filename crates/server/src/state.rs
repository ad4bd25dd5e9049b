//! What every handler can reach: the database and the settings the server started with.

use std::{path::PathBuf, sync::Arc};

use tokio::sync::OnceCell;

use crate::{cache::Caches, db::Db, events::Listeners, outbound::AllowList, refusals::Refusals};

/// Settings the router needs; built from flags and `PANELCARE_*` variables by [`crate::cli`].
#[derive(Debug, Clone)]
pub struct Config {
    /// The built widget (`cargo xtask build` output): loader, hashed assets, adapters.
    pub dist_dir: PathBuf,
    /// Hand-written web files; `www/demo` holds the demo host pages.
    pub www_dir: PathBuf,
    /// Demo mode: seeds demo tenants and exposes the demo host's token and usage endpoints.
    pub demo: bool,
    /// Demo only: `POST /demo-api/clock` moves the server's clock forward (for tests).
    pub test_clock: bool,
    /// Demo only: the console API answers cross-origin requests with credentials from pages
    /// on `http://127.0.0.1:<port>`, for the console's component tests, which run on the test
    /// runner's own loopback origin against this real server. Never in production.
    pub console_test_cors: bool,
    /// Where signed file addresses point: empty for this server (customers' widgets then
    /// prefix their API base), or another origin serving `/api/v1/files`, e.g.
    /// `https://files.panelcare.example`, so attachments never share the API's origin.
    pub files_origin: String,
    /// This server's address as agents reach it, for links in e-mails (empty: none).
    pub public_url: String,
    /// `smtp://host:port` (plain), `smtp://host?tls=required` (STARTTLS) or `smtps://…`;
    /// empty: e-mails wait in the outbox.
    pub smtp_url: String,
    /// The sender of notification e-mails.
    pub mail_from: String,
    /// How long a delivery this instance claimed stays its own; `None` for each outbox's
    /// own (a minute for notifications, three for the bridge). Tests shorten it to see a
    /// dead instance's claims taken over.
    pub job_lease_ms: Option<i64>,
    /// The header a trusted reverse proxy puts the client's address in; empty: none, the
    /// connection's address is the client's.
    pub client_address_header: String,
    /// Hosts webhooks and the ticket bridge may reach although they are on this machine or a
    /// private network (`--outbound-allow`); everything else such is refused.
    pub outbound_allow: AllowList,
    /// How long a `429` is held before it goes out ([`crate::slow_refusals`]); zero: at once.
    pub refusal_hold: std::time::Duration,
}

impl Config {
    /// `path` (`/api/v1/files/…`) as handed to clients.
    pub fn file_url(&self, path: &str) -> String {
        format!("{}{path}", self.files_origin.trim_end_matches('/'))
    }
}

/// What every handler and job reaches. Built by [`crate::app_state`], which wires the ticket
/// event listeners; this module knows no feature.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub caches: Arc<Caches>,
    /// The server-wide key that signs file addresses, read (or made) once from the database
    /// so every instance accepts what another signed.
    pub file_url_key: Arc<OnceCell<Vec<u8>>>,
    /// Who hears about ticket events (notifications, the bridge).
    pub listeners: Listeners,
    /// Rate-limit refusals this instance remembers until they are over.
    pub refusals: Arc<Refusals>,
}

impl AppState {
    pub(crate) fn new(db: Db, config: Config, listeners: Listeners) -> Self {
        Self {
            db,
            config: Arc::new(config),
            caches: Arc::default(),
            file_url_key: Arc::default(),
            listeners,
            refusals: Arc::default(),
        }
    }
}
