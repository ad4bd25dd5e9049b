//! `cargo xtask demo`: everything a new user needs to see panelcare inside a panel.

use std::process::Command;

use crate::util::{Result, at_root, cargo, cmd, exec, step};

const USAGE: &str = "usage: cargo xtask demo [--listen ADDR] [--db FILE|postgres://…]";

/// Where the demo serves and keeps its data.
#[derive(Debug, PartialEq, Eq)]
struct Args {
    listen: String,
    db: String,
}

pub fn run(args: &[String]) -> Result {
    let Args { listen, db } = parse(args)?;
    step("setup");
    crate::setup::run()?;
    crate::build::run()?;
    step("demo: server (release build)");
    exec(cargo().args(["build", "--release", "-p", "panelcare-server"]))?;
    std::fs::create_dir_all(at_root(".panelcare"))?;

    let base = format!("http://{listen}");
    println!(
        "\npanelcare demo\n\
         \n  {base}/demo/             start here\
         \n  {base}/demo/cpanel.html  cPanel Jupiter-style dashboard: notices, an upgrade offer, tickets, feedback\
         \n  {base}/demo/whmcs.html   WHMCS client area, same widgets\
         \n  {base}/demo/plesk.html   Plesk customer panel; directadmin.html: DirectAdmin user page\
         \n  {base}/console/          operator console (accounts below, password demo-password)\
         \n\n  data: {data}; Ctrl-C stops the server\n",
        data = if db.starts_with("postgres") {
            format!("{db} (PostgreSQL; make the database again to start over)")
        } else {
            format!("{db} (delete it to start over)")
        }
    );
    let mut server = cmd(at_root("target/release/panelcare-server"));
    server
        .args(["serve", "--demo", "--listen", &listen])
        .args(["--db", &db, "--dist", "dist", "--www", "www"]);
    // PostgreSQL needs a key for stored secrets (SQLite makes one beside its file): the
    // demo keeps one in .panelcare/, unless the environment gives one.
    let given = ["PANELCARE_SECRET_KEY", "PANELCARE_SECRET_KEY_FILE"]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
    if db.starts_with("postgres") && !given {
        let key = at_root(".panelcare/demo-secret.key");
        if !key.exists() {
            std::fs::write(&key, demo_key()?)?;
        }
        server.arg("--secret-key-file").arg(&key);
    }
    replace_with(server)
}

/// 32 random bytes in base64, from the kernel's generator.
fn demo_key() -> Result<String> {
    use std::io::Read as _;
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = [0u8; 33];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes[..32])?;
    // 33 bytes (the last zero) make 44 characters; the last is the padding of 32.
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let n = u32::from(chunk[0]) << 16 | u32::from(chunk[1]) << 8 | u32::from(chunk[2]);
        for i in (0..4).rev() {
            text.push(char::from(ALPHABET[(n >> (6 * i) & 63) as usize]));
        }
    }
    text.replace_range(43.., "=");
    Ok(text)
}

fn parse(args: &[String]) -> Result<Args> {
    let mut out = Args {
        listen: "127.0.0.1:8080".to_owned(),
        db: ".panelcare/demo.sqlite".to_owned(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, v.to_owned()),
            _ => (arg.as_str(), rest.next().ok_or(USAGE)?.clone()),
        };
        match name {
            "--listen" => out.listen = value,
            "--db" => out.db = value,
            _ => return Err(USAGE.into()),
        }
    }
    Ok(out)
}

/// Becomes the server, so Ctrl-C and its exit status are the server's own.
#[cfg(unix)]
fn replace_with(mut server: Command) -> Result {
    use std::os::unix::process::CommandExt as _;
    Err(format!(
        "cannot start target/release/panelcare-server: {}",
        server.exec()
    )
    .into())
}

/// Runs the server in the foreground; it shares our console, so Ctrl-C reaches it too.
#[cfg(not(unix))]
fn replace_with(mut server: Command) -> Result {
    exec(&mut server)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn listens_and_keeps_data_where_asked() {
        let parsed = |a: &[&str]| parse(&args(a)).unwrap();
        assert_eq!(parsed(&[]).listen, "127.0.0.1:8080");
        assert_eq!(parsed(&[]).db, ".panelcare/demo.sqlite");
        assert_eq!(parsed(&["--listen", "0.0.0.0:9000"]).listen, "0.0.0.0:9000");
        assert_eq!(parsed(&["--listen=[::1]:80"]).listen, "[::1]:80");
        let pg = parsed(&["--db", "postgres://pc@db/pc", "--listen", "127.0.0.1:1"]);
        assert_eq!(
            (pg.db.as_str(), pg.listen.as_str()),
            ("postgres://pc@db/pc", "127.0.0.1:1")
        );
        assert!(parse(&args(&["--port", "80"])).is_err());
        assert!(parse(&args(&["--listen"])).is_err());
    }

    #[test]
    fn the_demo_key_is_32_bytes_in_base64() {
        let key = super::demo_key().unwrap();
        assert_eq!(key.len(), 44);
        assert!(key.ends_with('=') && !key.ends_with("=="));
        assert!(
            key[..43]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        );
        assert_ne!(key, super::demo_key().unwrap());
    }
}
