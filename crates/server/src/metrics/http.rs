//! Counting requests: every answer by its route's template (`/api/v1/tickets/{id}`, never
//! the path a client sent, which would carry ids and make a series per ticket), method and
//! status, and the time until its head was ready.

use std::{
    collections::HashSet,
    sync::{PoisonError, RwLock},
    time::Instant,
};

use axum::{
    extract::{MatchedPath, Request, State},
    http::Method,
    middleware::Next,
    response::Response,
};

use super::{HTTP_DURATION, HTTP_REQUESTS};

/// The route label of a request no route matched (a path outside every router, or one a
/// router's fallback answered).
pub const UNMATCHED: &str = "unmatched";

/// The route label of a nested service's answers (static files under `/assets/`…): axum
/// gives those no [`MatchedPath`], so [`nested`] puts the label on the response instead.
#[derive(Debug, Clone, Copy)]
struct Nested(&'static str);

/// The middleware: records each answer once the handler gave it. Layered with
/// `Router::layer`, so it runs after routing and sees the route's [`MatchedPath`].
pub async fn track(req: Request, next: Next) -> Response {
    if !super::enabled() {
        return next.run(req).await;
    }
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| interned(p.as_str()));
    let method = method_label(req.method());
    let started = Instant::now();
    let res = next.run(req).await;
    let route = matched
        .or_else(|| res.extensions().get::<Nested>().map(|n| n.0))
        .unwrap_or(UNMATCHED);
    let status = interned(res.status().as_str());
    ::metrics::histogram!(HTTP_DURATION, "route" => route, "method" => method)
        .record(started.elapsed());
    ::metrics::counter!(HTTP_REQUESTS, "route" => route, "method" => method, "status" => status)
        .increment(1);
    res
}

/// Labels a nested service's answers with `route` (`/assets/*`), for [`track`]:
/// `middleware::from_fn_with_state("/assets/*", metrics::http::nested)` on the service.
pub async fn nested(State(route): State<&'static str>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.extensions_mut().insert(Nested(route));
    res
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Labels are a bounded set (the router's templates, the status codes); beyond this many
/// something is wrong, and the rest share one label rather than grow the table.
const MAX_LABELS: usize = 1_024;

/// `label` as a `&'static str`, so recording it allocates nothing: each distinct label is
/// leaked once and found by a read-locked lookup afterwards.
fn interned(label: &str) -> &'static str {
    static LABELS: RwLock<Option<HashSet<&'static str>>> = RwLock::new(None);
    if let Some(found) = LABELS
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .and_then(|set| set.get(label))
    {
        return found;
    }
    let mut labels = LABELS.write().unwrap_or_else(PoisonError::into_inner);
    let set = labels.get_or_insert_with(HashSet::new);
    if let Some(found) = set.get(label) {
        return found;
    }
    if set.len() >= MAX_LABELS {
        return "other";
    }
    let leaked: &'static str = Box::leak(label.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_interned_once() {
        // The same label is the same leaked string.
        assert!(std::ptr::eq(interned("/x"), interned("/x")));
        assert_eq!(
            method_label(&Method::from_bytes(b"PROPFIND").unwrap()),
            "other"
        );
    }
}
