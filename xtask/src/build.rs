//! `cargo xtask build`: the release widget, from Rust to the files a panel loads.
//!
//! cargo (wasm-release profile) → wasm-bindgen --target web → wasm-opt -Oz → dist/ with
//! content-hashed names, the loader with the manifest built in, the files it loads only when
//! a page asks (the host page's API, the launcher, the iframe fallback), the adapters, and
//! RequireJS for the demo cPanel page.

use std::{
    fs,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{
    sizes::{self, Sizes},
    util::{Result, at_root, cargo, cmd, exec, read, step},
};

/// The WebAssembly features every browser we support has; wasm-opt must be told, or it
/// refuses what rustc emits.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The views under www/views/, each its own module (see [`run`]).
pub const VIEWS: [&str; 1] = ["ideas.js"];

/// Where the loader expects its manifest; the build replaces it with the real one.
const MANIFEST_MARKER: &str = "/*MANIFEST*/null";
/// Where the API module expects the names of the files it loads (launcher, frame): a string,
/// as the minifier keeps strings (and drops comments).
const FILES_MARKER: &str = "\"__PANELCARE_FILES__\"";

/// The loader's own modules, loaded only when a page asks for them (`www/<name>.js`): the
/// host page's API (named in the loader's manifest), and the launcher (its button and
/// drawer) and the widget in a frame of ours for pages that forbid WebAssembly (named in the
/// API module, which loads them).
pub const LAZY: [&str; 3] = ["api", "launcher", "frame"];

/// Builds dist/, prints its sizes and returns them.
pub fn run() -> Result<Sizes> {
    step("build: widget (wasm32, wasm-release)");
    let wasm_opt = at_root("node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        return Err("node_modules/.bin/wasm-opt is missing: run `cargo xtask setup`".into());
    }
    let (out, optimised) = wasm_bundle("panelcare", "panelcare", &wasm_opt)?;

    step("build: dist/");
    // The glue and the loader go to every panel page: without comments and long local names.
    let glue = out.join("panelcare.min.js");
    minify_js(&out.join("panelcare.js"), &glue, Js::Module)?;
    let mut lazy = Vec::new();
    for name in LAZY {
        let min = out.join(format!("{name}.min.js"));
        minify_js(&at_root(&format!("www/{name}.js")), &min, Js::Module)?;
        lazy.push(min);
    }
    let inputs = Inputs {
        glue,
        wasm: optimised,
        lazy,
        www: at_root("www"),
        require: at_root("node_modules/requirejs/require.js"),
    };
    let dist = at_root("dist");
    let (widget, lazy) = assemble(&inputs, &dist)?;
    let loader = dist.join("panelcare.js");
    let plain = dist.join("panelcare.plain.js");
    fs::rename(&loader, &plain)?;
    minify_js(&plain, &loader, Js::Script)?;
    fs::remove_file(&plain)?;
    // Views loaded only when a page shows them (the ideas board): fixed names, revalidated
    // like the adapters, and not part of what every panel page downloads.
    fs::create_dir_all(dist.join("views"))?;
    for view in VIEWS {
        minify_js(
            &at_root(&format!("www/views/{view}")),
            &dist.join("views").join(view),
            Js::Module,
        )?;
    }
    crate::console::build(&dist, &wasm_opt)?;
    step("build: brotli and gzip copies beside the built files");
    crate::precompress::run(&dist)?;
    let widget: Vec<&str> = widget.iter().map(String::as_str).collect();
    let lazy = lazy.each_ref().map(String::as_str);
    let sizes = sizes::measure(&dist, &widget, &lazy)?;
    sizes.print();
    Ok(sizes)
}

/// What dist/ is made of.
struct Inputs {
    /// wasm-bindgen's JS glue.
    glue: PathBuf,
    /// The optimised wasm.
    wasm: PathBuf,
    /// The minified [`LAZY`] modules, in that order.
    lazy: Vec<PathBuf>,
    /// Holds panelcare.js (the loader), widget.css and adapters/.
    www: PathBuf,
    /// RequireJS, for the demo cPanel page.
    require: PathBuf,
}

/// Recreates `dist`; returns the widget's files (js, wasm, css) and the [`LAZY`] modules,
/// relative to it.
fn assemble(inputs: &Inputs, dist: &Path) -> Result<([String; 3], [String; 3])> {
    let loader = inputs.www.join("panelcare.js");
    let loader =
        String::from_utf8(read(&loader)?).map_err(|e| format!("{}: {e}", loader.display()))?;
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    }
    fs::create_dir_all(dist.join("assets"))?;
    let js = hashed(&inputs.glue, dist, "panelcare", "js")?;
    let wasm = hashed(&inputs.wasm, dist, "panelcare_bg", "wasm")?;
    let style = inputs.www.join("widget.css");
    let style =
        String::from_utf8(read(&style)?).map_err(|e| format!("{}: {e}", style.display()))?;
    let css = hashed_bytes(
        crate::minify::css(&style).as_bytes(),
        dist,
        "panelcare",
        "css",
    )?;
    let [api, launcher, frame] = match &inputs.lazy[..] {
        [api, launcher, frame] => [api, launcher, frame],
        _ => return Err(format!("expected the {} lazy modules", LAZY.len()).into()),
    };
    let launcher = hashed(launcher, dist, "launcher", "js")?;
    let frame = hashed(frame, dist, "frame", "js")?;
    let files = format!(r#"{{"launcher":"{launcher}","frame":"{frame}"}}"#);
    let api_source =
        String::from_utf8(read(api)?).map_err(|e| format!("{}: {e}", api.display()))?;
    let api = hashed_bytes(
        with_marker(&api_source, FILES_MARKER, &files, "www/api.js")?.as_bytes(),
        dist,
        "api",
        "js",
    )?;
    let manifest = format!(r#"{{"js":"{js}","wasm":"{wasm}","css":"{css}","api":"{api}"}}"#);
    fs::write(dist.join("manifest.json"), &manifest)?;
    fs::write(
        dist.join("panelcare.js"),
        with_manifest(&loader, &manifest)?,
    )?;

    let adapters = inputs.www.join("adapters");
    fs::create_dir_all(dist.join("adapters"))?;
    for entry in fs::read_dir(&adapters).map_err(|e| format!("{}: {e}", adapters.display()))? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "js") {
            fs::copy(
                &path,
                dist.join("adapters")
                    .join(path.file_name().unwrap_or_default()),
            )?;
        }
    }

    fs::create_dir_all(dist.join("vendor"))?;
    fs::copy(&inputs.require, dist.join("vendor/require.js")).map_err(|e| {
        format!(
            "{}: {e} (run `cargo xtask setup`)",
            inputs.require.display()
        )
    })?;
    Ok(([js, wasm, css], [api, launcher, frame]))
}

