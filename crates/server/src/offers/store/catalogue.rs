//! Catalogues and rules as stored: JSON per tenant, rules one row each in the console's
//! order. A reseller's catalogue is always its provider's seen through its overrides.

use panelcare_model::offers::{Catalogue, Compiled, Overrides, ResellerCatalogue, Rule};

use crate::{agents, db::Db, tenants, time::now_ms};

#[derive(sqlx::FromRow, Default)]
struct Row {
    catalogue: Option<String>,
    overrides: Option<String>,
    link_origins: Option<String>,
}

async fn row(db: &Db, tenant_id: &str) -> Result<Row, sqlx::Error> {
    Ok(sqlx::query_as(
        "SELECT catalogue, overrides, link_origins FROM offer_catalogues WHERE tenant_id = $1",
    )
    .bind(tenant_id)
    .fetch_optional(&db.pool)
    .await?
    .unwrap_or_default())
}

fn parse<T: serde::de::DeserializeOwned + Default>(json: Option<String>) -> T {
    // What no longer parses is treated as never written rather than stopping the widget.
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

/// The provider's own catalogue (empty for a tenant that wrote none).
pub async fn own_catalogue(db: &Db, tenant_id: &str) -> Result<Catalogue, sqlx::Error> {
    Ok(parse(row(db, tenant_id).await?.catalogue))
}

/// What a reseller sees of its provider, and its changes.
pub async fn reseller(
    db: &Db,
    reseller: &str,
    provider: &str,
) -> Result<ResellerCatalogue, sqlx::Error> {
    let mine = row(db, reseller).await?;
    Ok(ResellerCatalogue {
        provider: own_catalogue(db, provider).await?,
        overrides: parse::<Overrides>(mine.overrides),
        link_origins: parse::<Vec<String>>(mine.link_origins),
    })
}

/// The catalogue a tenant's customers are offered from.
pub async fn catalogue(db: &Db, tenant_id: &str) -> Result<Catalogue, sqlx::Error> {
    match tenants::store::parent_of(db, tenant_id).await? {
        None => own_catalogue(db, tenant_id).await,
        Some(provider) => {
            let r = reseller(db, tenant_id, &provider).await?;
            Ok(r.provider.with_overrides(&r.overrides, &r.link_origins))
        }
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(e.into()))
}

pub async fn save_catalogue(db: &Db, tenant_id: &str, c: &Catalogue) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO offer_catalogues (tenant_id, catalogue, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (tenant_id) DO UPDATE SET catalogue = $2, updated_at = $3",
    )
    .bind(tenant_id)
    .bind(json(c)?)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub async fn save_overrides(
    db: &Db,
    tenant_id: &str,
    r: &ResellerCatalogue,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO offer_catalogues (tenant_id, overrides, link_origins, updated_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) \
         DO UPDATE SET overrides = $2, link_origins = $3, updated_at = $4",
    )
    .bind(tenant_id)
    .bind(json(&r.overrides)?)
    .bind(json(&r.link_origins)?)
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The tenant's rules in order.
pub async fn rules(db: &Db, tenant_id: &str) -> Result<Vec<Rule>, sqlx::Error> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT rule FROM offer_rules WHERE tenant_id = $1 ORDER BY position")
            .bind(tenant_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .iter()
        .filter_map(|r| serde_json::from_str(r).ok())
        .collect())
}

/// Replaces the tenant's rules with `rules`, in one transaction.
pub async fn save_rules(db: &Db, tenant_id: &str, rules: &[Rule]) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    sqlx::query("DELETE FROM offer_rules WHERE tenant_id = $1")
        .bind(tenant_id)
        .execute(&mut *tx)
        .await?;
    let now = now_ms();
    for (position, rule) in rules.iter().enumerate() {
        sqlx::query(
            "INSERT INTO offer_rules (tenant_id, id, position, name, rule, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(tenant_id)
        .bind(&rule.id)
        .bind(position as i64)
        .bind(&rule.name)
        .bind(json(rule)?)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// The origins a tenant's links may lead to besides its catalogue's: its panel origins.
pub async fn panel_origins(db: &Db, tenant_id: &str) -> Result<Vec<String>, sqlx::Error> {
    agents::store::origins(db, tenant_id).await
}

/// The rules that still compile against today's catalogue. One that no longer does (its
/// plan was removed) is skipped, never an error for the customer.
pub async fn compiled(
    db: &Db,
    tenant_id: &str,
    catalogue: &Catalogue,
) -> Result<Vec<Compiled>, sqlx::Error> {
    let origins = panel_origins(db, tenant_id).await?;
    Ok(rules(db, tenant_id)
        .await?
        .iter()
        .filter_map(|r| r.compile(catalogue, &origins).ok())
        .collect())
}
