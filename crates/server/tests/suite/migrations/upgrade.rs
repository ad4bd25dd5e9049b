//! Upgrading a fixture database as the server opens it, and what must hold afterwards: a
//! fresh database's schema, every old row, sqlx's records, an outbox that never reuses an id,
//! and the server answering from the old rows.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use axum::{body::Body, http::Request};
use panelcare_model::{
    branding::Branding,
    notify::NotifySettings,
    offers::{Catalogue, Overrides, Rule},
    ticket::TicketSettings,
};
use sqlx::{Connection as _, SqliteConnection};

use super::{
    fixture_db::{Applied, applied, load, open, rows, scalar_i64, schema, tables, texts},
    listing::embedded,
};
use crate::common::{TestApp, Who, get, token};

/// What a fixture held before it was upgraded.
pub struct Before {
    pub applied: Vec<Applied>,
    /// bridge_outbox's CREATE statement, if it had the table.
    pub outbox_sql: Option<String>,
    /// The highest outbox id it knew of: its counter or its highest row.
    pub outbox_high: i64,
}

async fn outbox_high(conn: &mut SqliteConnection) -> i64 {
    // sqlite_sequence exists once a table with AUTOINCREMENT was made.
    let counted: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence')",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let seq = match counted {
        true => {
            scalar_i64(
                conn,
                "SELECT seq FROM sqlite_sequence WHERE name = 'bridge_outbox'",
            )
            .await
        }
        false => None,
    };
    let max = scalar_i64(conn, "SELECT MAX(id) FROM bridge_outbox").await;
    seq.unwrap_or(0).max(max.unwrap_or(0))
}

pub async fn fresh_schema() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.sqlite");
    crate::common::connect(path.to_str().unwrap())
        .await
        .unwrap()
        .pool
        .close()
        .await;
    schema(&mut open(&path).await).await
}

/// Loads fixture `name` into `dir`, opens it as the server does, and checks the schema,
/// every row and sqlx's records against a fresh database.
pub async fn upgrade(name: &str, dir: &Path) -> (PathBuf, Before) {
    let path = dir.join("old.sqlite");
    load(name, &path).await;
    let mut conn = open(&path).await;
    let old_tables = tables(&mut conn).await;
    let mut old_rows = BTreeMap::new();
    // The counter table is checked on its own below: the rebuild may add its row.
    for (table, columns) in old_tables.iter().filter(|(t, _)| *t != "sqlite_sequence") {
        old_rows.insert(table.clone(), rows(&mut conn, table, columns).await);
    }
    let has_outbox = old_tables.contains_key("bridge_outbox");
    let before = Before {
        applied: applied(&mut conn).await,
        outbox_sql: match has_outbox {
            true => texts(
                &mut conn,
                "SELECT sql FROM sqlite_master WHERE name = 'bridge_outbox'",
            )
            .await
            .pop(),
            false => None,
        },
        outbox_high: if has_outbox {
            outbox_high(&mut conn).await
        } else {
            0
        },
    };
    conn.close().await.unwrap();

    let db = crate::common::connect(path.to_str().unwrap())
        .await
        .unwrap_or_else(|e| panic!("{name} does not start: {e}"));
    db.pool.close().await;

    let mut conn = open(&path).await;
    let got = schema(&mut conn).await;
    let want = fresh_schema().await;
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>(),
        "{name}: other schema objects than a fresh database's"
    );
    for (object, about) in &want {
        assert_eq!(
            &got[object], about,
            "{name}: {object} differs from a fresh database's"
        );
    }
    // Secrets are sealed at the first start on SQLite (tests/suite/secrets.rs checks they
    // open to what was stored): their rows change, their number does not.
    let sealed = ["tenant_keys", "notify_settings", "server_secrets"];
    for (table, columns) in old_tables.iter().filter(|(t, _)| *t != "sqlite_sequence") {
        let now = rows(&mut conn, table, columns).await;
        if sealed.contains(&table.as_ref()) {
            assert_eq!(now.len(), old_rows[table].len(), "{name}: rows of {table}");
            assert!(now.iter().all(|r| r.contains("enc:v1:")), "{name}: {now:?}");
            continue;
        }
        assert_eq!(now, old_rows[table], "{name}: the rows of {table} changed");
    }
    let now = applied(&mut conn).await;
    let recorded: Vec<(i64, String)> = now
        .iter()
        .map(|a| (a.version, a.checksum.clone()))
        .collect();
    assert_eq!(
        recorded,
        embedded(),
        "{name}: _sqlx_migrations after the upgrade"
    );
    assert!(
        now.iter().all(|a| a.success),
        "{name}: a migration is recorded as failed"
    );
    for old in &before.applied {
        let new = now.iter().find(|a| a.version == old.version).unwrap();
        assert_eq!(
            (&new.description, &new.installed_on, new.execution_time),
            (&old.description, &old.installed_on, old.execution_time),
            "{name}: the record of migration {} changed beyond its checksum",
            old.version
        );
    }
    let sql = texts(
        &mut conn,
        "SELECT sql FROM sqlite_master WHERE name = 'bridge_outbox'",
    )
    .await;
    assert!(sql[0].contains("AUTOINCREMENT"), "{name}: {}", sql[0]);
    // A table of the first 0013 did not record the ids of deleted top rows: its ids go on a
    // million past the highest row (migration 0014).
    let first_0013 = before
        .outbox_sql
        .as_deref()
        .is_some_and(|sql| !sql.contains("AUTOINCREMENT"));
    let gap = if first_0013 { 1_000_000 } else { 0 };
    assert_eq!(
        outbox_high(&mut conn).await,
        before.outbox_high + gap,
        "{name}: the outbox counter goes on past every id it may have handed out"
    );
    json_still_parses(&mut conn).await;
    conn.close().await.unwrap();
    (path, before)
}