/// Builds the library crate `package` for wasm32 (wasm-release), runs wasm-bindgen
/// (`--target web`, output named `name`) and wasm-opt -Oz. Returns wasm-bindgen's output
/// directory (with `<name>.js`) and the optimised wasm.
pub(crate) fn wasm_bundle(
    package: &str,
    name: &str,
    wasm_opt: &Path,
) -> Result<(PathBuf, PathBuf)> {
    let mut build = cargo();
    build.args([
        "build",
        "--lib",
        "-p",
        package,
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]);
    if let Some(flags) = rustflags_with_remapped_registry() {
        build.env("CARGO_ENCODED_RUSTFLAGS", flags);
    }
    exec(&mut build)?;
    let out = at_root(&format!("target/wasm-bindgen/{name}"));
    let artefact = format!(
        "target/wasm32-unknown-unknown/wasm-release/{}.wasm",
        package.replace('-', "_")
    );
    exec(
        cmd("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-name", name])
            .arg("--out-dir")
            .arg(&out)
            .arg(at_root(&artefact)),
    )
    .map_err(|e| format!("{e} (does `cargo xtask setup` pass?)"))?;
    let optimised = out.join(format!("{name}_bg.opt.wasm"));
    exec(
        cmd(wasm_opt)
            // Flattening and re-looping before two -Oz rounds gives ~1 KB less gzip than
            // one -Oz on the widget, for a few seconds more; repeating them until nothing
            // shrinks, and letting wasm-opt fold small constant offsets into loads and stores
            // (`--low-memory-unused`: no pointer plus offset wraps past 4 GiB, which Rust
            // code never does), ~300 B less brotli.
            .args([
                "--low-memory-unused",
                "--flatten",
                "--rereloop",
                "-Oz",
                "-Oz",
                "--converge",
                "--strip-debug",
                "--strip-producers",
            ])
            .args(WASM_OPT_FEATURES)
            .arg(out.join(format!("{name}_bg.wasm")))
            .arg("-o")
            .arg(&optimised),
    )?;
    Ok((out, optimised))
}

