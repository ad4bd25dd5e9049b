//! The database handle: SQLite (embedded, the default) or PostgreSQL (for several instances),
//! with the embedded migrations of its engine applied.
//!
//! Both engines sit behind sqlx's `Any` driver, so every store's SQL is written once: `$1`
//! placeholders (SQLite reads them too), integers for flags (SQLite has no booleans), and
//! the few things that differ kept here ([`Engine`]) and in the stores that need them (the
//! knowledge base's search).

mod connect;
pub mod marks;
mod migrate;

use std::time::Duration;

use sqlx::{AnyPool, Row as _};

pub use connect::{ConnectError, Options, sqlite_file};
pub use migrate::Schema;

/// The migrations this build carries for `engine`, oldest first: what `backup` and `restore`
/// hold a copy's record against.
pub fn known_migrations(engine: Engine) -> Vec<i64> {
    migrate::migrator(engine)
        .iter()
        .map(|m| m.version)
        .collect()
}

/// One connection, or a transaction borrowed as one: what store functions that must run
/// inside a caller's transaction take. Only store modules name the engine behind it.
pub type Conn = sqlx::AnyConnection;
/// A write transaction begun by [`Db::write`].
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;
/// A result row, for the stores' own decoding helpers.
pub type Row = sqlx::any::AnyRow;

/// Which engine a database runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// The engine of a connection (a transaction derefs to one).
    pub fn of(conn: &Conn) -> Self {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            Self::Postgres
        } else {
            Self::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }

    /// What makes a `SELECT` claim the rows it picks, skipping those another instance is
    /// claiming at the same moment (`alias` names the table whose rows are claimed).
    /// SQLite needs nothing: its one writer claims in turn.
    pub fn skip_locked(self, alias: &str) -> String {
        match self {
            Self::Sqlite => String::new(),
            Self::Postgres => format!(" FOR UPDATE OF {alias} SKIP LOCKED"),
        }
    }

    /// The column that orders rows as they were inserted, where a table has no id of its
    /// own for it: SQLite's `rowid`, PostgreSQL's identity column `seq`.
    pub fn insertion_order(self, alias: &str) -> String {
        match self {
            Self::Sqlite => format!("{alias}.rowid"),
            Self::Postgres => format!("{alias}.seq"),
        }
    }
}

/// A cheap-to-clone handle on the store.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    engine: Engine,
    /// How long a statement waits for a connection or a lock.
    timeout: Duration,
    /// Seals and opens the secrets stores keep (only in memory, from the configuration).
    pub secrets: std::sync::Arc<crate::secrets::KeyRing>,
}

/// The key of the advisory lock every PostgreSQL write transaction holds ("pclw").
const WRITE_LOCK: i64 = 0x7063_6c77;

impl Db {
    /// Opens the database at `url` — a SQLite file path or `sqlite:` URL (created if
    /// missing), or a `postgres://` URL — and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        Self::connect_with(url, &Options::default()).await
    }

    /// [`Db::connect`] with pool size and timeouts.
    pub async fn connect_with(url: &str, options: &Options) -> Result<Self, ConnectError> {
        // The database first: one that cannot be reached says so before any key question.
        let (pool, engine) = connect::open(url, options).await?;
        let ring = match &options.secrets {
            Some(ring) => ring.clone(),
            None => crate::secrets::config::ring(&options.keys, url)?,
        };
        let db = Self {
            pool,
            engine,
            timeout: options.timeout,
            secrets: std::sync::Arc::new(ring),
        };
        if options.migrate {
            migrate::run(&db.pool, engine)
                .await
                .map_err(ConnectError::Migrate)?;
            // A key that cannot open what is stored stops the server here, once, rather than
            // fail every request. SQLite has one server: it seals what is not sealed yet.
            // PostgreSQL instances may still run an older build that reads secrets plain:
            // there `rotate-secrets` seals, once all run this one.
            let pass = match engine {
                Engine::Sqlite => crate::secrets::store::Pass::Seal,
                Engine::Postgres => crate::secrets::store::Pass::Check,
            };
            let sealed = crate::secrets::store::pass(&db, &db.secrets, pass).await?;
            if sealed > 0 {
                tracing::info!(sealed, key = db.secrets.current_id(), "secrets sealed");
            }
        }
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The schema as this build sees it: whether it can serve on it (`/readyz`).
    pub async fn schema(&self) -> Result<Schema, sqlx::Error> {
        migrate::schema(&self.pool, self.engine).await
    }

    /// A transaction for a read-then-write change (idempotent replies, status moves, ticket
    /// numbers). Such changes are serialized: on SQLite the transaction holds the write lock
    /// from its first statement (a deferred one that read before another writer committed
    /// could not write at all); on PostgreSQL it takes one advisory lock every such
    /// transaction takes, across instances, so what it read stays true until it commits.
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => {
                // READ COMMITTED whatever the server's default: each statement then sees what
                // the writer before committed; a snapshot taken before the lock was granted
                // would not.
                let mut tx = self
                    .pool
                    .begin_with("BEGIN ISOLATION LEVEL READ COMMITTED")
                    .await?;
                // Waiting for the lock ends like waiting for a connection: after the timeout,
                // as an error, not a request that hangs.
                sqlx::query(&format!(
                    "SET LOCAL lock_timeout = {}",
                    self.timeout.as_millis()
                ))
                .execute(&mut *tx)
                .await?;
                sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS locked")
                    .bind(WRITE_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Ok(tx)
            }
        }
    }

    /// A private in-memory SQLite database, for tests and tools.
    pub async fn in_memory() -> Result<Self, ConnectError> {
        // One connection: every connection to `:memory:` would be its own empty database.
        let options = Options {
            max_connections: 1,
            ..Options::default()
        };
        Self::connect_with("sqlite::memory:", &options).await
    }
}

/// A 0/1 flag column (or a PostgreSQL boolean) as a `bool`: SQLite has no booleans, and
/// sqlx's `Any` driver does not turn its integers into one.
pub fn flag(row: &Row, column: &str) -> Result<bool, sqlx::Error> {
    match row.try_get::<i64, _>(column) {
        Ok(v) => Ok(v != 0),
        Err(_) => row.try_get::<bool, _>(column),
    }
}

/// How long a statement may wait for a connection from the pool before it fails.
pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);
