//! A tenant's support settings (departments, SLA policies per tier, reopen window,
//! attachment limit), stored as JSON; no row means the defaults.

use panelcare_model::{FieldError, error::FieldErrorCode, sla, ticket::TicketSettings};

use crate::db::Db;

pub async fn load(db: &Db, tenant_id: &str) -> Result<TicketSettings, sqlx::Error> {
    let json: Option<String> =
        sqlx::query_scalar("SELECT settings FROM ticket_settings WHERE tenant_id = ?")
            .bind(tenant_id)
            .fetch_optional(&db.pool)
            .await?;
    // Settings that no longer parse fall back to the defaults rather than stopping support.
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// Everything [`TicketSettings::validate`] checks, plus the zone names of business hours.
pub fn validate(settings: &TicketSettings) -> Result<(), Vec<FieldError>> {
    let mut errors = settings.validate().err().unwrap_or_default();
    for (tier, policy) in &settings.policies {
        if let Some(hours) = &policy.business_hours
            && !sla::known_time_zone(&hours.time_zone)
        {
            errors.push(FieldError::new(
                format!("policies.{tier}.business_hours.time_zone"),
                FieldErrorCode::UnknownValue,
                format!(
                    "“{}” is not a time zone name such as Europe/Belgrade.",
                    hours.time_zone
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

pub async fn save(db: &Db, tenant_id: &str, settings: &TicketSettings) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(settings).map_err(|e| sqlx::Error::Encode(e.into()))?;
    sqlx::query(
        "INSERT INTO ticket_settings (tenant_id, settings) VALUES (?1, ?2) \
         ON CONFLICT (tenant_id) DO UPDATE SET settings = ?2",
    )
    .bind(tenant_id)
    .bind(json)
    .execute(&db.pool)
    .await?;
    Ok(())
}
