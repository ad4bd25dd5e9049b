//! `cargo xtask setup`: installs whatever is missing, one line per thing it checked or did.

use std::fs;

use crate::util::{Result, at_root, cargo, cmd, exec, output, which};

const WASM_TARGET: &str = "wasm32-unknown-unknown";

pub fn run() -> Result {
    wasm_target()?;
    wasm_bindgen()?;
    npm_tools()?;
    system_packages()?;
    schemathesis()?;
    Ok(())
}

fn wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("ok: rust target {WASM_TARGET}");
        return Ok(());
    }
    println!("installing: rust target {WASM_TARGET}");
    exec(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn wasm_bindgen() -> Result {
    let lock = fs::read_to_string(at_root("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e} (run `cargo generate-lockfile`)"))?;
    let want = locked_version(&lock, "wasm-bindgen").ok_or("Cargo.lock has no wasm-bindgen")?;
    // Both binaries come from wasm-bindgen-cli and must match the crate exactly: the glue
    // format changes between patch releases.
    let matches = || {
        ["wasm-bindgen", "wasm-bindgen-test-runner"]
            .iter()
            .all(|tool| {
                let line = output(cmd(tool).arg("--version")).unwrap_or_default();
                reported_version(&line) == Some(want)
            })
    };
    if matches() {
        println!("ok: wasm-bindgen-cli {want}");
        return Ok(());
    }
    println!("installing: wasm-bindgen-cli {want} (compiles for a few minutes, once)");
    // No --locked: one of the CLI's pinned dependencies is no longer on the registry.
    exec(cargo().args(["install", "wasm-bindgen-cli", "--version", want]))?;
    if !matches() {
        return Err(format!(
            "wasm-bindgen-cli {want} is installed, but `wasm-bindgen --version` on PATH \
             says otherwise: put cargo's bin directory (~/.cargo/bin) first on PATH"
        )
        .into());
    }
    Ok(())
}

/// The version of package `name` in Cargo.lock's text.
fn locked_version<'a>(lock: &'a str, name: &str) -> Option<&'a str> {
    let wanted = format!("name = \"{name}\"");
    lock.split("[[package]]").find_map(|block| {
        let mut lines = block.lines().map(str::trim);
        lines.clone().any(|l| l == wanted).then_some(())?;
        lines.find_map(|l| l.strip_prefix("version = \"")?.strip_suffix('"'))
    })
}

/// `"wasm-bindgen 0.2.130"` → `"0.2.130"`.
fn reported_version(line: &str) -> Option<&str> {
    line.split_whitespace().nth(1)
}

