//! Tenants and their token signing keys.

use rand::RngCore;

use crate::{db::Db, time::now_ms};

/// A new random signing secret: 32 bytes, URL-safe base64, ready to paste into a host's
/// settings.
pub fn generate_secret() -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Creates the tenant if it does not exist; returns whether it was created. A tenant with a
/// `parent` is a reseller of that provider.
pub async fn create(
    db: &Db,
    id: &str,
    name: &str,
    parent: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO tenants (id, name, parent_id, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id)
    .bind(name)
    .bind(parent)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds (or replaces) the key `kid` of a tenant.
pub async fn put_key(db: &Db, tenant_id: &str, kid: &str, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO tenant_keys (tenant_id, kid, secret, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (tenant_id, kid) DO UPDATE SET secret = excluded.secret",
    )
    .bind(tenant_id)
    .bind(kid)
    .bind(secret)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The secret of key `kid` of tenant `tenant_id`, if both exist.
pub async fn signing_secret(
    db: &Db,
    tenant_id: &str,
    kid: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT secret FROM tenant_keys WHERE tenant_id = ? AND kid = ?")
        .bind(tenant_id)
        .bind(kid)
        .fetch_optional(&db.pool)
        .await
}

/// The provider a reseller sells for; `None` for a provider (or an unknown tenant).
pub async fn parent_of(db: &Db, tenant_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT parent_id FROM tenants WHERE id = ?")
        .bind(tenant_id)
        .fetch_optional(&db.pool)
        .await
        .map(Option::flatten)
}
