//! `cargo xtask bench`: bundle sizes against their budgets, then the server benchmark
//! (crates/bench), which prints its own results.

use crate::util::{Result, at_root, cargo, cmd, exec, step};

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
    step("bench: run");
    exec(
        cmd(at_root("target/release/panelcare-bench"))
            .arg("--server-bin")
            .arg(at_root("target/release/panelcare-server"))
            .args(args),
    )
}
