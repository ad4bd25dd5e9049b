//! Running commands and finding things.

use std::{
    error::Error,
    path::{Path, PathBuf},
    process::Command,
};

pub type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// A command that runs in the repository root.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root());
    c
}

/// Runs `c`, failing with its command line if it fails.
pub fn exec(c: &mut Command) -> Result {
    let line = format!("{c:?}").replace('"', "");
    let status = c.status().map_err(|e| format!("cannot run {line}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{line} failed ({status})").into())
    }
}

/// What `c` printed on stdout, if it ran and succeeded.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The full path of `program` on PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// The cargo that runs us (so rustup's toolchain choice holds).
pub fn cargo() -> Command {
    cmd(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub fn step(title: &str) {
    println!("\n==> {title}");
}
