//! `GET /console/api/ticket-numbers`: SLA kept per tenant, priority and agent; ticket ratings;
//! the knowledge base's deflection rate — over the same period as the feedback numbers.

use axum::{Json, extract::State};
use panelcare_model::{
    numbers::PERIOD_DAYS,
    sla::Priority,
    ticket::{
        console::AgentRef,
        numbers::{
            AgentSla, PrioritySla, SlaKept, TenantTickets, TicketNumbers, TicketSummary, deflection,
        },
    },
};

use crate::{
    console::SignedIn,
    error::AppResult,
    kb,
    openapi::Refusals,
    state::AppState,
    tenants::store as tenants,
    tickets::store::numbers::{self as store, Answer},
    time,
};

const DAY_MS: i64 = 86_400_000;

/// Raw facts of the period, read once and summed per tenant.
struct Facts {
    /// (tenant, created_at, rating)
    tickets: Vec<(String, i64, Option<i64>)>,
    answers: Vec<Answer>,
    /// (tenant, solved count)
    solved: Vec<(String, i64)>,
}

fn summarise(facts: &Facts, tenant: Option<&str>, now: i64) -> TicketSummary {
    let mine = |t: &str| tenant.is_none_or(|x| x == t);
    let today = now.div_euclid(DAY_MS);
    let first = today - i64::from(PERIOD_DAYS) + 1;
    let mut per_day = vec![0i64; PERIOD_DAYS as usize];
    let (mut opened, mut ratings, mut rating_sum) = (0, 0, 0);
    for (_, created, rating) in facts.tickets.iter().filter(|f| mine(&f.0)) {
        let day = created.div_euclid(DAY_MS);
        if day >= first && day <= today {
            opened += 1;
            if let Some(slot) = per_day.get_mut((day - first) as usize) {
                *slot += 1;
            }
        }
        if let Some(r) = rating {
            ratings += 1;
            rating_sum += r;
        }
    }
    let mut sla = SlaKept::default();
    let mut by_priority: Vec<PrioritySla> = Priority::ALL
        .iter()
        .rev()
        .map(|p| PrioritySla {
            priority: *p,
            sla: SlaKept::default(),
        })
        .collect();
    for (_, priority, _, _, met) in facts.answers.iter().filter(|a| mine(&a.0)) {
        sla.answers += 1;
        sla.met += i64::from(*met);
        if let Some(p) = by_priority
            .iter_mut()
            .find(|p| p.priority.as_str() == priority)
        {
            p.sla.answers += 1;
            p.sla.met += i64::from(*met);
        }
    }
    let solved: i64 = facts
        .solved
        .iter()
        .filter(|s| mine(&s.0))
        .map(|s| s.1)
        .sum();
    TicketSummary {
        opened,
        per_day,
        sla,
        by_priority,
        ratings,
        average_rating: (ratings > 0).then(|| rating_sum as f64 / ratings as f64),
        solved_by_article: solved,
        deflection_rate: deflection(solved, opened),
    }
}

#[utoipa::path(
    get, path = "/ticket-numbers", tag = "tickets", operation_id = "console_get_ticket_numbers",
    summary = "Ticket numbers over the period: SLA kept, ratings, deflection",
    description = "Per tenant in scope, in total, and per agent; the period is the feedback \
        numbers' (`period_days`).",
    security(("console_session" = [])),
    responses((status = 200, body = TicketNumbers), Refusals),
)]
pub async fn numbers(
    State(state): State<AppState>,
    who: SignedIn,
) -> AppResult<Json<TicketNumbers>> {
    let scope = who.scope();
    let now = time::now_ms();
    let since = (now.div_euclid(DAY_MS) - i64::from(PERIOD_DAYS) + 1) * DAY_MS;
    let tenants = tenants::in_scope(&state.db, &scope).await?;
    let facts = Facts {
        tickets: store::opened(&state.db, &scope, since).await?,
        answers: store::answers(&state.db, &scope, since).await?,
        solved: kb::store::solved_per_tenant(&state.db, &scope, since).await?,
    };
    let mut by_agent: Vec<AgentSla> = Vec::new();
    for (tenant, _, agent, name, met) in &facts.answers {
        let Some(id) = agent else { continue };
        let entry = match by_agent.iter_mut().position(|a| &a.agent.id == id) {
            Some(i) => &mut by_agent[i],
            None => {
                by_agent.push(AgentSla {
                    agent: AgentRef {
                        id: id.clone(),
                        name: name.clone().unwrap_or_default(),
                    },
                    tenant_id: tenant.clone(),
                    sla: SlaKept::default(),
                });
                let last = by_agent.len() - 1;
                &mut by_agent[last]
            }
        };
        entry.sla.answers += 1;
        entry.sla.met += i64::from(*met);
    }
    by_agent.sort_by(|a, b| a.agent.name.cmp(&b.agent.name));
    Ok(Json(TicketNumbers {
        period_days: PERIOD_DAYS,
        tenants: tenants
            .into_iter()
            .map(|t| TenantTickets {
                summary: summarise(&facts, Some(&t.id), now),
                tenant_id: t.id,
                tenant_name: t.name,
            })
            .collect(),
        total: summarise(&facts, None, now),
        by_agent,
    }))
}