/// The JSON the server stored then still reads as today's types.
async fn json_still_parses(conn: &mut SqliteConnection) {
    for b in texts(
        conn,
        "SELECT branding FROM tenants WHERE branding IS NOT NULL",
    )
    .await
    {
        serde_json::from_str::<Branding>(&b).expect("branding");
    }
    for s in texts(conn, "SELECT settings FROM ticket_settings").await {
        serde_json::from_str::<TicketSettings>(&s).expect("ticket settings");
    }
    for s in texts(conn, "SELECT settings FROM notify_settings").await {
        serde_json::from_str::<NotifySettings>(&s).expect("notify settings");
    }
    for c in texts(
        conn,
        "SELECT catalogue FROM offer_catalogues WHERE catalogue IS NOT NULL",
    )
    .await
    {
        serde_json::from_str::<Catalogue>(&c).expect("catalogue");
    }
    for o in texts(
        conn,
        "SELECT overrides FROM offer_catalogues WHERE overrides IS NOT NULL",
    )
    .await
    {
        serde_json::from_str::<Overrides>(&o).expect("overrides");
    }
    for r in texts(conn, "SELECT rule FROM offer_rules").await {
        serde_json::from_str::<Rule>(&r).expect("rule");
    }
}

/// An outbox row after deleting the highest one never takes its id.
pub async fn outbox_ids_are_never_reused(path: &Path, high: i64) {
    let mut conn = open(path).await;
    let insert = "INSERT INTO bridge_outbox (tenant_id, ticket_id, event, next_attempt_at, \
                  created_at) SELECT tenant_id, id, 'ticket.status', 0, 0 FROM tickets \
                  ORDER BY number LIMIT 1 RETURNING id";
    let first = scalar_i64(&mut conn, insert).await.unwrap();
    assert!(
        first > high,
        "id {first} was handed out before (up to {high})"
    );
    sqlx::query("DELETE FROM bridge_outbox WHERE id = $1")
        .bind(first)
        .execute(&mut conn)
        .await
        .unwrap();
    let second = scalar_i64(&mut conn, insert).await.unwrap();
    assert!(
        second > first,
        "the deleted id {first} came back as {second}"
    );
}

