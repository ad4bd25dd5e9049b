//! `cargo xtask build`: the release widget, from Rust to the files a panel loads.
//!
//! cargo (wasm-release profile) → wasm-bindgen --target web → wasm-opt -Oz → dist/ with
//! content-hashed names, the loader with the manifest built in, the adapters, and RequireJS
//! for the demo cPanel page.

use std::{fs, path::Path};

use sha2::{Digest, Sha256};

use crate::{
    sizes,
    util::{Result, cargo, cmd, exec, root, step},
};

const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds dist/ and returns its sizes.
pub fn run() -> Result<sizes::Sizes> {
    let root = root();
    step("build: widget (wasm32, wasm-release)");
    exec(cargo().args([
        "build",
        "--lib",
        "-p",
        "panelcare",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]))?;
    let out = root.join("target/wasm-bindgen");
    exec(
        cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "panelcare",
            ])
            .arg("--out-dir")
            .arg(&out)
            .arg(root.join("target/wasm32-unknown-unknown/wasm-release/panelcare.wasm")),
    )?;
    step("build: wasm-opt -Oz");
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err("node_modules/.bin/wasm-opt is missing: run `cargo xtask setup`".into());
    }
    let optimised = out.join("panelcare_bg.opt.wasm");
    exec(
        cmd(wasm_opt.to_str().unwrap_or("wasm-opt"))
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .args(WASM_OPT_FEATURES)
            .arg(out.join("panelcare_bg.wasm"))
            .arg("-o")
            .arg(&optimised),
    )?;

    step("build: dist/");
    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    fs::create_dir_all(dist.join("assets"))?;
    let js = hashed(&out.join("panelcare.js"), &dist, "panelcare", "js")?;
    let wasm = hashed(&optimised, &dist, "panelcare_bg", "wasm")?;
    let css = hashed(&root.join("www/widget.css"), &dist, "panelcare", "css")?;
    let manifest = format!(r#"{{"js":"{js}","wasm":"{wasm}","css":"{css}"}}"#);
    fs::write(dist.join("manifest.json"), &manifest)?;

    let loader = fs::read_to_string(root.join("www/panelcare.js"))?;
    const MARKER: &str = "/*MANIFEST*/null";
    if !loader.contains(MARKER) {
        return Err(format!("www/panelcare.js has no {MARKER} marker").into());
    }
    fs::write(dist.join("panelcare.js"), loader.replace(MARKER, &manifest))?;
    copy_dir(&root.join("www/adapters"), &dist.join("adapters"))?;
    let require = root.join("node_modules/requirejs/require.js");
    fs::create_dir_all(dist.join("vendor"))?;
    fs::copy(&require, dist.join("vendor/require.js"))
        .map_err(|e| format!("{}: {e} (run `cargo xtask setup`)", require.display()))?;

    let sizes = sizes::measure(&dist, &[&js, &wasm, &css])?;
    sizes.print();
    Ok(sizes)
}

/// Copies `src` to `dist/assets/<stem>-<hash>.<ext>`; returns the path relative to dist/.
fn hashed(src: &Path, dist: &Path, stem: &str, ext: &str) -> Result<String> {
    let bytes = fs::read(src).map_err(|e| format!("{}: {e}", src.display()))?;
    let hash = Sha256::digest(&bytes);
    let short: String = hash.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let name = format!("assets/{stem}-{short}.{ext}");
    fs::write(dist.join(&name), bytes)?;
    Ok(name)
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
