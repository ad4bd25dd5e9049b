//! Due times with business hours, in the tenant's time zone (daylight-saving changes
//! included): the clock runs only while support is open.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

use super::{BusinessHours, MAX_TARGET_MINUTES, Priority, SlaPolicy};

/// Whether `name` is a time zone of the bundled database (`Europe/Belgrade`, `UTC`…).
pub fn known_time_zone(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

/// When support must answer a message sent at `from_ms` (Unix milliseconds): the first answer
/// of a ticket when `first`, otherwise the next one.
///
/// Critical tickets, policies without business hours and (defensively) zones the database
/// does not know run around the clock.
pub fn due_at(policy: &SlaPolicy, priority: Priority, first: bool, from_ms: i64) -> i64 {
    let targets = if first {
        &policy.first_response
    } else {
        &policy.next_response
    };
    let target_ms = i64::from(targets.of(priority).clamp(1, MAX_TARGET_MINUTES)) * 60_000;
    let around_the_clock = from_ms + target_ms;
    match &policy.business_hours {
        Some(hours) if priority != Priority::Critical => {
            in_business_time(hours, from_ms, target_ms).unwrap_or(around_the_clock)
        }
        _ => around_the_clock,
    }
}

/// `from_ms` plus `target_ms` of open time; `None` if the zone or dates cannot be used.
fn in_business_time(hours: &BusinessHours, from_ms: i64, target_ms: i64) -> Option<i64> {
    let tz = TimeZone::get(&hours.time_zone).ok()?;
    let mut date = Timestamp::from_millisecond(from_ms)
        .ok()?
        .to_zoned(tz.clone())
        .date();
    let mut left = target_ms;
    // A target is at most a day and an open day at least a minute, so 1,440 weeks suffice.
    for _ in 0..(7 * usize::try_from(MAX_TARGET_MINUTES).ok()?) {
        let weekday = usize::try_from(date.weekday().to_monday_zero_offset()).ok()?;
        if let Some(h) = hours.days.get(weekday).copied().flatten() {
            let open = instant(&tz, date, h.start)?.max(from_ms);
            let close = instant(&tz, date, h.end)?;
            if open < close {
                if left <= close - open {
                    return Some(open + left);
                }
                left -= close - open;
            }
        }
        date = date.tomorrow().ok()?;
    }
    None
}

/// The instant of `minutes` after local midnight on `date` (1,440 is the next midnight). A
/// local time skipped by a daylight-saving change moves forward by the gap, as calendars do
/// (02:30 on the night clocks jump from 02:00 to 03:00 is 03:30).
fn instant(tz: &TimeZone, date: Date, minutes: u16) -> Option<i64> {
    let (date, minutes) = if minutes >= 24 * 60 {
        (date.tomorrow().ok()?, 0)
    } else {
        (date, minutes)
    };
    let hour = i8::try_from(minutes / 60).ok()?;
    let minute = i8::try_from(minutes % 60).ok()?;
    let zoned = date.at(hour, minute, 0, 0).to_zoned(tz.clone()).ok()?;
    Some(zoned.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::super::{Hours, Targets};
    use super::*;

    /// Unix milliseconds of a local time in `zone`.
    fn at(zone: &str, when: &str) -> i64 {
        let dt: jiff::civil::DateTime = when.parse().unwrap();
        dt.to_zoned(TimeZone::get(zone).unwrap())
            .unwrap()
            .timestamp()
            .as_millisecond()
    }

    fn office(zone: &str) -> SlaPolicy {
        let nine_to_five = Some(Hours {
            start: 9 * 60,
            end: 17 * 60,
        });
        SlaPolicy {
            business_hours: Some(BusinessHours {
                time_zone: zone.into(),
                days: [
                    nine_to_five,
                    nine_to_five,
                    nine_to_five,
                    nine_to_five,
                    nine_to_five,
                    None,
                    None,
                ],
            }),
            ..Default::default()
        }
    }

    const BG: &str = "Europe/Belgrade";

    #[test]
    fn around_the_clock_crosses_midnight() {
        let p = SlaPolicy::default();
        let from = at(BG, "2026-11-20T23:30");
        assert_eq!(
            due_at(&p, Priority::Critical, true, from),
            at(BG, "2026-11-21T00:30")
        );
        assert_eq!(
            due_at(&p, Priority::Low, true, from),
            at(BG, "2026-11-21T23:30")
        );
    }

    #[test]
    fn office_hours_pause_over_the_night_and_the_weekend() {
        let p = office(BG);
        // Friday 16:00, high (4 h): one hour on Friday, three on Monday.
        assert_eq!(
            due_at(&p, Priority::High, true, at(BG, "2026-11-20T16:00")),
            at(BG, "2026-11-23T12:00")
        );
        // Saturday, normal (12 h): Monday 9–17 is 8 h, then 4 h on Tuesday.
        assert_eq!(
            due_at(&p, Priority::Normal, true, at(BG, "2026-11-21T10:00")),
            at(BG, "2026-11-24T13:00")
        );
        // Tuesday 07:00, before opening: the clock starts at 09:00.
        assert_eq!(
            due_at(&p, Priority::High, true, at(BG, "2026-11-24T07:00")),
            at(BG, "2026-11-24T13:00")
        );
        // Exactly at closing time: the next morning.
        assert_eq!(
            due_at(&p, Priority::High, false, at(BG, "2026-11-24T17:00")),
            at(BG, "2026-11-25T13:00")
        );
    }

    #[test]
    fn critical_ignores_business_hours() {
        let p = office(BG);
        let saturday = at(BG, "2026-11-21T03:10");
        assert_eq!(
            due_at(&p, Priority::Critical, true, saturday),
            saturday + 3_600_000
        );
    }

    #[test]
    fn the_same_policy_in_another_zone_is_another_instant() {
        let from = at("UTC", "2026-11-23T12:00"); // Monday noon UTC
        // Tokyo (UTC+9): 21:00, closed; Tuesday 09:00 + 4 h = 13:00 Tokyo = 04:00 UTC.
        assert_eq!(
            due_at(&office("Asia/Tokyo"), Priority::High, true, from),
            at("UTC", "2026-11-24T04:00")
        );
        // New York (UTC−5): 07:00, opens at 09:00 = 14:00 UTC, + 4 h = 18:00 UTC.
        assert_eq!(
            due_at(&office("America/New_York"), Priority::High, true, from),
            at("UTC", "2026-11-23T18:00")
        );
    }

    #[test]
    fn daylight_saving_changes_count_real_time() {
        // Open every day, all day: Belgrade moves from 02:00 to 03:00 on 29 March 2026.
        let always = SlaPolicy {
            business_hours: Some(BusinessHours {
                time_zone: BG.into(),
                days: [Some(Hours {
                    start: 0,
                    end: 24 * 60,
                }); 7],
            }),
            ..Default::default()
        };
        let from = at(BG, "2026-03-28T22:00");
        let due = due_at(&always, Priority::Normal, true, from);
        assert_eq!(due - from, 12 * 3_600_000, "twelve real hours");
        assert_eq!(due, at(BG, "2026-03-29T11:00"), "which reads 11:00 locally");
        // An office that opens at 02:30 that night opens at 03:30, as a calendar would.
        let mut early = office(BG);
        if let Some(h) = &mut early.business_hours {
            h.days[6] = Some(Hours {
                start: 150,
                end: 240,
            });
        }
        assert_eq!(
            due_at(&early, Priority::High, true, at(BG, "2026-03-29T00:00")),
            at(BG, "2026-03-30T12:30"),
            "half an hour on Sunday (03:30–04:00), three and a half on Monday"
        );
    }

    #[test]
    fn an_unknown_zone_runs_around_the_clock() {
        let p = office("Mars/Olympus_Mons");
        assert!(!known_time_zone("Mars/Olympus_Mons"));
        assert!(known_time_zone(BG));
        assert_eq!(due_at(&p, Priority::Low, true, 0), 24 * 3_600_000);
    }

    #[test]
    fn the_next_response_uses_its_own_targets() {
        let p = SlaPolicy {
            next_response: Targets {
                critical: 30,
                ..Targets::default()
            },
            ..Default::default()
        };
        assert_eq!(due_at(&p, Priority::Critical, false, 0), 30 * 60_000);
        assert_eq!(due_at(&p, Priority::Critical, true, 0), 60 * 60_000);
    }
}
