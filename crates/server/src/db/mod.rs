//! The database handle: SQLite in WAL mode with the embedded migrations applied.

mod migrate;

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

/// One connection, or a transaction borrowed as one: what store functions that must run
/// inside a caller's transaction take. Only store modules name the engine behind it.
pub type Conn = sqlx::SqliteConnection;
/// A write transaction begun by [`Db::write`].
pub type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;
/// A result row, for the stores' own decoding helpers.
pub type Row = sqlx::sqlite::SqliteRow;

/// A cheap-to-clone handle on the store.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: SqlitePool,
}

impl Db {
    /// Opens (creating if needed) the database at `url` — a `sqlite:` URL or a plain file
    /// path — and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        let url = if url.starts_with("sqlite:") {
            url.to_owned()
        } else {
            format!("sqlite://{url}")
        };
        let options = SqliteConnectOptions::from_str(&url)?
            .create_if_missing(true)
            // WAL lets readers go on while one writer commits.
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable across application crashes in WAL mode; only power loss can
            // drop the last transactions, which the widget's retry queue then re-sends.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        migrate::run(&pool).await?;
        Ok(Self { pool })
    }

    /// A transaction that holds the write lock from its first statement. Read-then-write
    /// transactions (idempotent replies, status moves) need it: a deferred one that read
    /// before another writer committed could not write at all.
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// A private in-memory database, for tests and tools.
    pub async fn in_memory() -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        // One connection: every connection to `:memory:` would be its own empty database.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        migrate::run(&pool).await?;
        Ok(Self { pool })
    }
}
