//! Checking a tenant's support settings before they are saved: the model's own checks plus
//! the names of business hours' time zones, which only the server's zone database knows.

use panelcare_model::{FieldError, error::FieldErrorCode, sla, ticket::TicketSettings};

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
