//! Where a notice is in time, seen from now: what the page groups it by and what its card
//! offers.

use panelcare_model::notice::AgentNotice;

/// Where a notice is in time, seen from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Current,
    Upcoming,
    Past,
}

impl Phase {
    pub fn of(n: &AgentNotice, now_ms: f64) -> Self {
        let ended = n
            .notice
            .ends_at
            .as_deref()
            .is_some_and(|e| js_sys::Date::parse(e) <= now_ms);
        if ended {
            Self::Past
        } else if js_sys::Date::parse(&n.notice.starts_at) > now_ms {
            Self::Upcoming
        } else {
            Self::Current
        }
    }
}
