//! Delivers pending submissions: each is retried with its own idempotency key until the
//! server accepts or refuses it, so it is stored exactly once and never dropped silently.

use panelcare_model::{ApiError as Refusal, ErrorCode};
use yew::UseReducerDispatcher;

use super::state::{Action, FeedbackState};
use crate::{api::ApiError, session::Session};

/// Sends what is in the outbox, oldest first, until it is empty. Stops at the first failure that may pass (the
/// server is unreachable: the rest would fail too) and returns the delay before the next
/// try, or `None` when the outbox is empty.
pub async fn flush(
    session: &Session,
    dispatch: &UseReducerDispatcher<FeedbackState>,
) -> Option<u32> {
    // Re-read each time: what was queued while this run was under way is sent too. Every
    // item leaves the outbox (sent or refused) or ends the run, so this terminates.
    while let Some(mut item) = session.store.outbox().into_iter().next() {
        dispatch.dispatch(Action::Sending(item.key.clone()));
        match session.api.create_feedback(&item.key, &item.body).await {
            Ok(feedback) => {
                session.store.remove_pending(&item.key);
                dispatch.dispatch(Action::Sent {
                    key: item.key,
                    feedback,
                });
            }
            Err(err) if err.is_retryable() => {
                item.attempts += 1;
                session.store.put_pending(&item);
                let delay = backoff_ms(item.attempts);
                dispatch.dispatch(Action::StillPending(item));
                return Some(delay);
            }
            Err(err) => {
                session.store.remove_pending(&item.key);
                let error = match err {
                    ApiError::Rejected { error, .. } => error,
                    _ => Refusal {
                        code: ErrorCode::Unknown,
                        message: String::new(),
                        fields: Vec::new(),
                    },
                };
                dispatch.dispatch(Action::Refused {
                    key: item.key,
                    body: item.body,
                    error,
                });
            }
        }
    }
    None
}

/// 2 s, 4 s, 8 s … up to a minute, with ±20 % jitter so that many widgets coming back
/// online together do not knock on the server in step.
pub fn backoff_ms(attempts: u32) -> u32 {
    let base = 2_000f64 * 2f64.powi(attempts.saturating_sub(1).min(5) as i32);
    let jitter = 0.8 + 0.4 * js_sys::Math::random();
    (base.min(60_000.0) * jitter) as u32
}
