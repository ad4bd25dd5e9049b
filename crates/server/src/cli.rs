//! Command line: `serve`, and admin commands that run against the same database.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

use panelcare_model::console::Role;

#[cfg(feature = "demo")]
use crate::demo;
use crate::{agents, app, backup, db::Db, outbound::AllowList, state::Config, tenants};

#[derive(Debug, Parser)]
#[command(
    name = "panelcare-server",
    version,
    about = "panelcare customer-care service"
)]
pub struct Cli {
    /// Database: a SQLite file path or `sqlite:` URL (created if missing), or a
    /// `postgres://user:password@host/database` URL (PostgreSQL 13 or newer).
    #[arg(
        long,
        global = true,
        env = "PANELCARE_DB",
        default_value = "panelcare.sqlite"
    )]
    pub db: String,
    /// Most database connections this process opens.
    #[arg(
        long,
        global = true,
        env = "PANELCARE_DB_POOL_SIZE",
        default_value_t = 8
    )]
    pub db_pool_size: u32,
    /// Seconds a request waits for a database connection (and, on SQLite, for another
    /// writer) before it fails.
    #[arg(
        long,
        global = true,
        env = "PANELCARE_DB_TIMEOUT",
        default_value_t = 10
    )]
    pub db_timeout: u64,
    /// File holding the key that seals tenant signing secrets and webhook secrets in the
    /// database: 32 random bytes in base64 (`head -c32 /dev/urandom | base64`). Every instance
    /// on one database needs the same key. Without one, a SQLite database gets `<file>.key`
    /// next to it on first start; PostgreSQL refuses to start.
    #[arg(long, global = true, env = "PANELCARE_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,
    /// The key itself (base64), when no --secret-key-file is given.
    #[arg(
        long,
        global = true,
        env = "PANELCARE_SECRET_KEY",
        hide_env_values = true
    )]
    pub secret_key: Option<String>,
    /// Files holding earlier keys, still accepted while rotating: run `rotate-secrets` with the
    /// new key as --secret-key-file and the old one here, then drop the old one.
    #[arg(
        long,
        global = true,
        env = "PANELCARE_OLD_SECRET_KEY_FILES",
        value_delimiter = ','
    )]
    pub old_secret_key_file: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the widget API, the built widget and the console (and with `--demo` the demo
    /// pages).
    Serve(ServeArgs),
    /// Manage tenants (the provider and its resellers).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Manage console accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// A customer account's data: export it as JSON, or erase it.
    #[command(subcommand)]
    Customer(crate::data_rights::cli::CustomerCommand),
    /// Bring the database to this build's schema and exit: run once, before instances of
    /// a new version start (the instances still running keep serving on the expanded schema).
    Migrate,
    /// Seal every stored secret under the current key (--secret-key-file), opening those sealed
    /// under an older one (--old-secret-key-file) or written plain; after it, the older keys
    /// are no longer needed.
    RotateSecrets,
    /// Copy a SQLite database, consistently, while the server serves and writes; the copy is
    /// checked, and the key file that opens its secrets is copied beside it as `<file>.key`.
    /// PostgreSQL: `pg_dump` (see the README).
    Backup(BackupArgs),
    /// Put a backup in place of the SQLite database (the server stopped), with its key file.
    /// PostgreSQL: `pg_restore` (see the README).
    Restore(RestoreArgs),
    /// Print the API contract (OpenAPI 3.1, JSON) this build serves; no database is opened.
    Openapi,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (it and `<file>.key` appear whole or not at all).
    #[arg(long)]
    pub to: PathBuf,
    /// Replace an earlier backup (and its key file) at that name.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore (its key file, if any, is `<file>.key`).
    #[arg(long)]
    pub from: PathBuf,
    /// Replace an existing database (never one in use) and its key file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a console account and print its password (shown once; only a hash is kept).
    Create {
        /// The tenant the account belongs to.
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `provider_admin`, `reseller_admin` or `agent`; by default the admin role that fits
        /// the tenant (provider or reseller).
        #[arg(long)]
        role: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "PANELCARE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The built widget (`cargo xtask build` writes it).
    #[arg(long, env = "PANELCARE_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Hand-written web files (demo pages live in `www/demo`, served with `--demo` only).
    #[arg(long, env = "PANELCARE_WWW", default_value = "www")]
    pub www: PathBuf,
    /// Do not apply pending migrations at start-up (`panelcare-server migrate` does, once, for
    /// all instances); `/readyz` answers 503 until the schema is there.
    #[arg(long, env = "PANELCARE_NO_MIGRATE")]
    pub no_migrate: bool,
    /// Seed demo data and serve the demo panels (`/demo/`, where `/` leads) and the demo host's
    /// token and usage endpoints.
    #[arg(long, env = "PANELCARE_DEMO")]
    pub demo: bool,
    /// With `--demo`: let the demo's clock endpoint move the clock forward, so tests can see a
    /// snooze end. Never in production.
    #[arg(long, env = "PANELCARE_TEST_CLOCK", requires = "demo")]
    pub test_clock: bool,
    /// With `--demo`: let pages on `http://127.0.0.1:<any port>` call the console API with
    /// the session cookie (the console's component tests, which a test runner serves from its
    /// own port). Never in production.
    #[arg(long, requires = "demo", hide = true)]
    pub console_test_cors: bool,
    /// Origin that serves attachment downloads (`/api/v1/files/…`), e.g.
    /// `https://files.panelcare.example`; empty: this server.
    #[arg(long, env = "PANELCARE_FILES_ORIGIN", default_value = "")]
    pub files_origin: String,
    /// This server's public address, for links in notification e-mails; an https one also
    /// turns on `Strict-Transport-Security`.
    #[arg(long, env = "PANELCARE_PUBLIC_URL", default_value = "")]
    pub public_url: String,
    /// SMTP server for notification e-mails: `smtp://host:25`, `smtp://host:587?tls=required`,
    /// `smtps://user:pass@host:465`. Empty: e-mails are not sent.
    #[arg(long, env = "PANELCARE_SMTP_URL", default_value = "")]
    pub smtp_url: String,
    /// Sender of notification e-mails.
    #[arg(
        long,
        env = "PANELCARE_MAIL_FROM",
        default_value = "panelcare <panelcare@localhost>"
    )]
    pub mail_from: String,
    /// Hosts webhooks and the ticket bridge may reach although they are on this machine, a
    /// private network or link-local (all refused otherwise): `host`, `host:port` or
    /// `[ipv6]:port`, comma-separated, e.g. `helpdesk.lan,10.0.0.5:8443`. Only the server's
    /// operator sets this; tenants cannot.
    #[arg(long, env = "PANELCARE_OUTBOUND_ALLOW", default_value = "", value_parser = AllowList::parse)]
    pub outbound_allow: AllowList,
    /// Milliseconds a claimed delivery stays this instance's (tests; the defaults suit
    /// production).
    #[arg(long, env = "PANELCARE_JOB_LEASE_MS", hide = true)]
    pub job_lease_ms: Option<i64>,
    /// Behind a reverse proxy: the request header it puts the client's address in
    /// (`X-Forwarded-For`: the last entry, the one the proxy added; `X-Real-IP`). Only set it
    /// when every request comes through that proxy: clients can send the header themselves.
    /// Empty: the address of the connection. Sign-in throttling counts by this address.
    #[arg(long, env = "PANELCARE_CLIENT_ADDRESS_HEADER", default_value = "")]
    pub client_address_header: String,
    /// Milliseconds a refused request (`429`) is held before its answer goes out, so a flood
    /// that ignores `Retry-After` runs at the pace of its connections, not of the CPU; never
    /// longer than the `Retry-After` it carries. 0: answer at once.
    #[arg(long, env = "PANELCARE_REFUSAL_HOLD_MS", default_value_t = crate::slow_refusals::DEFAULT_HOLD_MS)]
    pub refusal_hold_ms: u64,
    /// Address of a second listener that serves Prometheus metrics at `/metrics` (never on
    /// --listen): keep it on a private interface or firewalled, it needs no token. Empty: no
    /// metrics are kept.
    #[arg(long, env = "PANELCARE_METRICS_LISTEN", default_value = "", value_parser = parse_optional_addr)]
    pub metrics_listen: OptionalAddr,
    /// Log format: `pretty` for people, `json` for log collectors.
    #[arg(long, env = "PANELCARE_LOG_FORMAT", default_value = "pretty")]
    pub log_format: LogFormat,
}

