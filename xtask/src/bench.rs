//! `cargo xtask bench`: bundle sizes against their budgets, the server benchmark on SQLite and
//! on PostgreSQL side by side (crates/bench; a throwaway PostgreSQL as durable as it ships, or
//! `PANELCARE_TEST_PG`'s), then the widget's render times in headless Chromium
//! (crates/bench/render/widget.mjs); each prints its own results.

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
    exec(
        cmd("node")
            .arg(at_root("crates/bench/render/widget.mjs"))
            .env(
                "PANELCARE_SERVER_BIN",
                at_root("target/release/panelcare-server"),
            )
            .env("PANELCARE_DIST", at_root("dist"))
            .env("PANELCARE_WWW", at_root("www"))
            .env("PANELCARE_ARTIFACTS", scratch)
            .env("CHROMIUM", chromium),
    )
}
