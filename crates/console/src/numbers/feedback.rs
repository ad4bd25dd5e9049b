//! The feedback half of a numbers card: suggestions, average rating, share answered, median
//! time to first answer, and suggestions per day.

use panelcare_model::numbers::Summary;
use yew::prelude::*;

use super::{chart::per_day, duration, figures, percent};

pub fn section(s: &Summary, days: u32) -> Html {
    let counts: Vec<i64> = s.per_day.iter().map(|n| i64::from(*n)).collect();
    html! {
        <section class="c-numbers-part">
            <h3 class="c-part-title">{ "Feedback" }</h3>
            { figures(&[
                ("Suggestions", s.count.to_string()),
                ("Average rating", s.average_rating.map_or("–".into(), |r| format!("{r:.1} ★"))),
                ("Answered", percent(s.answered_share)),
                ("Median time to first answer", s.median_first_answer_secs.map_or("–".into(), duration)),
            ]) }
            { per_day(&counts, days, "Suggestions") }
        </section>
    }
}
