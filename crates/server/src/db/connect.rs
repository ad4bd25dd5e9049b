//! Opening the pool of the engine a database address names, and refusing clearly what cannot
//! serve: a server that does not answer, refuses us, or is older than PostgreSQL 13.

use std::{sync::Once, time::Duration};

use sqlx::{
    AnyConnection, AnyPool, Connection as _, Executor as _,
    any::{AnyConnectOptions, AnyPoolOptions},
};

use super::{DEFAULT_ACQUIRE_TIMEOUT, Engine};

/// The oldest PostgreSQL served (`server_version_num`).
const OLDEST_POSTGRES: i64 = 130_000;

/// Pool size and timeouts (`--db-pool-size`, `--db-timeout`).
#[derive(Debug, Clone)]
pub struct Options {
    pub max_connections: u32,
    /// How long a request waits for a connection, and (SQLite) for another writer.
    pub timeout: Duration,
    /// Whether opening applies this build's pending migrations (`serve --no-migrate` leaves
    /// them to `panelcare-server migrate`).
    pub migrate: bool,
    /// Where the key that seals stored secrets comes from (see [`crate::secrets::config`]).
    pub keys: crate::secrets::config::KeySources,
    /// A key ring to use as it is instead (tests, a second handle on one database).
    pub secrets: Option<crate::secrets::KeyRing>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_connections: 8,
            timeout: DEFAULT_ACQUIRE_TIMEOUT,
            migrate: true,
            keys: Default::default(),
            secrets: None,
        }
    }
}

/// Why the server cannot use the database it was given.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot open the {engine} database at {target}: {source}")]
    Unreachable {
        engine: &'static str,
        /// The address without its password.
        target: String,
        source: sqlx::Error,
    },
    #[error(
        "the PostgreSQL server at {target} runs version {version}; panelcare needs PostgreSQL 13 or newer"
    )]
    TooOld { target: String, version: String },
    #[error("cannot bring the database up to date: {0}")]
    Migrate(sqlx::Error),
    #[error("{0}")]
    Secrets(#[from] crate::secrets::SecretsError),
    #[error("{0}")]
    SecretsPass(#[from] crate::secrets::store::PassError),
}

/// `url` without a password, for messages and logs: the one before the last `@` (a
/// password may contain one) and a `password=` parameter.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (head, query) = match rest.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (rest, None),
    };
    let head = match head.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => head.to_owned(),
        },
        None => head.to_owned(),
    };
    let query = query.map(|q| {
        let pairs: Vec<String> = q
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        format!("?{}", pairs.join("&"))
    });
    format!("{scheme}://{head}{}", query.unwrap_or_default())
}

/// The engine and the sqlx address for what the operator gave: a PostgreSQL URL, a
/// `sqlite:` URL, or a plain file path (created if missing).
fn address(url: &str) -> (Engine, String) {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return (Engine::Postgres, url.to_owned());
    }
    let sqlite = if url.starts_with("sqlite:") {
        url.to_owned()
    } else {
        format!("sqlite://{url}")
    };
    if sqlite.contains(":memory:") || sqlite.contains("mode=") {
        (Engine::Sqlite, sqlite)
    } else {
        let sep = if sqlite.contains('?') { '&' } else { '?' };
        (Engine::Sqlite, format!("{sqlite}{sep}mode=rwc"))
    }
}

/// The file of a SQLite address (a plain path or a `sqlite:` URL, without its `?` options);
/// `None` for PostgreSQL and for an in-memory database, which have no file.
pub fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return None;
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let path = path.split('?').next().unwrap_or(path);
    if path.contains(":memory:") || path.is_empty() {
        return None;
    }
    Some(path.into())
}

/// Whether a server reporting `server_version_num` (`150004` for 15.4) is new enough.
fn supported(version_num: &str) -> bool {
    version_num.trim().parse::<i64>().unwrap_or(0) >= OLDEST_POSTGRES
}

