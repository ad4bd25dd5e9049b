//! CORS for the console API in demo mode with `--console-test-cors`: the console's component
//! tests run in Chromium on the test runner's own loopback port, and call this real server's
//! console API with the session cookie. Only `http://127.0.0.1:<port>` origins are allowed,
//! and only when asked for; the release binary has no demo code at all.

use axum::http::{HeaderName, HeaderValue, Method, header, request::Parts};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Whether `origin` is `http://127.0.0.1:<port>`.
fn loopback(origin: &HeaderValue) -> bool {
    origin
        .to_str()
        .ok()
        .and_then(|o| o.strip_prefix("http://127.0.0.1:"))
        .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
}

pub fn console_test_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, _: &Parts| {
            loopback(origin)
        }))
        .allow_credentials(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            header::ACCEPT,
            header::CONTENT_TYPE,
            HeaderName::from_static("x-csrf-token"),
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_http_origins_pass() {
        for ok in ["http://127.0.0.1:8000", "http://127.0.0.1:41234"] {
            assert!(loopback(&HeaderValue::from_static(ok)), "{ok}");
        }
        for no in [
            "http://127.0.0.1",
            "http://127.0.0.1:",
            "http://127.0.0.1:80.evil.example",
            "https://127.0.0.1:8000",
            "http://localhost:8000",
            "http://127.0.0.1.evil.example:80",
            "null",
        ] {
            assert!(!loopback(&HeaderValue::from_static(no)), "{no}");
        }
    }
}
