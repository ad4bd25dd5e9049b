//! The SLA promise as the customer sees it: when support's answer is due, or that it is late.

use panelcare_model::{sla::SlaState, ticket::TicketSummary};
use yew::prelude::*;

use crate::{i18n::I18n, time};

/// A view function: nothing when no answer is owed.
pub fn promise(i18n: I18n, t: &TicketSummary) -> Html {
    let Some(due) = &t.due_at else {
        return html! {};
    };
    if t.sla_state == Some(SlaState::Breached) {
        return html! { <p class="pc-promise pc-late">{ i18n.t.answer_late }</p> };
    }
    html! {
        <p class="pc-promise">
            { i18n.t.answer_due }{ " " }
            <time datetime={due.clone()} title={time::full(i18n.lang, due)}>{ time::until(i18n.lang, due) }</time>
        </p>
    }
}
