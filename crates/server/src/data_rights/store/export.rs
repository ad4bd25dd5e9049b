//! The reads behind an export: each section of one account of one tenant. Every query binds
//! both the tenant and the account, so the same account id at another tenant is never read.

use sqlx::Row as _;

use crate::{
    data_rights::export::{
        FeedbackItem, FileItem, IdeaItem, IdeaVote, KbVote, MessageItem, OfferEventItem,
        TicketItem, UsageDay, Withheld,
    },
    db::{Db, Row},
    time::rfc3339,
};

fn at(row: &Row, column: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(rfc3339))
}

pub async fn feedback(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<Vec<FeedbackItem>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, category, message, rating, page, status, answer, answered_at, created_at, \
         account_name, account_email, account_plan, locale FROM feedback \
         WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at, id",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FeedbackItem {
                id: r.try_get("id")?,
                category: r.try_get("category")?,
                message: r.try_get("message")?,
                rating: r.try_get("rating")?,
                page: r.try_get("page")?,
                status: r.try_get("status")?,
                answer: r.try_get("answer")?,
                answered_at: at(r, "answered_at")?,
                created_at: rfc3339(r.try_get("created_at")?),
                account_name: r.try_get("account_name")?,
                account_email: r.try_get("account_email")?,
                account_plan: r.try_get("account_plan")?,
                locale: r.try_get("locale")?,
            })
        })
        .collect()
}

/// The account's tickets with the entries the customer sees (internal notes left out) and
/// their files' names.
pub async fn tickets(db: &Db, tenant: &str, account: &str) -> Result<Vec<TicketItem>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, number, subject, department, priority, status, support_tier, account_name, \
         account_email, account_plan, rating, rating_comment, rated_at, created_at, first_response_at, \
         resolved_at, closed_at FROM tickets \
         WHERE tenant_id = $1 AND account_id = $2 ORDER BY number",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    let mut tickets = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get("id")?;
        let messages = messages(db, tenant, &id).await?;
        tickets.push(TicketItem {
            number: r.try_get("number")?,
            subject: r.try_get("subject")?,
            department: r.try_get("department")?,
            priority: r.try_get("priority")?,
            status: r.try_get("status")?,
            support_tier: r.try_get("support_tier")?,
            account_name: r.try_get("account_name")?,
            account_email: r.try_get("account_email")?,
            account_plan: r.try_get("account_plan")?,
            rating: r.try_get("rating")?,
            rating_comment: r.try_get("rating_comment")?,
            rated_at: at(r, "rated_at")?,
            created_at: rfc3339(r.try_get("created_at")?),
            first_response_at: at(r, "first_response_at")?,
            resolved_at: at(r, "resolved_at")?,
            closed_at: at(r, "closed_at")?,
            messages,
            id,
        });
    }
    Ok(tickets)
}

async fn messages(db: &Db, tenant: &str, ticket: &str) -> Result<Vec<MessageItem>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, kind, author_name, body, status, created_at FROM ticket_messages \
         WHERE tenant_id = $1 AND ticket_id = $2 AND kind <> 'note' ORDER BY created_at, id",
    )
    .bind(tenant)
    .bind(ticket)
    .fetch_all(&db.pool)
    .await?;
    let mut messages = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get("id")?;
        messages.push(MessageItem {
            kind: r.try_get("kind")?,
            author_name: r.try_get("author_name")?,
            body: r.try_get("body")?,
            status: r.try_get("status")?,
            created_at: rfc3339(r.try_get("created_at")?),
            attachments: files(db, "tenant_id = $1 AND message_id = $2", tenant, &id).await?,
            id,
        });
    }
    Ok(messages)
}

/// Files the account uploaded and never sent.
pub async fn uploads(db: &Db, tenant: &str, account: &str) -> Result<Vec<FileItem>, sqlx::Error> {
    files(
        db,
        "tenant_id = $1 AND account_id = $2 AND message_id IS NULL",
        tenant,
        account,
    )
    .await
}

