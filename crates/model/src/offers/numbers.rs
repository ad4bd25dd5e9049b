//! What offers earn: the funnel per rule and variant, the conversion rate with its
//! confidence interval, and the revenue the conversions add.

use serde::{Deserialize, Serialize};

/// One rule (and variant) of one tenant over the period asked for. Counts are customers,
/// not events: a customer who reloads the page ten times was shown the offer once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelRow {
    pub rule: String,
    pub rule_name: String,
    #[serde(default)]
    pub variant: String,
    pub target: String,
    /// What the target is called in the tenant's catalogue (empty if it was removed).
    #[serde(default)]
    pub target_name: String,
    pub shown: u32,
    pub clicked: u32,
    pub converted: u32,
    pub snoozed: u32,
    pub dismissed: u32,
    /// `converted / shown`, 0 when nothing was shown.
    pub rate: f64,
    /// 95 % Wilson interval of the rate.
    pub rate_low: f64,
    pub rate_high: f64,
    /// Sum of the conversions' monthly price differences, in minor units.
    pub uplift_monthly_cents: i64,
    #[serde(default)]
    pub currency: String,
}

/// One tenant's offers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantOffers {
    pub tenant_id: String,
    pub tenant_name: String,
    pub rows: Vec<FunnelRow>,
    /// Conversions the host reported that no offer led to.
    pub unattributed: u32,
}

/// `GET /console/api/offers/numbers?days=`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferNumbers {
    pub days: u32,
    pub tenants: Vec<TenantOffers>,
}

/// The 95 % Wilson score interval of `successes` out of `trials`: honest for small counts
/// and rates near 0 or 1, where the normal approximation would leave [0, 1].
pub fn wilson(successes: u32, trials: u32) -> (f64, f64) {
    if trials == 0 {
        return (0.0, 0.0);
    }
    let n = f64::from(trials);
    let p = f64::from(successes.min(trials)) / n;
    let z = 1.959_963_984_540_054_f64;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z2 / n;
    (
        ((centre - spread) / denom).clamp(0.0, 1.0),
        ((centre + spread) / denom).clamp(0.0, 1.0),
    )
}

impl FunnelRow {
    /// Fills the rate and its interval from the counts.
    pub fn with_rates(mut self) -> Self {
        self.rate = if self.shown == 0 {
            0.0
        } else {
            f64::from(self.converted.min(self.shown)) / f64::from(self.shown)
        };
        (self.rate_low, self.rate_high) = wilson(self.converted, self.shown);
        self
    }
}
