//! `backup` and `restore`.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use hotto::backup::{self, AutoBackup, RotationPolicy};
use hotto::error::{fields, Problem};
use hotto::{CoreError, DataDir};

use super::progress::ProgressLine;
use super::{prompt, sign_in};

#[derive(Debug, ClapArgs)]
pub struct BackupArgs {
    /// Folder to write one dated backup file into.
    #[arg(short, long, value_name = "DIR", required_unless_present = "auto")]
    output: Option<PathBuf>,
    /// The daily backup into the saved folder (skipped when today's exists; old ones rotated).
    #[arg(long, conflicts_with = "output")]
    auto: bool,
    /// With --auto: the folder to use and remember.
    #[arg(long, value_name = "DIR", requires = "auto")]
    folder: Option<PathBuf>,
}

#[derive(Debug, ClapArgs)]
pub struct RestoreArgs {
    /// Show what a backup file holds.
    #[arg(long, value_name = "FILE", required_unless_present = "apply")]
    preview: Option<PathBuf>,
    /// Restore this backup into the data dir (a director of the backup signs in to it).
    #[arg(long, value_name = "FILE", conflicts_with = "preview")]
    apply: Option<PathBuf>,
}

pub fn backup(dir: &DataDir, user: Option<&str>, args: &BackupArgs) -> Result<(), CoreError> {
    let (mut store, session) = sign_in(dir, user)?;
    let mut bar = ProgressLine::new();
    let mut report = |p: backup::Progress| bar.update("backup (pages)", p.done, p.total);
    if args.auto {
        let outcome = backup::auto_backup(
            &mut store,
            &session,
            args.folder.as_deref(),
            RotationPolicy::default(),
            &mut report,
        )?;
        bar.finish();
        match outcome {
            AutoBackup::Written { info, deleted } => {
                println!(
                    "Wrote and verified {} ({} bytes); rotated out {deleted} old backups",
                    info.path.display(),
                    info.bytes
                );
            }
            AutoBackup::AlreadyToday { path } => {
                println!("Today's backup already exists: {}", path.display())
            }
        }
        return Ok(());
    }
    let folder = args
        .output
        .as_deref()
        .ok_or(CoreError::invalid(fields::BACKUP_FOLDER, Problem::Empty))?;
    let info = backup::backup_to_folder(&mut store, &session, folder, &mut report)?;
    bar.finish();
    println!(
        "Wrote and verified {} ({} bytes)",
        info.path.display(),
        info.bytes
    );
    Ok(())
}

pub fn restore(dir: &DataDir, user: Option<&str>, args: &RestoreArgs) -> Result<(), CoreError> {
    if let Some(file) = &args.preview {
        let p = backup::preview(file)?;
        println!(
            "backup made at {} (UTC), schema version {}, {} bytes",
            p.created_at, p.schema_version, p.bytes
        );
        for (table, n) in &p.row_counts {
            println!("  {table:<28} {n:>10}");
        }
        return Ok(());
    }
    let Some(file) = &args.apply else {
        return Ok(());
    };
    let login = user.ok_or(CoreError::invalid(fields::LOGIN, Problem::Empty))?;
    let password = prompt::password(
        "HOTTO_PASSWORD",
        "Password (as it was when the backup was made): ",
    )?;
    let restored = backup::restore(file, dir, login, &password)?;
    println!(
        "Restored the backup made at {} (UTC)",
        restored.preview.created_at
    );
    if let Some(safety) = restored.safety_copy {
        println!("The previous files were kept in {}", safety.display());
    }
    Ok(())
}

pub fn export_json(
    dir: &DataDir,
    user: Option<&str>,
    output: &std::path::Path,
) -> Result<(), CoreError> {
    hotto::store::slots::check_writable(output)?;
    let (mut store, session) = sign_in(dir, user)?;
    // Written straight into the pending file: a full disk fails inside the export,
    // before its audit row, and leaves no half-written file.
    let mut file = hotto::store::slots::PendingFile::create(output)?;
    let summary = hotto::export::full_json(&mut store, &session, &mut file)?;
    file.commit()?;
    println!(
        "Exported {} rows from {} tables to {}",
        summary.rows,
        summary.tables,
        output.display()
    );
    Ok(())
}