/// An address to listen on, or none (an empty value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionalAddr(pub Option<SocketAddr>);

fn parse_optional_addr(s: &str) -> Result<OptionalAddr, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(OptionalAddr(None));
    }
    s.parse()
        .map(|a| OptionalAddr(Some(a)))
        .map_err(|e| format!("{s:?} is no address such as 127.0.0.1:9090: {e}"))
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant and print its first signing key for the host's settings.
    Create {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// Makes the tenant a reseller of this provider.
        #[arg(long)]
        parent: Option<String>,
    },
    /// Add a signing key (for rotation: the old one stays valid until removed).
    AddKey {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        kid: String,
    },
}

impl Cli {
    async fn open(&self) -> Result<Db, crate::db::ConnectError> {
        let no_migrate = matches!(&self.command, Command::Serve(a) if a.no_migrate);
        let options = crate::db::Options {
            max_connections: self.db_pool_size.max(1),
            timeout: std::time::Duration::from_secs(self.db_timeout.max(1)),
            migrate: !no_migrate,
            keys: self.key_sources(),
            secrets: None,
        };
        Db::connect_with(&self.db, &options).await
    }

    fn key_sources(&self) -> crate::secrets::config::KeySources {
        crate::secrets::config::KeySources {
            key: self.secret_key.clone(),
            key_file: self.secret_key_file.clone(),
            old_key_files: self.old_secret_key_file.clone(),
        }
    }
}

