//! The console's numbers at a glance: volume over time, average rating, share answered and
//! median time to first answer. Pure arithmetic over rows the server reads.

use serde::{Deserialize, Serialize};

/// Days of history the numbers cover.
pub const PERIOD_DAYS: u32 = 30;
const DAY_MS: i64 = 86_400_000;

/// One suggestion, as the numbers need it. Times in Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub created_at: i64,
    pub rating: Option<u8>,
    pub answered_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    /// Suggestions in the period.
    pub count: u32,
    /// Suggestions per day, oldest first; the last entry is today (UTC).
    pub per_day: Vec<u32>,
    #[serde(default)]
    pub average_rating: Option<f64>,
    /// Answered / all, 0 to 1.
    #[serde(default)]
    pub answered_share: Option<f64>,
    /// Median of first-answer time over the answered ones, in seconds.
    #[serde(default)]
    pub median_first_answer_secs: Option<i64>,
}

/// One tenant's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantNumbers {
    pub tenant_id: String,
    pub tenant_name: String,
    pub summary: Summary,
}

/// `GET /console/api/numbers`: every tenant in scope, and all of them together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Numbers {
    pub period_days: u32,
    pub tenants: Vec<TenantNumbers>,
    pub total: Summary,
}

/// The summary of `samples` for the `days` days up to and including the UTC day of `now`.
/// Samples outside the period are ignored.
pub fn summarise(samples: &[Sample], now: i64, days: u32) -> Summary {
    let today = now.div_euclid(DAY_MS);
    let first_day = today - i64::from(days) + 1;
    let mut per_day = vec![0u32; days as usize];
    let (mut ratings, mut rated, mut answered) = (0u32, 0u32, 0u32);
    let mut waits = Vec::new();
    let mut count = 0u32;
    for s in samples {
        let day = s.created_at.div_euclid(DAY_MS);
        if day < first_day || day > today {
            continue;
        }
        count += 1;
        per_day[(day - first_day) as usize] += 1;
        if let Some(r) = s.rating {
            ratings += u32::from(r);
            rated += 1;
        }
        if let Some(at) = s.answered_at {
            answered += 1;
            waits.push(((at - s.created_at) / 1000).max(0));
        }
    }
    waits.sort_unstable();
    let median = match waits.len() {
        0 => None,
        n if n % 2 == 1 => Some(waits[n / 2]),
        n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
    };
    Summary {
        count,
        per_day,
        average_rating: (rated > 0).then(|| f64::from(ratings) / f64::from(rated)),
        answered_share: (count > 0).then(|| f64::from(answered) / f64::from(count)),
        median_first_answer_secs: median,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000; // some afternoon, UTC

    fn at(days_ago: i64, hours: i64) -> i64 {
        (NOW.div_euclid(DAY_MS) - days_ago) * DAY_MS + hours * 3_600_000
    }

    #[test]
    fn counts_per_day_and_ignores_the_old() {
        let s = [
            Sample {
                created_at: at(0, 1),
                rating: Some(5),
                answered_at: None,
            },
            Sample {
                created_at: at(0, 2),
                rating: None,
                answered_at: None,
            },
            Sample {
                created_at: at(2, 23),
                rating: Some(1),
                answered_at: None,
            },
            Sample {
                created_at: at(30, 0),
                rating: Some(1),
                answered_at: None,
            },
        ];
        let sum = summarise(&s, NOW, 30);
        assert_eq!(sum.count, 3);
        assert_eq!(sum.per_day.len(), 30);
        assert_eq!(sum.per_day[29], 2);
        assert_eq!(sum.per_day[27], 1);
        assert_eq!(sum.average_rating, Some(3.0));
        assert_eq!(sum.answered_share, Some(0.0));
        assert_eq!(sum.median_first_answer_secs, None);
    }

    #[test]
    fn median_first_answer_and_share_answered() {
        let s = [
            Sample {
                created_at: at(1, 0),
                rating: None,
                answered_at: Some(at(1, 1)),
            },
            Sample {
                created_at: at(1, 0),
                rating: None,
                answered_at: Some(at(1, 3)),
            },
            Sample {
                created_at: at(1, 0),
                rating: None,
                answered_at: Some(at(1, 5)),
            },
            Sample {
                created_at: at(1, 0),
                rating: None,
                answered_at: None,
            },
        ];
        let sum = summarise(&s, NOW, 7);
        assert_eq!(sum.median_first_answer_secs, Some(3 * 3600));
        assert_eq!(sum.answered_share, Some(0.75));
        let even = summarise(&s[..2], NOW, 7);
        assert_eq!(even.median_first_answer_secs, Some(2 * 3600));
    }

    #[test]
    fn nothing_gives_no_averages() {
        let sum = summarise(&[], NOW, 30);
        assert_eq!(
            (sum.count, sum.average_rating, sum.answered_share),
            (0, None, None)
        );
        assert!(sum.per_day.iter().all(|d| *d == 0));
    }
}
