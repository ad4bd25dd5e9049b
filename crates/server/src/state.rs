//! What every handler can reach: the database and the settings the server started with.

use std::{path::PathBuf, sync::Arc};

use crate::{
    attachments::signing::UrlSigner, db::Db, key_cache::KeyCache, offers::cache::OfferCache,
    origins::OriginCache,
};

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
}

impl Config {
    /// `path` (`/api/v1/files/…`) as handed to clients.
    pub fn file_url(&self, path: &str) -> String {
        format!("{}{path}", self.files_origin.trim_end_matches('/'))
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub keys: KeyCache,
    pub origins: OriginCache,
    pub signer: UrlSigner,
    pub offers: OfferCache,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self {
            db,
            config: Arc::new(config),
            keys: KeyCache::default(),
            origins: OriginCache::default(),
            signer: UrlSigner::default(),
            offers: OfferCache::default(),
        }
    }
}
