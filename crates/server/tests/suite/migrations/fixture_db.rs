//! The fixture databases (SQL dumps under tests/fixtures/db/) and what the upgrade tests
//! compare between databases: the schema as SQLite reports it, and every row.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use sqlx::{Connection as _, SqliteConnection, sqlite::SqliteConnectOptions};

/// A database as it was at one step of the migrations' history.
pub struct Fixture {
    /// The dump's file name, without `.sql`.
    pub name: &'static str,
    /// The commit whose migrations folder made it (the generator reads the files from git).
    pub commit: &'static str,
    /// The files of rows under `seed/`, applied in order after the migrations.
    pub seeds: &'static [&'static str],
}

pub const FIXTURES: &[Fixture] = &[
    // Before the ticket bridge.
    Fixture {
        name: "at_0012",
        commit: "aa8cd35",
        seeds: &["rows_0012.sql"],
    },
    // 0013 as it first landed: bridge_outbox ids without AUTOINCREMENT, the first checksum.
    Fixture {
        name: "at_0013_first",
        commit: "23c8ce9",
        seeds: &["rows_0012.sql", "rows_0013.sql"],
    },
    // 0013 after its edit.
    Fixture {
        name: "at_0013_edited",
        commit: "30248ac",
        seeds: &["rows_0012.sql", "rows_0013.sql"],
    },
];

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/db")
}

pub async fn open(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    SqliteConnection::connect_with(&options)
        .await
        .expect("open sqlite")
}

/// A new database file at `path` with the dump of `name` loaded.
pub async fn load(name: &str, path: &Path) {
    let dump = std::fs::read_to_string(dir().join(format!("{name}.sql"))).expect("read dump");
    let mut conn = open(path).await;
    sqlx::raw_sql(&dump)
        .execute(&mut conn)
        .await
        .expect("load dump");
    conn.close().await.expect("close");
}

async fn strings(conn: &mut SqliteConnection, sql: &str, bind: &str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql} ({bind}): {e}"))
}

/// What SQLite's pragmas report of each kind of object, one line per row.
const PRAGMAS: &[(&str, &str)] = &[
    (
        "table",
        "SELECT printf('column %d %s %s notnull=%d default=%s pk=%d', \
         cid, name, type, \"notnull\", quote(dflt_value), pk) FROM pragma_table_info(?)",
    ),
    (
        "table",
        "SELECT printf('fk %d.%d %s -> %s(%s) update=%s delete=%s', \
         id, seq, \"from\", \"table\", \"to\", on_update, on_delete) \
         FROM pragma_foreign_key_list(?)",
    ),
    (
        "table",
        "SELECT printf('index %s unique=%d origin=%s partial=%d', \
         name, \"unique\", origin, partial) FROM pragma_index_list(?) ORDER BY name",
    ),
    (
        "index",
        "SELECT printf('key %d %s desc=%d coll=%s key=%d', \
         seqno, quote(name), \"desc\", coll, \"key\") FROM pragma_index_xinfo(?)",
    ),
];

/// Every schema object but sqlx's own table, by `type name`: its SQL (which alone shows
/// CHECK constraints, partial index conditions and triggers) and what [`PRAGMAS`] report.
pub async fn schema(conn: &mut SqliteConnection) -> BTreeMap<String, String> {
    let objects: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE tbl_name <> '_sqlx_migrations' ORDER BY type, name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("sqlite_master");
    let mut out = BTreeMap::new();
    for (kind, name, table, sql) in objects {
        let mut about = vec![format!("on {table}: {}", sql.unwrap_or_default())];
        for (_, pragma) in PRAGMAS.iter().filter(|(of, _)| *of == kind) {
            about.extend(strings(conn, pragma, &name).await);
        }
        out.insert(format!("{kind} {name}"), about.join("\n"));
    }
    out
}

/// The names of the ordinary tables (not virtual ones, whose rows live in their shadow
/// tables; not sqlx's), with their columns.
pub async fn tables(conn: &mut SqliteConnection) -> BTreeMap<String, Vec<String>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '_sqlx_migrations' \
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("tables");
    let mut out = BTreeMap::new();
    for name in names {
        let columns = strings(
            conn,
            "SELECT name FROM pragma_table_info(?) ORDER BY cid",
            &name,
        )
        .await;
        out.insert(name, columns);
    }
    out
}

/// Each row of `table`'s `columns` as SQL literals (`quote()`), sorted.
pub async fn rows(conn: &mut SqliteConnection, table: &str, columns: &[String]) -> Vec<String> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
    let sql = format!("SELECT {} FROM \"{table}\"", quoted.join(" || ', ' || "));
    let mut rows: Vec<String> = sqlx::query_scalar(&sql)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.sort();
    rows
}

/// One row of `_sqlx_migrations`, the checksum in hex.
#[derive(Debug, PartialEq, sqlx::FromRow)]
pub struct Applied {
    pub version: i64,
    pub description: String,
    pub installed_on: String,
    pub success: bool,
    pub checksum: String,
    pub execution_time: i64,
}

pub async fn applied(conn: &mut SqliteConnection) -> Vec<Applied> {
    sqlx::query_as(
        "SELECT version, description, installed_on, success, lower(hex(checksum)) AS checksum, \
         execution_time FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("_sqlx_migrations")
}

pub async fn scalar_i64(conn: &mut SqliteConnection, sql: &str) -> Option<i64> {
    sqlx::query_scalar::<_, Option<i64>>(sql)
        .fetch_optional(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .flatten()
}

/// Rows of one text column, for the JSON the server stores.
pub async fn texts(conn: &mut SqliteConnection, sql: &str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
