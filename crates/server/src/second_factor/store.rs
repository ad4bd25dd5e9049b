//! What the second factor reads and writes: each account's sealed secret and the last step it
//! accepted, its recovery codes (hashes), sign-in challenges (hashes) and tenants'
//! requirements. Secrets are sealed and opened here, so no caller ever holds a stored form.

use sqlx::Row as _;

use crate::{
    db::{Db, flag},
    secrets::{decode_error, second_factor_context},
    tenants::{Scope, store as tenants},
};

/// An account's second factor as stored, its secret opened (base32).
#[derive(Debug, Clone)]
pub struct Factor {
    pub secret: String,
    /// The sealed form read, so a confirmation applies to exactly the secret it checked.
    pub sealed: String,
    /// `None` while enrolment waits for its first code.
    pub confirmed_at: Option<i64>,
}

/// `agent_id`'s second factor, confirmed or waiting.
pub async fn factor(db: &Db, agent_id: &str) -> Result<Option<Factor>, sqlx::Error> {
    let row = sqlx::query("SELECT secret, confirmed_at FROM second_factors WHERE agent_id = $1")
        .bind(agent_id)
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sealed: String = row.try_get("secret")?;
    let secret = db
        .secrets
        .open(&sealed, &second_factor_context(agent_id))
        .map_err(decode_error)?
        .plain;
    Ok(Some(Factor {
        secret,
        sealed,
        confirmed_at: row.try_get("confirmed_at")?,
    }))
}

/// Whether `agent_id` has a confirmed second factor.
pub async fn enabled(db: &Db, agent_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM second_factors WHERE agent_id = $1 AND confirmed_at IS NOT NULL",
    )
    .bind(agent_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}

/// Keeps `secret` (base32) as `agent_id`'s enrolment waiting for its first code, replacing
/// an earlier one that waited. `false` when the account has a confirmed one already.
pub async fn start(db: &Db, agent_id: &str, secret: &str, now: i64) -> Result<bool, sqlx::Error> {
    let sealed = db.secrets.seal(secret, &second_factor_context(agent_id));
    let done = sqlx::query(
        "INSERT INTO second_factors (agent_id, secret, confirmed_at, last_step, created_at) \
         VALUES ($1, $2, NULL, 0, $3) \
         ON CONFLICT (agent_id) DO UPDATE SET secret = excluded.secret, last_step = 0, \
           created_at = excluded.created_at \
         WHERE second_factors.confirmed_at IS NULL",
    )
    .bind(agent_id)
    .bind(&sealed)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Turns on the waiting enrolment whose sealed secret is `sealed` with its first code's
/// `step`, and keeps the hashes of its recovery codes (any older ones are dropped). `false`
/// when that enrolment is no longer waiting (confirmed meanwhile, or started again).
pub async fn confirm(
    db: &Db,
    agent_id: &str,
    sealed: &str,
    step: i64,
    code_hashes: &[String],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().await?;
    let done = sqlx::query(
        "UPDATE second_factors SET confirmed_at = $3, last_step = $4 \
         WHERE agent_id = $1 AND secret = $2 AND confirmed_at IS NULL",
    )
    .bind(agent_id)
    .bind(sealed)
    .bind(now)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM second_factor_recovery_codes WHERE agent_id = $1")
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    for hash in code_hashes {
        sqlx::query(
            "INSERT INTO second_factor_recovery_codes (agent_id, code_hash) VALUES ($1, $2)",
        )
        .bind(agent_id)
        .bind(hash)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Accepts `step` as `agent_id`'s newest code, once: `false` when that step or a later one
/// was accepted already (a replayed code), in one statement so parallel tries agree.
pub async fn accept_step(db: &Db, agent_id: &str, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE second_factors SET last_step = $2 \
         WHERE agent_id = $1 AND confirmed_at IS NOT NULL AND last_step < $2",
    )
    .bind(agent_id)
    .bind(step)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Uses the recovery code hashed `code_hash`, once.
pub async fn use_recovery_code(
    db: &Db,
    agent_id: &str,
    code_hash: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE second_factor_recovery_codes SET used_at = $3 \
         WHERE agent_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(agent_id)
    .bind(code_hash)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// How many of `agent_id`'s recovery codes are unused.
pub async fn recovery_codes_left(db: &Db, agent_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM second_factor_recovery_codes \
         WHERE agent_id = $1 AND used_at IS NULL",
    )
    .bind(agent_id)
    .fetch_one(&db.pool)
    .await
}

/// Forgets `agent_id`'s second factor, its recovery codes and its open challenges. `false`
/// when it had none (confirmed or waiting).
pub async fn remove(db: &Db, agent_id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().await?;
    let done = sqlx::query("DELETE FROM second_factors WHERE agent_id = $1")
        .bind(agent_id)
        .execute(&mut *tx)
        .await?;
    for table in ["second_factor_recovery_codes", "second_factor_challenges"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE agent_id = $1"))
            .bind(agent_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(done.rows_affected() > 0)
}

/// The current accounts of `scope`'s tenants with a confirmed second factor, and since when.
pub async fn enrolled_in(db: &Db, scope: &Scope) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT f.agent_id, f.confirmed_at FROM second_factors f \
         JOIN agents a ON a.id = f.agent_id \
         WHERE {} AND a.removed_at IS NULL AND f.confirmed_at IS NOT NULL",
        tenants::condition(scope, "a.tenant_id")
    ))
    .bind(&scope.tenant_id)
    .fetch_all(&db.pool)
    .await
}

/// Whether `tenant_id` requires a second factor itself, and whether its provider requires
/// one for everyone under it.
pub async fn requirement(db: &Db, tenant_id: &str) -> Result<(bool, bool), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.tenant_id, r.required FROM second_factor_requirements r \
         WHERE r.tenant_id = $1 \
            OR r.tenant_id = (SELECT parent_id FROM tenants WHERE id = $1)",
    )
    .bind(tenant_id)
    .fetch_all(&db.pool)
    .await?;
    let (mut own, mut by_provider) = (false, false);
    for row in rows {
        let tenant: String = row.try_get("tenant_id")?;
        let required = flag(&row, "required")?;
        if tenant == tenant_id {
            own = required;
        } else {
            by_provider = required;
        }
    }
    Ok((own, by_provider))
}

