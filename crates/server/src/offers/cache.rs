//! Each tenant's catalogue and compiled rules, kept briefly in memory: every dashboard view
//! asks for an offer, and parsing and checking a hundred rules each time would cost more
//! than the rest of the request. A change in the console clears the cache of this instance
//! at once; other instances see it within [`TTL`].

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use panelcare_model::offers::{Catalogue, Compiled};

use super::store;
use crate::db::Db;

const TTL: Duration = Duration::from_secs(30);

/// What the offers endpoint evaluates for one tenant.
#[derive(Debug)]
pub struct Offering {
    pub catalogue: Catalogue,
    pub rules: Vec<Compiled>,
}

type Entries = HashMap<String, (Arc<Offering>, Instant)>;

#[derive(Debug, Clone, Default)]
pub struct OfferCache {
    entries: Arc<RwLock<Entries>>,
}

impl OfferCache {
    pub async fn get(&self, db: &Db, tenant: &str) -> Result<Arc<Offering>, sqlx::Error> {
        if let Ok(e) = self.entries.read()
            && let Some((o, at)) = e.get(tenant)
            && at.elapsed() < TTL
        {
            return Ok(o.clone());
        }
        let catalogue = store::catalogue(db, tenant).await?;
        let rules = store::compiled(db, tenant, &catalogue).await?;
        let o = Arc::new(Offering { catalogue, rules });
        if let Ok(mut e) = self.entries.write() {
            e.insert(tenant.to_owned(), (o.clone(), Instant::now()));
        }
        Ok(o)
    }

    /// Forgets every tenant: a provider's catalogue change reaches its resellers too.
    pub fn clear(&self) {
        if let Ok(mut e) = self.entries.write() {
            e.clear();
        }
    }
}
