//! `cargo xtask <command>`: the project's own tooling, so a fresh machine needs nothing but
//! Rust, Node and this repository.

mod bench;
mod build;
mod demo;
mod setup;
mod sizes;
mod test;
mod util;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

  setup   install what is missing: wasm32 target, wasm-bindgen-cli (the Cargo.lock
          version), npm tools (wasm-opt, playwright-core, axe-core), Chromium
  build   release widget build into dist/, with sizes
  demo    setup + build, then the server in demo mode on 127.0.0.1:8080
          [--listen ADDR]
  test    every suite: lint, native, browser (wasm-bindgen-test), end-to-end
          [--skip-lint]
  bench   sizes and server throughput [extra flags go to panelcare-bench]
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "setup" => setup::run(),
        "build" => build::run().map(|_| ()),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{HELP}").into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask {command}: {err}");
            ExitCode::FAILURE
        }
    }
}
