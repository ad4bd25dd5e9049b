//! Refusals this instance remembers: a bucket found empty stays empty until its wait is
//! over whatever else happens, so until then this instance refuses without asking the
//! database. Other instances learn it from the database on their own first request.

use std::{collections::HashMap, sync::Mutex};

use super::store::Bucket;

/// `(tenant, scope, subject, action)` of a refused bucket → when it takes requests again.
type Key = (String, &'static str, String, &'static str);

#[derive(Debug, Default)]
pub struct Refusals {
    until: Mutex<HashMap<Key, i64>>,
}

/// Beyond this many remembered refusals the oldest are not worth keeping: the database
/// answers for them.
const MAX_KEPT: usize = 100_000;

fn key(b: &Bucket<'_>) -> Key {
    (
        b.tenant_id.to_owned(),
        b.scope,
        b.subject.to_owned(),
        b.action,
    )
}

impl Refusals {
    /// How long `bucket` is still refused at `now` (ms), if it is.
    pub fn wait(&self, bucket: &Bucket<'_>, now: i64) -> Option<i64> {
        let until = self.until.lock().ok()?;
        let at = *until.get(&key(bucket))?;
        (at > now).then_some(at - now)
    }

    /// Remembers that `bucket` takes nothing before `at`.
    pub fn note(&self, bucket: &Bucket<'_>, at: i64) {
        if let Ok(mut until) = self.until.lock() {
            if until.len() >= MAX_KEPT {
                until.clear();
            }
            until.insert(key(bucket), at);
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
        let b = Bucket {
            tenant_id: "t",
            scope: "account",
            subject: "a",
            action: "feedback",
        };
        assert_eq!(r.wait(&b, 0), None);
        r.note(&b, 1_000);
        assert_eq!(r.wait(&b, 400), Some(600));
        assert_eq!(
            r.wait(
                &Bucket {
                    subject: "b",
                    ..b.clone()
                },
                400
            ),
            None
        );
        assert_eq!(r.wait(&b, 1_000), None);
        r.sweep(2_000);
        assert!(r.until.lock().map(|u| u.is_empty()).unwrap_or(false));
    }
}
