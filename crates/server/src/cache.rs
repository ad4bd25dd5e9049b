//! Values read from the database and kept in memory for a short while, so the requests every
//! panel page makes (a token to verify, an origin to check, an offer to pick) cost no query.
//!
//! Every cache is a [`TtlCache`]: an entry lives at most its time to live — [`COHERENT`],
//! five seconds — so a change made by another process (the CLI, another instance on the same
//! database) is seen within that time. A change made through this process is announced with
//! [`Caches::changed`] and applies at once; this module alone knows which caches a kind of
//! change makes stale, so no feature clears another's cache.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use panelcare_model::{limits::Limits, offers::Offering};

/// A map whose entries expire `ttl` after they were read.
#[derive(Debug)]
pub struct TtlCache<K, V> {
    ttl: Duration,
    entries: RwLock<HashMap<K, (V, Instant)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> TtlCache<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    fn fresh(&self, key: &K) -> Option<V> {
        let entries = self.entries.read().ok()?;
        let (value, at) = entries.get(key)?;
        (at.elapsed() < self.ttl).then(|| value.clone())
    }

    fn keep(&self, key: &K, value: &V) {
        if let Ok(mut entries) = self.entries.write() {
            // Expired entries go when a new one comes, so the map holds only what is in use.
            let ttl = self.ttl;
            entries.retain(|_, (_, at)| at.elapsed() < ttl);
            entries.insert(key.clone(), (value.clone(), Instant::now()));
        }
    }

    /// The value of `key`, read with `load` when it is not held or has expired.
    pub async fn get<E, F>(&self, key: &K, load: F) -> Result<V, E>
    where
        F: AsyncFnOnce() -> Result<V, E>,
    {
        if let Some(v) = self.fresh(key) {
            return Ok(v);
        }
        let v = load().await?;
        self.keep(key, &v);
        Ok(v)
    }

    /// Like [`TtlCache::get`] for values that may not exist. Absence is not remembered, so a
    /// value created a moment later is found on the next call.
    pub async fn find<E, F>(&self, key: &K, load: F) -> Result<Option<V>, E>
    where
        F: AsyncFnOnce() -> Result<Option<V>, E>,
    {
        if let Some(v) = self.fresh(key) {
            return Ok(Some(v));
        }
        let v = load().await?;
        if let Some(v) = &v {
            self.keep(key, v);
        }
        Ok(v)
    }

    /// Drops the entries `drop` picks.
    fn forget_where(&self, drop: impl Fn(&K) -> bool) {
        if let Ok(mut entries) = self.entries.write() {
            entries.retain(|k, _| !drop(k));
        }
    }
}

/// How stale a cached value may be: another instance's change is seen within this.
pub const COHERENT: Duration = Duration::from_secs(5);

/// What changed, as the feature that changed it says so.
#[derive(Debug, Clone, Copy)]
pub enum Changed<'a> {
    /// A tenant's token signing keys (added, removed).
    Keys { tenant: &'a str },
    /// A tenant's allowed panel origins.
    Origins { tenant: &'a str },
    /// A tenant's offer catalogue, overrides or rules.
    Offers { tenant: &'a str },
    /// A tenant's rate limits and upload quotas.
    Limits { tenant: &'a str },
}

/// Every cache the server keeps, and which change makes which stale.
#[derive(Debug)]
pub struct Caches {
    /// `(tenant, kid)` → signing secret. A key removed through another instance (or the
    /// `tenant` CLI) stops working within [`COHERENT`].
    pub keys: TtlCache<(String, String), String>,
    /// Tenant → its allowed panel origins (empty: any).
    pub origins: TtlCache<String, Arc<Vec<String>>>,
    /// Tenant → its catalogue and compiled rules. Every dashboard view asks for an offer, and
    /// parsing and checking a hundred rules each time would cost more than the request.
    pub offers: TtlCache<String, Arc<Offering>>,
    /// Tenant → its rate limits, read on every limited write.
    pub limits: TtlCache<String, Arc<Limits>>,
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            keys: TtlCache::new(COHERENT),
            origins: TtlCache::new(COHERENT),
            offers: TtlCache::new(COHERENT),
            limits: TtlCache::new(COHERENT),
        }
    }
}

impl Caches {
    /// Drops what `what` made stale in this process.
    pub fn changed(&self, what: Changed<'_>) {
        match what {
            Changed::Keys { tenant } => self.keys.forget_where(|(t, _)| t == tenant),
            Changed::Origins { tenant } => {
                self.origins.forget_where(|t| t == tenant);
                // Offer links may lead to the panel origins: rules are checked again.
                self.offers.forget_where(|_| true);
            }
            // A provider's catalogue reaches its resellers too: every tenant is read again.
            Changed::Offers { .. } => self.offers.forget_where(|_| true),
            Changed::Limits { tenant } => self.limits.forget_where(|t| t == tenant),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::TtlCache;

    async fn reads(cache: &TtlCache<&'static str, u32>, times: usize) -> usize {
        let mut reads = 0;
        for _ in 0..times {
            let v: Result<u32, ()> = cache
                .get(&"k", async || {
                    reads += 1;
                    Ok(7)
                })
                .await;
            assert_eq!(v, Ok(7));
        }
        reads
    }

    #[tokio::test]
    async fn a_held_value_is_read_once_while_fresh_and_again_once_expired() {
        assert_eq!(reads(&TtlCache::new(Duration::from_secs(60)), 3).await, 1);
        assert_eq!(reads(&TtlCache::new(Duration::ZERO), 3).await, 3);
    }

    #[tokio::test]
    async fn absence_is_not_remembered() {
        let cache: TtlCache<&str, u32> = TtlCache::new(Duration::from_secs(60));
        let none: Result<Option<u32>, ()> = cache.find(&"k", async || Ok(None)).await;
        assert_eq!(none, Ok(None));
        let some: Result<Option<u32>, ()> = cache.find(&"k", async || Ok(Some(1))).await;
        assert_eq!(some, Ok(Some(1)));
        let held: Result<Option<u32>, ()> = cache.find(&"k", async || Ok(None)).await;
        assert_eq!(held, Ok(Some(1)));
    }
}
