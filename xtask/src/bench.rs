//! `cargo xtask bench`: bundle sizes against their budgets, the server benchmark on SQLite and
//! on PostgreSQL side by side (crates/bench; a throwaway PostgreSQL as durable as it ships, or
//! `PANELCARE_TEST_PG`'s), then the widget's render times in headless Chromium
//! (crates/bench/render/widget.mjs), and what the widget does to a panel page: bytes on the
//! wire, layout shift and time to first content (the e2e tests that guard them, summarised
//! by crates/bench/render/host-page.mjs); each prints its own results.

use crate::util::{Result, at_root, cargo, cmd, exec, step, which};

pub fn run(args: &[String]) -> Result {
    step("setup");
    crate::setup::run()?;
    let sizes = crate::build::run()?;
    step("bench: sizes");
    sizes.print_budgets();
    step("bench: server and load generator (release build)");
    exec(cargo().args([
        "build",
        "--release",
        "-p",
        "panelcare-bench",
        "-p",
        "panelcare-server",
    ]))?;
    step("bench: run (SQLite, then PostgreSQL)");
    let pg = crate::postgres::Postgres::start_durable()?;
    exec(
        cmd(at_root("target/release/panelcare-bench"))
            .arg("--server-bin")
            .arg(at_root("target/release/panelcare-server"))
            .args(["--postgres", &pg.url])
            .args(args),
    )?;
    drop(pg);
    step("bench: widget render (headless Chromium, release widget and server)");
    let chromium = which("chromium").ok_or("chromium is not on PATH")?;
    let scratch = at_root("target/bench");
    std::fs::create_dir_all(&scratch)?;
    let node = |args: &[&str], artifacts: &std::path::Path| {
        let mut c = cmd("node");
        c.args(args)
            .env(
                "PANELCARE_SERVER_BIN",
                at_root("target/release/panelcare-server"),
            )
            .env("PANELCARE_DIST", at_root("dist"))
            .env("PANELCARE_WWW", at_root("www"))
            .env("PANELCARE_ARTIFACTS", artifacts)
            .env("CHROMIUM", &chromium);
        c
    };
    exec(&mut node(
        &[&at_root("crates/bench/render/widget.mjs").to_string_lossy()],
        &scratch,
    ))?;
    step("bench: the panel page (wire bytes, layout shift, first content, long tasks)");
    let host = scratch.join("host-page");
    std::fs::create_dir_all(&host)?;
    let tests = ["weight", "layout", "first-content"].map(|t| {
        at_root(&format!("tests/e2e/{t}.test.mjs"))
            .to_string_lossy()
            .into_owned()
    });
    let mut run = node(&["--test", "--test-concurrency=1"], &host);
    run.args(&tests);
    // A failing test is reported here, not a reason to drop the other figures: `cargo xtask
    // test` is the gate. (Outside CI the weight test may lower tests/e2e/wire-budget.json.)
    if let Err(e) = exec(&mut run) {
        println!(
            "note: a host-page test failed ({e}): a target missed, or the run broke; see above"
        );
    }
    exec(&mut node(
        &[
            &at_root("crates/bench/render/host-page.mjs").to_string_lossy(),
            &host.to_string_lossy(),
        ],
        &host,
    ))
}
