//! The two engines' schemas cannot drift: a freshly migrated SQLite database and a freshly
//! migrated PostgreSQL one have the same tables, columns (name, kind of type, nullability),
//! primary keys, unique constraints, indexes and foreign keys — but for the few differences
//! each engine's way of doing a thing needs, listed in [`ENGINE_OWN`]. Runs on the
//! PostgreSQL run (`PANELCARE_TEST_PG`); there is nothing to compare without one.

use std::collections::BTreeSet;

use panelcare_server::db::Db;
use sqlx::Row as _;

use crate::common::engine;

/// What only one engine has, and why: the facts as the two functions below write them.
const ENGINE_OWN: [(&str, &str); 10] = [
    (
        "column ticket_messages.seq integer not null",
        "PostgreSQL's insertion order; SQLite orders by rowid",
    ),
    (
        "column kb_articles.search other not null default ''",
        "PostgreSQL's tsvector; SQLite keeps the kb_fts table beside the articles",
    ),
    (
        "index kb_search kb_articles (search)",
        "PostgreSQL's GIN index of that tsvector",
    ),
    (
        "column kb_articles.words other not null default ''",
        "PostgreSQL's unstemmed tsvector, which typed prefixes match",
    ),
    ("index kb_words kb_articles (words)", "and its GIN index"),
    (
        "unique agents (email)",
        "SQLite: the e-mail column is UNIQUE COLLATE NOCASE",
    ),
    (
        "unique agents_email agents (email)",
        "PostgreSQL: a unique index on lower(email), the same rule",
    ),
    (
        "kb_fts",
        "SQLite's FTS5 table and its shadow tables (kb_fts_data, …)",
    ),
    (
        "column ideas.words other not null default ''",
        "PostgreSQL's tsvector of an idea's title and text; SQLite keeps the ideas_fts table",
    ),
    ("index ideas_words ideas (words)", "and its GIN index"),
];

fn own(fact: &str) -> bool {
    ENGINE_OWN.iter().any(|(what, _)| fact == *what)
        || fact
            .split([' ', '.', '('])
            .any(|word| word.starts_with("kb_fts") || word.starts_with("ideas_fts"))
}

/// `INTEGER`, `BIGINT`, `int8` → integer; `TEXT` → text; `BLOB`, `bytea` → bytes.
fn kind(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") || t.contains("clob") {
        "text"
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else {
        "other"
    }
}

async fn sqlite_schema(db: &Db) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&db.pool)
    .await
    .expect("tables");
    for table in tables {
        facts.insert(format!("table {table}"));
        let columns = sqlx::query(
            "SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info($1)",
        )
        .bind(&table)
        .fetch_all(&db.pool)
        .await
        .expect("columns");
        let mut pk: Vec<(i64, String)> = Vec::new();
        for c in &columns {
            let name: String = c.get("name");
            let ty: String = c.get("type");
            let key: i64 = c.get("pk");
            // A primary key column is never null, whatever SQLite's table says.
            let notnull = c.get::<i64, _>("notnull") != 0 || key > 0;
            let default: Option<String> = c.get("dflt_value");
            facts.insert(format!(
                "column {table}.{name} {} {}{}",
                kind(&ty),
                if notnull { "not null" } else { "null" },
                default_of(default.as_deref())
            ));
            if key > 0 {
                pk.push((key, name));
            }
        }
        pk.sort();
        let pk: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
        if !pk.is_empty() {
            facts.insert(format!("primary key {table} ({})", pk.join(", ")));
        }
        let indexes =
            sqlx::query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)")
                .bind(&table)
                .fetch_all(&db.pool)
                .await
                .expect("indexes");
        for i in &indexes {
            let name: String = i.get("name");
            let origin: String = i.get("origin");
            if origin == "pk" {
                continue;
            }
            let cols: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(&db.pool)
                    .await
                    .expect("index columns");
            facts.insert(index_fact(
                &table,
                &name,
                i.get::<i64, _>("unique") != 0,
                origin == "u",
                &cols,
                i.get::<i64, _>("partial") != 0,
            ));
        }
        let fks = sqlx::query(
            "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1)",
        )
        .bind(&table)
        .fetch_all(&db.pool)
        .await
        .expect("foreign keys");
        for f in &fks {
            let (to, from, col, on_delete): (String, String, Option<String>, String) = (
                f.get("table"),
                f.get("from"),
                f.get("to"),
                f.get("on_delete"),
            );
            facts.insert(format!(
                "foreign key {table}.{from} -> {to}.{} on delete {on_delete}",
                col.unwrap_or_else(|| "id".into())
            ));
        }
    }
    facts
}

/// A column's default as both engines can be compared: `'new'::text` → `'new'`.
fn default_of(declared: Option<&str>) -> String {
    match declared {
        None => String::new(),
        Some(d) => {
            let d = d.split("::").next().unwrap_or(d).trim();
            format!(" default {d}")
        }
    }
}

/// One index: a unique constraint by its columns (the engines name those their own way), a
/// created index by its name too.
fn index_fact(
    table: &str,
    name: &str,
    unique: bool,
    constraint: bool,
    cols: &[String],
    partial: bool,
) -> String {
    let what = if unique { "unique" } else { "index" };
    let named = if constraint {
        String::new()
    } else {
        format!(" {name}")
    };
    let partial = if partial { " partial" } else { "" };
    format!("{what}{named} {table} ({}){partial}", cols.join(", "))
}

