//! `GET /api/v1/notices`: what is happening now or soon that concerns this customer.

use axum::{Json, extract::State};
use panelcare_model::notice::NoticeList;

use super::store;
use crate::{auth::Customer, error::AppResult, openapi::Refusals, state::AppState, time};

#[utoipa::path(
    get, path = "/notices", tag = "notices", operation_id = "list_notices",
    summary = "Current and upcoming notices that concern this customer",
    description = "A notice naming plans or servers is listed only to customers on one of them \
        (or whose token names no plan or server); one naming none, to everyone.",
    security(("customer_token" = [])),
    responses((status = 200, body = NoticeList), Refusals),
)]
pub async fn list(State(state): State<AppState>, who: Customer) -> AppResult<Json<NoticeList>> {
    let items = store::current_and_upcoming(&state.db, &who.tenant_id, time::now_ms())
        .await?
        .into_iter()
        // A notice naming plans or servers concerns only customers on them; one naming none
        // concerns everyone. A customer whose panel does not say its plan or server sees it.
        .filter(|n| {
            let on = |list: &[String], mine: &Option<String>| {
                list.is_empty()
                    || mine
                        .as_ref()
                        .is_none_or(|m| list.iter().any(|x| x.eq_ignore_ascii_case(m)))
            };
            on(&n.affected_plans, &who.plan) && on(&n.affected_servers, &who.server)
        })
        .collect();
    Ok(Json(NoticeList { items }))
}
