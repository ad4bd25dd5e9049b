//! `cargo xtask bench`: bundle sizes against their budgets, then server throughput and p99
//! latency next to the raw SQLite insert rate (crates/bench).

use crate::util::{Result, cargo, cmd, exec, step};

pub fn run(args: &[String]) -> Result {
    crate::setup::run()?;
    let sizes = crate::build::run()?;
    step("bench: sizes");
    println!(
        "loader {} B gzip; widget {} B gzip / {} B brotli",
        sizes.loader_gzip, sizes.widget_gzip, sizes.widget_brotli
    );
    step("bench: server (release build)");
    exec(cargo().args([
        "build",
        "--release",
        "-p",
        "panelcare-server",
        "-p",
        "panelcare-bench",
    ]))?;
    exec(
        cmd("target/release/panelcare-bench")
            .args(["--server-bin", "target/release/panelcare-server"])
            .args(args),
    )
}
