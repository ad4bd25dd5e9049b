//! The support half of a numbers card — tickets opened, SLA kept, ticket ratings and the
//! share of problems an article solved — with SLA kept per priority, and SLA kept per agent
//! under the cards.

use panelcare_model::ticket::numbers::{AgentSla, SlaKept, TenantTickets, TicketSummary};
use yew::prelude::*;

use super::{
    chart::{per_day, shares},
    figures, percent,
};
use crate::tickets::text;

/// "12 of 14 (86 %)", or "–" with nothing owed.
fn kept(s: &SlaKept) -> String {
    match s.share() {
        Some(share) => format!("{} of {} ({:.0} %)", s.met, s.answers, share * 100.0),
        None => "–".into(),
    }
}

pub fn section(s: &TicketSummary, days: u32) -> Html {
    let priorities: Vec<(String, SlaKept)> = s
        .by_priority
        .iter()
        .map(|p| (text::priority(p.priority).to_owned(), p.sla))
        .collect();
    html! {
        <section class="c-numbers-part c-numbers-tickets">
            <h3 class="c-part-title">{ "Support tickets" }</h3>
            { figures(&[
                ("Tickets", s.opened.to_string()),
                ("Answered within the SLA", percent(s.sla.share())),
                ("Ticket rating", match s.average_rating {
                    Some(r) => format!("{r:.1} ★ ({})", s.ratings),
                    None => "–".into(),
                }),
                ("Solved by an article", match s.deflection_rate {
                    Some(d) => format!("{:.0} % ({})", d * 100.0, s.solved_by_article),
                    None => "–".into(),
                }),
            ]) }
            { per_day(&s.per_day, days, "Tickets") }
            { shares("SLA kept per priority", &priorities) }
        </section>
    }
}

/// SLA kept per agent, across the tenants in view.
pub fn by_agent(agents: &[AgentSla], tenants: &[TenantTickets]) -> Html {
    if agents.is_empty() {
        return html! {};
    }
    let tenant = |id: &str| {
        tenants
            .iter()
            .find(|t| t.tenant_id == id)
            .map_or(id.to_owned(), |t| t.tenant_name.clone())
    };
    let rows: Vec<(String, SlaKept)> = agents
        .iter()
        .map(|a| {
            (
                format!("{} · {}", a.agent.name, tenant(&a.tenant_id)),
                a.sla,
            )
        })
        .collect();
    html! {
        <article class="c-card c-numbers-agents" aria-labelledby="c-agents-sla">
            <h2 id="c-agents-sla">{ "SLA kept per agent" }</h2>
            { shares("Answers in time per agent", &rows) }
            <table class="c-table">
                <thead><tr><th scope="col">{ "Agent" }</th><th scope="col">{ "Answers in time" }</th></tr></thead>
                <tbody>{ for rows.iter().map(|(who, s)| html! { <tr><td>{ who }</td><td>{ kept(s) }</td></tr> }) }</tbody>
            </table>
        </article>
    }
}