async fn postgres_schema(db: &Db) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let columns = sqlx::query(
        "SELECT CAST(c.table_name AS TEXT) AS table_name, \
         CAST(c.column_name AS TEXT) AS column_name, CAST(c.data_type AS TEXT) AS data_type, \
         CAST(c.is_nullable AS TEXT) AS is_nullable, \
         CAST(c.column_default AS TEXT) AS column_default \
         FROM information_schema.columns c JOIN information_schema.tables t \
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' \
         AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&db.pool)
    .await
    .expect("columns");
    for c in &columns {
        let (table, name, ty, nullable): (String, String, String, String) = (
            c.get("table_name"),
            c.get("column_name"),
            c.get("data_type"),
            c.get("is_nullable"),
        );
        let default: Option<String> = c.get("column_default");
        facts.insert(format!("table {table}"));
        let null = if nullable == "YES" {
            "null"
        } else {
            "not null"
        };
        facts.insert(format!(
            "column {table}.{name} {} {null}{}",
            kind(&ty),
            default_of(default.as_deref())
        ));
    }
    // Indexes and constraints from the catalogue: columns in key order, expression indexes
    // by the columns they read.
    let indexes = sqlx::query(
        "SELECT CAST(t.relname AS TEXT) AS tbl, CAST(i.relname AS TEXT) AS idx, CAST(x.indisunique AS INT) AS uni, \
         CAST(x.indisprimary AS INT) AS pk, \
         CAST(CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END AS BIGINT) AS partial, \
         CAST(CASE WHEN con.oid IS NULL THEN 0 ELSE 1 END AS BIGINT) AS constraint_backed, \
         pg_get_indexdef(x.indexrelid) AS def \
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace \
         LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid \
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(&db.pool)
    .await
    .expect("indexes");
    for i in &indexes {
        let table: String = i.get("tbl");
        let name: String = i.get("idx");
        let def: String = i.get("def");
        let cols = index_columns(&def);
        if i.get::<i64, _>("pk") != 0 {
            facts.insert(format!("primary key {table} ({})", cols.join(", ")));
            continue;
        }
        facts.insert(index_fact(
            &table,
            &name,
            i.get::<i64, _>("uni") != 0,
            i.get::<i64, _>("constraint_backed") != 0,
            &cols,
            i.get::<i64, _>("partial") != 0,
        ));
    }
    let fks = sqlx::query(
        "SELECT CAST(tc.table_name AS TEXT) AS table_name, \
         CAST(kcu.column_name AS TEXT) AS column_name, CAST(ccu.table_name AS TEXT) AS to_table, \
         CAST(ccu.column_name AS TEXT) AS to_column, CAST(rc.delete_rule AS TEXT) AS on_delete \
         FROM information_schema.table_constraints tc \
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name \
         JOIN information_schema.constraint_column_usage ccu \
         ON ccu.constraint_name = tc.constraint_name \
         JOIN information_schema.referential_constraints rc \
         ON rc.constraint_name = tc.constraint_name \
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'",
    )
    .fetch_all(&db.pool)
    .await
    .expect("foreign keys");
    for f in &fks {
        let (table, from, to, col, on_delete): (String, String, String, String, String) = (
            f.get("table_name"),
            f.get("column_name"),
            f.get("to_table"),
            f.get("to_column"),
            f.get("on_delete"),
        );
        facts.insert(format!(
            "foreign key {table}.{from} -> {to}.{col} on delete {on_delete}"
        ));
    }
    facts
}

/// `CREATE UNIQUE INDEX x ON public.t USING btree (a, lower(b) DESC) WHERE …` → `[a, b]`.
fn index_columns(def: &str) -> Vec<String> {
    let Some(open) = def.find(" (") else {
        return Vec::new();
    };
    let mut depth = 0;
    let mut inner = String::new();
    for c in def[open + 2..].chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => break,
            ')' => depth -= 1,
            _ => {}
        }
        inner.push(c);
    }
    inner
        .split(',')
        .map(|part| {
            let part = part.trim();
            let part = part
                .strip_prefix("lower(")
                .map_or(part, |p| p.trim_end_matches(')'));
            part.split_whitespace().next().unwrap_or(part).to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_two_engines_have_one_schema() {
    let Some(base) = engine::postgres() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let lite = crate::common::connect(dir.path().join("s.sqlite").to_str().expect("path"))
        .await
        .expect("sqlite");
    let fresh = engine::fresh(dir.path()).await;
    let pg = crate::common::connect(&fresh.url).await.expect("postgres");
    let (a, b) = (sqlite_schema(&lite).await, postgres_schema(&pg).await);
    pg.pool.close().await;
    if let Some((base_url, name)) = fresh.drop {
        engine::drop_database(base_url, name);
    }
    let _ = base;
    let only_sqlite: Vec<&String> = a.difference(&b).filter(|f| !own(f)).collect();
    let only_postgres: Vec<&String> = b.difference(&a).filter(|f| !own(f)).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the schemas drifted:\n  only SQLite: {only_sqlite:#?}\n  only PostgreSQL: {only_postgres:#?}"
    );
    // What each engine keeps its own way is there on its side.
    assert!(a.iter().any(|f| f.starts_with("table kb_fts")));
    assert!(b.iter().any(|f| f.starts_with("column kb_articles.search")));
    assert!(a.iter().any(|f| f.ends_with("on delete CASCADE")));
    assert!(b.iter().any(|f| f.contains(" default 'new'")));
    assert!(b.iter().any(|f| f == "unique agents_email agents (email)"));
}

#[test]
fn index_definitions_give_their_columns() {
    assert_eq!(
        index_columns(
            "CREATE UNIQUE INDEX agents_email ON public.agents USING btree (lower(email))"
        ),
        ["email"]
    );
    assert_eq!(
        index_columns(
            "CREATE INDEX x ON public.t USING btree (tenant_id, created_at DESC) WHERE (a IS NULL)"
        ),
        ["tenant_id", "created_at"]
    );
}
