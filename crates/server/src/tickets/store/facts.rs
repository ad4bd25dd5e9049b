//! What other features read of a ticket: the facts a notification states, and the ticket as
//! the helpdesk gets it over the bridge.

use sqlx::Row as _;

use crate::db::{Conn, Db};

/// What a notification about a ticket says.
#[derive(Debug)]
pub struct Facts {
    pub tenant_id: String,
    pub tenant_name: String,
    pub number: i64,
    pub subject: String,
    pub priority: String,
    pub status: String,
    pub due_at: Option<i64>,
    /// The customer's name, or their account id when the host sent none.
    pub customer: String,
}

pub async fn facts(conn: &mut Conn, id: &str) -> Result<Facts, sqlx::Error> {
    let t = sqlx::query(
        "SELECT t.tenant_id, tn.name AS tenant_name, t.number, t.subject, t.priority, t.status, \
         t.due_at, t.account_name, t.account_id FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id \
         WHERE t.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Facts {
        tenant_id: t.try_get("tenant_id")?,
        tenant_name: t.try_get("tenant_name")?,
        number: t.try_get("number")?,
        subject: t.try_get("subject")?,
        priority: t.try_get("priority")?,
        status: t.try_get("status")?,
        due_at: t.try_get("due_at")?,
        customer: t
            .try_get::<Option<String>, _>("account_name")?
            .unwrap_or(t.try_get("account_id")?),
    })
}

/// A ticket as the helpdesk gets it over the bridge.
#[derive(Debug)]
pub struct ForHelpdesk {
    pub number: i64,
    pub subject: Option<String>,
    pub department: Option<String>,
    pub priority: Option<String>,
    pub status: Option<String>,
    pub account_id: Option<String>,
    pub account_name: Option<String>,
    pub account_email: Option<String>,
    pub locale: Option<String>,
    pub external_ref: Option<String>,
}

pub async fn for_helpdesk(db: &Db, id: &str) -> Result<ForHelpdesk, sqlx::Error> {
    let t = sqlx::query(
        "SELECT id, number, subject, department, priority, status, account_id, account_name, \
         account_email, locale, external_ref FROM tickets WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    Ok(ForHelpdesk {
        number: t.try_get("number")?,
        subject: t.try_get("subject")?,
        department: t.try_get("department")?,
        priority: t.try_get("priority")?,
        status: t.try_get("status")?,
        account_id: t.try_get("account_id")?,
        account_name: t.try_get("account_name")?,
        account_email: t.try_get("account_email")?,
        locale: t.try_get("locale")?,
        external_ref: t.try_get("external_ref")?,
    })
}