/// Runs the parsed command.
pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    // Before the database opens, so what its migrations report reaches the log.
    if let Command::Serve(args) = &cli.command {
        init_logging(args.log_format);
    }
    // A production build refuses the demo before it touches the database.
    #[cfg(not(feature = "demo"))]
    if matches!(&cli.command, Command::Serve(a) if a.demo || a.test_clock) {
        return Err(NO_DEMO.into());
    }
    // Before the database opens: opening migrates, seals and may make a key file, and a
    // backup copies the database as it is while a restore's target may not exist yet.
    match &cli.command {
        Command::Backup(args) => {
            let taken = backup::take(&cli.db, &cli.key_sources(), &args.to, args.force).await?;
            println!("{taken}");
            return Ok(());
        }
        Command::Restore(args) => {
            let restored =
                backup::restore(&cli.db, &cli.key_sources(), &args.from, args.force).await?;
            println!("{restored}");
            return Ok(());
        }
        Command::Openapi => {
            print!("{}", crate::api_document_json());
            return Ok(());
        }
        _ => {}
    }
    let db = cli.open().await?;
    match cli.command {
        Command::Backup(_) | Command::Restore(_) | Command::Openapi => {
            unreachable!("handled above")
        }
        Command::Serve(args) => serve(db, args).await,
        Command::Migrate => {
            let schema = db.schema().await?;
            println!(
                "{} database at migration {}; this build's newest is {}{}",
                db.engine().name(),
                schema.applied,
                schema.known,
                if schema.newer.is_empty() {
                    String::new()
                } else {
                    format!(" (a newer build applied {:?})", schema.newer)
                }
            );
            Ok(())
        }
        Command::RotateSecrets => {
            let sealed =
                crate::secrets::store::pass(&db, &db.secrets, crate::secrets::store::Pass::Seal)
                    .await?;
            println!(
                "{sealed} secrets sealed again; all are now under key {}: older keys can be \
                 dropped from the configuration",
                db.secrets.current_id()
            );
            Ok(())
        }
        Command::Tenant(TenantCommand::Create { id, name, parent }) => {
            // The name reaches customers' widgets, agents' queues and e-mails: the text rule.
            let name = panelcare_model::clean::text(&name)
                .map_err(|e| format!("the tenant's name: {e}"))?;
            let name = name.trim();
            if name.is_empty() {
                return Err("the tenant's name is empty".into());
            }
            if !tenants::store::create(&db, &id, name, parent.as_deref()).await? {
                return Err(format!("tenant {id:?} already exists").into());
            }
            let secret = tenants::generate_secret();
            agents::store::put_key(&db, &id, "k1", &secret).await?;
            println!("tenant {id} created\nkid    k1\nsecret {secret}");
            Ok(())
        }
        Command::Admin(AdminCommand::Create {
            tenant,
            email,
            name,
            role,
        }) => {
            let role = match role {
                Some(r) => Role::parse(&r).ok_or_else(|| format!("unknown role {r:?}"))?,
                None if tenants::store::parent_of(&db, &tenant).await?.is_some() => {
                    Role::ResellerAdmin
                }
                None => Role::ProviderAdmin,
            };
            let password = crate::console::password::generate();
            agents::store::create(&db, &tenant, &email, &name, role, &password).await?;
            println!(
                "{} {email} created for tenant {tenant}\npassword {password}",
                role.as_str()
            );
            Ok(())
        }
        Command::Customer(command) => crate::data_rights::cli::run(&db, command).await,
        Command::Tenant(TenantCommand::AddKey { tenant, kid }) => {
            let secret = tenants::generate_secret();
            agents::store::put_key(&db, &tenant, &kid, &secret).await?;
            println!("kid    {kid}\nsecret {secret}");
            Ok(())
        }
    }
}

