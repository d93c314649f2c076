//! Argument parsing and dispatch for the `hotto` command. Each command signs in,
//! calls one core service and prints its result; no rule lives here.

mod admin;
mod backup;
mod bench;
mod domain;
mod import;
mod progress;
mod prompt;
mod report;
mod sync;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use hotto::{CoreError, DataDir, Session, Store};

/// ほっと: records of an employment & life support center, from the command line.
#[derive(Debug, Parser)]
#[command(name = "hotto", version, about)]
pub struct Args {
    /// Data directory (default: $HOTTO_DATA_DIR, else the per-user data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Login name of the acting user (default: $HOTTO_USER).
    #[arg(long, global = true, value_name = "NAME", env = "HOTTO_USER")]
    pub user: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database, key slots and first director; prints the recovery code once.
    Init {
        /// Login name of the first director.
        #[arg(long, value_name = "LOGIN")]
        director: String,
        /// The director's display name (default: the login name).
        #[arg(long)]
        name: Option<String>,
        /// The facility's name, printed on reports.
        #[arg(long, default_value = "小平市障害者就労・生活支援センター ほっと")]
        facility: String,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(admin::UserCommand),
    /// Check or read the audit log (director).
    #[command(subcommand)]
    Audit(admin::AuditCommand),
    /// Write the one-page recovery sheet PDF (director): a new recovery code and the raw key.
    RecoverySheet {
        /// Output PDF file.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Set a director's password with the recovery code ($HOTTO_RECOVERY_CODE or a prompt).
    Recover {
        /// The director whose password is reset.
        #[arg(long, value_name = "LOGIN")]
        director: String,
    },
    /// Give the database a new key (director); all data kept, old recovery sheets void.
    Rekey,
    /// Check integrity, schema version, key slots and audit chains (director).
    Doctor {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Build a fictional demo center in the data dir (replaces an earlier demo there).
    Demo(domain::DemoArgs),
    /// The plan's five figures of a fiscal year, with targets (monthly series in JSON).
    Stats(domain::StatsArgs),
    /// Follow-ups due, check-in candidates and hand-overs ending soon.
    Worklist(domain::WorklistArgs),
    /// Clients.
    #[command(subcommand)]
    Client(domain::ClientCommand),
    /// FTE (常勤換算) by role on a day, against the plan (director).
    Fte(domain::FteArgs),
    /// Write a verified encrypted backup: `-o DIR` once, or `--auto` for the daily one.
    Backup(backup::BackupArgs),
    /// Look into a backup (`--preview FILE`) or restore it (`--apply FILE`, director).
    Restore(backup::RestoreArgs),
    /// Print a PDF report: plan, results, handout, fte, staff-meeting or client.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Sync with the center's other PCs through a shared folder; enrol a new PC.
    #[command(subcommand)]
    Sync(sync::SyncCommand),
    /// Import clients, employers, partners or employments from a CSV saved by Excel.
    Import(import::ImportArgs),
    /// Time the screens, reports and backups on a big demo center and print one table.
    Bench(bench::BenchArgs),
    /// Export all data as JSON for moving to another system (director, audited).
    Export {
        /// Output file (.json).
        #[arg(short, long, value_name = "FILE.json")]
        output: PathBuf,
    },
}

/// Runs one command.
pub fn run(args: Args) -> Result<(), CoreError> {
    if let Command::Bench(b) = &args.command {
        // Only a data dir named on the command line: never the user's own data folder.
        return bench::bench(args.data_dir.as_deref(), b);
    }
    let dir = DataDir::resolve(args.data_dir.clone())?;
    match args.command {
        Command::Init {
            director,
            name,
            facility,
        } => admin::init(&dir, &director, name.as_deref(), &facility),
        Command::User(cmd) => admin::user(&dir, args.user.as_deref(), cmd),
        Command::Audit(cmd) => admin::audit(&dir, args.user.as_deref(), cmd),
        Command::RecoverySheet { output } => {
            admin::recovery_sheet(&dir, args.user.as_deref(), &output)
        }
        Command::Recover { director } => admin::recover(&dir, &director),
        Command::Rekey => admin::rekey(&dir, args.user.as_deref()),
        Command::Doctor { json } => admin::doctor(&dir, args.user.as_deref(), json),
        Command::Demo(demo) => domain::demo(&dir, &demo),
        Command::Stats(stats) => domain::stats(&dir, args.user.as_deref(), &stats),
        Command::Worklist(list) => domain::worklist(&dir, args.user.as_deref(), &list),
        Command::Client(cmd) => domain::client(&dir, args.user.as_deref(), &cmd),
        Command::Fte(fte) => domain::fte(&dir, args.user.as_deref(), &fte),
        Command::Backup(b) => backup::backup(&dir, args.user.as_deref(), &b),
        Command::Restore(r) => backup::restore(&dir, args.user.as_deref(), &r),
        Command::Export { output } => backup::export_json(&dir, args.user.as_deref(), &output),
        Command::Import(i) => import::import(&dir, args.user.as_deref(), &i),
        Command::Report(cmd) => report::report(&dir, args.user.as_deref(), cmd),
        Command::Sync(cmd) => sync::sync(&dir, args.user.as_deref(), cmd),
        // Handled before the data dir is resolved.
        Command::Bench(_) => Ok(()),
    }
}

/// Signs in as `--user` / `$HOTTO_USER` with `$HOTTO_PASSWORD` or a prompt.
pub fn sign_in(dir: &DataDir, user: Option<&str>) -> Result<(Store, Session), CoreError> {
    if !dir.is_initialised() {
        return Err(hotto::store::StoreError::NotInitialised(dir.path().to_path_buf()).into());
    }
    let login = user.ok_or(CoreError::invalid(
        hotto::error::fields::LOGIN,
        hotto::error::Problem::Empty,
    ))?;
    let password = prompt::password("HOTTO_PASSWORD", "Password: ")?;
    let signed = Store::sign_in(dir, login, &password);
    if signed.is_err() {
        // Without a persistent counter (a failed attempt changes no file), a pause
        // per failure keeps scripted guessing slow.
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    signed
}
