//! Running commands and finding things: the repository root, tools on PATH, step headers.

use std::{
    error::Error,
    ffi::OsStr,
    fs,
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

/// `rel` under the repository root, as an absolute path (children may run elsewhere).
pub fn at_root(rel: &str) -> PathBuf {
    root().join(rel)
}

/// A command that runs in the repository root.
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root());
    c
}

/// The cargo that runs us, so rustup's toolchain choice holds for every nested build.
pub fn cargo() -> Command {
    cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs `c` with the terminal attached, failing with its command line if it fails.
pub fn exec(c: &mut Command) -> Result {
    let line = show(c);
    println!("$ {line}");
    let status = c.status().map_err(|e| format!("cannot run {line}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{line} failed ({status})").into())
    }
}

/// What `c` printed on stdout, trimmed, if it ran and succeeded.
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

/// `fs::read` whose error names the file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// A header line before each step, so a long log is easy to scan.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// The command line as a person would type it (program and arguments, no quoting).
fn show(c: &Command) -> String {
    let program = Path::new(c.get_program());
    let program = match program.strip_prefix(root()) {
        Ok(rel) => rel,
        Err(_) if program.is_absolute() => program.file_name().map_or(program, Path::new),
        Err(_) => program,
    };
    let mut line = program.to_string_lossy().into_owned();
    for arg in c.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    // Commands run in the root: show paths there the short way.
    line.replace(&format!(" {}/", root().display()), " ")
}
