//! Service levels: how soon a ticket must be answered, by priority and support tier, and
//! whether that promise is being kept.
//!
//! The promise: a critical problem gets a first answer within one hour and nothing waits more
//! than 24 hours. Policies may pause the clock outside business hours (in the tenant's time
//! zone) for every priority but critical, which always runs around the clock. The arithmetic
//! that needs the time-zone database ([`due_at`]) is behind the `tz` feature, so the widget,
//! which only shows what the server computed, does not carry it.

#[cfg(feature = "tz")]
mod clock;

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrorCode};

#[cfg(feature = "tz")]
pub use clock::{due_at, known_time_zone};

/// How urgent a ticket is, as the customer (or an agent) sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Critical,
}

impl Priority {
    pub const ALL: [Self; 4] = [Self::Low, Self::Normal, Self::High, Self::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Normal => "normal",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Longest any target may be: nothing waits more than a day.
pub const MAX_TARGET_MINUTES: u32 = 24 * 60;

/// Minutes to an answer, per priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "low": 1440,
    "normal": 720,
    "high": 240,
    "critical": 60
})))]
pub struct Targets {
    pub low: u32,
    pub normal: u32,
    pub high: u32,
    pub critical: u32,
}

impl Targets {
    pub fn of(&self, p: Priority) -> u32 {
        match p {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Critical => self.critical,
        }
    }
}

impl Default for Targets {
    /// Critical 1 h, high 4 h, normal 12 h, low 24 h.
    fn default() -> Self {
        Self {
            low: 24 * 60,
            normal: 12 * 60,
            high: 4 * 60,
            critical: 60,
        }
    }
}

/// The hours of one weekday during which the clock runs, in minutes after local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hours {
    pub start: u16,
    pub end: u16,
}

/// When support works, in the tenant's time zone. `days[0]` is Monday; `None` is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessHours {
    /// An IANA zone name, e.g. `Europe/Belgrade`.
    pub time_zone: String,
    pub days: [Option<Hours>; 7],
}

/// A tenant's promise for one support tier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaPolicy {
    /// Until the first answer from support.
    #[serde(default)]
    pub first_response: Targets,
    /// Until support answers a customer's later message.
    #[serde(default)]
    pub next_response: Targets,
    /// `None`: the clock always runs.
    #[serde(default)]
    pub business_hours: Option<BusinessHours>,
}

impl SlaPolicy {
    /// Checks targets and hours (the zone name is checked where the zone database is).
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (name, targets) in [
            ("first_response", &self.first_response),
            ("next_response", &self.next_response),
        ] {
            for p in Priority::ALL {
                let m = targets.of(p);
                if m == 0 || m > MAX_TARGET_MINUTES {
                    errors.push(FieldError::new(
                        format!("{name}.{}", p.as_str()),
                        FieldErrorCode::OutOfRange,
                        format!("A target is 1 to {MAX_TARGET_MINUTES} minutes: nothing waits more than 24 hours."),
                    ));
                }
            }
        }
        if let Some(hours) = &self.business_hours {
            for (i, day) in hours.days.iter().enumerate() {
                if let Some(h) = day
                    && (h.start >= h.end || h.end > 24 * 60)
                {
                    errors.push(FieldError::new(
                        format!("business_hours.days.{i}"),
                        FieldErrorCode::OutOfRange,
                        "Opening time must come before closing time, within the day.",
                    ));
                }
            }
            if hours.days.iter().all(Option::is_none) {
                errors.push(FieldError::new(
                    "business_hours.days",
                    FieldErrorCode::Required,
                    "Open on at least one day, or switch business hours off.",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// An answer is due soon in the last `1 / DUE_SOON_PARTS` of its target (a quarter). The
/// server's SQL form of [`SlaState::at`] is built from this same number.
pub const DUE_SOON_PARTS: i64 = 4;

/// Whether the promise on an open response is being kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// More than a quarter of the target left.
    OnTrack,
    /// A quarter of the target or less left: agents are warned.
    DueSoon,
    Breached,
}

impl SlaState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::DueSoon => "due_soon",
            Self::Breached => "breached",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::OnTrack, Self::DueSoon, Self::Breached]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// The state at `now_ms` of an answer due at `due_ms` for a target of `target_minutes`
    /// (wall-clock quarter: an agent needs real time to act, whatever the business hours).
    pub fn at(now_ms: i64, due_ms: i64, target_minutes: u32) -> Self {
        let left = due_ms - now_ms;
        if left < 0 {
            Self::Breached
        } else if left <= i64::from(target_minutes) * 60_000 / DUE_SOON_PARTS {
            Self::DueSoon
        } else {
            Self::OnTrack
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_keep_the_promise() {
        let p = SlaPolicy::default();
        assert_eq!(p.first_response.of(Priority::Critical), 60);
        assert_eq!(p.first_response.of(Priority::Low), MAX_TARGET_MINUTES);
        assert!(p.validate().is_ok());
    }

    #[test]
    fn targets_over_a_day_or_zero_are_refused() {
        let mut p = SlaPolicy::default();
        p.first_response.low = MAX_TARGET_MINUTES + 1;
        p.next_response.critical = 0;
        let fields: Vec<String> = p
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["first_response.low", "next_response.critical"]);
    }

    #[test]
    fn business_hours_must_make_sense() {
        let mut p = SlaPolicy {
            business_hours: Some(BusinessHours {
                time_zone: "Europe/Belgrade".into(),
                days: [None; 7],
            }),
            ..Default::default()
        };
        assert_eq!(p.validate().unwrap_err()[0].field, "business_hours.days");
        if let Some(h) = &mut p.business_hours {
            h.days[0] = Some(Hours {
                start: 600,
                end: 540,
            });
        }
        assert_eq!(p.validate().unwrap_err()[0].field, "business_hours.days.0");
    }

    #[test]
    fn state_turns_at_a_quarter_and_at_the_deadline() {
        let due = 10 * 3_600_000;
        let target = 60; // minutes
        assert_eq!(
            SlaState::at(due - 16 * 60_000, due, target),
            SlaState::OnTrack
        );
        assert_eq!(
            SlaState::at(due - 15 * 60_000, due, target),
            SlaState::DueSoon
        );
        assert_eq!(SlaState::at(due, due, target), SlaState::DueSoon);
        assert_eq!(SlaState::at(due + 1, due, target), SlaState::Breached);
    }

    #[test]
    fn priorities_round_trip() {
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(Priority::parse("urgent"), None);
        assert!(Priority::Critical > Priority::High);
    }
}
