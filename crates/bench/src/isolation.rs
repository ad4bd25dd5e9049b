//! Isolation under a flood (issue 17): one customer reads its ticket list at 10 requests a
//! second, idle, then while another customer of the same tenant floods feedback from 16
//! connections, then while an anonymous client floods console sign-ins from 16. The tenant
//! has the default limits (not the lifted ones of `bench`): the point is that they protect
//! the reader. Target: the reader's p95 within 2× of idle.

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use panelcare_model::{console::Role, limits::LimitedAction};
use panelcare_server::{agents, limits::store::reset_limits, tenants};
use serde_json::json;

use crate::{
    client::{BoxError, Conn},
    server::{self, Server},
    stats::Run,
};

/// The tenant of both customers, on the default limits.
const TENANT: &str = "guarded";
const AGENT_EMAIL: &str = "agent@guarded.example";
/// How long each scenario reads.
const READ_FOR: Duration = Duration::from_secs(5);
const READ_EVERY: Duration = Duration::from_millis(100);
const FLOOD_CONNECTIONS: usize = 16;
/// The reader's p95 may grow to this many times its idle p95.
pub const TARGET: f64 = 2.0;

/// One scenario: the reader's timings, and what the flood (if any) was answered.
pub struct Scenario {
    pub name: &'static str,
    pub reads: Run,
    pub flood: Option<Flood>,
}

pub struct Flood {
    pub elapsed: Duration,
    pub statuses: BTreeMap<u16, usize>,
}

/// What a flood connection sends.
#[derive(Clone, Copy)]
enum Kind {
    Feedback,
    /// Sign-ins with a fresh unknown e-mail each time (no per-e-mail pause ever applies).
    UnknownSignIn,
    /// Sign-ins as the tenant's real agent with a wrong password.
    AgentSignIn,
}

/// Runs the three scenarios against a server on `db_url`.
pub async fn run(bin: &std::path::Path, db_url: &str) -> Result<Vec<Scenario>, BoxError> {
    let server = Server::start(bin, db_url).await?;
    let db = server.db();
    tenants::store::create(db, TENANT, "Guarded Hosting", None).await?;
    agents::store::put_key(db, TENANT, "k1", server::SECRET).await?;
    // The defaults, whatever an earlier run on this database stored.
    reset_limits(db, TENANT).await?;
    agents::store::create(
        db,
        TENANT,
        AGENT_EMAIL,
        "Guarded Agent",
        Role::Agent,
        "the right password 1",
    )
    .await?;
    let reader = server::token(TENANT, "reader");
    let mut conn = Conn::open(server.addr, &reader).await?;
    // A few tickets, within the default per-account burst of tickets.
    let burst = panelcare_model::limits::Limits::default()
        .of(LimitedAction::Ticket)
        .account
        .burst;
    for i in 0..burst.min(5) {
        let body = json!({
            "department": "technical",
            "priority": "normal",
            "subject": format!("Isolation ticket {i}: site is slow"),
            "message": "Pages take ten seconds to load since the upgrade.",
        });
        conn.post("/api/v1/tickets", &format!("iso-ticket-{i}"), &body)
            .await?
            .expect(201, "POST /api/v1/tickets")?;
    }
    drop(conn);

    let addr = server.addr;
    let idle = read_steadily(addr, reader.clone()).await?;
    let writes = flooded(addr, &reader, |_| Kind::Feedback).await?;
    // A quarter of the connections try the real agent's e-mail, the rest unknown ones.
    let sign_ins = flooded(addr, &reader, |c| {
        if c % 4 == 0 {
            Kind::AgentSignIn
        } else {
            Kind::UnknownSignIn
        }
    })
    .await?;
    server.stop().await;
    Ok(vec![
        Scenario {
            name: "idle",
            reads: idle,
            flood: None,
        },
        Scenario {
            name: "write flood (1 account)",
            reads: writes.0,
            flood: Some(writes.1),
        },
        Scenario {
            name: "sign-in flood (1 address)",
            reads: sign_ins.0,
            flood: Some(sign_ins.1),
        },
    ])
}

/// The reader's timings while [`FLOOD_CONNECTIONS`] connections flood as `kind_of` says.
async fn flooded(
    addr: SocketAddr,
    reader: &str,
    kind_of: impl Fn(usize) -> Kind,
) -> Result<(Run, Flood), BoxError> {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..FLOOD_CONNECTIONS {
        let (stop, kind) = (stop.clone(), kind_of(c));
        tasks.push(tokio::spawn(
            async move { flood(addr, kind, c, &stop).await },
        ));
    }
    // Let the flood use up its bucket and reach its steady state first.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let reads = read_steadily(addr, reader.to_owned()).await;
    stop.store(true, Ordering::Relaxed);
    let mut statuses = BTreeMap::new();
    for task in tasks {
        for (status, n) in task.await?? {
            *statuses.entry(status).or_default() += n;
        }
    }
    let elapsed = started.elapsed();
    Ok((reads?, Flood { elapsed, statuses }))
}

