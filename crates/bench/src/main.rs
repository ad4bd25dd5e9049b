//! `panelcare-bench`: how fast the real server binary stores feedback over HTTP on loopback,
//! next to how fast the same SQLite set-up stores the same rows with no HTTP in between.
//! The ratio of the two is the figure that matters: what the service layer costs.

mod args;
mod http_load;
mod raw_store;
mod server;
mod stats;

use std::error::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args = args::Args::parse()?;
    let dir = tempfile::tempdir()?;
    println!(
        "feedback POST: {} requests, {} connections, after {} warm-up requests",
        args.requests, args.concurrency, args.warmup
    );

    let server = server::Server::start(&args.server_bin, &dir.path().join("http.sqlite")).await?;
    let token = server.token();
    http_load::run(server.addr, &token, args.warmup, args.concurrency, "warm").await?;
    let http = http_load::run(server.addr, &token, args.requests, args.concurrency, "run").await?;
    let stored = server.count_rows().await?;
    server.stop().await;

    let raw = raw_store::run(
        &dir.path().join("raw.sqlite"),
        args.requests,
        args.concurrency,
    )
    .await?;

    println!();
    println!(
        "{:<34} {:>10} {:>9} {:>9} {:>9}",
        "", "rows/s", "p50 ms", "p99 ms", "max ms"
    );
    http.print("HTTP POST /api/v1/feedback");
    raw.print("SQLite insert (same store code)");
    let ratio = http.rate() / raw.rate();
    println!();
    println!("HTTP / raw SQLite ratio: {:.2}", ratio);
    println!("rows stored by the HTTP run (incl. warm-up): {stored}");
    println!(
        "BENCH http_rps={:.0} http_p99_ms={:.2} raw_rps={:.0} ratio={:.2}",
        http.rate(),
        http.percentile(99.0),
        raw.rate(),
        ratio
    );
    if stored != (args.requests + args.warmup) as i64 {
        return Err(format!(
            "expected {} rows, found {stored}",
            args.requests + args.warmup
        )
        .into());
    }
    Ok(())
}
