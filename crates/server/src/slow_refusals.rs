//! Refusals answered slowly. A client told to wait (`429`, from a rate limit or the sign-in
//! throttle) gets that answer only after a short hold, so a flood that ignores `Retry-After`
//! runs at the pace of its connections (16 connections and a one-second hold: 16 requests a
//! second) instead of at the pace of the server's CPU. Refusing is cheap (the refusal is
//! remembered before any query), but tens of thousands of cheap answers a second still take
//! the cores other customers' requests need; a held answer costs a timer.
//!
//! The hold starts once the handler is done, so it keeps no database connection, hashing
//! turn or lock. A client that honours `Retry-After` waits longer than the hold anyway.

use std::{sync::Arc, time::Duration};

use axum::{
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::Response,
};
use tokio::sync::Semaphore;

/// The default hold (`--refusal-hold-ms`).
pub const DEFAULT_HOLD_MS: u64 = 1_000;

/// At most this many refusals are held at once; beyond it they are answered at once, so a
/// flood from thousands of connections can't make the holds themselves what runs out.
pub const MAX_HELD: usize = 4_096;

#[derive(Debug, Clone)]
pub struct SlowRefusals {
    hold: Duration,
    held: Arc<Semaphore>,
}

impl SlowRefusals {
    pub fn new(hold: Duration, max_held: usize) -> Self {
        Self {
            hold,
            held: Arc::new(Semaphore::new(max_held)),
        }
    }
}

/// The middleware: answers as the handler did, holding a `429` first (never longer than the
/// client was told to wait).
pub async fn hold(State(slow): State<SlowRefusals>, req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    if res.status() != StatusCode::TOO_MANY_REQUESTS || slow.hold.is_zero() {
        return res;
    }
    let told = res
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(slow.hold, Duration::from_secs);
    if let Ok(_turn) = slow.held.try_acquire() {
        tokio::time::sleep(slow.hold.min(told)).await;
    }
    res
}

#[cfg(test)]
mod tests {
    use axum::{
        Router,
        body::Body,
        http::{HeaderValue, Request},
        middleware,
        response::IntoResponse,
        routing::get,
    };
    use tokio::time::Instant;
    use tower::ServiceExt;

    use super::*;

    const HOLD: Duration = Duration::from_millis(700);

    fn app(max_held: usize) -> Router {
        Router::new()
            .route("/ok", get(|| async { "ok" }))
            .route(
                "/refused",
                get(|| async {
                    let mut res = StatusCode::TOO_MANY_REQUESTS.into_response();
                    res.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
                    res
                }),
            )
            .route(
                "/soon",
                get(|| async {
                    let mut res = StatusCode::TOO_MANY_REQUESTS.into_response();
                    res.headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from_static("0"));
                    res
                }),
            )
            .layer(middleware::from_fn_with_state(
                SlowRefusals::new(HOLD, max_held),
                hold,
            ))
    }

    /// How long `path` took to answer, on the paused clock.
    async fn took(app: Router, path: &str) -> (StatusCode, Duration) {
        let started = Instant::now();
        let req = Request::get(path).body(Body::empty()).expect("request");
        let res = app.oneshot(req).await.expect("infallible");
        (res.status(), started.elapsed())
    }

    #[tokio::test(start_paused = true)]
    async fn a_refusal_is_held_and_an_answer_is_not() {
        let (status, held) = took(app(8), "/refused").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(held >= HOLD, "held {held:?}");
        let (status, at_once) = took(app(8), "/ok").await;
        assert_eq!(status, StatusCode::OK);
        assert!(at_once < HOLD, "took {at_once:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn never_longer_than_the_client_was_told_to_wait() {
        let (_, held) = took(app(8), "/soon").await;
        assert!(held < HOLD, "held {held:?} past a Retry-After of 0");
    }

    #[tokio::test(start_paused = true)]
    async fn beyond_the_bound_refusals_go_out_at_once() {
        let app = app(1);
        let first = tokio::spawn(took(app.clone(), "/refused"));
        // The first holds the only turn; once it is held the second is answered at once.
        tokio::task::yield_now().await;
        let (_, second) = took(app, "/refused").await;
        let (_, first) = first.await.expect("first");
        assert!(first >= HOLD, "first held {first:?}");
        assert!(second < HOLD, "second held {second:?} with no turn free");
    }
}
