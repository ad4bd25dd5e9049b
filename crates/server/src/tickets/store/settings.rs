//! A tenant's support settings (departments, SLA policies per tier, reopen window,
//! attachment limit), stored as JSON; no row means the defaults.

use panelcare_model::ticket::TicketSettings;

use crate::db::{Conn, Db};

pub async fn load(db: &Db, tenant_id: &str) -> Result<TicketSettings, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    load_in(&mut conn, tenant_id).await
}

/// [`load`] through `conn`: inside a write transaction, so the change does not wait for a
/// second connection while it holds the write lock.
pub async fn load_in(conn: &mut Conn, tenant_id: &str) -> Result<TicketSettings, sqlx::Error> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT settings FROM ticket_settings WHERE tenant_id = $1")
            .bind(tenant_id)
            .fetch_optional(&mut *conn)
            .await?;
    // Settings that no longer parse fall back to the defaults rather than stopping support.
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

fn json(settings: &TicketSettings) -> Result<String, sqlx::Error> {
    serde_json::to_string(settings).map_err(|e| sqlx::Error::Encode(e.into()))
}

pub async fn save(db: &Db, tenant_id: &str, settings: &TicketSettings) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ticket_settings (tenant_id, settings) VALUES ($1, $2) \
         ON CONFLICT (tenant_id) DO UPDATE SET settings = $2",
    )
    .bind(tenant_id)
    .bind(json(settings)?)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Stores `settings` for a tenant that has none yet (the demo's seed), leaving an admin's
/// own untouched.
pub async fn save_if_unset(
    db: &Db,
    tenant_id: &str,
    settings: &TicketSettings,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ticket_settings (tenant_id, settings) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(tenant_id)
    .bind(json(settings)?)
    .execute(&db.pool)
    .await?;
    Ok(())
}
