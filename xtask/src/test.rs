//! `cargo xtask test`: every suite, in the order CI runs them, stopping at the first failure.

use std::{
    fs,
    path::PathBuf,
    time::{Duration, Instant},
};

use crate::{
    sizes::Sizes,
    test_server::TestServer,
    util::{Result, at_root, cargo, cmd, exec, step, which},
};

const USAGE: &str = "usage: cargo xtask test [--skip-lint | --browser-only]";

const BROWSER_TESTS: &str =
    "browser tests: wasm-bindgen-test in headless Chromium, tickets against the demo server";

pub fn run(args: &[String]) -> Result {
    let skip_lint = match args {
        [] => false,
        [flag] if flag == "--skip-lint" => true,
        // For working on the browser tests: no setup, no other suite.
        [flag] if flag == "--browser-only" => {
            step(BROWSER_TESTS);
            return browser_tests();
        }
        _ => return Err(USAGE.into()),
    };
    let mut run = Run::default();
    let result = suites(&mut run, skip_lint);
    run.summary(&result);
    result
}

fn suites(run: &mut Run, skip_lint: bool) -> Result {
    run.step("setup", crate::setup::run)?;
    if skip_lint {
        run.skip("lint: rustfmt, clippy native, clippy wasm32", "--skip-lint");
    } else {
        run.step("lint: rustfmt", || {
            exec(cargo().args(["fmt", "--all", "--check"]))
        })?;
        run.step("lint: clippy (native)", || {
            exec(cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        })?;
        run.step("lint: clippy (wasm32)", || {
            exec(cargo().args([
                "clippy",
                "-p",
                "panelcare",
                "-p",
                "panelcare-model",
                "-p",
                "panelcare-console",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        })?;
        run.step(
            "lint: integration scripts (php -l, perl -c, bash -n, shellcheck)",
            crate::lint_scripts::run,
        )?;
        run.step(
            "lint: server layout (SQL only in stores, no import circles)",
            crate::layout::run,
        )?;
    }
    run.step("dist: the panel packages", crate::dist::packages)?;
    // The one release wasm build of the run; the end-to-end suite serves it.
    let mut sizes: Option<Sizes> = None;
    run.step("build: release widget into dist/", || {
        sizes = Some(crate::build::run()?);
        Ok(())
    })?;
    run.step("size budget", || sizes.as_ref().ok_or("no sizes")?.check())?;
    run.step(
        "native tests: model, server (its suite on SQLite), bench, xtask",
        // SQLite: a PostgreSQL named in the environment is for the next step only.
        || {
            exec(
                cargo()
                    .args(["test", "--workspace"])
                    .env_remove("PANELCARE_TEST_PG"),
            )
        },
    )?;
    run.step("server suite on PostgreSQL", || {
        // The workspace's feature set, as the step before built it: nothing compiles again.
        let pg = crate::postgres::Postgres::start()?;
        exec(
            cargo()
                .args(["test", "--workspace", "--test", "suite"])
                .env("PANELCARE_TEST_PG", &pg.url),
        )
        // `pg` is dropped here, after a failure too: our cluster stops and is removed.
    })?;
    // Built before the rehearsal's step, so the step's time is the rehearsal's own.
    let mut previous = None;
    run.step(
        "upgrade rehearsal: build the previous commit's server",
        || {
            previous = crate::rehearse::previous_server()?;
            Ok(())
        },
    )?;
    match &previous {
        Some(bin) => run.step(
            "upgrade rehearsal: the previous commit's server and this one side by side on PostgreSQL",
            || crate::rehearse::run(bin, &crate::postgres::Postgres::start()?),
        )?,
        None => {
            println!("\nnotice: this clone has no previous commit; no upgrade rehearsal");
            run.skip("upgrade rehearsal", "no previous commit in this clone");
        }
    }
    run.step(
        "dist: the server tarball around a debug server without demo mode, unpacked, started \
         and signed in to",
        || {
            // Debug, not release: CI builds the release server once, in `cargo xtask dist`.
            exec(cargo().args(crate::server_dist::SERVER_BUILD))?;
            let tarball = crate::server_dist::tarball(
                &at_root("target/debug/panelcare-server"),
                &at_root("target/dist-test"),
            )?;
            // The workspace's server (with demo mode) back in place for the steps after.
            exec(cargo().args(["build", "--workspace"]))?;
            crate::server_dist::check(&tarball)
        },
    )?;
    run.step(BROWSER_TESTS, browser_tests)?;
    run.step(CONTRACT_TESTS, contract_tests)?;
    let e2e_files = e2e_files()?;
    if e2e_files.is_empty() {
        println!("\nnotice: tests/e2e/ has no *.test.mjs files yet; skipping end-to-end");
        run.skip("end-to-end", "no tests/e2e/*.test.mjs");
        return Ok(());
    }
    // The workspace's feature set, as `cargo test --workspace` just built it, so the server
    // is not compiled again.
    run.step("end-to-end: build the server binary", || {
        exec(cargo().args(["build", "--workspace"]))
    })?;
    run.step(
        "end-to-end on SQLite: playwright-core + Chromium against the server binary",
        || e2e(&e2e_files, None),
    )?;
    run.step(
        "end-to-end on PostgreSQL: the same tests, the demo on PostgreSQL",
        || {
            let pg = crate::postgres::Postgres::start()?;
            e2e(&e2e_files, Some(&pg))
        },
    )
}

/// The end-to-end tests, on SQLite or on `pg`.
fn e2e(files: &[PathBuf], pg: Option<&crate::postgres::Postgres>) -> Result {
    let chromium = which("chromium").ok_or("chromium is not on PATH")?;
    // Each engine's screenshots apart, so neither run's replace the other's.
    let artifacts = at_root(if pg.is_some() {
        "target/e2e-postgres"
    } else {
        "target/e2e"
    });
    fs::create_dir_all(&artifacts)?;
    let mut node = cmd("node");
    node.args(["--test", "--test-concurrency=1"])
        .args(files)
        .env(
            "PANELCARE_SERVER_BIN",
            at_root("target/debug/panelcare-server"),
        )
        .env("PANELCARE_DIST", at_root("dist"))
        .env("PANELCARE_WWW", at_root("www"))
        .env("PANELCARE_ARTIFACTS", &artifacts)
        .env("CHROMIUM", chromium);
    match pg {
        Some(pg) => {
            let psql = crate::postgres::bin("psql").ok_or("psql is missing beside initdb")?;
            node.env("PANELCARE_E2E_PG", &pg.url)
                .env("PANELCARE_E2E_PSQL", psql);
        }
        None => {
            node.env_remove("PANELCARE_E2E_PG");
        }
    }
    exec(&mut node)
}

/// The widget's and the console's wasm tests. The ticket widget's tests talk to a real server
/// in demo mode, whose address they read at compile time from `PANELCARE_TEST_SERVER`.
fn browser_tests() -> Result {
    let chromedriver = which("chromedriver").ok_or("chromedriver is not on PATH")?;
    // The workspace's feature set, as `cargo test --workspace` built it: `-p panelcare-server`
    // alone unifies fewer features and would compile the server again.
    exec(cargo().args(["build", "--workspace"]))?;
    let server = TestServer::start()?;
    exec(
        cargo()
            .args([
                "test",
                "-p",
                "panelcare",
                "-p",
                "panelcare-console",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env("PANELCARE_TEST_SERVER", &server.url),
    )
    // `server` is dropped here, after a failure too: the server stops.
}

/// How long schemathesis may take, shared by its widget and console runs.
const CONTRACT_SECONDS: u32 = 240;

const CONTRACT_TESTS: &str =
    "API contract: schemathesis against the server binary, from its served OpenAPI document";

/// schemathesis (tests/contract/run.py) against the server in demo mode: no 5xx, no status,
/// content type or body the document does not allow, no invalid input accepted.
fn contract_tests() -> Result {
    // Built by the browser tests' step with the workspace's features.
    let server = TestServer::start()?;
    let python = at_root(crate::setup::SCHEMATHESIS_VENV).join("bin/python");
    exec(
        cmd(python)
            .arg(at_root("tests/contract/run.py"))
            .arg(&server.url)
            .arg(format!("{}/api/v1/openapi.json", server.url))
            .arg(CONTRACT_SECONDS.to_string())
            .arg(at_root("target/schemathesis")),
    )
}

/// tests/e2e/*.test.mjs, relative to the root. Listed here rather than handing node the
/// directory, whose meaning changed between Node 20 and 22.
fn e2e_files() -> Result<Vec<PathBuf>> {
    let dir = at_root("tests/e2e");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        if name.to_string_lossy().ends_with(".test.mjs") {
            files.push(PathBuf::from("tests/e2e").join(name));
        }
    }
    files.sort();
    Ok(files)
}

/// The steps done so far, for the summary.
#[derive(Default)]
struct Run {
    steps: Vec<(String, Outcome)>,
}

enum Outcome {
    Passed(Duration),
    Failed(Duration),
    Skipped(&'static str),
}

impl Run {
    fn step(&mut self, title: &str, f: impl FnOnce() -> Result) -> Result {
        step(title);
        let start = Instant::now();
        let result = f();
        let took = start.elapsed();
        let outcome = match result {
            Ok(()) => Outcome::Passed(took),
            Err(_) => Outcome::Failed(took),
        };
        self.steps.push((title.to_owned(), outcome));
        result.map_err(|e| format!("{title}: {e}").into())
    }

    fn skip(&mut self, title: &str, why: &'static str) {
        self.steps.push((title.to_owned(), Outcome::Skipped(why)));
    }

    fn summary(&self, result: &Result) {
        println!("\n==> summary");
        for (title, outcome) in &self.steps {
            match outcome {
                Outcome::Passed(t) => println!("  passed   {:>6.1}s  {title}", t.as_secs_f64()),
                Outcome::Failed(t) => println!("  FAILED   {:>6.1}s  {title}", t.as_secs_f64()),
                Outcome::Skipped(why) => println!("  skipped           {title} ({why})"),
            }
        }
        match result {
            Ok(()) => println!("all steps passed; end-to-end screenshots are in target/e2e/"),
            Err(_) => println!("stopped at the first failure; later steps did not run"),
        }
    }
}
