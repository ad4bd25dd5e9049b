//! Customers' data rights: an admin exports everything panelcare holds about one customer
//! account, or erases it (texts and files go, numbers stay), from the console or the command
//! line; and each tenant may set how long closed tickets and feedback are kept, which the
//! retention job enforces. Every export and erase is audited.

pub mod cli;
mod console;
pub mod export;
pub mod retention;
pub mod store;

use panelcare_model::data_rights::{EXPORT_SCHEMA, Erased};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{audit, db::Db, state::AppState, time};
use export::Export;

/// Routes under `/console/api`.
pub fn console_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(console::export))
        .routes(routes!(console::erase))
        .routes(routes!(console::read_retention, console::save_retention))
}

/// Everything held about `account` of `tenant`. `agent` is who asked (`None`: the command
/// line); the export is audited before it is handed out.
pub async fn export(
    db: &Db,
    tenant: &str,
    account: &str,
    agent: Option<&str>,
) -> Result<Export, sqlx::Error> {
    use store::export as s;
    let tickets = s::tickets(db, tenant, account).await?;
    let ratings = tickets
        .iter()
        .filter_map(|t| {
            t.rating.map(|rating| export::RatingItem {
                ticket_number: t.number,
                rating,
                comment: t.rating_comment.clone(),
                rated_at: t.rated_at.clone(),
            })
        })
        .collect();
    let doc = Export {
        schema: EXPORT_SCHEMA,
        generated_at: time::rfc3339(time::now_ms()),
        tenant: tenant.to_owned(),
        account: account.to_owned(),
        feedback: s::feedback(db, tenant, account).await?,
        ratings,
        tickets,
        uploads: s::uploads(db, tenant, account).await?,
        offer_events: s::offer_events(db, tenant, account).await?,
        offers_first_seen_at: s::offers_first_seen(db, tenant, account).await?,
        usage: s::usage(db, tenant, account).await?,
        kb_votes: s::kb_votes(db, tenant, account).await?,
        ideas: s::ideas(db, tenant, account).await?,
        idea_votes: s::idea_votes(db, tenant, account).await?,
        withheld: s::withheld(db, tenant, account).await?,
    };
    let mut conn = db.pool.acquire().await?;
    audit::store::record_in(&mut conn, tenant, agent, "customer.export", account, "").await?;
    Ok(doc)
}

/// Erases `account` of `tenant` in one transaction with its audit record. Erasing an account
/// already erased changes nothing and reports zeros (and is audited all the same).
pub async fn erase(
    db: &Db,
    tenant: &str,
    account: &str,
    agent: Option<&str>,
) -> Result<Erased, sqlx::Error> {
    // A fresh pseudonym per erase: rows of one account stay together (a report may count
    // per account), but nothing leads from the pseudonym back to the account id.
    let pseudonym = format!("erased-{}", uuid::Uuid::new_v4().simple());
    let mut tx = db.write().await?;
    let erased = store::erase::erase(&mut tx, tenant, account, &pseudonym).await?;
    let detail = serde_json::to_string(&erased).unwrap_or_default();
    audit::store::record_in(&mut tx, tenant, agent, "customer.erase", account, &detail).await?;
    tx.commit().await?;
    Ok(erased)
}
