//! `cargo xtask fuzz [target] [seconds]`: the cargo-fuzz targets in fuzz/, each run for a
//! while on nightly. Not part of `cargo xtask test`: a fuzz run has no fixed end, and the
//! same properties run there briefly as proptests.

use crate::util::{Result, cmd, exec, output, step, which};

/// The targets in fuzz/Cargo.toml.
const TARGETS: [&str; 6] = [
    "token",
    "json_bodies",
    "markdown",
    "sniff",
    "clean_text",
    "rules_toml",
];

const USAGE: &str = "usage: cargo xtask fuzz [token|json_bodies|markdown|sniff|clean_text|rules_toml] [seconds, default 60]";

pub fn run(args: &[String]) -> Result {
    let (targets, seconds) = parse(args)?;
    setup()?;
    for target in targets {
        step(&format!("fuzz {target} for {seconds} s"));
        // `rustup run`: the cargo that runs xtask is stable's, and cargo-fuzz needs nightly
        // for the sanitizer.
        exec(cmd("rustup").args([
            "run",
            "nightly",
            "cargo",
            "fuzz",
            "run",
            target,
            "--",
            &format!("-max_total_time={seconds}"),
        ]))?;
    }
    Ok(())
}

fn parse(args: &[String]) -> Result<(Vec<&'static str>, u64)> {
    let mut targets: Vec<&'static str> = TARGETS.to_vec();
    let mut seconds = 60;
    for arg in args {
        if let Ok(n) = arg.parse() {
            seconds = n;
        } else if let Some(t) = TARGETS.iter().find(|t| **t == arg.as_str()) {
            targets = vec![t];
        } else {
            return Err(format!("unknown fuzz target {arg:?}\n{USAGE}").into());
        }
    }
    Ok((targets, seconds))
}

/// Nightly and cargo-fuzz, installed when missing.
fn setup() -> Result {
    let toolchains = output(cmd("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        step("install the nightly toolchain (cargo-fuzz needs it)");
        exec(cmd("rustup").args(["toolchain", "install", "nightly", "--profile", "minimal"]))?;
    }
    if which("cargo-fuzz").is_none() {
        step("install cargo-fuzz");
        exec(cmd("rustup").args([
            "run",
            "nightly",
            "cargo",
            "install",
            "cargo-fuzz",
            "--locked",
        ]))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn target_and_seconds_in_either_order() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(parse(&[]).ok(), Some((super::TARGETS.to_vec(), 60)));
        assert_eq!(parse(&args(&["sniff"])).ok(), Some((vec!["sniff"], 60)));
        assert_eq!(
            parse(&args(&["30", "token"])).ok(),
            Some((vec!["token"], 30))
        );
        assert!(parse(&args(&["nope"])).is_err());
    }
}
