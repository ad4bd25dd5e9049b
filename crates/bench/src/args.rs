//! Command-line flags of the benchmark.

use std::path::PathBuf;

#[derive(Debug)]
pub struct Args {
    pub server_bin: PathBuf,
    pub requests: usize,
    pub concurrency: usize,
    pub warmup: usize,
    /// How often each ticket read is repeated.
    pub reads: usize,
    /// A PostgreSQL database to run the same load on, beside SQLite.
    pub postgres: Option<String>,
    /// Only the isolation step (a minute's check of the limits, without the load).
    pub isolation_only: bool,
}

impl Args {
    pub fn parse() -> Result<Self, String> {
        let mut args = Self {
            server_bin: PathBuf::from("target/release/panelcare-server"),
            requests: 20_000,
            concurrency: 32,
            warmup: 1_000,
            reads: 300,
            postgres: None,
            isolation_only: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--server-bin" => args.server_bin = value()?.into(),
                "--requests" => args.requests = number(&flag, &value()?)?,
                "--concurrency" => args.concurrency = number(&flag, &value()?)?,
                "--warmup" => args.warmup = number(&flag, &value()?)?,
                "--reads" => args.reads = number(&flag, &value()?)?,
                "--postgres" => args.postgres = Some(value()?),
                "--isolation-only" => args.isolation_only = true,
                "-h" | "--help" => {
                    println!(
                        "panelcare-bench [--server-bin PATH] [--requests N] [--concurrency C] [--warmup N] [--reads N] [--postgres URL] [--isolation-only]"
                    );
                    std::process::exit(0);
                }
                other => return Err(format!("unknown flag {other}")),
            }
        }
        if args.reads == 0 {
            return Err("need --reads >= 1".into());
        }
        if args.concurrency == 0 || args.requests < args.concurrency {
            return Err("need --requests >= --concurrency >= 1".into());
        }
        Ok(args)
    }
}

fn number(flag: &str, v: &str) -> Result<usize, String> {
    v.parse()
        .map_err(|_| format!("{flag}: {v:?} is not a number"))
}
