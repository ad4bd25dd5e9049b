//! `cargo xtask demo`: everything a new user needs to see panelcare in a panel.

use crate::util::{Result, cargo, cmd, exec, root, step};

pub fn run(args: &[String]) -> Result {
    let listen = match args {
        [] => "127.0.0.1:8080".to_owned(),
        [flag, addr] if flag == "--listen" => addr.clone(),
        _ => return Err("usage: cargo xtask demo [--listen ADDR]".into()),
    };
    crate::setup::run()?;
    crate::build::run()?;
    step("demo: server (release build)");
    exec(cargo().args(["build", "--release", "-p", "panelcare-server"]))?;
    let data = root().join(".panelcare");
    std::fs::create_dir_all(&data)?;
    let base = format!("http://{listen}");
    println!(
        "\npanelcare demo\n\
         \n  {base}/demo/             start here\
         \n  {base}/demo/cpanel.html  cPanel Jupiter-style dashboard with the feedback card\
         \n  {base}/demo/whmcs.html   WHMCS-style client area, same widget\
         \n\n  database: .panelcare/demo.sqlite (delete it to start over)\
         \n  Ctrl-C stops the server.\n"
    );
    exec(
        cmd("target/release/panelcare-server")
            .args([
                "--db",
                ".panelcare/demo.sqlite",
                "serve",
                "--demo",
                "--listen",
                &listen,
            ])
            .args(["--dist", "dist", "--www", "www"]),
    )
}
