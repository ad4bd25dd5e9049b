//! `cargo xtask dist`: the installable artefact of each panel integration, in target/dist/.
//! cPanel: `panelcare-cpanel-<version>.tar.gz`, unpacked and installed with its install.sh
//! (which also runs cPanel's install_plugin on it); WHMCS: `panelcare-whmcs-<version>.tar.gz`,
//! unpacked into the WHMCS root; Plesk: `panelcare-plesk-<version>.zip`, uploaded in
//! Extensions; DirectAdmin: `panelcare-directadmin-<version>.tar.gz`, for its plugin manager.
//! Then the server's own tarball ([`crate::server_dist`]).

use std::fs;

use crate::util::{Result, at_root, cmd, exec, step};

/// The workspace's version, which every artefact carries.
const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn run() -> Result {
    crate::setup::run()?;
    step("lint: integration scripts");
    crate::lint_scripts::run()?;
    packages()?;
    // The release widget and console, then the server's tarball around them.
    crate::build::run()?;
    crate::server_dist::release()
}

/// Builds every package, then checks each holds the file its panel installs from.
pub fn packages() -> Result {
    build()?;
    let out = at_root("target/dist");
    for (file, must) in [
        (format!("panelcare-cpanel-{VERSION}.tar.gz"), "install.json"),
        (
            format!("panelcare-whmcs-{VERSION}.tar.gz"),
            "modules/addons/panelcare/panelcare.php",
        ),
        (format!("panelcare-plesk-{VERSION}.zip"), "meta.xml"),
        (
            format!("panelcare-directadmin-{VERSION}.tar.gz"),
            "./plugin.conf",
        ),
    ] {
        let path = out.join(&file);
        let listing = if file.ends_with(".zip") {
            crate::util::output(cmd("python3").args(["-m", "zipfile", "-l"]).arg(&path))
        } else {
            crate::util::output(cmd("tar").arg("--list").arg("--file").arg(&path))
        }
        .unwrap_or_default();
        if !listing.lines().any(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|n| n.ends_with(must))
        }) {
            return Err(format!("{file} has no {must}").into());
        }
    }
    Ok(())
}

fn build() -> Result {
    let out = at_root("target/dist");
    fs::create_dir_all(&out)?;
    step("dist: cPanel plugin");
    let name = format!("panelcare-cpanel-{VERSION}");
    let tarball = out.join(format!("{name}.tar.gz"));
    // Everything but the syntax-check shims; one top directory, owned by root when unpacked.
    exec(
        cmd("tar")
            .args(["--create", "--gzip", "--file"])
            .arg(&tarball)
            .args(["--exclude=./t", "--owner=0", "--group=0", "--sort=name"])
            .arg(format!("--transform=s,^\\.,{name},"))
            .arg("-C")
            .arg(at_root("integrations/cpanel"))
            .arg("."),
    )?;
    exec(cmd("tar").arg("--list").arg("--file").arg(&tarball))?;
    println!("\n{}", tarball.display());

    step("dist: WHMCS addon");
    let name = format!("panelcare-whmcs-{VERSION}");
    let tarball = out.join(format!("{name}.tar.gz"));
    // --dereference: the shared signer is a link in the repository and a file in the package.
    exec(
        cmd("tar")
            .args(["--create", "--gzip", "--dereference", "--file"])
            .arg(&tarball)
            .args([
                "--exclude=./README.md",
                "--owner=0",
                "--group=0",
                "--sort=name",
            ])
            .arg(format!("--transform=s,^\\.,{name},"))
            .arg("-C")
            .arg(at_root("integrations/whmcs"))
            .arg("."),
    )?;
    exec(cmd("tar").arg("--list").arg("--file").arg(&tarball))?;
    println!("\n{}", tarball.display());

    step("dist: Plesk extension");
    // Plesk installs a ZIP with meta.xml at its root; Python's zipfile follows the link to
    // the shared signer, so the package holds the file itself.
    let zip = out.join(format!("panelcare-plesk-{VERSION}.zip"));
    let _ = fs::remove_file(&zip);
    exec(
        cmd("python3")
            .args(["-m", "zipfile", "-c"])
            .arg(&zip)
            .args(["meta.xml", "DESCRIPTION.md", "htdocs", "plib"])
            .current_dir(at_root("integrations/plesk")),
    )?;
    exec(cmd("python3").args(["-m", "zipfile", "-l"]).arg(&zip))?;
    println!("\n{}", zip.display());

    step("dist: DirectAdmin plugin");
    // DirectAdmin's plugin manager wants plugin.conf at the archive's root.
    let tarball = out.join(format!("panelcare-directadmin-{VERSION}.tar.gz"));
    exec(
        cmd("tar")
            .args(["--create", "--gzip", "--file"])
            .arg(&tarball)
            .args([
                "--exclude=./panelcare.conf",
                "--owner=0",
                "--group=0",
                "--sort=name",
            ])
            .arg("-C")
            .arg(at_root("integrations/directadmin/plugin"))
            .arg("."),
    )?;
    exec(cmd("tar").arg("--list").arg("--file").arg(&tarball))?;
    println!("\n{}", tarball.display());
    Ok(())
}
