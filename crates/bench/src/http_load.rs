//! The load: `concurrency` keep-alive HTTP/1.1 connections, each posting feedback back to
//! back with a fresh idempotency key per request, as many widgets would.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use http_body_util::{BodyExt as _, Full};
use hyper::{Request, body::Bytes};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::stats::Run;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn run(
    addr: SocketAddr,
    token: &str,
    requests: usize,
    concurrency: usize,
    tag: &str,
) -> Result<Run, BoxError> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for conn in 0..concurrency {
        let n = requests / concurrency + usize::from(conn < requests % concurrency);
        let (token, tag) = (token.to_owned(), tag.to_owned());
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
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let mut latencies = Vec::with_capacity(n);
    for i in 0..n {
        let body = serde_json::json!({
            "category": "idea",
            "message": format!("Benchmark suggestion {i} from connection {conn}: please add staging sites."),
            "rating": 1 + (i % 5),
            "page": "https://panel.example/frontend/jupiter/index.html",
        });
        let req = Request::post("/api/v1/feedback")
            .header("host", addr.to_string())
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .header("idempotency-key", format!("bench-{tag}-{conn}-{i}"))
            .body(Full::new(Bytes::from(body.to_string())))?;
        let start = Instant::now();
        let res = sender.send_request(req).await?;
        let status = res.status();
        let bytes = res.into_body().collect().await?.to_bytes();
        latencies.push(start.elapsed());
        if status != 201 {
            return Err(format!(
                "POST answered {status}: {}",
                String::from_utf8_lossy(&bytes)
            )
            .into());
        }
    }
    Ok(latencies)
}
