//! Known devices: a browser that signed in to an account gets a cookie naming that account,
//! and its later sign-ins are counted apart from everyone else's tries on the e-mail. So a
//! stranger guessing a known operator e-mail slows down only the strangers: the owner, from a
//! browser they signed in on before, is never held back by those failures.
//!
//! The cookie is a tag of the e-mail under the server's configured secret key (nothing is
//! stored); a new key makes old cookies plain browsers again.

use axum::http::HeaderMap;

use super::session::cookie_value;
use crate::state::AppState;

const COOKIE: &str = "panelcare_device";
/// A device stays known this long after its last sign-in.
const LIFETIME_SECS: i64 = 180 * 24 * 3600;

fn tag(state: &AppState, email: &str) -> String {
    state
        .db
        .secrets
        .tag("console known device", &email.trim().to_lowercase())
}

/// Whether the request comes from a browser that signed in as `email` before.
pub fn is_known(state: &AppState, headers: &HeaderMap, email: &str) -> bool {
    let Some(sent) = cookie_value(headers, COOKIE) else {
        return false;
    };
    let expected = tag(state, email);
    // Compared in full whatever differs first, so the time taken says nothing of the tag.
    sent.len() == expected.len()
        && sent
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The `Set-Cookie` value that makes this browser known for `email`. Sent to the sign-in
/// route only, never readable by scripts.
pub fn cookie(state: &AppState, email: &str) -> String {
    format!(
        "{COOKIE}={}; Path=/console/api/login; HttpOnly; Secure; SameSite=Strict; Max-Age={LIFETIME_SECS}",
        tag(state, email)
    )
}
