//! The operator console's bundle: its own wasm, so the customer widget stays small, served by
//! the server at `/console` from `dist/console/`.

use std::{fs, path::Path};

use crate::{
    build::{hashed, wasm_bundle},
    util::{Result, at_root, step},
};

/// Builds the console into `dist/console/`: `index.html`, `console.css`, `boot.js` and the
/// content-hashed glue and wasm under `assets/`.
pub fn build(dist: &Path, wasm_opt: &Path) -> Result {
    step("build: console (wasm32, wasm-release)");
    let (out, optimised) = wasm_bundle("panelcare-console", "console", wasm_opt)?;

    let dir = dist.join("console");
    fs::create_dir_all(dir.join("assets"))?;
    let js = hashed(&out.join("console.js"), &dir, "console", "js")?;
    let wasm = hashed(&optimised, &dir, "console_bg", "wasm")?;
    let www = at_root("www/console");
    for file in ["index.html", "console.css"] {
        fs::copy(www.join(file), dir.join(file)).map_err(|e| format!("www/console/{file}: {e}"))?;
    }
    fs::write(dir.join("boot.js"), boot(&js, &wasm))?;
    Ok(())
}

/// The module the console page loads: a file, not inline script, so the page's strict
/// Content-Security-Policy holds.
fn boot(js: &str, wasm: &str) -> String {
    format!(
        "// Written by `cargo xtask build`.\n\
         import init, {{ run }} from \"./{js}\";\n\
         await init({{ module_or_path: new URL(\"./{wasm}\", import.meta.url) }});\n\
         run(document.getElementById(\"console\"));\n"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn boot_loads_the_hashed_files() {
        let boot = super::boot("assets/console-abc.js", "assets/console_bg-def.wasm");
        assert!(boot.contains("from \"./assets/console-abc.js\""));
        assert!(boot.contains("new URL(\"./assets/console_bg-def.wasm\", import.meta.url)"));
        assert!(boot.contains("run(document.getElementById(\"console\"))"));
    }
}