fn npm_tools() -> Result {
    let node = output(cmd("node").arg("--version"))
        .ok_or("node is not installed: install Node.js 20 or newer")?;
    let major = node
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    if major.is_none_or(|m| m < 20) {
        return Err(format!(
            "node {node} is too old: the tools and tests need Node.js 20 or newer"
        )
        .into());
    }
    let lock = at_root("package-lock.json");
    let installed = at_root("node_modules/.package-lock.json");
    let fresh = match (fs::metadata(&lock), fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified()? >= l.modified()?,
        _ => false,
    };
    let tools = ["wasm-opt", "terser"].map(|t| at_root(&format!("node_modules/.bin/{t}")));
    if fresh && tools.iter().all(|t| t.exists()) {
        println!(
            "ok: npm tools (node {node}; binaryen, terser, playwright-core, axe-core, requirejs)"
        );
        return Ok(());
    }
    which("npm").ok_or("npm is not installed: it comes with Node.js")?;
    println!("installing: npm tools from package-lock.json");
    exec(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// The virtual environment `cargo xtask test` runs the API contract's fuzzer from.
pub const SCHEMATHESIS_VENV: &str = "target/tools/schemathesis";

/// schemathesis at the version `tests/contract/requirements.txt` pins, in a virtual
/// environment of its own (nothing is installed into the system's Python).
fn schemathesis() -> Result {
    let requirements = at_root("tests/contract/requirements.txt");
    let pinned = fs::read_to_string(&requirements)?;
    let want = pinned
        .lines()
        .find_map(|l| l.trim().strip_prefix("schemathesis=="))
        .ok_or("tests/contract/requirements.txt pins no schemathesis version")?
        .to_owned();
    let venv = at_root(SCHEMATHESIS_VENV);
    let bin = venv.join("bin/schemathesis");
    let line = output(cmd(&bin).arg("--version")).unwrap_or_default();
    if line.ends_with(&format!(" {want}")) {
        println!("ok: schemathesis {want}");
        return Ok(());
    }
    let python = which("python3").ok_or("python3 is not installed (schemathesis needs it)")?;
    println!("installing: schemathesis {want} (pip, into {SCHEMATHESIS_VENV})");
    exec(cmd(&python).arg("-m").arg("venv").arg("--clear").arg(&venv)).map_err(|e| {
        format!("{e}: python3 cannot make a virtual environment (apt-get install python3-venv)")
    })?;
    exec(
        cmd(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )
}

/// A Debian package and how to tell it is installed.
type Package = (&'static str, fn() -> bool);

/// Debian packages the tests need: a browser and its driver, an SMTP server the
/// notification tests deliver to, and PHP and shellcheck for the panel integrations' signers
/// (Perl and openssl are on every Debian machine), with the SQLite and curl extensions the
/// WHMCS ticket bridge's test runs the addon with and SimpleXML for Plesk's usage mapping;
/// and PostgreSQL (with its `unaccent` extension) for the server suite's second engine,
/// unless `PANELCARE_TEST_PG` names a server to use.
const PACKAGES: [Package; 9] = [
    ("chromium", || which("chromium").is_some()),
    ("chromium-driver", || which("chromedriver").is_some()),
    ("python3-aiosmtpd", || {
        std::process::Command::new("/usr/bin/python3")
            .args(["-c", "import aiosmtpd"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }),
    ("php-cli", || which("php").is_some()),
    ("shellcheck", || which("shellcheck").is_some()),
    ("php-sqlite3", || php_has("pdo_sqlite")),
    ("php-curl", || php_has("curl")),
    ("php-xml", || php_has("SimpleXML")),
    ("postgresql", || {
        std::env::var_os("PANELCARE_TEST_PG").is_some() || crate::postgres::bin("initdb").is_some()
    }),
];

/// Whether the installed PHP has the extension `name`.
fn php_has(name: &str) -> bool {
    output(std::process::Command::new("php").arg("-m"))
        .is_some_and(|m| m.lines().any(|l| l.trim().eq_ignore_ascii_case(name)))
}

fn system_packages() -> Result {
    let missing = || -> Vec<&str> {
        PACKAGES
            .iter()
            .filter(|(_, present)| !present())
            .map(|(name, _)| *name)
            .collect()
    };
    if missing().is_empty() {
        println!(
            "ok: chromium, chromedriver, aiosmtpd, php (sqlite, curl, xml), shellcheck, postgresql"
        );
        return Ok(());
    }
    if output(std::process::Command::new("id").arg("-u")).as_deref() != Some("0") {
        return Err(format!(
            "missing Debian packages: {} (as root: apt-get install {})",
            missing().join(", "),
            missing().join(" ")
        )
        .into());
    }
    let wanted = missing();
    println!("installing: {} (apt)", wanted.join(" "));
    exec(cmd("apt-get").arg("update"))?;
    exec(
        cmd("apt-get")
            .args(["install", "-y"])
            .args(&wanted)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    match missing().as_slice() {
        [] => Ok(()),
        still => Err(format!("{} still missing after apt-get", still.join(" and ")).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen-futures"
version = "0.4.53"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;

    #[test]
    fn finds_the_exact_package_in_cargo_lock() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen"), Some("0.2.130"));
        assert_eq!(locked_version(LOCK, "wasm-bindgen-futures"), Some("0.4.53"));
        assert_eq!(locked_version(LOCK, "wasm"), None);
    }

    #[test]
    fn reads_the_cli_version() {
        assert_eq!(reported_version("wasm-bindgen 0.2.130"), Some("0.2.130"));
        assert_eq!(
            reported_version("wasm-bindgen-test-runner 0.2.130\n"),
            Some("0.2.130")
        );
        assert_eq!(reported_version(""), None);
    }
}
