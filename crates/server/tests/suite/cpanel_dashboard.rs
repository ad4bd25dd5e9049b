//! cPanel's dashboard snippet goes into the host's global footer content include beside
//! whatever the host has there, is replaced (not doubled) by a reinstall, and comes out
//! cleanly: `integrations/cpanel/scripts/dashboard.sh`, run by bash on a scratch directory.

use std::{path::PathBuf, process::Command};

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../integrations/cpanel/scripts/dashboard.sh")
}

/// Runs the script on `dir`: (succeeded, what it printed to stderr).
fn run(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("bash")
        .arg(script())
        .args(args)
        .env("PANELCARE_CONTENT_INCLUDES", dir)
        .output()
        .expect("bash");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const FOOTER: &str = "cpanel_jupiter_globalfooter.html.tt";

#[test]
fn the_snippet_joins_the_hosts_footer_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let footer = dir.path().join(FOOTER);
    let host = "<p>Call us: +1 555 0100</p>\n[% IF CPANEL.feature('backup') %]<b>Backups on</b>[% END %]\n";
    std::fs::write(&footer, host).expect("write");

    assert!(run(dir.path(), &["install", "https://care.acme.example"]).0);
    let installed = std::fs::read_to_string(&footer).expect("read");
    assert!(
        installed.starts_with(host),
        "the host's own content comes first, unchanged"
    );
    assert!(installed.contains(r#"loader.src = "https://care.acme.example/panelcare.js";"#));
    assert!(installed.contains("[% IF CPANEL.feature('panelcare') -%]"));
    assert!(!installed.contains("@SERVER@"));

    // A reinstall with a new address replaces the block.
    assert!(run(dir.path(), &["install", "https://care2.acme.example:8443"]).0);
    let again = std::fs::read_to_string(&footer).expect("read");
    assert_eq!(again.matches("panelcare:begin").count(), 1);
    assert!(again.contains("https://care2.acme.example:8443/panelcare.js"));
    assert!(!again.contains("care.acme.example/"));

    assert!(run(dir.path(), &["remove"]).0);
    assert_eq!(std::fs::read_to_string(&footer).expect("read"), host);
}

#[test]
fn a_footer_that_was_only_panelcares_goes_and_bad_addresses_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let footer = dir.path().join(FOOTER);
    for bad in [
        "http://care.acme.example",
        "https://care.acme.example/x|y",
        "",
        "https://a b",
    ] {
        let (ok, err) = run(dir.path(), &["install", bad]);
        assert!(!ok, "{bad:?} was taken");
        assert!(err.contains("https://"), "{err}");
    }
    assert!(
        !footer.exists(),
        "nothing was written for a refused address"
    );
    assert!(run(dir.path(), &["install", "https://care.acme.example"]).0);
    assert!(footer.exists());
    assert!(run(dir.path(), &["remove"]).0);
    assert!(!footer.exists());
    assert!(run(dir.path(), &["remove"]).0, "removing twice is fine");
    assert!(!run(dir.path(), &["upgrade"]).0);
}
