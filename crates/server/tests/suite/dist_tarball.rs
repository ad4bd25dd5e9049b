//! The release tarball as a provider installs it: unpacked into a temporary root, its binary
//! started from there on a new SQLite database, the provider's tenant and first admin made with
//! the CLI, the widget and console served, the admin signed in. And nothing of the demo in it.
//! `cargo xtask test` (a debug server) and `cargo xtask dist` (the release one) build the
//! tarball and name it in `PANELCARE_DIST_TARBALL`; without it this test has nothing to check.

use std::{path::Path, process::Command};

use panelcare_server::demo;

use crate::common::{
    TEST_SECRET_KEY,
    process::{Instance, run_command},
};

const TARBALL: &str = "PANELCARE_DIST_TARBALL";

fn printed(out: &str, label: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix(label))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("{label:?} in {out}"))
}

/// Every `PANELCARE_*` variable the server's command line reads.
fn variables_read() -> Vec<String> {
    let cli = include_str!("../../src/cli.rs");
    let mut found: Vec<String> = cli
        .split("\"PANELCARE_")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(name, _)| format!("PANELCARE_{name}"))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_tarball_installs_and_serves_without_the_demo() {
    let Ok(tarball) = std::env::var(TARBALL) else {
        eprintln!("{TARBALL} names no tarball: `cargo xtask test` and `cargo xtask dist` make one");
        return;
    };
    let root = tempfile::tempdir().expect("tempdir");
    let status = Command::new("tar")
        .args(["-xzf", &tarball, "-C"])
        .arg(root.path())
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar -xzf {tarball}");
    let mut tops = std::fs::read_dir(root.path())
        .expect("unpacked")
        .map(|e| e.expect("entry").path());
    let top = tops.next().expect("one top directory");
    assert!(tops.next().is_none(), "one top directory only");
    let name = top
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("panelcare-server-") && name.ends_with("-linux-x86_64"),
        "{name}"
    );
    for file in [
        "bin/panelcare-server",
        "dist/panelcare.js",
        "dist/panelcare.js.br",
        "dist/panelcare.js.gz",
        "dist/manifest.json",
        "dist/console/index.html",
        "panelcare.service",
        "panelcare.env.example",
        "INSTALL.md",
        "proxy/nginx.conf",
        "proxy/Caddyfile",
    ] {
        assert!(top.join(file).is_file(), "{file} in the tarball");
    }

    // The unit is hardened and runs what the tarball holds on the state directory.
    let unit = std::fs::read_to_string(top.join("panelcare.service")).expect("unit");
    for line in [
        "User=panelcare",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "StateDirectory=panelcare",
        "ReadWritePaths=/var/lib/panelcare",
        "CapabilityBoundingSet=",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "EnvironmentFile=/etc/panelcare/panelcare.env",
        "ExecStart=/opt/panelcare/bin/panelcare-server --db /var/lib/panelcare/panelcare.sqlite serve",
    ] {
        assert!(
            unit.lines().any(|l| l.starts_with(line)),
            "{line} in the unit"
        );
    }
    assert_eq!(
        unit.lines()
            .filter(|l| l.starts_with("ReadWritePaths="))
            .count(),
        1,
        "the state directory is the only writable path"
    );
    // Every setting the server reads is explained in the example settings.
    let settings = std::fs::read_to_string(top.join("panelcare.env.example")).expect("env");
    for var in variables_read() {
        assert!(settings.contains(&var), "{var} in panelcare.env.example");
    }
    for proxy in ["proxy/nginx.conf", "proxy/Caddyfile"] {
        let text = std::fs::read_to_string(top.join(proxy)).expect("proxy");
        assert!(
            text.contains("X-Forwarded-For"),
            "{proxy} forwards the client's address"
        );
        assert!(text.contains("/metrics"), "{proxy} keeps /metrics out");
    }

    // Nothing of the demo in the binary: its published secrets, password, accounts, endpoints.
    let bin = top.join("bin/panelcare-server");
    let bytes = std::fs::read(&bin).expect("binary");
    let mut published = vec![
        demo::SECRET,
        demo::RESELLER_SECRET,
        demo::ADMIN_PASSWORD,
        "/demo-api",
    ];
    published.extend(demo::ADMINS.iter().map(|a| a.1));
    published.extend(demo::CUSTOMERS.iter().map(|c| c.email));
    for text in published {
        assert!(
            !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
            "{text:?} is in the release binary"
        );
    }
    let bin = bin.to_str().expect("utf-8 path");

    // Asked for the demo, it says it has none, before it touches the database.
    let state = root.path().join("state");
    std::fs::create_dir(&state).expect("state dir");
    let db = state.join("panelcare.sqlite");
    let db = db.to_str().expect("utf-8 path");
    let demo_start = Command::new(bin)
        .args(["--db", db, "serve", "--demo", "--listen", "127.0.0.1:0"])
        .env("PANELCARE_SECRET_KEY", TEST_SECRET_KEY)
        .output()
        .expect("runs");
    assert!(!demo_start.status.success());
    let said = String::from_utf8_lossy(&demo_start.stderr);
    assert!(said.contains("no demo mode"), "{said}");
    assert!(
        !Path::new(db).exists(),
        "no database was made for the refused demo"
    );

    // The provider's tenant and first admin, with the CLI, as INSTALL.md says.
    let out = run_command(
        bin,
        db,
        &["tenant", "create", "--id", "acme", "--name", "Acme Hosting"],
    );
    let secret = printed(&out, "secret");
    assert!(secret.len() >= 32, "{out}");
    let out = run_command(
        bin,
        db,
        &[
            "admin",
            "create",
            "--tenant",
            "acme",
            "--email",
            "ada@acme.example",
            "--name",
            "Ada",
        ],
    );
    let password = printed(&out, "password");

    let dist = top.join("dist");
    let server =
        Instance::start_installed(bin, db, &["--dist", dist.to_str().expect("utf-8")], &[]);
    let (s, loader, _) = server.get("/panelcare.js").await;
    assert_eq!(s, 200, "the widget's loader");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dist.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let wasm = manifest["wasm"].as_str().expect("a hashed wasm");
    assert!(loader.contains(wasm), "the loader names {wasm}");
    let (s, _, headers) = server.get(&format!("/{wasm}")).await;
    assert_eq!(s, 200, "{wasm}");
    assert!(
        headers["cache-control"]
            .to_str()
            .expect("ascii")
            .contains("immutable"),
        "a hashed asset is cached for good"
    );
    let (s, page, _) = server.get("/console/").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("<html") || page.contains("<!doctype"),
        "{page}"
    );
    let (cookie, _) = server.sign_in("ada@acme.example", &password).await;
    assert!(!cookie.is_empty());
    for path in ["/demo/", "/demo-api/token?account=alice"] {
        assert_eq!(server.get(path).await.0, 404, "{path}");
    }
    let (s, _, _) = server.get("/metrics").await;
    assert_eq!(s, 404, "no metrics on the public listener");
}