pub async fn open(url: &str, options: &Options) -> Result<(AnyPool, Engine), ConnectError> {
    static DRIVERS: Once = Once::new();
    DRIVERS.call_once(sqlx::any::install_default_drivers);
    let (engine, address) = address(url);
    let target = redact(url);
    let unreachable = |source| ConnectError::Unreachable {
        engine: engine.name(),
        target: target.clone(),
        source,
    };
    let connect: AnyConnectOptions = address.parse().map_err(unreachable)?;
    if engine == Engine::Postgres {
        // One connection first: a pool that cannot connect only says it timed out, while
        // this says why (refused, unknown host, wrong password, no such database).
        let probe = tokio::time::timeout(options.timeout, AnyConnection::connect_with(&connect))
            .await
            .map_err(|_| unreachable(sqlx::Error::PoolTimedOut))?
            .map_err(unreachable)?;
        probe.close().await.map_err(unreachable)?;
    }
    let busy_ms = options.timeout.as_millis();
    let in_memory = address.contains(":memory:");
    let pool = AnyPoolOptions::new()
        .max_connections(options.max_connections)
        .acquire_timeout(options.timeout)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if Engine::of(conn) == Engine::Postgres {
                    // A transaction left open by an instance that died (or hung) gives its
                    // write lock back after a minute instead of blocking every writer until
                    // the server notices the connection is gone.
                    conn.execute("SET idle_in_transaction_session_timeout = 60000")
                        .await?;
                }
                if Engine::of(conn) == Engine::Sqlite {
                    // WAL lets readers go on while one writer commits; NORMAL is durable
                    // across application crashes in WAL mode (only power loss can drop the
                    // last transactions, which the widget's retry queue then re-sends).
                    let wal = if in_memory {
                        ""
                    } else {
                        "PRAGMA journal_mode = WAL; "
                    };
                    // secure_delete: an erased customer's texts are overwritten in the file,
                    // not left in free pages for anyone with the file (or a backup) to read.
                    conn.execute(
                        format!(
                            "{wal}PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                             PRAGMA secure_delete = ON; PRAGMA busy_timeout = {busy_ms};"
                        )
                        .as_str(),
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .connect_with(connect)
        .await
        .map_err(unreachable)?;
    if engine == Engine::Postgres {
        let version: String = sqlx::query_scalar("SELECT current_setting('server_version_num')")
            .fetch_one(&pool)
            .await
            .map_err(unreachable)?;
        if !supported(&version) {
            let shown: String = sqlx::query_scalar("SELECT current_setting('server_version')")
                .fetch_one(&pool)
                .await
                .unwrap_or(version);
            return Err(ConnectError::TooOld {
                target,
                version: shown,
            });
        }
    }
    Ok((pool, engine))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_their_engine() {
        assert_eq!(
            address("/var/lib/pc.sqlite"),
            (
                Engine::Sqlite,
                "sqlite:///var/lib/pc.sqlite?mode=rwc".into()
            )
        );
        assert_eq!(
            address("sqlite:pc.sqlite?mode=ro"),
            (Engine::Sqlite, "sqlite:pc.sqlite?mode=ro".into())
        );
        assert_eq!(address("postgres://u@h/db").0, Engine::Postgres);
        assert_eq!(address("postgresql://u@h/db").0, Engine::Postgres);
    }

    #[test]
    fn sqlite_addresses_name_their_file() {
        let file = |url| sqlite_file(url).map(|p| p.display().to_string());
        assert_eq!(
            file("/var/lib/pc.sqlite").as_deref(),
            Some("/var/lib/pc.sqlite")
        );
        assert_eq!(
            file("sqlite:///var/lib/pc.sqlite?mode=rwc").as_deref(),
            Some("/var/lib/pc.sqlite")
        );
        assert_eq!(file("sqlite:pc.sqlite").as_deref(), Some("pc.sqlite"));
        assert_eq!(file("sqlite::memory:"), None);
        assert_eq!(file("postgres://u@h/db"), None);
    }

    #[test]
    fn postgresql_13_and_newer_are_served() {
        assert!(supported("130000") && supported("150004") && supported("170002 "));
        assert!(!supported("120017") && !supported("90624") && !supported("x"));
    }

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact("postgres://pc:s3cret@db.example:5432/pc"),
            "postgres://pc:***@db.example:5432/pc"
        );
        assert_eq!(redact("pc.sqlite"), "pc.sqlite");
        assert_eq!(redact("postgres://pc@db/pc"), "postgres://pc@db/pc");
        assert_eq!(
            redact("postgres://pc:p@ss@db/pc?sslmode=require&password=x"),
            "postgres://pc:***@db/pc?sslmode=require&password=***"
        );
    }
}
