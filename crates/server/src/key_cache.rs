//! Signing secrets kept in memory for a short while, so verifying a token does not cost a
//! database read on every request.
//!
//! Keys change rarely (rotation) and may be changed by another process (the `tenant`
//! commands), so entries expire after [`TTL`]: a new key works at once (a miss reads the
//! database), a removed key stops working within a minute.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use crate::{db::Db, tenants};

pub const TTL: Duration = Duration::from_secs(60);

/// `(tenant, kid)` → `(secret, when it was read)`.
type Entries = HashMap<(String, String), (String, Instant)>;

#[derive(Debug, Clone, Default)]
pub struct KeyCache {
    entries: Arc<RwLock<Entries>>,
}

impl KeyCache {
    /// The secret of key `kid` of tenant `tenant_id`; unknown keys are not cached, so a
    /// key added later is found on the next request.
    pub async fn secret(
        &self,
        db: &Db,
        tenant_id: &str,
        kid: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        let id = (tenant_id.to_owned(), kid.to_owned());
        if let Ok(entries) = self.entries.read()
            && let Some((secret, at)) = entries.get(&id)
            && at.elapsed() < TTL
        {
            return Ok(Some(secret.clone()));
        }
        let secret = tenants::signing_secret(db, tenant_id, kid).await?;
        if let (Some(s), Ok(mut entries)) = (&secret, self.entries.write()) {
            // Bounded by the number of keys that exist: only found keys are stored.
            entries.insert(id, (s.clone(), Instant::now()));
        }
        Ok(secret)
    }

    /// Drops a key at once (it was removed in this process), without waiting for [`TTL`].
    pub fn forget(&self, tenant_id: &str, kid: &str) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(&(tenant_id.to_owned(), kid.to_owned()));
        }
    }
}
