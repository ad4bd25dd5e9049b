//! `panelcare-server`: parses the command line, then serves or runs an admin command.

use clap::Parser;
use panelcare_server::cli::{Cli, run};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("panelcare-server: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