async fn files(db: &Db, filter: &str, a: &str, b: &str) -> Result<Vec<FileItem>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, name, content_type, size, created_at FROM attachments \
         WHERE {filter} ORDER BY created_at, id"
    ))
    .bind(a)
    .bind(b)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FileItem {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                content_type: r.try_get("content_type")?,
                size: r.try_get("size")?,
                created_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

pub async fn offer_events(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<Vec<OfferEventItem>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT rule_id, variant, target, kind, price_diff_cents, currency, created_at \
         FROM offer_events WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at, id",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OfferEventItem {
                rule_id: r.try_get("rule_id")?,
                variant: r.try_get("variant")?,
                target: r.try_get("target")?,
                kind: r.try_get("kind")?,
                price_diff_cents: r.try_get("price_diff_cents")?,
                currency: r.try_get("currency")?,
                created_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

pub async fn offers_first_seen(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<Option<String>, sqlx::Error> {
    let at: Option<i64> = sqlx::query_scalar(
        "SELECT first_seen_at FROM offer_accounts WHERE tenant_id = $1 AND account_id = $2",
    )
    .bind(tenant)
    .bind(account)
    .fetch_optional(&db.pool)
    .await?;
    Ok(at.map(rfc3339))
}

pub async fn usage(db: &Db, tenant: &str, account: &str) -> Result<Vec<UsageDay>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT day, plan, usage FROM usage_days WHERE tenant_id = $1 AND account_id = $2 \
         ORDER BY day",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            let usage: String = r.try_get("usage")?;
            Ok(UsageDay {
                day: r.try_get("day")?,
                plan: r.try_get("plan")?,
                // Written by this server as JSON; a row that is not stays readable as text.
                usage: serde_json::from_str(&usage).unwrap_or(serde_json::Value::String(usage)),
            })
        })
        .collect()
}

pub async fn kb_votes(db: &Db, tenant: &str, account: &str) -> Result<Vec<KbVote>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.article_id, a.title, s.created_at FROM kb_solved s \
         LEFT JOIN kb_articles a ON a.id = s.article_id \
         WHERE s.tenant_id = $1 AND s.account_id = $2 ORDER BY s.created_at, s.article_id",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(KbVote {
                article_id: r.try_get("article_id")?,
                title: r.try_get("title")?,
                created_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

pub async fn ideas(db: &Db, tenant: &str, account: &str) -> Result<Vec<IdeaItem>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, feedback_id, title, body, visibility, status, answer, votes, created_at \
         FROM ideas WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at, id",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(IdeaItem {
                id: r.try_get("id")?,
                feedback_id: r.try_get("feedback_id")?,
                title: r.try_get("title")?,
                body: r.try_get("body")?,
                visibility: r.try_get("visibility")?,
                status: r.try_get("status")?,
                answer: r.try_get("answer")?,
                votes: r.try_get("votes")?,
                created_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

pub async fn idea_votes(
    db: &Db,
    tenant: &str,
    account: &str,
) -> Result<Vec<IdeaVote>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.idea_id, i.title, v.plan, v.created_at FROM idea_votes v \
         JOIN ideas i ON i.id = v.idea_id \
         WHERE v.tenant_id = $1 AND v.account_id = $2 ORDER BY v.created_at, v.idea_id",
    )
    .bind(tenant)
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(IdeaVote {
                idea_id: r.try_get("idea_id")?,
                title: r.try_get("title")?,
                plan: r.try_get("plan")?,
                created_at: rfc3339(r.try_get("created_at")?),
            })
        })
        .collect()
}

/// How many internal notes exist on the account's tickets and feedback.
pub async fn withheld(db: &Db, tenant: &str, account: &str) -> Result<Withheld, sqlx::Error> {
    let ticket_internal_notes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id \
         WHERE t.tenant_id = $1 AND t.account_id = $2 AND m.kind = 'note'",
    )
    .bind(tenant)
    .bind(account)
    .fetch_one(&db.pool)
    .await?;
    let feedback_internal_notes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_notes n JOIN feedback f ON f.id = n.feedback_id \
         WHERE f.tenant_id = $1 AND f.account_id = $2",
    )
    .bind(tenant)
    .bind(account)
    .fetch_one(&db.pool)
    .await?;
    Ok(Withheld {
        ticket_internal_notes,
        feedback_internal_notes,
    })
}
