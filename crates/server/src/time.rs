//! Timestamps: stored as Unix milliseconds, shown to clients as RFC 3339.
//!
//! A server started with `--test-clock` lets end-to-end tests move "now" forward (to see a
//! snooze end, say). Only [`now_ms`], the clock of stored data, moves; token expiry keeps
//! the real clock, as the hosts that sign tokens do.

use std::sync::atomic::{AtomicI64, Ordering};

use ::time::{OffsetDateTime, format_description::well_known::Rfc3339};

static SHIFT_MS: AtomicI64 = AtomicI64::new(0);

/// Milliseconds since the Unix epoch, now (plus any test shift).
pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
        + SHIFT_MS.load(Ordering::Relaxed)
}

/// Moves the clock of stored data forward by `ms`; only the test-clock route calls this.
pub fn shift(ms: i64) -> i64 {
    SHIFT_MS.fetch_add(ms, Ordering::Relaxed) + ms
}

/// Seconds since the Unix epoch, now (JWT claims use seconds).
pub fn now_secs() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// RFC 3339 in UTC, millisecond precision.
pub fn rfc3339(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}
