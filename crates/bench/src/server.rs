//! Starts the real server binary on a free loopback port with a fresh database, its tenant
//! `bench` set up as a provider would for a load test: limits raised to the most a provider
//! may set, so the bench measures throughput, not the limits (the buckets are still taken on
//! every write, so their cost is in the figures).

use std::{net::SocketAddr, path::Path, process::Stdio};

use panelcare_model::{
    AUDIENCE,
    limits::{Limits, RATE_MAX, Rate},
};
use panelcare_server::{
    auth::{Claims, sign},
    db::{Db, Options},
    limits::store::save_limits,
    secrets::KeyRing,
    tenants,
};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

pub const SECRET: &str = "bench-secret-0123456789abcdef";

/// The key that seals secrets at rest, given to the server and to the bench's own handle so
/// both read what the other wrote (PostgreSQL refuses to start without one).
const SECRET_KEY: [u8; 32] = [0x62; 32];
/// [`SECRET_KEY`] in base64, as `PANELCARE_SECRET_KEY` takes it.
const SECRET_KEY_B64: &str = "YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI=";

pub struct Server {
    pub addr: SocketAddr,
    child: Child,
    db: Db,
}

impl Server {
    /// The server on `db_url`: a SQLite file path, or a PostgreSQL database's address.
    pub async fn start(
        bin: &Path,
        db_url: &str,
    ) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let options = Options {
            secrets: Some(KeyRing::new(&SECRET_KEY, &[])),
            ..Options::default()
        };
        let db = Db::connect_with(db_url, &options).await?;
        tenants::store::create(&db, "bench", "Bench Hosting", None).await?;
        panelcare_server::agents::store::put_key(&db, "bench", "k1", SECRET).await?;
        save_limits(&db, "bench", &lifted(), 0).await?;
        let mut child = Command::new(bin)
            .args(["--db", db_url, "serve", "--listen", "127.0.0.1:0"])
            .env("PANELCARE_LOG", "warn")
            .env("PANELCARE_SECRET_KEY", SECRET_KEY_B64)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        while let Some(line) = lines.next_line().await? {
            if let Some(url) = line.strip_prefix("panelcare-server listening on http://") {
                let addr = url.trim().parse()?;
                return Ok(Self { addr, child, db });
            }
        }
        Err("the server exited before it listened".into())
    }

    /// A token for another customer of the bench tenant.
    pub fn token_for(&self, account: &str) -> String {
        token("bench", account)
    }

    /// The server's database, to seed what the API cannot write (offer rules).
    pub fn db(&self) -> &Db {
        &self.db
    }

    pub async fn count_rows(&self) -> Result<i64, sqlx::Error> {
        panelcare_server::feedback::store::count_all(&self.db).await
    }

    pub async fn stop(mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }
}

/// Every rate of every action at [`RATE_MAX`], for the account and the tenant.
fn lifted() -> Limits {
    let max = Rate::new(RATE_MAX, RATE_MAX);
    let mut limits = Limits::default();
    for a in &mut limits.actions {
        a.account = max;
        a.tenant = max;
    }
    limits
}

/// A token for `account` of `tenant`, signed with key `k1` ([`SECRET`]).
pub fn token(tenant: &str, account: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let claims = Claims {
        iss: tenant.into(),
        sub: account.into(),
        aud: AUDIENCE.into(),
        iat: now,
        exp: now + 900,
        nbf: None,
        name: Some("Bench Customer".into()),
        email: None,
        plan: Some("starter".into()),
        locale: Some("en".into()),
        support_tier: None,
        server: None,
    };
    sign(&claims, "k1", SECRET)
}
