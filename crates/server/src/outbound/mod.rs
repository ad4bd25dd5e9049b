//! What deliveries leaving the server share: the one client they are sent with (which
//! refuses this machine, private networks and cloud metadata, see [`guard`]), the classes a
//! failure is recorded as, the signature receivers check, and the pause before a failed
//! delivery is tried again. Notifications and the ticket bridge each keep their own outbox;
//! this is the part of sending that does not depend on which.

pub mod client;
mod failure;
pub mod guard;

pub use client::{AllowList, client_for, judge, savable};
pub use failure::Failure;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The `X-Panelcare-Signature` of `body` sent at `timestamp` (Unix seconds):
/// `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}` under the tenant's secret.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    #[allow(clippy::expect_used)]
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The pause after the `attempts`th failure: 5 s, doubling, at most an hour.
pub fn backoff_ms(attempts: i64) -> i64 {
    (5_000i64 << attempts.clamp(0, 20)).min(3_600_000)
}

/// One delivery that did not go through: outbox row `id`, on its `attempts`th try, at `at`.
#[derive(Debug)]
pub struct Failed<'a> {
    pub id: i64,
    pub attempts: i64,
    pub why: &'a str,
    pub at: i64,
}

impl Failed<'_> {
    /// When to try again.
    pub fn next_attempt_at(&self) -> i64 {
        self.at + backoff_ms(self.attempts - 1)
    }

    /// When it was given up on, if this was the last of `max_attempts`.
    pub fn given_up_at(&self, max_attempts: i64) -> Option<i64> {
        (self.attempts >= max_attempts).then_some(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_to_an_hour() {
        assert_eq!(backoff_ms(0), 5_000);
        assert_eq!(backoff_ms(1), 10_000);
        assert_eq!(backoff_ms(3), 40_000);
        assert_eq!(backoff_ms(30), 3_600_000);
    }

    #[test]
    fn the_signature_covers_time_and_body() {
        let a = signature("secret-0123456789", 1, "{}");
        assert!(a.starts_with("sha256=") && a.len() == 7 + 64);
        assert_ne!(a, signature("secret-0123456789", 2, "{}"));
        assert_ne!(a, signature("secret-0123456789", 1, "{ }"));
        assert_ne!(a, signature("other-secret-0123", 1, "{}"));
    }

    #[test]
    fn the_last_attempt_gives_up() {
        let f = Failed {
            id: 1,
            attempts: 8,
            why: "down",
            at: 100,
        };
        assert_eq!(f.next_attempt_at(), 100 + backoff_ms(7));
        assert_eq!(f.given_up_at(8), Some(100));
        assert_eq!(f.given_up_at(9), None);
    }
}
