//! The server's release tarball, `target/dist/panelcare-server-<version>-linux-x86_64.tar.gz`:
//! the server built without demo mode, the built widget and console (dist/, with their `.br`
//! and `.gz` copies), the hardened systemd unit, the example settings, the reverse-proxy
//! examples and INSTALL.md (all from crates/server/packaging/).

use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::util::{Result, at_root, cargo, cmd, exec, step};

/// The workspace's version, which every artefact carries.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the tarball's top directory holds besides the binary and dist/, from packaging/.
const PACKAGING: [&str; 5] = [
    "panelcare.service",
    "panelcare.env.example",
    "INSTALL.md",
    "proxy/nginx.conf",
    "proxy/Caddyfile",
];

/// The files of dist/ an installation cannot serve without.
const DIST_MUST: [&str; 5] = [
    "panelcare.js",
    "panelcare.js.br",
    "manifest.json",
    "console/index.html",
    "views/ideas.js",
];

/// The arguments that build the server as the tarball ships it: no demo mode.
pub const SERVER_BUILD: [&str; 4] = ["build", "-p", "panelcare-server", "--no-default-features"];

/// `cargo xtask dist`'s server part: the release build (dist/ built already), the tarball,
/// and the suite's check of it (unpacked, started, a tenant and admin made, signed in).
pub fn release() -> Result {
    step("dist: server (release, without demo mode)");
    exec(cargo().args(SERVER_BUILD).arg("--release"))?;
    let tarball = tarball(
        &at_root("target/release/panelcare-server"),
        &at_root("target/dist"),
    )?;
    step("dist: the server tarball unpacked, started and signed in to");
    check(&tarball)
}

/// Runs the suite's test of `tarball` (SQLite).
pub fn check(tarball: &Path) -> Result {
    exec(
        cargo()
            .args(["test", "--workspace", "--test", "suite", "dist_tarball"])
            .env("PANELCARE_DIST_TARBALL", tarball)
            .env_remove("PANELCARE_TEST_PG"),
    )
}

/// Packs `bin` (a server built with [`SERVER_BUILD`]), dist/ and packaging/ into
/// `out/panelcare-server-<version>-linux-x86_64.tar.gz`; returns its path.
pub fn tarball(bin: &Path, out: &Path) -> Result<PathBuf> {
    step("dist: server tarball");
    let dist = at_root("dist");
    for must in DIST_MUST {
        if !dist.join(must).is_file() {
            return Err(format!("dist/{must} is missing: run `cargo xtask build`").into());
        }
    }
    let name = format!("panelcare-server-{VERSION}-linux-x86_64");
    let staging = out.join(format!("{name}.staging"));
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let top = staging.join(&name);
    fs::create_dir_all(top.join("bin"))?;
    fs::copy(bin, top.join("bin/panelcare-server"))
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    copy_dir(&dist, &top.join("dist"))?;
    let packaging = at_root("crates/server/packaging");
    for file in PACKAGING {
        let to = top.join(file);
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(packaging.join(file), &to)
            .map_err(|e| format!("crates/server/packaging/{file}: {e}"))?;
    }
    let tarball = out.join(format!("{name}.tar.gz"));
    // Owned by root when unpacked; files in a stable order.
    exec(
        cmd("tar")
            .args(["--create", "--gzip", "--file"])
            .arg(&tarball)
            .args(["--owner=0", "--group=0", "--sort=name", "--mode=go-w"])
            .arg("-C")
            .arg(&staging)
            .arg(&name),
    )?;
    fs::remove_dir_all(&staging)?;
    println!("\n{}", tarball.display());
    Ok(tarball)
}

/// Copies the tree `from` to `to`, files only (dist/ has no links).
fn copy_dir(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
