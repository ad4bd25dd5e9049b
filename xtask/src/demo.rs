//! `cargo xtask demo`: everything a new user needs to see panelcare inside a panel.

use std::process::Command;

use crate::util::{Result, at_root, cargo, cmd, exec, step};

const USAGE: &str = "usage: cargo xtask demo [--listen ADDR]";

pub fn run(args: &[String]) -> Result {
    let listen = listen_addr(args)?;
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
         \n\n  data: .panelcare/demo.sqlite (delete it to start over); Ctrl-C stops the server\n"
    );
    let mut server = cmd(at_root("target/release/panelcare-server"));
    server.args(["serve", "--demo", "--listen", &listen]).args([
        "--db",
        ".panelcare/demo.sqlite",
        "--dist",
        "dist",
        "--www",
        "www",
    ]);
    replace_with(server)
}

fn listen_addr(args: &[String]) -> Result<String> {
    match args {
        [] => Ok("127.0.0.1:8080".to_owned()),
        [flag, addr] if flag == "--listen" => Ok(addr.clone()),
        [flag] if flag.starts_with("--listen=") => Ok(flag["--listen=".len()..].to_owned()),
        _ => Err(USAGE.into()),
    }
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
    fn listens_on_the_default_or_the_given_address() {
        assert_eq!(listen_addr(&[]).unwrap(), "127.0.0.1:8080");
        assert_eq!(
            listen_addr(&args(&["--listen", "0.0.0.0:9000"])).unwrap(),
            "0.0.0.0:9000"
        );
        assert_eq!(
            listen_addr(&args(&["--listen=[::1]:80"])).unwrap(),
            "[::1]:80"
        );
        assert!(listen_addr(&args(&["--port", "80"])).is_err());
    }
}
