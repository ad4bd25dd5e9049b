//! The rows that hold secrets, read and sealed again under the current key: at start-up (a
//! check everywhere; on SQLite, the one server, also the sealing) and by
//! `panelcare-server rotate-secrets`.

use sqlx::Row as _;

use super::{
    KeyRing, SecretsError, second_factor_context, server_secret_context, signing_key_context,
    webhook_context,
};
use crate::db::Db;

/// Why a pass over the stored secrets stopped.
#[derive(Debug, thiserror::Error)]
pub enum PassError {
    #[error(transparent)]
    Secrets(#[from] SecretsError),
    #[error("cannot read or write the stored secrets: {0}")]
    Db(#[from] sqlx::Error),
}

/// What a pass does with a secret that is not sealed under the current key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Only checks that every secret opens.
    Check,
    /// Seals it under the current key.
    Seal,
}

/// Opens every stored secret (failing on one sealed under a key `ring` lacks) and, with
/// [`Pass::Seal`], seals again those that are plain or under an older key; how many it sealed.
pub async fn pass(db: &Db, ring: &KeyRing, pass: Pass) -> Result<usize, PassError> {
    let mut sealed = 0;
    let keys: Vec<(String, String, String)> =
        sqlx::query_as("SELECT tenant_id, kid, secret FROM tenant_keys")
            .fetch_all(&db.pool)
            .await?;
    for (tenant, kid, stored) in keys {
        let context = signing_key_context(&tenant, &kid);
        let opened = ring.open(&stored, &context)?;
        if opened.stale && pass == Pass::Seal {
            sqlx::query("UPDATE tenant_keys SET secret = $1 WHERE tenant_id = $2 AND kid = $3 AND secret = $4")
                .bind(ring.seal(&opened.plain, &context))
                .bind(&tenant)
                .bind(&kid)
                .bind(&stored)
                .execute(&db.pool)
                .await?;
            sealed += 1;
        }
    }
    let server: Vec<(String, String)> = sqlx::query_as("SELECT name, value FROM server_secrets")
        .fetch_all(&db.pool)
        .await?;
    for (name, stored) in server {
        let context = server_secret_context(&name);
        let opened = ring.open(&stored, &context)?;
        if opened.stale && pass == Pass::Seal {
            sqlx::query("UPDATE server_secrets SET value = $1 WHERE name = $2 AND value = $3")
                .bind(ring.seal(&opened.plain, &context))
                .bind(&name)
                .bind(&stored)
                .execute(&db.pool)
                .await?;
            sealed += 1;
        }
    }
    let settings = sqlx::query("SELECT tenant_id, settings FROM notify_settings")
        .fetch_all(&db.pool)
        .await?;
    for row in settings {
        let tenant: String = row.try_get("tenant_id")?;
        let json: String = row.try_get("settings")?;
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&json) else {
            continue;
        };
        let Some(stored) = value.get("webhook_secret").and_then(|s| s.as_str()) else {
            continue;
        };
        let context = webhook_context(&tenant);
        let opened = ring.open(stored, &context)?;
        if opened.stale && pass == Pass::Seal {
            value["webhook_secret"] = ring.seal(&opened.plain, &context).into();
            // Only if nobody changed the settings meanwhile: a newer save is sealed already.
            sqlx::query(
                "UPDATE notify_settings SET settings = $1 WHERE tenant_id = $2 AND settings = $3",
            )
            .bind(value.to_string())
            .bind(&tenant)
            .bind(&json)
            .execute(&db.pool)
            .await?;
            sealed += 1;
        }
    }
    let factors: Vec<(String, String)> =
        sqlx::query_as("SELECT agent_id, secret FROM second_factors")
            .fetch_all(&db.pool)
            .await?;
    for (agent, stored) in factors {
        let context = second_factor_context(&agent);
        let opened = ring.open(&stored, &context)?;
        if opened.stale && pass == Pass::Seal {
            // Only if the secret is still the one read: a new enrolment is sealed already.
            sqlx::query(
                "UPDATE second_factors SET secret = $1 WHERE agent_id = $2 AND secret = $3",
            )
            .bind(ring.seal(&opened.plain, &context))
            .bind(&agent)
            .bind(&stored)
            .execute(&db.pool)
            .await?;
            sealed += 1;
        }
    }
    Ok(sealed)
}