/// One flood connection, as fast as the server answers, until `stop`.
async fn flood(
    addr: SocketAddr,
    kind: Kind,
    c: usize,
    stop: &AtomicBool,
) -> Result<BTreeMap<u16, usize>, BoxError> {
    let token = match kind {
        Kind::Feedback => server::token(TENANT, "flooder"),
        Kind::UnknownSignIn | Kind::AgentSignIn => String::new(),
    };
    let mut conn = Conn::open(addr, &token).await?;
    let mut statuses = BTreeMap::new();
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        let answer = match kind {
            Kind::Feedback => {
                let body = json!({
                    "category": "idea",
                    "message": format!("Flood suggestion {i} from connection {c}."),
                    "rating": 3,
                });
                conn.post("/api/v1/feedback", &format!("flood-{c}-{i}"), &body)
                    .await?
            }
            Kind::UnknownSignIn => {
                let body = json!({
                    "email": format!("nobody-{c}-{i}@guessing.example"),
                    "password": "hunter2",
                });
                conn.post_plain("/console/api/login", &body).await?
            }
            Kind::AgentSignIn => {
                let body = json!({ "email": AGENT_EMAIL, "password": format!("guess {i}") });
                conn.post_plain("/console/api/login", &body).await?
            }
        };
        *statuses.entry(answer.status).or_default() += 1;
        i += 1;
    }
    Ok(statuses)
}

/// The reader's `GET /api/v1/tickets` every [`READ_EVERY`] for [`READ_FOR`], on a thread and
/// runtime of its own so the bench's own flood tasks never delay it.
async fn read_steadily(addr: SocketAddr, token: String) -> Result<Run, BoxError> {
    tokio::task::spawn_blocking(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
            .block_on(async move {
                let mut conn = Conn::open(addr, &token).await?;
                for _ in 0..3 {
                    conn.get("/api/v1/tickets")
                        .await?
                        .expect(200, "GET /api/v1/tickets")?;
                }
                let mut tick = tokio::time::interval(READ_EVERY);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                let started = Instant::now();
                let mut took = Vec::new();
                while started.elapsed() < READ_FOR {
                    tick.tick().await;
                    let answer = conn
                        .get("/api/v1/tickets")
                        .await?
                        .expect(200, "GET /api/v1/tickets")?;
                    took.push(answer.took);
                }
                Ok(Run::new(started.elapsed(), took))
            })
    })
    .await?
}

/// Prints one engine's table.
pub fn print(engine: &str, scenarios: &[Scenario]) {
    let idle_p95 = scenarios.first().map_or(0.0, |s| s.reads.percentile(95.0));
    println!();
    println!(
        "{engine}: isolation, customer B GET /api/v1/tickets at 10/s, tenant on default limits"
    );
    println!(
        "{:<27} {:>8} {:>8} {:>7} {:>7} {:>9}  flood answers",
        "scenario", "B p50", "B p95", "× idle", "", "flood/s"
    );
    for s in scenarios {
        let ratio = if idle_p95 > 0.0 {
            s.reads.percentile(95.0) / idle_p95
        } else {
            0.0
        };
        let verdict = if s.flood.is_none() {
            ""
        } else if ratio <= TARGET {
            "held"
        } else {
            "missed"
        };
        let (rate, answers) = s
            .flood
            .as_ref()
            .map_or((String::new(), String::new()), |f| {
                let total: usize = f.statuses.values().sum();
                let answers: Vec<String> = f
                    .statuses
                    .iter()
                    .map(|(status, n)| format!("{status}×{n}"))
                    .collect();
                (
                    format!("{:.0}", total as f64 / f.elapsed.as_secs_f64()),
                    answers.join(" "),
                )
            });
        println!(
            "{:<27} {:>6.2}ms {:>6.2}ms {:>7.2} {:>7} {:>9}  {answers}",
            s.name,
            s.reads.percentile(50.0),
            s.reads.percentile(95.0),
            ratio,
            verdict,
            rate
        );
    }
    for s in scenarios {
        println!(
            "BENCH engine={engine} isolation={:?} reader_p50_ms={:.2} reader_p95_ms={:.2} reads={}",
            s.name,
            s.reads.percentile(50.0),
            s.reads.percentile(95.0),
            s.reads.latencies.len()
        );
    }
}
