//! A ticket's thread: appending an entry, finding one written before under the same
//! idempotency key, and reading the thread. A customer's thread never contains internal
//! notes: the statement that reads it leaves them out, so no later filter can forget to.

use panelcare_model::ticket::{MessageKind, TicketStatus};
use sqlx::Row as _;

use super::bad;
use crate::db::{Conn, Db, Engine, Row};

/// An entry to append.
#[derive(Debug)]
pub struct NewEntry<'a> {
    pub tenant_id: &'a str,
    pub ticket_id: &'a str,
    pub kind: MessageKind,
    /// The agent who wrote it, for entries written in the console.
    pub agent_id: Option<&'a str>,
    /// The name the helpdesk gave, for replies written there (no agent row).
    pub author_name: Option<&'a str>,
    pub body: &'a str,
    /// For a status-change event: the status the ticket moved to.
    pub status: Option<TicketStatus>,
    /// The idempotency key and request hash it was sent with, if any.
    pub key: Option<(&'a str, &'a str)>,
    pub now_ms: i64,
}

/// Appends one entry to a thread; returns its id.
pub(in crate::tickets) async fn add(
    conn: &mut Conn,
    e: &NewEntry<'_>,
) -> Result<String, sqlx::Error> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO ticket_messages (id, ticket_id, tenant_id, kind, agent_id, body, status, \
         idempotency_key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&id)
    .bind(e.ticket_id)
    .bind(e.tenant_id)
    .bind(e.kind.as_str())
    .bind(e.agent_id)
    .bind(e.body)
    .bind(e.status.map(TicketStatus::as_str))
    .bind(e.key.map(|k| k.0))
    .bind(e.key.map(|k| k.1))
    .bind(e.now_ms)
    .execute(&mut *conn)
    .await?;
    if let Some(name) = e.author_name {
        sqlx::query("UPDATE ticket_messages SET author_name = $1 WHERE id = $2")
            .bind(name)
            .bind(&id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// The entry written on `ticket_id` under idempotency key `key`: its id and request hash.
pub async fn by_key(
    conn: &mut Conn,
    ticket_id: &str,
    key: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, request_hash FROM ticket_messages WHERE ticket_id = $1 AND idempotency_key = $2",
    )
    .bind(ticket_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await
}

/// The customer's first message on a ticket (the one it was opened with).
pub async fn first_from_customer(conn: &mut Conn, ticket_id: &str) -> Result<String, sqlx::Error> {
    let order = Engine::of(conn).insertion_order("m");
    sqlx::query_scalar(&format!(
        "SELECT m.id FROM ticket_messages m WHERE m.ticket_id = $1 AND m.kind = 'customer' \
         ORDER BY m.created_at, {order} LIMIT 1"
    ))
    .bind(ticket_id)
    .fetch_one(&mut *conn)
    .await
}

/// One entry of a thread, without its files.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub kind: MessageKind,
    /// The agent's name, the helpdesk's author, or empty for the customer.
    pub author: String,
    pub body: String,
    pub status: Option<TicketStatus>,
    pub created_at: i64,
}

const ENTRY: &str = "SELECT m.id, m.kind, m.body, m.status, m.created_at, \
     COALESCE(a.name, m.author_name, '') AS author \
     FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id";

fn entry(row: &Row) -> Result<Entry, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let status: Option<String> = row.try_get("status")?;
    Ok(Entry {
        id: row.try_get("id")?,
        kind: MessageKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
        author: row.try_get("author")?,
        body: row.try_get("body")?,
        status: status.as_deref().and_then(TicketStatus::parse),
        created_at: row.try_get("created_at")?,
    })
}

/// One entry by id.
pub async fn one(db: &Db, id: &str) -> Result<Option<Entry>, sqlx::Error> {
    let row = sqlx::query(&format!("{ENTRY} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(entry).transpose()
}

/// The thread of `ticket_id` as its customer sees it, oldest first: no internal notes.
pub async fn customer_thread(db: &Db, ticket_id: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let order = db.engine().insertion_order("m");
    let rows = sqlx::query(&format!(
        "{ENTRY} WHERE m.ticket_id = $1 AND m.kind != 'note' ORDER BY m.created_at, {order}"
    ))
    .bind(ticket_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(entry).collect()
}

/// The whole thread of `ticket_id`, internal notes included: for agents only.
pub async fn agent_thread(db: &Db, ticket_id: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let order = db.engine().insertion_order("m");
    let rows = sqlx::query(&format!(
        "{ENTRY} WHERE m.ticket_id = $1 ORDER BY m.created_at, {order}"
    ))
    .bind(ticket_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(entry).collect()
}
