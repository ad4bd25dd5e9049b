//! `panelcare-bench`: the real server binary on each engine in one run, side by side — how
//! fast it stores feedback over HTTP on loopback from many accounts, how long it takes to
//! list 1,000 tickets, read a 500-message thread and search 1,000 articles — and, on SQLite,
//! how fast the same store code writes the same rows with no HTTP in between (the ratio is
//! what the service layer costs); then the offers engine and endpoint; then, on each engine,
//! whether one customer's reads stay fast while another floods writes or sign-ins
//! ([`isolation`]).

mod args;
mod client;
mod engine;
mod http_load;
mod isolation;
mod offers;
mod raw_store;
mod search;
mod server;
mod stats;
mod tickets;

use std::error::Error;

use engine::Figures;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let args = args::Args::parse()?;
    let dir = tempfile::tempdir()?;
    if args.isolation_only {
        return isolated(&args, dir.path()).await;
    }
    println!(
        "feedback POST: {} requests over {} connections (an account each), after {} warm-up requests",
        args.requests, args.concurrency, args.warmup
    );
    println!(
        "tenant `bench` has every rate limit raised to the most a provider may set ({}/h, burst {}): \
         the load measures throughput, not the limits (each write still takes its buckets); \
         the isolation step uses another tenant on the default limits",
        panelcare_model::limits::RATE_MAX,
        panelcare_model::limits::RATE_MAX
    );
    let sqlite_url = path_of(&dir.path().join("http.sqlite"))?;
    let mut runs: Vec<(&str, Figures)> =
        vec![("SQLite", engine::run(&args, &sqlite_url, true).await?)];
    let mut pair = None;
    if let Some(base) = &args.postgres {
        let (url, name) = engine::create_database(base, "load").await?;
        let figures = engine::run(&args, &url, false).await;
        let two = match &figures {
            Ok(_) => Some(engine::two_instances(&args, &url).await),
            Err(_) => None,
        };
        engine::drop_database(base, &name).await?;
        runs.push(("PostgreSQL", figures?));
        pair = two.transpose()?;
    }
    let raw = raw_store::run(
        &dir.path().join("raw.sqlite"),
        args.requests,
        args.concurrency,
    )
    .await?;
    let eval = offers::engine(20_000)?;

    println!();
    println!(
        "{:<44} {:>10} {:>9} {:>9} {:>9}",
        "", "per s", "p50 ms", "p99 ms", "max ms"
    );
    for (name, f) in &runs {
        f.feedback
            .print(&format!("{name}: HTTP POST /api/v1/feedback"));
        f.reads.list.print(&format!(
            "{name}: list, {} of {} tickets",
            f.reads.listed,
            tickets::TICKETS
        ));
        f.reads
            .thread
            .print(&format!("{name}: thread of {} messages", tickets::MESSAGES));
        f.reads
            .thread_br
            .print(&format!("{name}: the same thread, brotli"));
        f.search
            .print(&format!("{name}: search, {} articles", search::ARTICLES));
        if let Some(o) = &f.offers {
            o.print(&format!("{name}: HTTP POST /api/v1/offers, 8 conns"));
        }
    }
    if let Some(p) = &pair {
        p.print("PostgreSQL, two instances: feedback");
    }
    raw.print("SQLite insert (same store code, no HTTP)");
    eval.print(&format!(
        "offers engine: {} rules, one snapshot",
        offers::RULES
    ));
    println!();
    let lite = &runs[0].1;
    println!(
        "answer sizes: list {} KB, thread {} KB ({} KB brotli)",
        lite.reads.list_bytes / 1024,
        lite.reads.thread_bytes / 1024,
        lite.reads.thread_br_bytes / 1024
    );
    println!(
        "HTTP / raw SQLite ratio: {:.2}",
        lite.feedback.rate() / raw.rate()
    );
    for (name, f) in &runs {
        println!(
            "BENCH engine={name} feedback_rps={:.0} feedback_p99_ms={:.2} ticket_list_p99_ms={:.2} \
             thread_p99_ms={:.2} search_p99_ms={:.2}",
            f.feedback.rate(),
            f.feedback.percentile(99.0),
            f.reads.list.percentile(99.0),
            f.reads.thread.percentile(99.0),
            f.search.percentile(99.0)
        );
    }
    if let Some((_, pg)) = runs.get(1) {
        println!(
            "PostgreSQL / SQLite feedback write rate: {:.2} (target at least 0.50)",
            pg.feedback.rate() / lite.feedback.rate()
        );
        if let Some(p) = &pair {
            println!(
                "BENCH engine=PostgreSQL instances=2 feedback_rps={:.0} feedback_p99_ms={:.2} \
                 (one instance: {:.0})",
                p.rate(),
                p.percentile(99.0),
                pg.feedback.rate()
            );
        }
    }
    if let Some(o) = &lite.offers {
        println!(
            "BENCH offer_eval_p50_us={:.1} offer_eval_p99_us={:.1} offers_rps={:.0} offers_p99_ms={:.2}",
            eval.percentile(50.0) * 1000.0,
            eval.percentile(99.0) * 1000.0,
            o.rate(),
            o.percentile(99.0)
        );
    }
    isolated(&args, dir.path()).await
}

/// The isolation step on each engine, each on a database of its own.
async fn isolated(
    args: &args::Args,
    dir: &std::path::Path,
) -> Result<(), Box<dyn Error + Send + Sync>> {
    let lite = path_of(&dir.join("isolation.sqlite"))?;
    let mut runs = vec![("SQLite", isolation::run(&args.server_bin, &lite).await?)];
    if let Some(base) = &args.postgres {
        let (url, name) = engine::create_database(base, "isolation").await?;
        let run = isolation::run(&args.server_bin, &url).await;
        engine::drop_database(base, &name).await?;
        runs.push(("PostgreSQL", run?));
    }
    for (name, scenarios) in &runs {
        isolation::print(name, scenarios);
    }
    Ok(())
}

fn path_of(path: &std::path::Path) -> Result<String, &'static str> {
    Ok(path.to_str().ok_or("path is not UTF-8")?.to_owned())
}