/// Sets whether `tenant_id` requires a second factor.
pub async fn set_requirement(
    db: &Db,
    tenant_id: &str,
    required: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO second_factor_requirements (tenant_id, required, updated_at) \
         VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id) DO UPDATE SET required = excluded.required, \
           updated_at = excluded.updated_at",
    )
    .bind(tenant_id)
    .bind(i64::from(required))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A sign-in waiting for its second factor.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub agent_id: String,
    /// It is for the enrolment the tenant requires.
    pub enrol: bool,
}

/// Keeps a challenge (only the token's hash), dropping expired ones on the way.
pub async fn insert_challenge(
    db: &Db,
    token_hash: &str,
    challenge: &Challenge,
    expires_at: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM second_factor_challenges WHERE expires_at <= $1")
        .bind(now)
        .execute(&db.pool)
        .await?;
    sqlx::query(
        "INSERT INTO second_factor_challenges \
           (token_hash, agent_id, enrol, expires_at, used_at, created_at) \
         VALUES ($1, $2, $3, $4, NULL, $5)",
    )
    .bind(token_hash)
    .bind(&challenge.agent_id)
    .bind(i64::from(challenge.enrol))
    .bind(expires_at)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The challenge `token_hash` if it works at `now`: unused, unexpired, its account there.
pub async fn challenge(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<Challenge>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT agent_id, enrol FROM second_factor_challenges \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
           AND agent_id IN (SELECT id FROM agents WHERE removed_at IS NULL)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(Challenge {
            agent_id: r.try_get("agent_id")?,
            enrol: flag(&r, "enrol")?,
        })
    })
    .transpose()
}

/// Uses the challenge `token_hash`, once: `false` when it was used (by a parallel try) or
/// expired meanwhile.
pub async fn take_challenge(db: &Db, token_hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE second_factor_challenges SET used_at = $2 \
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes challenges that expired before `before`.
pub async fn sweep(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM second_factor_challenges WHERE expires_at < $1")
            .bind(before)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}
