//! The upgrade rehearsal: the previous commit's server built beside this one, then the suite's
//! rehearsal test runs both binaries on one PostgreSQL (the README's upgrade procedure, for real).

use std::{fs, path::PathBuf};

use crate::util::{Result, at_root, cargo, cmd, exec, output};

/// The commit the rehearsal upgrades from.
const FROM: &str = "HEAD~1";

/// The previous commit's `panelcare-server`, built once per commit under `target/previous/`
/// (its own target directory, so this build's artefacts are never replaced); `None` when the
/// clone has no previous commit (a shallow or single-commit clone).
pub fn previous_server() -> Result<Option<PathBuf>> {
    let Some(sha) = output(cmd("git").args([
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{FROM}^{{commit}}"),
    ])) else {
        return Ok(None);
    };
    let dir = at_root("target/previous");
    let bin = dir.join(format!("panelcare-server-{}", &sha[..12]));
    if bin.is_file() {
        println!("the previous commit's server is built: {}", bin.display());
        return Ok(Some(bin));
    }
    // Its sources as committed, apart from this work tree.
    let src = dir.join("src");
    if src.exists() {
        fs::remove_dir_all(&src)?;
    }
    fs::create_dir_all(&src)?;
    let tar = dir.join("src.tar");
    exec(
        cmd("git")
            .args(["archive", "--format=tar", "-o"])
            .arg(&tar)
            .arg(&sha),
    )?;
    exec(cmd("tar").arg("-xf").arg(&tar).arg("-C").arg(&src))?;
    exec(
        cargo()
            .current_dir(&src)
            .args([
                "build",
                "-p",
                "panelcare-server",
                "--bin",
                "panelcare-server",
                "--target-dir",
            ])
            .arg(dir.join("target")),
    )?;
    fs::copy(dir.join("target/debug/panelcare-server"), &bin)?;
    fs::remove_dir_all(&src)?;
    fs::remove_file(&tar)?;
    Ok(Some(bin))
}

/// `cargo xtask rehearse`: the previous commit's server, then the rehearsal on a PostgreSQL.
pub fn command() -> Result {
    let previous = previous_server()?.ok_or("this clone has no previous commit to upgrade from")?;
    run(&previous, &crate::postgres::Postgres::start()?)
}

/// The rehearsal test with `previous` on `pg`.
pub fn run(previous: &std::path::Path, pg: &crate::postgres::Postgres) -> Result {
    exec(
        cargo()
            .args([
                "test",
                "--workspace",
                "--test",
                "suite",
                "upgrades::the_previous_build_and_this_one_serve_side_by_side",
                "--",
                "--ignored",
                "--exact",
            ])
            .env("PANELCARE_TEST_PG", &pg.url)
            .env("PANELCARE_PREVIOUS_SERVER", previous),
    )
}
