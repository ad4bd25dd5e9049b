//! Sign-in throttling: every attempt is reserved before its password is checked, counted by
//! the e-mail it names (whether or not an account has it) and by the client's address, and
//! each count past a few free tries asks for a growing pause before the next. The pause per
//! e-mail stops at a minute, so a stranger guessing an operator's e-mail slows the owner
//! down at worst, never locks them out; the pause per address grows further, as an address
//! that fails that often is somebody guessing.
//!
//! Unknown e-mails are counted exactly like real ones, so the answers (and, with the dummy
//! hash in [`super::password`], their timing) tell nobody which e-mails have accounts.

use super::store;
use crate::db::Db;

/// How one kind of count grows its pause.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures in a row with no pause.
    pub free: i64,
    /// The first pause (ms), doubled by each failure after it.
    pub first_ms: i64,
    /// The longest pause (ms).
    pub max_ms: i64,
}

/// Per e-mail: five free tries, then 1 s doubling to a minute.
pub const PER_EMAIL: Policy = Policy {
    free: 5,
    first_ms: 1_000,
    max_ms: 60_000,
};

/// Per client address: twenty free tries (an office of people signing in), then 1 s doubling
/// to fifteen minutes.
pub const PER_ADDRESS: Policy = Policy {
    free: 20,
    first_ms: 1_000,
    max_ms: 15 * 60_000,
};

/// Failures older than this are forgotten.
pub const QUIET_MS: i64 = 60 * 60_000;

impl Policy {
    /// The pause after `failures` failures in a row.
    pub fn pause_ms(self, failures: i64) -> i64 {
        let over = failures - self.free;
        if over < 0 {
            0
        } else {
            (self.first_ms << over.min(30)).min(self.max_ms)
        }
    }

    /// The pause after this attempt as SQL of `failures`, the count before it: one `WHEN`
    /// per step until the pause stops growing. Only this policy's own integers go in.
    fn pause_sql(self) -> String {
        let mut sql = format!("CASE WHEN failures + 1 < {} THEN 0", self.free);
        let mut n = self.free;
        loop {
            let pause = self.pause_ms(n);
            if pause >= self.max_ms {
                break;
            }
            sql.push_str(&format!(" WHEN failures + 1 = {n} THEN {pause}"));
            n += 1;
        }
        sql.push_str(&format!(" ELSE {} END", self.max_ms));
        sql
    }
}

/// The key of an e-mail's count (case and spaces do not make another).
pub fn email_key(email: &str) -> String {
    format!("email:{}", email.trim().to_lowercase())
}

/// The key of the count of a browser known to have signed in as `email` (see `device`).
pub fn device_key(email: &str) -> String {
    format!("device:{}", email.trim().to_lowercase())
}

/// The key of a client address's count.
pub fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// The count `key` as the instance's memory of refusals ([`crate::refusals::Refusals`])
/// names it, apart from the rate limits' buckets.
pub fn paused(key: &str) -> String {
    format!("sign_in|{key}")
}

/// Reserves one attempt on `key` at `now`, counted as a failure until [`succeeded`] says it
/// was not: one atomic statement, so attempts made at the same moment (on any instance)
/// each take their own turn. `Ok(None)`: reserved; `Ok(Some(ms))`: refused, try in `ms`.
pub async fn reserve(
    db: &Db,
    key: &str,
    policy: Policy,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(
        store::reserve_attempt(db, key, now, QUIET_MS, &policy.pause_sql())
            .await?
            .map(|next_at| (next_at - now).max(1)),
    )
}

/// The attempt reserved on `email_key` and `address_key` could not be made (no turn to
/// hash): both counts get it back.
pub async fn not_made(db: &Db, email_key: &str, address_key: &str) -> Result<(), sqlx::Error> {
    store::refund_attempt(db, email_key).await?;
    store::refund_attempt(db, address_key).await
}

/// Forgets counts nobody added to for [`QUIET_MS`] (they behave like no row).
pub async fn sweep(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    store::sweep_throttle(db, now - QUIET_MS).await
}

/// The attempt reserved on the e-mail `email_key` and the address `address_key` succeeded:
/// the e-mail's failures are forgotten, and the address gets its attempt back (an office
/// signing in every morning is not somebody guessing).
pub async fn succeeded(db: &Db, email_key: &str, address_key: &str) -> Result<(), sqlx::Error> {
    store::clear_throttle(db, email_key).await?;
    store::refund_attempt(db, address_key).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_and_stop_growing() {
        assert_eq!(PER_EMAIL.pause_ms(4), 0);
        assert_eq!(PER_EMAIL.pause_ms(5), 1_000);
        assert_eq!(PER_EMAIL.pause_ms(7), 4_000);
        assert_eq!(PER_EMAIL.pause_ms(500), 60_000);
        assert_eq!(PER_ADDRESS.pause_ms(19), 0);
        assert_eq!(PER_ADDRESS.pause_ms(500), 15 * 60_000);
        assert_eq!(email_key(" Ann@Example.COM "), "email:ann@example.com");
        let sql = PER_EMAIL.pause_sql();
        assert!(
            sql.starts_with("CASE WHEN failures + 1 < 5 THEN 0 WHEN failures + 1 = 5 THEN 1000"),
            "{sql}"
        );
        assert!(
            sql.ends_with("WHEN failures + 1 = 10 THEN 32000 ELSE 60000 END"),
            "{sql}"
        );
    }
}
