//! One of the customer's stored messages: topic, status, text, rating and the answer.

use panelcare_model::{Feedback, FeedbackStatus};
use yew::prelude::*;

use crate::{i18n::I18n, time};

/// A plain view function rather than a component: lists redraw it cheaply, and each
/// component type costs the bundle its own copy of Yew's component machinery.
pub fn feedback_item(i18n: I18n, f: &Feedback) -> Html {
    let t = i18n.t;
    let status_class = match f.status {
        FeedbackStatus::New => "pc-badge pc-status-new",
        FeedbackStatus::UnderReview => "pc-badge pc-status-review",
        FeedbackStatus::Planned => "pc-badge pc-status-planned",
        FeedbackStatus::Done => "pc-badge pc-status-done",
        FeedbackStatus::Declined => "pc-badge pc-status-declined",
    };
    // Slices of a fixed string ('★' is three bytes) rather than `repeat`, which costs code.
    const FIVE: &str = "★★★★★";
    let stars = f.rating.map(|r| {
        let on = 3 * usize::from(r.clamp(1, 5));
        (&FIVE[..on], &FIVE[on..])
    });
    html! {
        <li class="pc-item" key={f.id.clone()}>
            <div class="pc-item-meta">
                <span class="pc-tag">{ t.category(f.category) }</span>
                <span class={status_class}>{ t.status(f.status) }</span>
                <time class="pc-time" datetime={f.created_at.clone()} title={time::full(i18n.lang, &f.created_at)}>
                    { time::ago(i18n.lang, &f.created_at) }
                </time>
            </div>
            <p class="pc-message">{ &f.message }</p>
            if let (Some(r), Some((on, off))) = (f.rating, stars) {
                <p class="pc-given-rating">
                    <span class="pc-sr">{ format!("{}: ", t.your_rating) }</span>
                    <span aria-hidden="true">{ on }<span class="pc-dim">{ off }</span></span>
                    <span class="pc-sr">{ i18n.plural(&t.stars, u64::from(r)) }</span>
                </p>
            }
            if let Some(answer) = &f.answer {
                <div class="pc-answer">
                    <p class="pc-answer-title">{ t.answer_title }</p>
                    <p class="pc-message">{ answer }</p>
                </div>
            }
        </li>
    }
}
