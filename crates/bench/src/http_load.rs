//! The load: `concurrency` keep-alive HTTP/1.1 connections, each a customer of its own
//! posting feedback back to back with a fresh idempotency key per request, as many widgets
//! of many accounts would.

use std::{
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
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok(Run::new(started.elapsed(), latencies))
}

async fn connection(
    addr: SocketAddr,
    token: &str,
    tag: &str,
    conn: usize,
    n: usize,
) -> Result<Vec<Duration>, BoxError> {
    let mut c = Conn::open(addr, token).await?;
    let mut latencies = Vec::with_capacity(n);
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
            .await?
            .expect(201, "POST /api/v1/feedback")?;
        latencies.push(answer.took);
    }
    Ok(latencies)
}
