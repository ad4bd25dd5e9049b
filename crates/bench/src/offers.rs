//! Offers: how long the rule engine takes for 100 rules against one snapshot (in process,
//! no I/O), and how fast the server answers `POST /api/v1/offers` over loopback with those
//! 100 rules stored, each request also remembering the day's usage and reading the
//! customer's answers and ticket counts.

use std::{
    collections::BTreeMap,
    net::SocketAddr,
    time::{Duration, Instant},
};

use panelcare_model::{
    Lang,
    offers::{Facts, Input, Metric, Raw, Rule, Snapshot, evaluate},
};
use panelcare_server::{db::Db, demo::offers as demo_offers, offers::store};
use serde_json::json;

use crate::{
    client::{BoxError, Conn},
    stats::Run,
};

pub const RULES: usize = 100;
const GB: f64 = 1024.0 * 1024.0 * 1024.0;

/// 100 rules in the demo's shapes whose thresholds all miss but the lowest-priority one, so
/// evaluation reads every rule before it finds an offer: the worst case.
pub fn rules() -> Vec<Rule> {
    let shapes = demo_offers::acme_rules();
    (0..RULES)
        .map(|i| {
            let mut r = shapes[i % shapes.len()].clone();
            r.id = format!("rule-{i}");
            r.priority = 1000 - i as i32;
            if i + 1 < RULES {
                r.when.push(format!("inodes.used >= {}", 10_000_000 + i));
            } else {
                r.when = vec!["disk.percent >= 80".into()];
            }
            r
        })
        .collect()
}

fn usage() -> serde_json::Value {
    json!({
        "disk": {"used": 4.6 * GB, "limit": 5.0 * GB},
        "bandwidth": {"used": 38.2 * GB, "limit": 100.0 * GB},
        "inodes": {"used": 48_210, "limit": 250_000},
        "mail_accounts": {"used": 7, "limit": 10},
        "databases": {"used": 3, "limit": 5},
        "service_id": "svc-1",
    })
}

/// Evaluation of [`RULES`] compiled rules, `n` times; each run's duration.
pub fn engine(n: usize) -> Result<Run, BoxError> {
    let catalogue = demo_offers::acme_catalogue();
    let compiled = rules()
        .iter()
        .map(|r| r.compile(&catalogue, &[]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("bench rules do not compile: {e:?}"))?;
    let raw = |v: f64| Some(Raw::Number(v));
    let snapshot = Snapshot::check(
        [
            ("disk", raw(4.6 * GB), raw(5.0 * GB)),
            ("bandwidth", raw(38.2 * GB), raw(100.0 * GB)),
            ("inodes", raw(48_210.0), raw(250_000.0)),
            ("mail_accounts", raw(7.0), raw(10.0)),
            ("databases", raw(3.0), raw(5.0)),
        ],
        Some(Raw::Text("svc-1".into())),
    )
    .map_err(|e| format!("{e:?}"))?;
    let facts = Facts {
        plan: Some("starter".into()),
        ..Facts::default()
    };
    let (trends, history) = (BTreeMap::<Metric, f64>::new(), BTreeMap::new());
    let input = Input {
        account_id: "bench",
        snapshot: &snapshot,
        facts: &facts,
        trends: &trends,
        history: &history,
        now_ms: 0,
        lang: Lang::En,
    };
    let started = Instant::now();
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let offer = evaluate(&compiled, &catalogue, std::hint::black_box(&input));
        took.push(t.elapsed());
        if offer.as_ref().map(|o| o.rule.as_str()) != Some("rule-99") {
            return Err("the bench rules did not pick the last rule".into());
        }
    }
    Ok(Run::new(started.elapsed(), took))
}

/// Stores the demo catalogue and the 100 rules for the bench tenant.
pub async fn seed(db: &Db) -> Result<(), BoxError> {
    store::save_catalogue(db, "bench", &demo_offers::acme_catalogue()).await?;
    store::save_rules(db, "bench", &rules()).await?;
    Ok(())
}

/// `requests` offer requests over `tokens.len()` connections, one customer each.
pub async fn http(addr: SocketAddr, tokens: &[String], requests: usize) -> Result<Run, BoxError> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (c, token) in tokens.iter().enumerate() {
        let n = requests / tokens.len() + usize::from(c < requests % tokens.len());
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = Conn::open(addr, &token).await?;
            let body = json!({ "usage": usage(), "lang": "en" });
            let mut took: Vec<Duration> = Vec::with_capacity(n);
            for i in 0..n {
                let answer = conn
                    .post("/api/v1/offers", &format!("bench-offer-{c}-{i}"), &body)
                    .await?
                    .expect(200, "POST /api/v1/offers")?;
                if !answer.body.starts_with(b"{\"offer\":{") {
                    return Err::<_, BoxError>("no offer in the answer".into());
                }
                took.push(answer.took);
            }
            Ok(took)
        }));
    }
    let mut all = Vec::with_capacity(requests);
    for t in tasks {
        all.extend(t.await??);
    }
    Ok(Run::new(started.elapsed(), all))
}
