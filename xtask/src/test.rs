//! `cargo xtask test`: every suite, in the order CI runs them, stopping at the first failure.

use std::path::Path;

use crate::util::{Result, cargo, cmd, exec, root, step, which};

pub fn run(args: &[String]) -> Result {
    let skip_lint = args.iter().any(|a| a == "--skip-lint");
    if let Some(other) = args.iter().find(|a| *a != "--skip-lint") {
        return Err(format!("unknown flag {other} (only --skip-lint)").into());
    }
    let root = root();
    step("setup");
    crate::setup::run()?;
    if !skip_lint {
        step("lint: rustfmt");
        exec(cargo().args(["fmt", "--all", "--check"]))?;
        step("lint: clippy (native)");
        exec(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
        step("lint: clippy (wasm32)");
        exec(cargo().args([
            "clippy",
            "-p",
            "panelcare",
            "-p",
            "panelcare-model",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))?;
    }
    // The one release wasm build of the run; the end-to-end suite serves it.
    let sizes = crate::build::run()?;
    step("size budget");
    sizes.check()?;

    step("native tests: model, server, tools");
    exec(cargo().args(["test", "--workspace"]))?;

    step("browser tests: wasm-bindgen-test in headless Chromium");
    let chromedriver = which("chromedriver").ok_or("chromedriver is not on PATH")?;
    exec(
        cargo()
            .args([
                "test",
                "-p",
                "panelcare",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", &chromedriver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    )?;

    step("end-to-end: Playwright + Chromium against the server binary");
    // The same feature set as the test build above, so nothing is compiled again.
    exec(cargo().args(["build", "--workspace"]))?;
    let artifacts = root.join("target/e2e");
    std::fs::create_dir_all(&artifacts)?;
    let chromium = which("chromium").ok_or("chromium is not on PATH")?;
    exec(
        cmd("node")
            .args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .env(
                "PANELCARE_SERVER_BIN",
                abs(&root, "target/debug/panelcare-server"),
            )
            .env("PANELCARE_DIST", abs(&root, "dist"))
            .env("PANELCARE_WWW", abs(&root, "www"))
            .env("PANELCARE_ARTIFACTS", &artifacts)
            .env("CHROMIUM", &chromium),
    )?;
    println!("\nall suites passed; screenshots in target/e2e/");
    Ok(())
}

fn abs(root: &Path, rel: &str) -> std::path::PathBuf {
    root.join(rel)
}
