//! `panelcare-bench`: how fast the real server binary stores feedback over HTTP on loopback,
//! next to how fast the same SQLite set-up stores the same rows with no HTTP in between (the
//! ratio of the two is what the service layer costs); then how long the server takes to
//! answer a customer with 1,000 tickets and a 500-message thread; then the offers engine
//! (100 rules, one snapshot) and the offers endpoint.

mod args;
mod client;
mod http_load;
mod offers;
mod raw_store;
mod server;
mod stats;
mod tickets;

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
    let mut conn = client::Conn::open(server.addr, &server.token_for("ticket-customer")).await?;
    let reads = tickets::run(&mut conn, args.reads).await?;
    offers::seed(server.db()).await?;
    const OFFER_CONNS: usize = 8;
    let offer_tokens: Vec<String> = (0..OFFER_CONNS)
        .map(|c| server.token_for(&format!("offer-customer-{c}")))
        .collect();
    offers::http(server.addr, &offer_tokens, 200).await?;
    let offer_http = offers::http(server.addr, &offer_tokens, args.requests / 4).await?;
    server.stop().await;
    let engine = offers::engine(20_000)?;

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
    println!();
    println!(
        "{:<34} {:>10} {:>9} {:>9} {:>9}",
        "ticket reads (one connection)", "reads/s", "p50 ms", "p99 ms", "max ms"
    );
    reads.list.print(&format!(
        "list, {} of {} tickets",
        reads.listed,
        tickets::TICKETS
    ));
    reads
        .thread
        .print(&format!("thread of {} messages", tickets::MESSAGES));
    println!(
        "answer sizes: list {} KB, thread {} KB",
        reads.list_bytes / 1024,
        reads.thread_bytes / 1024
    );
    println!(
        "BENCH ticket_list_p50_ms={:.2} ticket_list_p99_ms={:.2} thread_p50_ms={:.2} thread_p99_ms={:.2}",
        reads.list.percentile(50.0),
        reads.list.percentile(99.0),
        reads.thread.percentile(50.0),
        reads.thread.percentile(99.0)
    );
    println!();
    println!(
        "{:<34} {:>10} {:>9} {:>9} {:>9}",
        "offers", "per s", "p50 ms", "p99 ms", "max ms"
    );
    engine.print(&format!("engine: {} rules, one snapshot", offers::RULES));
    offer_http.print(&format!("HTTP POST /api/v1/offers, {OFFER_CONNS} conns"));
    println!(
        "BENCH offer_eval_p50_us={:.1} offer_eval_p99_us={:.1} offers_rps={:.0} offers_p99_ms={:.2}",
        engine.percentile(50.0) * 1000.0,
        engine.percentile(99.0) * 1000.0,
        offer_http.rate(),
        offer_http.percentile(99.0)
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
