//! The usage snapshot a host reports (`usage()` in the host shim contract), checked.
//!
//! Hosts report numbers in many shapes: cPanel sends strings, some panels `null` or
//! `"unlimited"` for no limit. Everything is turned into [`Amount`]s here or refused with a
//! field error naming the metric, so rule evaluation only ever sees finite, non-negative
//! numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

/// What a snapshot can measure, and what the plans in a catalogue can limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Disk,
    Bandwidth,
    Inodes,
    MailAccounts,
    Databases,
    Cpu,
    Memory,
}

/// How a metric's numbers are written for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Count,
    /// CPU cores (fractions allowed: 0.5 of a core).
    Cores,
}

impl Metric {
    pub const ALL: [Self; 7] = [
        Self::Disk,
        Self::Bandwidth,
        Self::Inodes,
        Self::MailAccounts,
        Self::Databases,
        Self::Cpu,
        Self::Memory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disk => "disk",
            Self::Bandwidth => "bandwidth",
            Self::Inodes => "inodes",
            Self::MailAccounts => "mail_accounts",
            Self::Databases => "databases",
            Self::Cpu => "cpu",
            Self::Memory => "memory",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn unit(self) -> Unit {
        match self {
            Self::Disk | Self::Bandwidth | Self::Memory => Unit::Bytes,
            Self::Inodes | Self::MailAccounts | Self::Databases => Unit::Count,
            Self::Cpu => Unit::Cores,
        }
    }
}

/// Largest number a snapshot may carry: an exabyte. Anything bigger is a host's bug, not
/// usage, and would only make percentages meaningless.
pub const MAX_AMOUNT: f64 = 1e18;

/// A limit: a finite allowance or none at all.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// At most this much; `0` means nothing of it is included.
    Of(f64),
    Unlimited,
}

impl Limit {
    pub fn finite(self) -> Option<f64> {
        match self {
            Self::Of(v) => Some(v),
            Self::Unlimited => None,
        }
    }

    /// Whether `self` allows more than `other`.
    pub fn exceeds(self, other: Self) -> bool {
        match (self, other) {
            (Self::Unlimited, Self::Of(_)) => true,
            (Self::Of(a), Self::Of(b)) => a > b,
            _ => false,
        }
    }
}

/// One metric: how much is used of how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub used: f64,
    pub limit: Limit,
}

impl Amount {
    /// Share of the limit in use, in percent; none when there is no finite, non-zero limit
    /// (a percentage of "unlimited" or of nothing means nothing).
    pub fn percent(&self) -> Option<f64> {
        match self.limit {
            Limit::Of(l) if l > 0.0 => Some(self.used / l * 100.0),
            _ => None,
        }
    }
}

/// A value as it arrived, before checking; the server builds these from JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Number(f64),
    Text(String),
    Null,
    /// An object, array or boolean where a number belongs.
    Other,
}

/// Longest service id a host may report (WHMCS service ids, cPanel user names).
pub const SERVICE_ID_MAX: usize = 64;

/// A checked snapshot.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub amounts: BTreeMap<Metric, Amount>,
    /// The host's id of the hosting service (for upgrade links), if it reported one.
    pub service_id: Option<String>,
}

impl Snapshot {
    pub fn get(&self, m: Metric) -> Option<&Amount> {
        self.amounts.get(&m)
    }

    /// Checks what a host reported: `metrics` is each metric's name with its `used` and
    /// `limit` (absent as `None`). Unknown metric names are skipped, so a host that reports
    /// more than we know is not refused. A metric's limit that is absent, `null`,
    /// `"unlimited"` or negative-one (cPanel's and WHMCS's spellings) is no limit.
    pub fn check<'a>(
        metrics: impl IntoIterator<Item = (&'a str, Option<Raw>, Option<Raw>)>,
        service_id: Option<Raw>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut snapshot = Self::default();
        let mut errors = Vec::new();
        for (name, used, limit) in metrics {
            let Some(metric) = Metric::parse(name) else {
                continue;
            };
            let field = |part: &str| format!("usage.{name}.{part}");
            let used = match used.map(number) {
                Some(Ok(Some(v))) => Some(v),
                Some(Ok(None)) | None => {
                    errors.push(FieldError::new(
                        field("used"),
                        FieldErrorCode::Required,
                        format!("Say how much {name} is used."),
                    ));
                    None
                }
                Some(Err(e)) => {
                    errors.push(FieldError::new(field("used"), e.code(), e.message(name)));
                    None
                }
            };
            let limit = match limit.map(number) {
                None | Some(Ok(None)) => Some(Limit::Unlimited),
                Some(Ok(Some(v))) => Some(Limit::Of(v)),
                Some(Err(NumberError::Negative(-1.0))) => Some(Limit::Unlimited),
                Some(Err(e)) => {
                    errors.push(FieldError::new(field("limit"), e.code(), e.message(name)));
                    None
                }
            };
            if let (Some(used), Some(limit)) = (used, limit) {
                snapshot.amounts.insert(metric, Amount { used, limit });
            }
        }
        match service_id {
            None | Some(Raw::Null) => {}
            Some(Raw::Text(s)) if valid_service_id(&s) => snapshot.service_id = Some(s),
            Some(Raw::Number(n)) if n.fract() == 0.0 && (0.0..1e15).contains(&n) => {
                snapshot.service_id = Some(format!("{n:.0}"));
            }
            Some(_) => errors.push(FieldError::new(
                "usage.service_id",
                FieldErrorCode::InvalidType,
                format!(
                    "The service id must be at most {SERVICE_ID_MAX} letters, digits, '-', '_' or '.'."
                ),
            )),
        }
        if errors.is_empty() {
            Ok(snapshot)
        } else {
            Err(errors)
        }
    }
}

fn valid_service_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SERVICE_ID_MAX
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberError {
    NotANumber,
    Negative(f64),
    TooLarge,
}

impl NumberError {
    fn code(self) -> FieldErrorCode {
        match self {
            Self::NotANumber => FieldErrorCode::InvalidType,
            Self::Negative(_) | Self::TooLarge => FieldErrorCode::OutOfRange,
        }
    }

    fn message(self, name: &str) -> String {
        match self {
            Self::NotANumber => format!("The {name} figure is not a number."),
            Self::Negative(_) => format!("The {name} figure cannot be negative."),
            Self::TooLarge => format!("The {name} figure is larger than any real account."),
        }
    }
}

/// `Ok(None)`: no number given (null, empty or "unlimited").
fn number(raw: Raw) -> Result<Option<f64>, NumberError> {
    let v = match raw {
        Raw::Null => return Ok(None),
        Raw::Number(v) => v,
        Raw::Text(s) => {
            let s = s.trim();
            if s.is_empty() || s.eq_ignore_ascii_case("unlimited") || s == "∞" {
                return Ok(None);
            }
            s.parse::<f64>().map_err(|_| NumberError::NotANumber)?
        }
        Raw::Other => return Err(NumberError::NotANumber),
    };
    if v.is_nan() {
        Err(NumberError::NotANumber)
    } else if v < 0.0 {
        Err(NumberError::Negative(v))
    } else if v > MAX_AMOUNT {
        Err(NumberError::TooLarge)
    } else {
        Ok(Some(v))
    }
}
