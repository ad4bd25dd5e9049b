//! A tenant's branding, stored as validated JSON on its row.

use panelcare_model::branding::Branding;

use crate::db::Db;

/// The tenant's branding (the default look when it set none); `None` for an unknown tenant.
pub async fn load(db: &Db, tenant_id: &str) -> Result<Option<Branding>, sqlx::Error> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT branding FROM tenants WHERE id = $1")
            .bind(tenant_id)
            .fetch_optional(&db.pool)
            .await?;
    // A stored value that no longer parses falls back to the default look rather than
    // breaking every widget of the tenant.
    Ok(row.map(|b| {
        b.and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }))
}

/// Stores `json`, a validated [`Branding`].
pub async fn save(db: &Db, tenant_id: &str, json: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tenants SET branding = $2 WHERE id = $1")
        .bind(tenant_id)
        .bind(json)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Stores `json` as the tenant's branding unless it has one (the demo's seed), so an admin's
/// own look survives a restart.
pub async fn seed_if_unset(db: &Db, tenant_id: &str, json: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE tenants SET branding = $2 WHERE id = $1 AND branding IS NULL")
        .bind(tenant_id)
        .bind(json)
        .execute(&db.pool)
        .await?;
    Ok(())
}
