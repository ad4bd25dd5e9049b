//! The load: `concurrency` keep-alive HTTP/1.1 connections, each a customer of its own
//! posting feedback back to back with a fresh idempotency key per request, as many widgets
//! of many accounts would.

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    time::{Duration, Instant},
};

use crate::{
    client::{BoxError, Conn},
    stats::Run,
};

/// Runs `requests` POSTs over `tokens.len()` connections, one account's token each.
pub async fn run(
    addr: SocketAddr,
    tokens: &[String],
    requests: usize,
    tag: &str,
) -> Result<Run, BoxError> {
    let concurrency = tokens.len();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (conn, token) in tokens.iter().enumerate() {
        let n = requests / concurrency + usize::from(conn < requests % concurrency);
        let (token, tag) = (token.clone(), tag.to_owned());
        tasks.push(tokio::spawn(async move {
            connection(addr, &token, &tag, conn, n).await
        }));
    }
    let mut latencies = Vec::with_capacity(requests);
    let mut refused: BTreeMap<u16, usize> = BTreeMap::new();
    for task in tasks {
        let (took, other) = task.await??;
        latencies.extend(took);
        for (status, n) in other {
            *refused.entry(status).or_default() += n;
        }
    }
    // Any answer but 201 means the run measured something else (a limit, an error): say so
    // and stop rather than print a rate.
    if !refused.is_empty() {
        return Err(format!(
            "{tag}: {} of {requests} feedback POSTs were not stored, by status: {refused:?}",
            refused.values().sum::<usize>()
        )
        .into());
    }
    Ok(Run::new(started.elapsed(), latencies))
}

async fn connection(
    addr: SocketAddr,
    token: &str,
    tag: &str,
    conn: usize,
    n: usize,
) -> Result<(Vec<Duration>, BTreeMap<u16, usize>), BoxError> {
    let mut c = Conn::open(addr, token).await?;
    let mut latencies = Vec::with_capacity(n);
    let mut refused = BTreeMap::new();
    for i in 0..n {
        let body = serde_json::json!({
            "category": "idea",
            "message": format!("Benchmark suggestion {i} from connection {conn}: please add staging sites."),
            "rating": 1 + (i % 5),
            "page": "https://panel.example/frontend/jupiter/index.html",
        });
        let answer = c
            .post(
                "/api/v1/feedback",
                &format!("bench-{tag}-{conn}-{i}"),
                &body,
            )
            .await?;
        if answer.status == 201 {
            latencies.push(answer.took);
        } else {
            *refused.entry(answer.status).or_default() += 1;
        }
    }
    Ok((latencies, refused))
}
