//! `cargo xtask setup`: installs whatever is missing, and says what it found and did.

use crate::util::{Result, cargo, cmd, exec, output, root, which};

pub fn run() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    npm_tools()?;
    chromium()?;
    Ok(())
}

fn wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("ok: rust target wasm32-unknown-unknown");
        return Ok(());
    }
    println!("installing: rust target wasm32-unknown-unknown");
    exec(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of the `wasm-bindgen` crate in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = |tool: &str| output(cmd(tool).arg("--version")).unwrap_or_default();
    let ok =
        have("wasm-bindgen").ends_with(&want) && have("wasm-bindgen-test-runner").ends_with(&want);
    if ok {
        println!("ok: wasm-bindgen-cli {want}");
        return Ok(());
    }
    println!("installing: wasm-bindgen-cli {want} (takes a few minutes, once)");
    // No --locked: one of the CLI's pinned dependencies is not available from the registry.
    exec(cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn npm_tools() -> Result {
    let root = root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        println!("ok: npm tools (wasm-opt, playwright-core, axe-core, requirejs)");
        return Ok(());
    }
    which("npm").ok_or("npm is not installed; install Node.js 18 or newer")?;
    println!("installing: npm tools from package-lock.json");
    exec(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

fn chromium() -> Result {
    if which("chromium").is_some() && which("chromedriver").is_some() {
        println!("ok: chromium and chromedriver");
        return Ok(());
    }
    let root_user = output(std::process::Command::new("id").arg("-u")).as_deref() == Some("0");
    if !root_user {
        return Err(
            "chromium and chromedriver are missing: install Debian's `chromium` and \
                    `chromium-driver` packages (needs root)"
                .into(),
        );
    }
    println!("installing: chromium chromium-driver (apt)");
    exec(cmd("apt-get").args(["update", "-qq"]))?;
    exec(cmd("apt-get").args(["install", "-y", "-qq", "chromium", "chromium-driver"]))
}
