//! Article search as a customer typing a subject causes it: 1,000 published articles of the
//! tenant in English, then the same few typed subjects searched back to back on one
//! connection, so the figures are the server's time per search.

use panelcare_server::{db::Db, kb::store};

use crate::{
    client::{BoxError, Conn},
    stats::Run,
    tickets::repeat,
};

pub const ARTICLES: usize = 1_000;

const TOPICS: [&str; 10] = [
    "mail bounces with 550",
    "website shows 503 after an upgrade",
    "SSL certificate not renewed",
    "backup restore of a database",
    "cron job does not run",
    "DNS zone changes not visible",
    "PHP memory limit reached",
    "FTP login refused",
    "disk quota exceeded",
    "WordPress admin is slow",
];

/// Writes [`ARTICLES`] articles straight into the store (what the console would write, by
/// an agent of the tenant).
pub async fn seed(db: &Db, tenant: &str) -> Result<(), BoxError> {
    let now = panelcare_server::time::now_ms();
    let writer = panelcare_server::agents::store::create(
        db,
        tenant,
        "writer@bench.example",
        "Bench Writer",
        panelcare_model::console::Role::Agent,
        "bench-writer-password",
    )
    .await?;
    for i in 0..ARTICLES {
        let topic = TOPICS[i % TOPICS.len()];
        let title = format!("{topic} (case {i})");
        let plain = format!(
            "When {topic}, check the service's log first. Article {i} explains the usual \
             causes, the panel pages to open and what to send support if it goes on."
        );
        let content = store::Content {
            lang: "en",
            title: &title,
            body: &plain,
            html: &plain,
            plain: &plain,
        };
        store::create(
            db,
            &format!("bench-kb-{i}"),
            tenant,
            &content,
            true,
            &writer,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Searches a few typed subjects `n` times in all.
pub async fn run(conn: &mut Conn, n: usize) -> Result<Run, BoxError> {
    let queries = [
        "mail%20bounc",
        "503%20upgrade",
        "certif",
        "cron",
        "slow%20wordp",
    ];
    let mut all = Vec::new();
    let mut elapsed = std::time::Duration::ZERO;
    for q in queries {
        let (run, body) =
            repeat(conn, &format!("/api/v1/kb/search?q={q}"), n / queries.len()).await?;
        let v: serde_json::Value = serde_json::from_slice(&body)?;
        if v["items"].as_array().is_none_or(Vec::is_empty) {
            return Err(format!("the search for {q} found nothing").into());
        }
        elapsed += run.elapsed;
        all.extend(run.latencies.iter().copied());
    }
    Ok(Run::new(elapsed, all))
}