async fn serve(db: Db, args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    if args.demo {
        start_demo(&db).await?;
    } else {
        refuse_demo_database(&db).await?;
    }
    let state = crate::app_state(
        db,
        Config {
            dist_dir: args.dist,
            www_dir: args.www,
            demo: args.demo,
            test_clock: args.test_clock,
            console_test_cors: args.console_test_cors,
            files_origin: args.files_origin,
            public_url: args.public_url,
            smtp_url: args.smtp_url,
            mail_from: args.mail_from,
            job_lease_ms: args.job_lease_ms,
            client_address_header: args.client_address_header,
            outbound_allow: args.outbound_allow,
            refusal_hold: std::time::Duration::from_millis(args.refusal_hold_ms),
        },
    );
    // Before the jobs start, so they refresh the gauges too.
    if let OptionalAddr(Some(at)) = args.metrics_listen {
        crate::metrics::install()?;
        let listener = tokio::net::TcpListener::bind(at).await?;
        let addr = listener.local_addr()?;
        tracing::info!(%addr, "metrics listening");
        // Scripts (and the tests) read where the metrics are, before the line they wait for.
        println!("panelcare-server metrics on http://{addr}/metrics");
        let router = crate::metrics::scrape::router(state.db.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
    }
    crate::jobs::spawn(state.clone());
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, demo = args.demo, "panelcare-server listening");
    // A line on stdout that scripts (and the end-to-end tests) wait for.
    println!("panelcare-server listening on http://{addr}");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("panelcare-server stopped");
    Ok(())
}

/// Demo mode's seed and its console accounts, printed for the person trying it.
#[cfg(feature = "demo")]
async fn start_demo(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    demo::start(db).await?;
    println!(
        "demo console accounts (password {:?}):",
        demo::ADMIN_PASSWORD
    );
    for (tenant, email, _, role) in demo::ADMINS {
        println!("  {email:<28} {:<15} {tenant}", role.as_str());
    }
    Ok(())
}

/// Refused before the database opens (see [`run`]).
#[cfg(not(feature = "demo"))]
async fn start_demo(_: &Db) -> Result<(), Box<dyn std::error::Error>> {
    Err(NO_DEMO.into())
}

/// What a production build says to `--demo`.
#[cfg(not(feature = "demo"))]
const NO_DEMO: &str = "this build has no demo mode (it was built without the `demo` feature, as \
    the release tarball is): --demo and --test-clock are refused. The demo runs from a \
    development build: `cargo xtask demo` in a checkout";

/// A server that is not in demo mode never serves a database the demo seeded: its tenants'
/// signing secrets and console passwords are published in this repository.
async fn refuse_demo_database(db: &Db) -> Result<(), Box<dyn std::error::Error>> {
    // A database still short of the migration that made the mark (started with --no-migrate
    // before `migrate` ran) has no mark to find; such a start serves nothing until migrated.
    // Any other failure stops the start: an unreadable mark is not an absent one.
    let marked = crate::db::marks::is_set(db, crate::db::marks::DEMO)
        .await
        .map_err(|e| format!("cannot read the database's marks: {e}"))?;
    if marked {
        return Err(
            "refusing to serve: demo mode (`serve --demo`) seeded this database, and \
            its demo tenants' signing secrets and console passwords are published. Serve a new \
            database (--db /var/lib/panelcare/panelcare.sqlite, or a new PostgreSQL database) \
            and create your tenant and first admin with `tenant create` and `admin create`; \
            to keep using this one as a demo, start it with --demo on a development build"
                .into(),
        );
    }
    Ok(())
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PANELCARE_LOG")
        .unwrap_or_else(|_| "info,tower_http=info,sqlx=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Pretty => builder.init(),
    }
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
