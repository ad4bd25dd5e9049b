//! One engine's figures: the real server binary on it, the same load and reads each time.

use sqlx::{AnyConnection, Connection as _, Executor as _};

use crate::{args::Args, client, http_load, offers, search, server::Server, stats::Run, tickets};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What one engine measured.
pub struct Figures {
    pub feedback: Run,
    pub reads: tickets::Reads,
    pub search: Run,
    /// The offers endpoint (measured on the first engine only: its work is in memory).
    pub offers: Option<Run>,
}

/// Runs the load against a server on `db_url`; checks every POST stored exactly one row.
pub async fn run(args: &Args, db_url: &str, with_offers: bool) -> Result<Figures, BoxError> {
    let server = Server::start(&args.server_bin, db_url).await?;
    let tokens: Vec<String> = (0..args.concurrency)
        .map(|c| server.token_for(&format!("customer-{c}")))
        .collect();
    http_load::run(server.addr, &tokens, args.warmup, "warm").await?;
    let feedback = http_load::run(server.addr, &tokens, args.requests, "run").await?;
    let stored = server.count_rows().await?;
    if stored != (args.requests + args.warmup) as i64 {
        return Err(format!(
            "{db_url}: expected {} rows, found {stored}",
            args.requests + args.warmup
        )
        .into());
    }
    let mut conn = client::Conn::open(server.addr, &server.token_for("ticket-customer")).await?;
    let reads = tickets::run(&mut conn, args.reads).await?;
    search::seed(server.db(), "bench").await?;
    let search = search::run(&mut conn, args.reads).await?;
    let offers = if with_offers {
        offers::seed(server.db()).await?;
        let offer_tokens: Vec<String> = (0..8)
            .map(|c| server.token_for(&format!("offer-customer-{c}")))
            .collect();
        offers::http(server.addr, &offer_tokens, 200).await?;
        Some(offers::http(server.addr, &offer_tokens, args.requests / 4).await?)
    } else {
        None
    };
    server.stop().await;
    Ok(Figures {
        feedback,
        reads,
        search,
        offers,
    })
}

/// The feedback load spread over two server processes on one database (half the accounts
/// each, at the same time), as behind a load balancer.
pub async fn two_instances(args: &Args, db_url: &str) -> Result<Run, BoxError> {
    let one = Server::start(&args.server_bin, db_url).await?;
    let two = Server::start(&args.server_bin, db_url).await?;
    let tokens: Vec<String> = (0..args.concurrency)
        .map(|c| one.token_for(&format!("pair-customer-{c}")))
        .collect();
    let (left, right) = tokens.split_at(tokens.len() / 2);
    let before = one.count_rows().await?;
    let half = args.requests / 2;
    let warm = args.warmup / 2;
    let (a, b) = tokio::join!(
        http_load::run(one.addr, left, warm, "pair-warm-a"),
        http_load::run(two.addr, right, warm, "pair-warm-b")
    );
    a?;
    b?;
    let (a, b) = tokio::join!(
        http_load::run(one.addr, left, half, "pair-a"),
        http_load::run(two.addr, right, half, "pair-b")
    );
    let (a, b) = (a?, b?);
    let stored = one.count_rows().await? - before;
    if stored != (2 * (half + warm)) as i64 {
        return Err(format!(
            "two instances: expected {} rows, found {stored}",
            2 * (half + warm)
        )
        .into());
    }
    one.stop().await;
    two.stop().await;
    let elapsed = a.elapsed.max(b.elapsed);
    let mut latencies = a.latencies;
    latencies.extend(b.latencies);
    Ok(Run::new(elapsed, latencies))
}

/// A fresh database on the PostgreSQL server `base` names, for one bench step (`step` tells
/// them apart); dropped by [`drop_database`].
pub async fn create_database(base: &str, step: &str) -> Result<(String, String), BoxError> {
    sqlx::any::install_default_drivers();
    let name = format!("pc_bench_{}_{step}", std::process::id());
    let mut conn = AnyConnection::connect(base).await?;
    conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await?;
    conn.execute(
        format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' \
             LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
        .as_str(),
    )
    .await?;
    conn.close().await?;
    let (head, _) = base
        .rsplit_once('/')
        .ok_or("the PostgreSQL address names no database")?;
    Ok((format!("{head}/{name}"), name))
}

pub async fn drop_database(base: &str, name: &str) -> Result<(), BoxError> {
    let mut conn = AnyConnection::connect(base).await?;
    conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await?;
    conn.close().await?;
    Ok(())
}
