//! A database of its own for each test, on the engine this run is for: a SQLite file in the
//! test's temporary folder, or — when `PANELCARE_TEST_PG` names a PostgreSQL server (an
//! address whose database we may create databases from, such as
//! `postgres://postgres@127.0.0.1:5432/postgres`) — a new database copied from one this
//! process migrated once. Each PostgreSQL database is dropped when its test ends.

use std::{
    path::Path,
    sync::atomic::{AtomicU32, Ordering},
};

use panelcare_server::db::Engine;
use sqlx::{AnyConnection, Connection as _, Executor as _};
use tokio::sync::OnceCell;

/// The PostgreSQL server this run uses, if any.
pub fn postgres() -> Option<String> {
    std::env::var("PANELCARE_TEST_PG")
        .ok()
        .filter(|u| !u.trim().is_empty())
}

/// The engine this run's tests get.
pub fn engine() -> Engine {
    if postgres().is_some() {
        Engine::Postgres
    } else {
        Engine::Sqlite
    }
}

/// `base` (a server's address) with `database` as its database.
pub fn with_database(base: &str, database: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let server = match head.rsplit_once('/') {
        Some((server, _)) if server.contains("://") && server.len() > "postgres://".len() => server,
        _ => head,
    };
    format!("{server}/{database}{query}")
}

async fn admin(base: &str) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(base)
        .await
        .expect("PANELCARE_TEST_PG answers")
}

/// This machine and process in a database name: `<host>_<pid>`. Leftovers of ended runs on
/// this machine are recognised by it; other machines' runs on a shared server are left alone.
fn run_tag() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let host: String = host
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    format!("{host}_{}", std::process::id())
}

/// The database every test's copy starts from: migrated once per process.
async fn template(base: &str) -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("pc_tpl_{}", run_tag());
            let mut conn = admin(base).await;
            forget_dead_runs(&mut conn).await;
            let _ = conn
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
            conn.execute(create(&name, None).as_str())
                .await
                .expect("create the template database");
            let db = crate::common::connect(&with_database(base, &name))
                .await
                .expect("migrate the template database");
            // A template copies only when nobody is connected to it.
            db.pool.close().await;
            name
        })
        .await
}

/// Drops what earlier runs on this machine left (a run that was killed, its template): their
/// databases carry this machine's name and their process, and a process that has ended no
/// longer needs them. Other machines' and live runs' databases are left alone.
async fn forget_dead_runs(conn: &mut AnyConnection) {
    let tag = run_tag();
    let host = tag.split('_').next().unwrap_or_default().to_owned();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(datname AS TEXT) FROM pg_database WHERE datname LIKE 'pc\\_t\\_%' \
         OR datname LIKE 'pc\\_tpl\\_%'",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("list test databases");
    for name in names {
        // pc_t_<host>_<pid>_<n> or pc_tpl_<host>_<pid>
        let mut parts = name.split('_').skip(2);
        let (Some(their_host), Some(pid)) = (parts.next(), parts.next()) else {
            continue;
        };
        if their_host != host {
            continue;
        }
        let alive = !pid.is_empty() && Path::new("/proc").join(pid).exists();
        if !alive {
            let _ = conn
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
        }
    }
}

/// `CREATE DATABASE`, in code-point order like SQLite's, with UTF-8 character classes (so
/// Cyrillic and Serbian letters are letters to text search).
fn create(name: &str, template: Option<&str>) -> String {
    let from = template.map_or_else(|| "template0".to_owned(), str::to_owned);
    format!(
        "CREATE DATABASE {name} TEMPLATE {from} ENCODING 'UTF8' \
         LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
    )
}

/// A test's database: its address, and the PostgreSQL database to drop afterwards.
pub struct Fresh {
    pub url: String,
    pub drop: Option<(String, String)>,
}

/// A new, migrated, empty database for one test.
pub async fn fresh(dir: &Path) -> Fresh {
    let Some(base) = postgres() else {
        let path = dir.join("t.sqlite");
        return Fresh {
            url: path.to_str().expect("utf-8 path").to_owned(),
            drop: None,
        };
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let template = template(&base).await;
    let name = format!(
        "pc_t_{}_{}",
        run_tag(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = admin(&base).await;
    conn.execute(create(&name, Some(template)).as_str())
        .await
        .expect("create a test database");
    let _ = conn.close().await;
    Fresh {
        url: with_database(&base, &name),
        drop: Some((base, name)),
    }
}

/// A new database nothing was applied to (a SQLite file not yet made, or an empty
/// PostgreSQL database), for tests of migrating itself.
pub async fn fresh_unmigrated(dir: &Path) -> Fresh {
    let Some(base) = postgres() else {
        let path = dir.join("empty.sqlite");
        return Fresh {
            url: path.to_str().expect("utf-8 path").to_owned(),
            drop: None,
        };
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "pc_t_{}_e{}",
        run_tag(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = admin(&base).await;
    conn.execute(create(&name, None).as_str())
        .await
        .expect("create an empty database");
    let _ = conn.close().await;
    Fresh {
        url: with_database(&base, &name),
        drop: Some((base, name)),
    }
}

/// Drops a test's PostgreSQL database (its connections too), on a thread of its own: the
/// test's runtime may be shutting down.
pub fn drop_database(base: String, name: String) {
    let done = std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        rt.block_on(async {
            let mut conn = admin(&base).await;
            let _ = conn
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
            let _ = conn.close().await;
        });
    });
    let _ = done.join();
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn a_database_replaces_the_servers() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h:5432", "x"),
            "postgres://u@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
