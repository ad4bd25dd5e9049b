//! Refusals this instance remembers (rate limits): a bucket found empty stays empty until
//! its wait is over whatever else happens, so until then this instance refuses without
//! asking the database. Other instances learn it from the database on their own first
//! request. Keys are the limiting feature's own (a bucket's name). The same memory keeps a
//! count that was made from being made again too soon (an article's view by a customer).

use std::{collections::HashMap, sync::Mutex};

type Key = String;

#[derive(Debug, Default)]
pub struct Refusals {
    until: Mutex<HashMap<Key, i64>>,
}

/// Beyond this many remembered refusals the oldest are not worth keeping: the database
/// answers for them.
const MAX_KEPT: usize = 100_000;

impl Refusals {
    /// How long `key` is still refused at `now` (ms), if it is.
    pub fn wait(&self, key: &str, now: i64) -> Option<i64> {
        let until = self.until.lock().ok()?;
        let at = *until.get(key)?;
        (at > now).then_some(at - now)
    }

    /// Remembers that `key` takes nothing before `at`.
    pub fn note(&self, key: String, at: i64) {
        if let Ok(mut until) = self.until.lock() {
            if until.len() >= MAX_KEPT {
                until.clear();
            }
            until.insert(key, at);
        }
    }

    /// Forgets every refusal of `tenant`'s buckets (named `…|<len>:<tenant>|…`).
    pub fn forget_tenant(&self, tenant: &str) {
        let part = format!("|{}:{tenant}|", tenant.len());
        if let Ok(mut until) = self.until.lock() {
            until.retain(|k, _| !k.contains(&part));
        }
    }

    /// Drops refusals that are over.
    pub fn sweep(&self, now: i64) {
        if let Ok(mut until) = self.until.lock() {
            until.retain(|_, at| *at > now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_lasts_until_its_time() {
        let r = Refusals::default();
        assert_eq!(r.wait("a", 0), None);
        r.note("a".into(), 1_000);
        assert_eq!(r.wait("a", 400), Some(600));
        assert_eq!(r.wait("b", 400), None);
        assert_eq!(r.wait("a", 1_000), None);
        r.sweep(2_000);
        assert!(r.until.lock().map(|u| u.is_empty()).unwrap_or(false));
    }
}