/// The loader with its manifest built in.
fn with_manifest(loader: &str, manifest: &str) -> Result<String> {
    with_marker(loader, MANIFEST_MARKER, manifest, "www/panelcare.js")
}

/// `source` (the file `name`) with its one `marker` replaced by `value`.
fn with_marker(source: &str, marker: &str, value: &str, name: &str) -> Result<String> {
    match source.matches(marker).count() {
        1 => Ok(source.replacen(marker, value, 1)),
        0 => Err(format!("{name} has no {marker} marker").into()),
        n => Err(format!("{name} has {n} {marker} markers; expected one").into()),
    }
}

/// What a JavaScript file is to terser: an ES module (names at its top level are its own) or a
/// classic script (they are the page's, so they keep theirs).
#[derive(Clone, Copy)]
enum Js {
    Module,
    Script,
}

/// `src` through terser (compress and mangle) into `dst`.
fn minify_js(src: &Path, dst: &Path, kind: Js) -> Result {
    let terser = at_root("node_modules/.bin/terser");
    if !terser.exists() {
        return Err("node_modules/.bin/terser is missing: run `cargo xtask setup`".into());
    }
    let mut c = cmd(terser);
    c.arg(src)
        .args(["--compress", "--mangle", "--ecma", "2020", "-o"])
        .arg(dst);
    if let Js::Module = kind {
        c.arg("--module");
    }
    exec(&mut c)
}

/// Copies `src` to `dist/assets/<stem>-<hash>.<ext>`; returns that path relative to dist/.
pub(crate) fn hashed(src: &Path, dist: &Path, stem: &str, ext: &str) -> Result<String> {
    hashed_bytes(&read(src)?, dist, stem, ext)
}

/// Writes `bytes` to `dist/assets/<stem>-<hash>.<ext>`; returns that path relative to dist/.
fn hashed_bytes(bytes: &[u8], dist: &Path, stem: &str, ext: &str) -> Result<String> {
    let name = format!("assets/{stem}-{}.{ext}", short_hash(bytes));
    fs::write(dist.join(&name), bytes)?;
    Ok(name)
}

