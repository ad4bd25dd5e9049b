//! Applying the embedded migrations, after accepting the records of migrations that were
//! edited once they had landed.
//!
//! sqlx keeps a SHA-384 of each migration it applied and refuses to start when the text it
//! carries differs. A landed migration is never edited; the one time one was, databases that
//! applied the first text are listed here, the fix reached them by a new migration, and their
//! record is moved to the text this build carries. Any other difference is still refused.

use std::borrow::Cow;

use sqlx::{AnyPool, migrate::Migrator};

use super::Engine;

static SQLITE: Migrator = sqlx::migrate!("./migrations");
/// PostgreSQL's own line: the same schema, written for it (see its first file).
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// A migration whose applied text was replaced: its checksum before and after the edit.
struct Superseded {
    version: i64,
    old: &'static str,
    new: &'static str,
    why: &'static str,
}

const SUPERSEDED: &[Superseded] = &[Superseded {
    version: 13,
    old: "9ad990d1cc6e9a61f778d1549e6d6cbd76fa61d8cd077bc85ddbae2de05de52713cc4fdbcb488543c9309f96f233457a",
    new: "449c18d1d63c7c0f01203927c4c7e571e089d03ad8eab74c55ae108c70af660e42077f7c7ff1299f2867e737ede249b0",
    why: "30248ac made bridge_outbox ids AUTOINCREMENT (and added a comment); \
          0014 rebuilds the table on databases that applied 0013 before",
}];

/// The migrations of `engine`, newest last.
pub fn migrator(engine: Engine) -> &'static Migrator {
    match engine {
        Engine::Sqlite => &SQLITE,
        Engine::Postgres => &POSTGRES,
    }
}

/// Brings the database at `pool` to the newest migration this build knows. Migrations a
/// newer build applied already are left as they are: during a rolling upgrade the schema is
/// expanded first, and the instances still running (or restarting) the previous build keep
/// serving on it.
pub async fn run(pool: &AnyPool, engine: Engine) -> Result<(), sqlx::Error> {
    if engine == Engine::Sqlite {
        accept_superseded(pool).await?;
    }
    let known = migrator(engine);
    let tolerant = Migrator {
        migrations: Cow::Borrowed(known.migrations.as_ref()),
        ignore_missing: true,
        locking: known.locking,
        no_tx: known.no_tx,
    };
    tolerant.run(pool).await?;
    Ok(())
}

/// What a database's schema is to this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    /// The newest migration applied.
    pub applied: i64,
    /// The newest migration this build has.
    pub known: i64,
    /// Migrations this build has that the database lacks: it cannot serve until they run.
    pub missing: Vec<i64>,
    /// Migrations the database has that this build does not know (a newer build expanded
    /// the schema): it serves on.
    pub newer: Vec<i64>,
}

/// The schema of the database at `pool`, as this build sees it.
pub async fn schema(pool: &AnyPool, engine: Engine) -> Result<Schema, sqlx::Error> {
    // A database nothing was applied to has no record yet.
    let recorded: i64 = sqlx::query_scalar(match engine {
        Engine::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Engine::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    })
    .fetch_one(pool)
    .await?;
    let applied: Vec<i64> = if recorded == 0 {
        Vec::new()
    } else {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?
    };
    let known: Vec<i64> = migrator(engine).iter().map(|m| m.version).collect();
    Ok(Schema {
        applied: applied.last().copied().unwrap_or(0),
        known: known.last().copied().unwrap_or(0),
        missing: known
            .iter()
            .filter(|v| !applied.contains(v))
            .copied()
            .collect(),
        newer: applied
            .iter()
            .filter(|v| !known.contains(v))
            .copied()
            .collect(),
    })
}

async fn accept_superseded(pool: &AnyPool) -> Result<(), sqlx::Error> {
    let recorded: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if recorded == 0 {
        return Ok(());
    }
    for s in SUPERSEDED {
        // Only onto the text this build carries: were the migration edited again, the old
        // record would be refused like any other unknown one.
        let Some(current) = SQLITE
            .iter()
            .find(|m| m.version == s.version && hex::encode(&m.checksum) == s.new)
        else {
            continue;
        };
        let done = sqlx::query(
            "UPDATE _sqlx_migrations SET checksum = $1 WHERE version = $2 AND lower(hex(checksum)) = $3",
        )
        .bind(current.checksum.to_vec())
        .bind(s.version)
        .bind(s.old)
        .execute(pool)
        .await?;
        if done.rows_affected() > 0 {
            tracing::info!(
                version = s.version,
                why = s.why,
                "accepted the record of a migration edited after it was applied"
            );
        }
    }
    Ok(())
}
