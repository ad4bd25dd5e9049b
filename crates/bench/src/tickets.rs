//! The ticket reads a busy customer causes: the list of an account with 1,000 tickets and
//! the thread of a ticket with 500 messages, each read back to back on one connection so
//! the figures are the server's time per request (not a throughput under contention).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::{
    client::{BoxError, Conn},
    stats::Run,
};

pub const TICKETS: usize = 1_000;
pub const MESSAGES: usize = 500;

/// What the reads measured.
pub struct Reads {
    pub list: Run,
    pub list_bytes: usize,
    pub listed: usize,
    pub thread: Run,
    pub thread_bytes: usize,
    /// The thread again, asked for with `Accept-Encoding: br`.
    pub thread_br: Run,
    pub thread_br_bytes: usize,
}

/// Opens [`TICKETS`] tickets (one with [`MESSAGES`] messages) through the API, then reads
/// the list and that thread `reads` times each.
pub async fn run(conn: &mut Conn, reads: usize) -> Result<Reads, BoxError> {
    let seeded = Instant::now();
    let mut busy = String::new();
    const PRIORITIES: [&str; 4] = ["low", "normal", "high", "critical"];
    for i in 0..TICKETS {
        let body = json!({
            "department": "technical",
            "priority": PRIORITIES[i % 4],
            "subject": format!("Benchmark ticket {i}: mail bounces"),
            "message": "Every outgoing message bounces with 550 since this morning.",
        });
        let answer = conn
            .post("/api/v1/tickets", &format!("bench-ticket-{i}"), &body)
            .await?
            .expect(201, "POST /api/v1/tickets")?;
        if i == 0 {
            let v: serde_json::Value = serde_json::from_slice(&answer.body)?;
            busy = v["ticket"]["id"].as_str().ok_or("no ticket id")?.to_owned();
        }
    }
    // The opening message is the first of the thread.
    for i in 1..MESSAGES {
        let body = json!({ "message": format!("Still happening, attempt {i}. Log lines attached below.") });
        conn.post(
            &format!("/api/v1/tickets/{busy}/replies"),
            &format!("bench-reply-{i}"),
            &body,
        )
        .await?
        .expect(201, "POST …/replies")?;
    }
    println!(
        "seeded {TICKETS} tickets and a {MESSAGES}-message thread in {:.1} s",
        seeded.elapsed().as_secs_f64()
    );
    let (list, list_body) = repeat(conn, "/api/v1/tickets", reads).await?;
    let v: serde_json::Value = serde_json::from_slice(&list_body)?;
    let listed = v["items"].as_array().map_or(0, Vec::len);
    let path = format!("/api/v1/tickets/{busy}");
    let (thread, thread_body) = repeat(conn, &path, reads).await?;
    let v: serde_json::Value = serde_json::from_slice(&thread_body)?;
    let messages = v["messages"].as_array().map_or(0, Vec::len);
    if messages < MESSAGES {
        return Err(format!("the thread has {messages} messages, not {MESSAGES}").into());
    }
    // The same thread as a browser reads it: compressed on the fly (brotli 4).
    conn.accept_encoding = Some("br");
    let (thread_br, thread_br_body) = repeat(conn, &path, reads).await?;
    conn.accept_encoding = None;
    Ok(Reads {
        list,
        list_bytes: list_body.len(),
        listed,
        thread,
        thread_bytes: thread_body.len(),
        thread_br,
        thread_br_bytes: thread_br_body.len(),
    })
}

/// GETs `path` `n` times after a few warm-up reads; the timings and the last body.
pub(crate) async fn repeat(
    conn: &mut Conn,
    path: &str,
    n: usize,
) -> Result<(Run, hyper::body::Bytes), BoxError> {
    for _ in 0..5 {
        conn.get(path).await?.expect(200, path)?;
    }
    let started = Instant::now();
    let mut took: Vec<Duration> = Vec::with_capacity(n);
    let mut last = hyper::body::Bytes::new();
    for _ in 0..n {
        let answer = conn.get(path).await?.expect(200, path)?;
        took.push(answer.took);
        last = answer.body;
    }
    Ok((Run::new(started.elapsed(), took), last))
}
