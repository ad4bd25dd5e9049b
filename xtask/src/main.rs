//! `cargo xtask <command>`: the project's own tooling, so a fresh machine needs nothing but
//! Rust, Node.js and this repository.

mod bench;
mod build;
mod console;
mod demo;
mod dist;
mod fuzz;
mod layout;
mod lint_scripts;
mod minify;
mod openapi;
mod postgres;
mod precompress;
mod rehearse;
mod server_dist;
mod setup;
mod sizes;
mod test;
mod test_server;
mod util;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <command>

  setup   install what is missing: the wasm32 target, wasm-bindgen-cli at the Cargo.lock
          version, the npm tools in package-lock.json (wasm-opt, playwright-core, axe-core,
          requirejs), Chromium, chromedriver and aiosmtpd (apt, as root)
  build   release widget into dist/, with sizes against the budgets
  demo    setup + build, then the server in demo mode  [--listen ADDR, default 127.0.0.1:8080]
          [--db FILE|postgres://…, default .panelcare/demo.sqlite]
  test    setup, lint, build + size gate, native, browser and end-to-end tests  [--skip-lint]
          (--browser-only: just the browser tests, with their demo server)
  bench   sizes, then the server benchmark  [further arguments go to panelcare-bench]
  dist    the panel packages into target/dist/ (cPanel, WHMCS, Plesk, DirectAdmin), checked,
          and the server's release tarball panelcare-server-<version>-linux-x86_64.tar.gz
          (release build without demo mode, dist/, systemd unit, settings, proxy examples),
          unpacked, started and signed in to
  rehearse the upgrade rehearsal alone: the previous commit's server and this one side by
          side on PostgreSQL (test runs it too)
  openapi write docs/openapi.json (the API contract) from the code; the suite fails while
          the checked-in copy and the code disagree
  layout  the server's layout lint: SQL only in store modules, no import circles
  fuzz    the cargo-fuzz targets in fuzz/ on nightly (installs nightly and cargo-fuzz if
          missing), each for a while  [target, default all] [seconds, default 60]; not in CI
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{HELP}");
        return ExitCode::FAILURE;
    };
    let result = match command.as_str() {
        "setup" => setup::run(),
        "build" => build::run().map(|_| ()),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "dist" => dist::run(),
        "layout" => layout::run(),
        "openapi" => openapi::run(),
        "fuzz" => fuzz::run(rest),
        "rehearse" => rehearse::command(),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{HELP}").into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nerror: cargo xtask {command}: {err}");
            ExitCode::FAILURE
        }
    }
}
