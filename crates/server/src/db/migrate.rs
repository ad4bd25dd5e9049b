//! Applying the embedded migrations, after accepting the records of migrations that were
//! edited once they had landed.
//!
//! sqlx keeps a SHA-384 of each migration it applied and refuses to start when the text it
//! carries differs. A landed migration is never edited; the one time one was, databases that
//! applied the first text are listed here, the fix reached them by a new migration, and their
//! record is moved to the text this build carries. Any other difference is still refused.

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

/// Brings the database at `pool` to the newest migration of its engine.
pub async fn run(pool: &AnyPool, engine: Engine) -> Result<(), sqlx::Error> {
    if engine == Engine::Sqlite {
        accept_superseded(pool).await?;
    }
    migrator(engine).run(pool).await?;
    Ok(())
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
