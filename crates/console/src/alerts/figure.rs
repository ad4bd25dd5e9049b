//! The low-rating part of a numbers card: how many came in the period, how many were
//! answered, the median time from a low rating to the first answer, and what still waits.

use panelcare_model::alerts::numbers::AlertSummary;
use yew::prelude::*;

use super::lang::{attr, texts};
use crate::numbers::{duration, figures};

pub fn section(s: &AlertSummary) -> Html {
    let t = texts();
    let dash = || "–".to_owned();
    html! {
        <section class="c-numbers-part c-numbers-alerts" lang={attr()}>
            <h3 class="c-part-title">{ t.nav }</h3>
            { figures(&[
                (t.numbers_count, s.low_ratings.to_string()),
                (t.numbers_replied, s.replied.to_string()),
                (t.numbers_median, s.median_reply_secs.map_or_else(dash, duration)),
                (t.numbers_waiting, s.waiting.to_string()),
                (t.numbers_longest, s.longest_wait_secs.map_or_else(dash, duration)),
            ]) }
        </section>
    }
}
