//! How the ideas screens name statuses, visibility and money.

use panelcare_model::{
    Lang,
    ideas::{IdeaStatus, IdeaVisibility, QueuedIdea},
    offers::format,
};

pub fn status(s: IdeaStatus) -> &'static str {
    match s {
        IdeaStatus::Open => "Open",
        IdeaStatus::UnderReview => "Under review",
        IdeaStatus::Planned => "Planned",
        IdeaStatus::InProgress => "In progress",
        IdeaStatus::Shipped => "Shipped",
        IdeaStatus::Declined => "Declined",
    }
}

pub fn visibility(v: IdeaVisibility) -> &'static str {
    match v {
        IdeaVisibility::Pending => "Waiting to be published",
        IdeaVisibility::Published => "Published",
        IdeaVisibility::Hidden => "Hidden",
        IdeaVisibility::Merged => "Merged",
    }
}

/// "1 vote", "3 votes".
pub fn votes(n: i64) -> String {
    format!("{n} vote{}", if n == 1 { "" } else { "s" })
}

/// What the idea's voters pay a month ("€13.00 a month"), or why there is no figure.
pub fn revenue(i: &QueuedIdea) -> String {
    if i.currency.is_empty() {
        "no plan prices".into()
    } else {
        format!(
            "{} a month",
            format::money(i.revenue_cents, &i.currency, Lang::En)
        )
    }
}
