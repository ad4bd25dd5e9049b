//! The console's figure for low ratings: how many came in the period, how many got a first
//! answer and how long that took (the median, from the rating to the answer), and how many
//! still wait. Pure arithmetic over rows the server reads.

use serde::{Deserialize, Serialize};

/// One low rating, as the figure needs it. Times in Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertSample {
    pub raised_at: i64,
    /// The first answer the customer saw at or after the rating.
    pub replied_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertSummary {
    /// Suggestions and tickets rated 1–2 ★ in the period.
    pub low_ratings: u32,
    /// Of those, answered since.
    pub replied: u32,
    /// Of those, still without an answer.
    pub waiting: u32,
    /// Median time from the rating to the first answer, over the answered ones, in seconds.
    #[serde(default)]
    pub median_reply_secs: Option<i64>,
    /// How long the one waiting longest has waited, in seconds.
    #[serde(default)]
    pub longest_wait_secs: Option<i64>,
}

/// One tenant's figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantAlertNumbers {
    pub tenant_id: String,
    pub tenant_name: String,
    pub summary: AlertSummary,
}

/// `GET /console/api/alerts/numbers`: every tenant in scope, and all of them together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlertNumbers {
    pub period_days: u32,
    pub tenants: Vec<TenantAlertNumbers>,
    pub total: AlertSummary,
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some((v[n / 2 - 1] + v[n / 2]) / 2),
    }
}

/// The summary of the low ratings raised since `since` (ms) up to `now` (ms).
pub fn summarise(samples: &[AlertSample], since: i64, now: i64) -> AlertSummary {
    let mut s = AlertSummary::default();
    let (mut replies, mut waits) = (Vec::new(), Vec::new());
    for a in samples.iter().filter(|a| a.raised_at >= since) {
        s.low_ratings += 1;
        match a.replied_at {
            Some(at) => {
                s.replied += 1;
                replies.push(((at - a.raised_at) / 1000).max(0));
            }
            None => {
                s.waiting += 1;
                waits.push(((now - a.raised_at) / 1000).max(0));
            }
        }
    }
    s.median_reply_secs = median(replies);
    s.longest_wait_secs = waits.into_iter().max();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;
    const NOW: i64 = 1_795_000_000_000;

    fn a(raised_h_ago: i64, replied_after_h: Option<i64>) -> AlertSample {
        let raised_at = NOW - raised_h_ago * H;
        AlertSample {
            raised_at,
            replied_at: replied_after_h.map(|h| raised_at + h * H),
        }
    }

    #[test]
    fn median_time_to_the_first_answer_and_what_waits() {
        let s = summarise(
            &[a(10, Some(1)), a(9, Some(3)), a(8, Some(5)), a(2, None)],
            NOW - 24 * H,
            NOW,
        );
        assert_eq!((s.low_ratings, s.replied, s.waiting), (4, 3, 1));
        assert_eq!(s.median_reply_secs, Some(3 * 3600));
        assert_eq!(s.longest_wait_secs, Some(2 * 3600));
        let even = summarise(&[a(10, Some(1)), a(9, Some(2))], NOW - 24 * H, NOW);
        assert_eq!(even.median_reply_secs, Some(5400), "between 1 h and 2 h");
    }

    #[test]
    fn the_old_are_left_out_and_nothing_gives_no_median() {
        let s = summarise(&[a(48, Some(1))], NOW - 24 * H, NOW);
        assert_eq!(s, AlertSummary::default());
    }
}
