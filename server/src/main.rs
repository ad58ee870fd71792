//! `server`: runs the Repères website.
//!
//! Usage: `server [serve | import-content | check-content | create-admin … | seed-demo | backup FILE]`
//! (`server --help` describes each).
//! Configuration comes from the environment (see `.env.example`).
#![recursion_limit = "256"]
use anyhow::Context as _;
use server::{build, config::Config, serve};
use tracing_subscriber::EnvFilter;

/// The memory allocator: glibc's took about a fifth of the server's CPU time in a
/// profile of quiz answers at 64 connections. mimalloc reads its options from the
/// environment: `MIMALLOC_ARENA_EAGER_COMMIT=0` keeps an idle server smaller (see
/// `.env.example`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The command line: `server` alone serves the site.
#[derive(clap::Parser)]
#[command(
    name = "server",
    about = "Runs the Repères website.",
    after_help = "Configuration is read from environment variables: see .env.example."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Serves the site (what `server` alone does).
    Serve,
    /// Imports content/ into the database (the server also does at every start).
    ImportContent,
    /// Prints every problem of the content tree and the lessons marked to review.
    CheckContent,
    /// Creates the first administrator (and its organisation). The password is read
    /// from REPERES_ADMIN_PASSWORD, or from standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "CCAS de Besançon")]
        organisation: String,
    },
    /// Demo organisations, places, accounts and workshops (refused in production).
    SeedDemo,
    /// A consistent copy of the database while the site serves (SQLite VACUUM INTO,
    /// PostgreSQL pg_dump --format=custom); FILE must not exist.
    Backup { file: String },
}

fn main() -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(start())
}

async fn start() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = <Cli as clap::Parser>::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => run().await,
        Command::ImportContent => import().await,
        Command::CheckContent => check(),
        Command::CreateAdmin {
            email,
            name,
            organisation,
        } => create_admin(&email, &name, &organisation).await,
        Command::SeedDemo => seed_demo().await,
        Command::Backup { file } => backup(&file).await,
    }
}

/// Creates the first administrator. The password never comes from the command line,
/// where other users of the machine and the shell history could see it.
async fn create_admin(email: &str, name: &str, organisation: &str) -> anyhow::Result<()> {
    let password = match std::env::var("REPERES_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            eprintln!("Mot de passe (au moins 12 caractères), puis Entrée :");
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let config = Config::from_env().context("invalid configuration")?;
    let store = app::db::Store::connect(&config.database_url).await?;
    store.migrate().await?;
    let id = server::staff::create_admin(&store, organisation, email, name, &password).await?;
    println!("administrator {email} created (id {id})");
    Ok(())
}

/// Seeds what is missing of the demo data (idempotent; refused in production) and
/// prints the demo staff accounts.
async fn seed_demo() -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    server::demo::refuse_in_production(config.production)?;
    let store = app::db::Store::connect(&config.database_url).await?;
    store
        .migrate()
        .await
        .context("database migrations failed")?;
    let r = server::demo::seed(&store, config.production, app::state::unix_now()).await?;
    println!(
        "demo data: created {} organisation(s), {} account(s), {} place(s), {} workshop(s), {} booking(s)",
        r.organisations, r.accounts, r.places, r.workshops, r.bookings
    );
    println!("demo staff accounts (log in at /connexion):");
    for a in server::demo::ACCOUNTS {
        println!("  {:<12} {:<38} {}", a.role.code(), a.email, a.password);
    }
    Ok(())
}

/// Writes a consistent backup of the database to `file` while the site keeps serving.
async fn backup(file: &str) -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    let store = app::db::Store::connect(&config.database_url).await?;
    let done =
        server::backup::backup(&store, &config.database_url, std::path::Path::new(file)).await?;
    store.close().await;
    println!(
        "backup written to {file} ({} bytes, {})",
        done.bytes, done.tool
    );
    Ok(())
}

/// Prints every problem of the content tree, for trainers and CI.
fn check() -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    let tree = app::lessons::import::read_tree(&config.content_dir);
    let lessons: usize = tree.modules.iter().map(|m| m.lessons.len()).sum();
    for error in &tree.errors {
        println!("{error}");
    }
    let to_review = app::lessons::import::to_review(&tree);
    for note in &to_review {
        println!("{note}");
    }
    println!(
        "{} modules, {} lessons, {} glossary terms, {} marked to review, {} problems",
        tree.modules.len(),
        lessons,
        tree.glossary.terms.len(),
        to_review.len(),
        tree.errors.len()
    );
    if !tree.errors.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}

/// Imports content/ on demand (the server also imports at every start).
async fn import() -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    let app = build(&config).await?;
    let r = &app.import;
    println!(
        "created {}, updated {}, unchanged {}, unpublished {}, problems {}",
        r.created,
        r.updated,
        r.unchanged,
        r.unpublished,
        r.errors.len()
    );
    for error in &r.errors {
        println!("{error}");
    }
    Ok(())
}

async fn run() -> anyhow::Result<()> {
    let config = Config::from_env().context("invalid configuration")?;
    let app = build(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.site_addr))?;
    tracing::info!(
        address = %config.site_addr,
        engine = app.state.store.engine().name(),
        "Repères is listening on http://{}",
        config.site_addr
    );
    server::jobs::spawn_retention(app.state.store.clone(), config.contact_retention_days);
    server::jobs::spawn_counter_flush(app.state.store.clone());
    let mailer = server::mail::Mailer::new(config.smtp_url.as_deref(), &config.mail_from)?;
    server::mail::spawn_outbox(app.state.store.clone(), mailer, app.state.settings.clone());
    let store = app.state.store.clone();
    let served = serve(listener, app.router).await;
    // The page views counted since the last flush.
    if let Err(error) = store.flush_counters().await {
        tracing::warn!(%error, "counters not written at shutdown");
    }
    served.context("server error")
}