/// The first 12 hex digits of the content's SHA-256: a new name whenever the content changes,
/// so assets can be cached forever.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Rust flags for the wasm builds: a dependency's panic locations name its source file by where
/// this machine keeps cargo's registry (`/root/.cargo/registry/src/index.crates.io-…/yew-0.23.0/
/// src/…`); remapped to `yew-0.23.0/src/…`, the wasm is smaller and the same wherever it is
/// built. Added to the flags the environment already gives (`CARGO_ENCODED_RUSTFLAGS`, else
/// `RUSTFLAGS`), separated by 0x1f as `CARGO_ENCODED_RUSTFLAGS` wants (paths may hold spaces);
/// with `--target` they reach only the wasm, not build scripts. None when there is nothing to
/// remap: the environment's flags then stand as they are. (Flags from a cargo config file are
/// not merged: setting the variable overrides them, and this repository has none.)
fn rustflags_with_remapped_registry() -> Option<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let mut remaps: Vec<String> = std::fs::read_dir(home.join("registry/src"))
        .ok()?
        .flatten()
        .map(|index| format!("--remap-path-prefix={}/=", index.path().display()))
        .collect();
    if remaps.is_empty() {
        return None;
    }
    remaps.sort();
    let given: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) => encoded
            .split('\x1f')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => std::env::var("RUSTFLAGS")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    };
    Some([given, remaps].concat().join("\x1f"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_twelve_hex_digits_of_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(short_hash(b"abc"), "ba7816bf8f01");
    }

    #[test]
    fn the_manifest_replaces_exactly_one_marker() {
        let loaded = with_manifest("const m = /*MANIFEST*/null;", r#"{"js":"a.js"}"#).unwrap();
        assert_eq!(loaded, r#"const m = {"js":"a.js"};"#);
        assert!(with_manifest("const m = null;", "{}").is_err());
        assert!(with_manifest("/*MANIFEST*/null /*MANIFEST*/null", "{}").is_err());
    }

    #[test]
    fn assembles_dist_from_its_inputs() {
        let tmp = std::env::temp_dir().join(format!("xtask-build-{}", std::process::id()));
        let www = tmp.join("www");
        fs::create_dir_all(www.join("adapters")).unwrap();
        let files = [
            ("www/panelcare.js", "load(/*MANIFEST*/null);"),
            ("www/widget.css", ":host{all:initial}"),
            ("www/adapters/cpanel.js", "cpanel"),
            ("www/adapters/notes.txt", "not shipped"),
            ("glue.js", "glue"),
            ("opt.wasm", "\0asm"),
            ("api.js", "load(\"__PANELCARE_FILES__\");"),
            ("launcher.js", "launcher"),
            ("frame.js", "frame"),
            ("require.js", "requirejs"),
        ];
        for (path, text) in files {
            fs::write(tmp.join(path), text).unwrap();
        }
        let dist = tmp.join("dist");
        fs::create_dir_all(dist.join("stale")).unwrap();
        let inputs = Inputs {
            glue: tmp.join("glue.js"),
            wasm: tmp.join("opt.wasm"),
            lazy: LAZY.iter().map(|n| tmp.join(format!("{n}.js"))).collect(),
            www,
            require: tmp.join("require.js"),
        };

        let ([js, wasm, css], [api, launcher, frame]) = assemble(&inputs, &dist).unwrap();

        assert_eq!(js, format!("assets/panelcare-{}.js", short_hash(b"glue")));
        assert_eq!(
            wasm,
            format!("assets/panelcare_bg-{}.wasm", short_hash(b"\0asm"))
        );
        assert_eq!(
            css,
            format!("assets/panelcare-{}.css", short_hash(b":host{all:initial}"))
        );
        assert_eq!(frame, format!("assets/frame-{}.js", short_hash(b"frame")));
        let files = format!(r#"{{"launcher":"{launcher}","frame":"{frame}"}}"#);
        let api_text = format!("load({files});");
        assert_eq!(
            api,
            format!("assets/api-{}.js", short_hash(api_text.as_bytes()))
        );
        assert_eq!(fs::read_to_string(dist.join(&api)).unwrap(), api_text);
        let manifest = format!(r#"{{"js":"{js}","wasm":"{wasm}","css":"{css}","api":"{api}"}}"#);
        let text = |p: &str| fs::read_to_string(dist.join(p)).unwrap();
        assert_eq!(text("manifest.json"), manifest);
        assert_eq!(text("panelcare.js"), format!("load({manifest});"));
        assert_eq!(text("adapters/cpanel.js"), "cpanel");
        assert!(!dist.join("adapters/notes.txt").exists());
        assert_eq!(text("vendor/require.js"), "requirejs");
        assert!(!dist.join("stale").exists(), "dist/ is recreated");

        let sizes = sizes::measure(&dist, &[&js, &wasm, &css], &[&api, &launcher, &frame]).unwrap();
        assert_eq!(sizes.files.len(), 10);
        let loader = sizes
            .files
            .iter()
            .find(|f| f.path == "panelcare.js")
            .unwrap();
        assert_eq!(sizes.loader_gzip, loader.gzip);
        assert_eq!(
            sizes.loader_with_api(),
            loader.brotli + api_text.len(),
            "api, uncompressed"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }
}
