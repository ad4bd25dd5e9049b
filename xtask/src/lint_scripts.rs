//! `lint: integration scripts`: every script under integrations/ (and the WHMCS stand-in
//! the bridge tests use) checked by its own interpreter — `php -l`, `perl -c`, `bash -n` and
//! shellcheck — so a panel never receives a file that does not even parse.

use std::{fs, path::Path};

use crate::util::{Result, at_root, cmd, exec};

/// What checks one file, by its name or its first line.
fn checks(path: &Path) -> Vec<Vec<String>> {
    let first = fs::read_to_string(path)
        .ok()
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_default();
    let name = path.to_string_lossy().into_owned();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    // Our modules, and shims of cPanel's own classes so `perl -c` can read the admin module
    // on a machine without cPanel (integrations/cpanel/t/lib; never installed).
    let lib = at_root("integrations/cpanel/perl")
        .to_string_lossy()
        .into_owned();
    let shims = at_root("integrations/cpanel/t/lib")
        .to_string_lossy()
        .into_owned();
    let v = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let perl = || v(&["perl", "-I", &lib, "-I", &shims, "-c", &name]);
    match ext {
        "php" | "phtml" => vec![v(&["php", "-l", &name])],
        "pm" | "pl" => vec![perl()],
        "sh" => vec![v(&["bash", "-n", &name]), v(&["shellcheck", &name])],
        _ if first.starts_with("#!") && first.contains("perl") => vec![perl()],
        _ if first.starts_with("#!") && first.contains("bash") => {
            vec![v(&["bash", "-n", &name]), v(&["shellcheck", &name])]
        }
        _ => Vec::new(),
    }
}

fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) -> Result {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

pub fn run() -> Result {
    let mut files = Vec::new();
    walk(&at_root("integrations"), &mut files)?;
    // The WHMCS stand-in the bridge tests run the addon on is PHP too.
    walk(&at_root("tests/fixtures/whmcs/harness"), &mut files)?;
    files.sort();
    let mut checked = 0;
    for file in &files {
        for args in checks(file) {
            exec(cmd(&args[0]).args(&args[1..]))?;
            checked += 1;
        }
    }
    if checked == 0 {
        return Err("no scripts found under integrations/".into());
    }
    Ok(())
}
