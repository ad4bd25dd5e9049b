//! `cargo xtask openapi`: writes `docs/openapi.json` from the code (the server's `openapi`
//! command). The suite fails while the checked-in document and the code disagree.

use std::process::Stdio;

use crate::util::{Result, at_root, cargo, step};

pub fn run() -> Result {
    step("openapi: docs/openapi.json from the code");
    let out = cargo()
        .args(["run", "--quiet", "-p", "panelcare-server", "--", "openapi"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("panelcare-server openapi failed ({})", out.status).into());
    }
    let file = at_root("docs/openapi.json");
    std::fs::write(&file, &out.stdout).map_err(|e| format!("{}: {e}", file.display()))?;
    println!("wrote {} ({} bytes)", file.display(), out.stdout.len());
    Ok(())
}
