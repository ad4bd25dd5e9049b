//! A PostgreSQL server for the test run: the one `PANELCARE_TEST_PG` names, or a throwaway
//! cluster of our own (Debian's `postgresql` package, `initdb` into a fresh folder, on a free
//! port of 127.0.0.1), stopped and removed when the run ends. A new machine needs nothing
//! but what `cargo xtask setup` installs.

use std::{
    fs,
    net::TcpListener,
    path::{Path, PathBuf},
    process::Command,
};

use crate::util::{Result, output};

/// The PostgreSQL server the tests use, and the cluster to remove afterwards if it is ours.
pub struct Postgres {
    /// An address whose database the tests may create databases from.
    pub url: String,
    cluster: Option<Cluster>,
}

struct Cluster {
    dir: PathBuf,
    pg_ctl: PathBuf,
    as_postgres: bool,
}

/// The newest installed PostgreSQL's `bin/<name>` (Debian keeps them per version).
pub fn bin(name: &str) -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let path = e.path().join("bin").join(name);
            path.exists().then_some((v, path))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, p)| p)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// `program` run as the `postgres` user when we are root: `initdb` refuses root.
fn command(program: &Path, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(c: &mut Command, what: &str) -> Result {
    let out = c.output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .into())
    }
}

impl Postgres {
    /// The server named by `PANELCARE_TEST_PG`, or a new throwaway cluster for tests (no
    /// durability: fsync off).
    pub fn start() -> Result<Self> {
        Self::start_with(false)
    }

    /// For the benchmark: `PANELCARE_TEST_PG`'s server, or a throwaway cluster as durable as
    /// PostgreSQL ships (fsync and synchronous_commit on).
    pub fn start_durable() -> Result<Self> {
        Self::start_with(true)
    }

    fn start_with(durable: bool) -> Result<Self> {
        if let Ok(url) = std::env::var("PANELCARE_TEST_PG")
            && !url.trim().is_empty()
        {
            println!("PostgreSQL: {url} (PANELCARE_TEST_PG)");
            return Ok(Self { url, cluster: None });
        }
        let initdb = bin("initdb").ok_or(
            "no PostgreSQL here: cargo xtask setup installs Debian's postgresql, \
             or set PANELCARE_TEST_PG=postgres://… to use a running server",
        )?;
        let pg_ctl = bin("pg_ctl").ok_or("pg_ctl is missing beside initdb")?;
        let as_postgres = is_root();
        // A folder the `postgres` user owns and can reach: under /tmp, since the checkout
        // may sit below folders only root may enter.
        let dir = PathBuf::from(
            output(Command::new("mktemp").args(["-d", "/tmp/panelcare-pg.XXXXXX"]))
                .ok_or("mktemp failed")?,
        );
        // From here on a failure removes the folder (and a started server) again.
        let cluster = Cluster {
            dir: dir.clone(),
            pg_ctl,
            as_postgres,
        };
        let mut pg = Self {
            url: String::new(),
            cluster: Some(cluster),
        };
        if as_postgres {
            run(
                Command::new("chown").args(["postgres:postgres"]).arg(&dir),
                "chown",
            )?;
        }
        let data = dir.join("data");
        run(
            command(&initdb, as_postgres).arg("-D").arg(&data).args([
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]),
            "initdb",
        )?;
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        // Tests need no durability across a power cut: fsync off keeps a run quick. The
        // benchmark's cluster is as durable as PostgreSQL ships.
        let speed = if durable {
            ""
        } else {
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        };
        let settings = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200{speed}",
            dir.display()
        );
        let pg_ctl = pg
            .cluster
            .as_ref()
            .map(|c| c.pg_ctl.clone())
            .ok_or("no cluster")?;
        run(
            command(&pg_ctl, as_postgres)
                .arg("-D")
                .arg(&data)
                .args(["-o", &settings, "-l"])
                .arg(dir.join("log"))
                .args(["-w", "start"]),
            "pg_ctl start",
        )?;
        pg.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        println!(
            "PostgreSQL: a throwaway cluster in {} on {}",
            dir.display(),
            pg.url
        );
        Ok(pg)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(c) = self.cluster.take() {
            let _ = command(&c.pg_ctl, c.as_postgres)
                .arg("-D")
                .arg(c.dir.join("data"))
                .args(["-m", "immediate", "stop"])
                .output();
            let _ = fs::remove_dir_all(&c.dir);
        }
    }
}
