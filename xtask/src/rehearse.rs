//! The upgrade rehearsal: the previous commit's server built beside this one, then the suite's
//! rehearsal test runs both binaries on one PostgreSQL (the README's upgrade procedure, for real).

use std::{fs, path::PathBuf};

use crate::util::{Result, at_root, cargo, cmd, exec, output};

/// The commit the rehearsal upgrades from, unless `PANELCARE_REHEARSE_FROM` names another (a
/// release tag, say, to rehearse a jump over several commits).
const FROM: &str = "HEAD~1";

/// The suite's rehearsal test; the step fails unless exactly it ran and passed.
const TEST: &str = "upgrades::the_previous_build_and_this_one_serve_side_by_side";

/// The previous commit's `panelcare-server`, built under `target/previous/` (its own target
/// directory, so this build's artefacts are never replaced) and kept for that commit only;
/// `None` when the clone has no previous commit, even after asking a shallow clone for it.
pub fn previous_server() -> Result<Option<PathBuf>> {
    let from = std::env::var("PANELCARE_REHEARSE_FROM").unwrap_or_else(|_| FROM.into());
    let resolve = || {
        output(cmd("git").args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{from}^{{commit}}"),
        ]))
    };
    let mut sha = resolve();
    if sha.is_none()
        && output(cmd("git").args(["rev-parse", "--is-shallow-repository"])).as_deref()
            == Some("true")
    {
        // A shallow clone: one more commit of history is enough.
        let _ = exec(cmd("git").args(["fetch", "--quiet", "--deepen=1"]));
        sha = resolve();
    }
    let Some(sha) = sha else {
        return Ok(None);
    };
    let dir = at_root("target/previous");
    let bin = dir.join(format!("panelcare-server-{}", &sha[..12]));
    if bin.is_file() {
        println!("the previous commit's server is built: {}", bin.display());
        return Ok(Some(bin));
    }
    fs::create_dir_all(&dir)?;
    // Binaries of older commits are of no more use.
    for entry in fs::read_dir(&dir)? {
        let path = entry?.path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("panelcare-server-"))
        {
            fs::remove_file(&path)?;
        }
    }
    // Its sources as committed, apart from this work tree. Unpacked with the time of now
    // (`-m`): with the commit's times, cargo would take the last rehearsal's build of an
    // older commit for up to date, since no file would be newer than it.
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
    exec(cmd("tar").arg("-xmf").arg(&tar).arg("-C").arg(&src))?;
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
    // Copied under a temporary name, then renamed: an interrupted copy is never taken for a build.
    let partial = dir.join("partial");
    fs::copy(dir.join("target/debug/panelcare-server"), &partial)?;
    fs::rename(&partial, &bin)?;
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
    let mut test = cargo();
    test.args([
        "test",
        "--workspace",
        "--test",
        "suite",
        TEST,
        "--",
        "--ignored",
        "--exact",
    ])
    .env("PANELCARE_TEST_PG", &pg.url)
    .env("PANELCARE_PREVIOUS_SERVER", previous);
    println!("$ cargo test --workspace --test suite {TEST} -- --ignored --exact");
    let out = test
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let said = String::from_utf8_lossy(&out.stdout);
    print!("{said}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(format!("the upgrade rehearsal failed ({})", out.status).into());
    }
    // A renamed test would match nothing, and cargo would call that a success.
    if !said.contains("test result: ok. 1 passed") {
        return Err(format!("the rehearsal test {TEST} did not run").into());
    }
    Ok(())
}
