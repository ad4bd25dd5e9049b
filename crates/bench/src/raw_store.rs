//! The baseline: the same rows through the same storage code on the same kind of SQLite file,
//! with the same number of concurrent writers, and no HTTP, JSON or token checks.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use panelcare_model::{FeedbackCategory, ValidFeedback};
use panelcare_server::{auth::Customer, db::Db, feedback::store, tenants};

use crate::{client::BoxError, stats::Run};

pub async fn run(path: &Path, requests: usize, concurrency: usize) -> Result<Run, BoxError> {
    let db = Db::connect(path.to_str().ok_or("path is not UTF-8")?).await?;
    tenants::store::create(&db, "bench", "Bench Hosting", None).await?;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for conn in 0..concurrency {
        let n = requests / concurrency + usize::from(conn < requests % concurrency);
        let db = db.clone();
        tasks.push(tokio::spawn(async move { writer(&db, conn, n).await }));
    }
    let mut latencies = Vec::with_capacity(requests);
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok(Run::new(started.elapsed(), latencies))
}

async fn writer(db: &Db, conn: usize, n: usize) -> Result<Vec<Duration>, BoxError> {
    let who = Customer {
        tenant_id: "bench".into(),
        account_id: "customer-1".into(),
        name: Some("Bench Customer".into()),
        email: None,
        plan: Some("starter".into()),
        locale: Some("en".into()),
        support_tier: None,
        server: None,
    };
    let mut latencies = Vec::with_capacity(n);
    for i in 0..n {
        let fb = ValidFeedback {
            category: FeedbackCategory::Idea,
            message: format!(
                "Benchmark suggestion {i} from connection {conn}: please add staging sites."
            ),
            rating: Some(1 + (i % 5) as u8),
            page: Some("https://panel.example/frontend/jupiter/index.html".into()),
            share: false,
        };
        let start = Instant::now();
        store::create(db, &who, &format!("raw-{conn}-{i}"), &fb).await?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}