/// What every fixture serves: alice's tickets in the widget, with the thread and its file,
/// and the queue in the console for an agent signed in with the password the fixture has.
pub async fn serves_the_old_rows(app: &TestApp) {
    let alice = token("acme", "alice");
    let (s, list, _) = app.send(get("/api/v1/tickets", &alice)).await;
    assert_eq!(s, 200, "{list}");
    let mut numbers: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_i64().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, [1001, 1003]);
    let t1 = "1461e133-271d-4c75-a3b3-c7361d14ea67";
    let (s, thread, _) = app
        .send(get(&format!("/api/v1/tickets/{t1}"), &alice))
        .await;
    assert_eq!(s, 200, "{thread}");
    let text = thread.to_string();
    assert!(
        text.contains("I switched the domain back to PHP 7.4"),
        "{text}"
    );
    assert!(
        !text.contains("mysql_* functions are gone"),
        "a note reached the customer"
    );
    // The file kept in the old database downloads from the address the thread gives.
    let file = thread["messages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["attachments"].as_array().into_iter().flatten())
        .find(|a| a["name"] == "error_log.txt")
        .unwrap_or_else(|| panic!("no error_log.txt in {text}"));
    let url = file["url"].as_str().unwrap();
    let (s, bytes, _) = app
        .send_raw(Request::get(url).body(Body::empty()).unwrap())
        .await;
    assert_eq!(s, 200, "{url}");
    assert!(bytes.starts_with(b"[27-Nov-2026 08:12:44 UTC] PHP Fatal error"));

    let (cookie, csrf) = app.sign_in("ada@acme.test", "fixture-ada-0123456789").await;
    let ada = Who(cookie, csrf);
    let (s, queue, _) = app.send(ada.req("GET", "/console/api/tickets", None)).await;
    assert_eq!(s, 200, "{queue}");
    let subjects: Vec<&str> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["subject"].as_str().unwrap())
        .collect();
    assert!(
        subjects.contains(&"Invoice shows the wrong VAT"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Poštansko sanduče je puno"),
        "{subjects:?}"
    );
}

/// The bridge's state reads from the old outbox, and a new reply is queued after `high`;
/// returns its id.
pub async fn bridged_tenants_go_on(path: &str, high: i64) -> i64 {
    let app = TestApp::with_db(path).await;
    serves_the_old_rows(&app).await;
    let (cookie, csrf) = app
        .sign_in("mila@bluefox.test", "fixture-mila-0123456789")
        .await;
    let mila = Who(cookie, csrf);
    let (s, state, _) = app
        .send(mila.req("GET", "/console/api/tenants/bluefox/ticket-bridge", None))
        .await;
    assert_eq!(s, 200, "{state}");
    assert_eq!(state["pending"], 1, "{state}");
    assert_eq!(
        state["last_error"], "answered 503 Service Unavailable",
        "{state}"
    );
    let t2 = "890ab6a4-be0a-45c4-ad29-9853ff411a27";
    let reply = Request::post(format!("/api/v1/tickets/{t2}/replies"))
        .header("authorization", format!("Bearer {}", token("acme", "bob")))
        .header("content-type", "application/json")
        .header("idempotency-key", "reply-b2-0001")
        .body(Body::from(r#"{"message":"Danke!"}"#))
        .unwrap();
    let (s, body, _) = app.send(reply).await;
    assert_eq!(s, 201, "{body}");
    let (id, event): (i64, String) =
        sqlx::query_as("SELECT id, event FROM bridge_outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!((id, event.as_str()), (high + 1, "ticket.customer_reply"));
    id
}
