//! The console's offer screens: the catalogue (providers), overrides (resellers), the rules
//! as JSON or a TOML file, a preview that evaluates the saved rules on figures typed in, and
//! the funnel's numbers. The settings answer only for tenants the agent administers.

pub mod catalogue;
pub mod numbers;
pub mod preview;
pub mod rules;

use axum::{extract::FromRequestParts, http::request::Parts};
use panelcare_model::{FieldError, error::FieldErrorCode};

use crate::error::AppError;

/// `?tenant=<id>`: the tenant whose offers are read or written.
#[derive(Debug)]
pub struct TenantParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for TenantParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let tenant = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .find_map(|p| p.strip_prefix("tenant="))
            .filter(|t| !t.is_empty());
        tenant.map(|t| Self(t.to_owned())).ok_or_else(|| {
            AppError::validation(vec![FieldError::new(
                "tenant",
                FieldErrorCode::Required,
                "Name the tenant: ?tenant=<id>.",
            )])
        })
    }
}

/// The tenant is of the other kind: a reseller's catalogue comes from its provider, and only
/// a reseller has overrides.
fn wrong_kind(msg: &str) -> AppError {
    AppError::validation(vec![FieldError::new(
        "tenant",
        FieldErrorCode::UnknownValue,
        msg,
    )])
}
