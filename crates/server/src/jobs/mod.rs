//! Background work, every two seconds until the process ends: SLA warnings, notification
//! delivery, ticket bridge delivery, the purge of uploads nobody attached and of full
//! rate-limit buckets; every ten minutes the deletes of tenants' retention periods
//! ([`data_rights::retention`]). Each job runs on its own, so a slow helpdesk never holds up e-mail and webhooks; a failed round is
//! logged and the next round tries again. With metrics on, their gauges too ([`metrics`]).

pub mod metrics;

use std::{future::Future, time::Duration};

use crate::{
    attachments, bridge, console, data_rights, limits, notify, password_reset, second_factor,
    state::AppState, tickets, time,
};

const EVERY: Duration = Duration::from_secs(2);
const RETENTION_EVERY: Duration = Duration::from_secs(600);

/// Starts every job on the runtime.
pub fn spawn(state: AppState) {
    every(state.clone(), "ticket bridge delivery", |s| async move {
        bridge::deliver_due(&s).await.map(|_| ())
    });
    every(state.clone(), "SLA warnings", |s| async move {
        tickets::lifecycle::warn_due_soon(&s).await.map(|_| ())
    });
    every(state.clone(), "notification delivery", |s| async move {
        notify::deliver_due(&s).await.map(|_| ())
    });
    every(state.clone(), "rate-limit sweep", |s| async move {
        limits::sweep(&s).await.map(|_| ())
    });
    every(
        state.clone(),
        "sign-in throttle, reset link and challenge sweep",
        |s| async move {
            console::throttle::sweep(&s.db, time::now_ms()).await?;
            second_factor::sweep(&s).await?;
            password_reset::sweep(&s).await.map(|_| ())
        },
    );
    every(state.clone(), "attachment purge", |s| async move {
        attachments::store::purge_unused(&s.db, time::now_ms())
            .await
            .map(|_| ())
    });
    // Retention periods are months long: a pass every ten minutes is soon enough, and
    // spares the tenants' settings a read every two seconds.
    every_at(
        RETENTION_EVERY,
        state.clone(),
        "retention",
        |s| async move { data_rights::retention::run(&s.db).await.map(|_| ()) },
    );
    if crate::metrics::enabled() {
        every_at(metrics::EVERY, state, "metrics gauges", |s| async move {
            metrics::refresh(&s.db).await
        });
        // Latencies recorded between scrapes are folded into their histograms, so they do not
        // pile up while nobody scrapes.
        tokio::spawn(async {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            loop {
                tick.tick().await;
                crate::metrics::upkeep();
            }
        });
    }
}

/// Runs `job` every [`EVERY`], logging what went wrong in a round.
fn every<F, Fut>(state: AppState, name: &'static str, job: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), sqlx::Error>> + Send,
{
    every_at(EVERY, state, name, job);
}

/// Runs `job` every `period`, logging what went wrong in a round.
fn every_at<F, Fut>(period: Duration, state: AppState, name: &'static str, job: F)
where
    F: Fn(AppState) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(), sqlx::Error>> + Send,
{
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            if let Err(e) = job(state.clone()).await {
                tracing::warn!(job = name, error = %e, "background job failed; retrying next round");
            }
        }
    });
}
