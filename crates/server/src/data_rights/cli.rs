//! `panelcare-server customer export|erase`: the same export and erase as the console's, for
//! an operator at the server (audited with no agent).

use std::path::PathBuf;

use clap::Subcommand;
use panelcare_model::data_rights::MAX_ACCOUNT_LEN;

use crate::{db::Db, tenants};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Write everything held about one customer account as JSON (to stdout, or --to).
    Export {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        account: String,
        /// The file to write (created; an existing one is refused).
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Erase one customer account: texts and files deleted or replaced, numbers kept.
    Erase {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        account: String,
        /// Confirms the erase (it cannot be undone).
        #[arg(long)]
        yes: bool,
    },
}

pub async fn run(db: &Db, command: CustomerCommand) -> Result<(), Box<dyn std::error::Error>> {
    let (CustomerCommand::Export {
        tenant, account, ..
    }
    | CustomerCommand::Erase {
        tenant, account, ..
    }) = &command;
    if !tenants::store::exists(db, tenant).await? {
        return Err(format!("no tenant {tenant:?}").into());
    }
    if account.is_empty() || account.len() > MAX_ACCOUNT_LEN {
        return Err(format!("an account id has 1 to {MAX_ACCOUNT_LEN} characters").into());
    }
    match command {
        CustomerCommand::Export {
            tenant,
            account,
            to,
        } => {
            // The file first: an export that cannot be written is neither made nor audited.
            let file = match &to {
                None => None,
                Some(path) => {
                    // Personal data: owner-only, and never over another file.
                    let mut options = std::fs::OpenOptions::new();
                    options.write(true).create_new(true);
                    #[cfg(unix)]
                    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                    Some(
                        options
                            .open(path)
                            .map_err(|e| format!("{}: {e}", path.display()))?,
                    )
                }
            };
            let written = async {
                let doc = super::export(db, &tenant, &account, None).await?;
                let json = serde_json::to_string_pretty(&doc)?;
                match (file, &to) {
                    (Some(mut file), Some(path)) => {
                        use std::io::Write as _;
                        file.write_all(json.as_bytes())?;
                        file.write_all(b"\n")?;
                        file.sync_all()?;
                        eprintln!("wrote {}", path.display());
                    }
                    _ => println!("{json}"),
                }
                Ok::<_, Box<dyn std::error::Error>>(())
            }
            .await;
            if let (Err(_), Some(path)) = (&written, &to) {
                // The file we created holds nothing whole: an empty or cut export would
                // look like one that found nothing.
                let _ = std::fs::remove_file(path);
            }
            written?;
        }
        CustomerCommand::Erase {
            tenant,
            account,
            yes,
        } => {
            if !yes {
                return Err("erasing cannot be undone: add --yes to confirm".into());
            }
            let erased = super::erase(db, &tenant, &account, None).await?;
            println!("{}", serde_json::to_string(&erased)?);
        }
    }
    Ok(())
}
