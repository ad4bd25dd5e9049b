//! The writes of an erase, inside the caller's transaction. Texts become [`ERASED`], files
//! and usage go, and the account id on the rows kept becomes a pseudonym: counts, ratings'
//! numbers, SLA times and offer conversions stay for the reports, tied to nobody.

use panelcare_model::data_rights::{ERASED, Erased};

use crate::db::Conn;

/// The account's tickets, as a condition on a `ticket_id` column (`$1` tenant, `$2` account).
const THEIR_TICKETS: &str =
    "ticket_id IN (SELECT id FROM tickets WHERE tenant_id = $1 AND account_id = $2)";

async fn run(conn: &mut Conn, sql: &str, tenant: &str, account: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(tenant)
        .bind(account)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// Erases `account` of `tenant`, replacing its id by `pseudonym` where rows stay.
pub async fn erase(
    conn: &mut Conn,
    tenant: &str,
    account: &str,
    pseudonym: &str,
) -> Result<Erased, sqlx::Error> {
    // Files first, while the messages still say whose ticket they are on: every file on the
    // account's tickets (an agent's reply may carry the customer's screenshot back) and
    // every upload of the account.
    let attachments = run(
        conn,
        &format!(
            "DELETE FROM attachments WHERE tenant_id = $1 AND (account_id = $2 OR message_id IN \
             (SELECT id FROM ticket_messages WHERE {THEIR_TICKETS}))"
        ),
        tenant,
        account,
    )
    .await?;
    // The agents' e-mails and webhook calls about their tickets, sent or waiting: they quote
    // the subject and name the customer. A notification still waiting is dropped with them.
    run(
        conn,
        &format!("DELETE FROM notifications WHERE tenant_id = $1 AND {THEIR_TICKETS}"),
        tenant,
        account,
    )
    .await?;
    // And those about their suggestions, which quote the message.
    run(
        conn,
        "DELETE FROM notifications WHERE tenant_id = $1 AND feedback_id IN \
         (SELECT id FROM feedback WHERE tenant_id = $1 AND account_id = $2)",
        tenant,
        account,
    )
    .await?;
    // Every entry of their threads, replies and notes too: they quote and name the customer.
    let messages = run(
        conn,
        &format!(
            "UPDATE ticket_messages SET body = '{ERASED}', \
             author_name = CASE WHEN kind = 'customer' THEN NULL ELSE author_name END, \
             request_hash = CASE WHEN request_hash IS NULL THEN NULL ELSE '' END \
             WHERE {THEIR_TICKETS} AND body <> '{ERASED}'"
        ),
        tenant,
        account,
    )
    .await?;
    run(
        conn,
        &format!(
            "UPDATE feedback_notes SET body = '{ERASED}' WHERE feedback_id IN \
             (SELECT id FROM feedback WHERE tenant_id = $1 AND account_id = $2)"
        ),
        tenant,
        account,
    )
    .await?;
    let tickets = pseudonymise(
        conn,
        &format!(
            "UPDATE tickets SET subject = '{ERASED}', account_name = NULL, account_email = NULL, \
             account_plan = NULL, locale = NULL, request_hash = '', \
             rating_comment = CASE WHEN rating_comment IS NULL THEN NULL ELSE '{ERASED}' END, \
             account_id = $3 WHERE tenant_id = $1 AND account_id = $2"
        ),
        tenant,
        account,
        pseudonym,
    )
    .await?;
    let feedback = pseudonymise(
        conn,
        &format!(
            "UPDATE feedback SET message = '{ERASED}', account_name = NULL, account_email = NULL, \
             account_plan = NULL, locale = NULL, page = NULL, request_hash = '', \
             answer = CASE WHEN answer IS NULL THEN NULL ELSE '{ERASED}' END, \
             account_id = $3 WHERE tenant_id = $1 AND account_id = $2"
        ),
        tenant,
        account,
        pseudonym,
    )
    .await?;
    let offer_events = pseudonymise(
        conn,
        "UPDATE offer_events SET account_id = $3 WHERE tenant_id = $1 AND account_id = $2",
        tenant,
        account,
        pseudonym,
    )
    .await?;
    let kb_votes = pseudonymise(
        conn,
        "UPDATE kb_solved SET account_id = $3 WHERE tenant_id = $1 AND account_id = $2",
        tenant,
        account,
        pseudonym,
    )
    .await?;
    // The account's ideas leave the board with their text; a merged one stays merged. The
    // votes on them, and the account's own votes, stay counted under the pseudonym.
    let ideas = pseudonymise(
        conn,
        &format!(
            "UPDATE ideas SET title = '{ERASED}', body = '{ERASED}', author_name = NULL, \
             visibility = CASE WHEN visibility = 'merged' THEN 'merged' ELSE 'hidden' END, \
             account_id = $3 WHERE tenant_id = $1 AND account_id = $2"
        ),
        tenant,
        account,
        pseudonym,
    )
    .await?;
    let idea_votes = pseudonymise(
        conn,
        "UPDATE idea_votes SET account_id = $3, plan = NULL WHERE tenant_id = $1 AND account_id = $2",
        tenant,
        account,
        pseudonym,
    )
    .await?;
    for sql in [
        "UPDATE idea_deflections SET account_id = $3 WHERE tenant_id = $1 AND account_id = $2",
        "UPDATE idea_news SET account_id = $3 WHERE tenant_id = $1 AND account_id = $2",
    ] {
        pseudonymise(conn, sql, tenant, account, pseudonym).await?;
    }
    let usage_days = run(
        conn,
        "DELETE FROM usage_days WHERE tenant_id = $1 AND account_id = $2",
        tenant,
        account,
    )
    .await?;
    run(
        conn,
        "DELETE FROM offer_accounts WHERE tenant_id = $1 AND account_id = $2",
        tenant,
        account,
    )
    .await?;
    run(
        conn,
        "DELETE FROM rate_buckets WHERE tenant_id = $1 AND scope = 'account' AND subject = $2",
        tenant,
        account,
    )
    .await?;
    Ok(Erased {
        feedback,
        tickets,
        messages,
        attachments,
        offer_events,
        usage_days,
        kb_votes,
        ideas,
        idea_votes,
    })
}

async fn pseudonymise(
    conn: &mut Conn,
    sql: &str,
    tenant: &str,
    account: &str,
    pseudonym: &str,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sql)
        .bind(tenant)
        .bind(account)
        .bind(pseudonym)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}
