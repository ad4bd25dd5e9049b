//! A tenant's support settings: which departments its customers see, its SLA policy per
//! support tier, how long a resolved ticket may be reopened, and the attachment limits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ATTACHMENT_DEFAULT_MAX_BYTES, ATTACHMENTS_MAX, Department, REOPEN_DEFAULT_DAYS};
use crate::{
    error::{FieldError, FieldErrorCode},
    sla::SlaPolicy,
};

/// The tier a customer without one in its token is on.
pub const DEFAULT_TIER: &str = "standard";
/// Largest file any tenant may allow.
pub const ATTACHMENT_HARD_MAX_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketSettings {
    #[serde(default = "all_departments")]
    pub departments: Vec<Department>,
    /// Support tier name → its promise. A tier missing here gets [`DEFAULT_TIER`]'s.
    #[serde(default = "default_policies")]
    pub policies: BTreeMap<String, SlaPolicy>,
    #[serde(default = "reopen_days")]
    pub reopen_days: u32,
    #[serde(default = "attachment_max_bytes")]
    pub attachment_max_bytes: u64,
}

fn all_departments() -> Vec<Department> {
    Department::ALL.to_vec()
}

fn default_policies() -> BTreeMap<String, SlaPolicy> {
    BTreeMap::from([(DEFAULT_TIER.to_owned(), SlaPolicy::default())])
}

fn reopen_days() -> u32 {
    REOPEN_DEFAULT_DAYS
}

fn attachment_max_bytes() -> u64 {
    ATTACHMENT_DEFAULT_MAX_BYTES
}

impl Default for TicketSettings {
    fn default() -> Self {
        Self {
            departments: all_departments(),
            policies: default_policies(),
            reopen_days: reopen_days(),
            attachment_max_bytes: attachment_max_bytes(),
        }
    }
}

impl TicketSettings {
    /// The promise for a customer on `tier` (or on the default tier).
    pub fn policy(&self, tier: Option<&str>) -> SlaPolicy {
        tier.and_then(|t| self.policies.get(t))
            .or_else(|| self.policies.get(DEFAULT_TIER))
            .cloned()
            .unwrap_or_default()
    }

    pub fn max_files(&self) -> usize {
        ATTACHMENTS_MAX
    }

    /// Checks every setting; zone names are checked by the caller that has the zone database.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.departments.is_empty() {
            errors.push(FieldError::new(
                "departments",
                FieldErrorCode::Required,
                "Offer at least one department.",
            ));
        }
        for (tier, policy) in &self.policies {
            let tier_ok = !tier.is_empty()
                && tier.len() <= 40
                && tier.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                });
            if !tier_ok {
                errors.push(FieldError::new(
                    format!("policies.{tier}"),
                    FieldErrorCode::InvalidType,
                    "A tier name is lower-case letters, digits, - and _.",
                ));
            }
            if let Err(e) = policy.validate() {
                errors.extend(e.into_iter().map(|mut f| {
                    f.field = format!("policies.{tier}.{}", f.field);
                    f
                }));
            }
        }
        if !(1..=365).contains(&self.reopen_days) {
            errors.push(FieldError::new(
                "reopen_days",
                FieldErrorCode::OutOfRange,
                "Customers may reopen for 1 to 365 days.",
            ));
        }
        if !(1024..=ATTACHMENT_HARD_MAX_BYTES).contains(&self.attachment_max_bytes) {
            errors.push(FieldError::new(
                "attachment_max_bytes",
                FieldErrorCode::OutOfRange,
                format!(
                    "Files may be 1 KB to {} MB.",
                    ATTACHMENT_HARD_MAX_BYTES / 1024 / 1024
                ),
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_object_is_the_default() {
        let s: TicketSettings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, TicketSettings::default());
        assert!(s.validate().is_ok());
    }

    #[test]
    fn an_unknown_tier_gets_the_default_tiers_policy() {
        let mut s = TicketSettings::default();
        let mut premium = SlaPolicy::default();
        premium.first_response.critical = 15;
        s.policies.insert("premium".into(), premium.clone());
        assert_eq!(s.policy(Some("premium")), premium);
        assert_eq!(s.policy(Some("gold")), SlaPolicy::default());
        assert_eq!(s.policy(None), SlaPolicy::default());
    }

    #[test]
    fn bad_settings_are_named() {
        let mut s = TicketSettings {
            departments: vec![],
            reopen_days: 0,
            attachment_max_bytes: ATTACHMENT_HARD_MAX_BYTES + 1,
            ..Default::default()
        };
        let mut p = SlaPolicy::default();
        p.first_response.low = 2000;
        s.policies.insert("Gold Tier".into(), p);
        let fields: Vec<String> = s
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "departments",
                "policies.Gold Tier",
                "policies.Gold Tier.first_response.low",
                "reopen_days",
                "attachment_max_bytes"
            ]
        );
    }
}
