//! `sync`: enrolment of a new PC, a run through the sync folder, status and the
//! director's review of conflicts.

use std::path::PathBuf;

use clap::Subcommand;

use hotto::error::{fields, Problem};
use hotto::sync::{self, SyncProgress, SyncStage};
use hotto::{CoreError, DataDir};

use super::progress::ProgressLine;
use super::{prompt, sign_in};

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Write an enrolment file for a new PC (director): key slots and a snapshot.
    ExportEnrolment {
        /// The enrolment file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Set up this PC in an empty --data-dir from an enrolment file (a director signs in).
    Join {
        /// The enrolment file.
        file: PathBuf,
        /// The sync folder (network share or USB stick) as this PC sees it.
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
    },
    /// Send this PC's changes and apply the others' (the folder is remembered).
    Run {
        /// The sync folder, when not set before or when it moved.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Last sync per PC, changes waiting to go out, conflicts to review.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the values that lost a sync conflict (director).
    Conflicts,
    /// Keep the winning value of a conflict (director).
    Keep {
        /// The conflict's id.
        id: String,
    },
    /// Restore the losing value of a conflict (director).
    Restore {
        /// The conflict's id.
        id: String,
    },
    /// Forget a PC that was replaced or broke (director): the folder no longer
    /// waits for it, and it is refused if it syncs again.
    ForgetDevice {
        /// The PC's device id (see `sync status`).
        id: String,
    },
}

pub fn sync(dir: &DataDir, user: Option<&str>, cmd: SyncCommand) -> Result<(), CoreError> {
    if let SyncCommand::Join { file, folder } = &cmd {
        let login = user.ok_or(CoreError::invalid(fields::LOGIN, Problem::Empty))?;
        let password = prompt::password("HOTTO_PASSWORD", "Password: ")?;
        let (store, _) = sync::join(file, dir, folder, login, &password)?;
        println!(
            "This PC joined the center as device {}; run `hotto sync run` to catch up",
            store.device_id()
        );
        return Ok(());
    }
    let (mut store, session) = sign_in(dir, user)?;
    match cmd {
        SyncCommand::Join { .. } => Ok(()),
        SyncCommand::ExportEnrolment { output } => {
            let mut bar = ProgressLine::new();
            let path = sync::export_enrolment(&mut store, &session, &output, &mut |p| {
                bar.update("snapshot (pages)", p.done, p.total)
            })?;
            bar.finish();
            println!("Wrote the enrolment file {}", path.display());
            Ok(())
        }
        SyncCommand::Run { folder } => {
            let mut bar = ProgressLine::new();
            let mut progress = |p: SyncProgress| {
                let stage = match p.stage {
                    SyncStage::Sending => "sync: sending",
                    SyncStage::Receiving => "sync: receiving (files)",
                    SyncStage::Tidying => "sync: tidying",
                };
                bar.update(stage, p.done, p.total);
            };
            let report = sync::run(&mut store, &session, folder.as_deref(), &mut progress)?;
            bar.finish();
            println!(
                "Sent {} changes, received {}, {} new conflicts to review, {} old files tidied",
                report.sent, report.received, report.new_conflicts, report.tidied
            );
            for device in &report.waiting_for {
                println!("Waiting for the next file of device {device}");
            }
            for r in &report.refused {
                eprintln!(
                    "Refused {}: {}; nothing was applied from it",
                    r.file, r.reason
                );
            }
            for p in &report.problems {
                eprintln!("{}", p.message);
            }
            report.as_error().map_or(Ok(()), Err)
        }
        SyncCommand::Status { json } => {
            let status = sync::status(&store, &session)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&status)
                        .map_err(|e| CoreError::Document(e.to_string()))?
                );
                return Ok(());
            }
            match &status.folder {
                Some(f) => println!("sync folder: {}", f.display()),
                None => println!("sync folder: not set"),
            }
            println!("changes waiting to go out: {}", status.pending_outgoing);
            println!("conflicts to review: {}", status.conflicts_to_review);
            for d in &status.devices {
                let who = if d.this_pc {
                    " (this PC)"
                } else if d.forgotten {
                    " (forgotten)"
                } else {
                    ""
                };
                println!(
                    "device {}{who}: {} changes, last sync {}",
                    d.device_id,
                    d.applied,
                    d.last_sync_at.as_deref().unwrap_or("never")
                );
            }
            Ok(())
        }
        SyncCommand::Conflicts => {
            for c in sync::conflicts(&store, &session)? {
                println!(
                    "{} [{}] {}.{} row {}: lost {:?} ({} on {}) to {:?} ({} on {}){}",
                    c.id,
                    c.kind,
                    c.table,
                    c.column,
                    c.row_key,
                    c.lost_value,
                    c.lost_at,
                    c.lost_device,
                    c.won_value,
                    c.won_at,
                    c.won_device,
                    c.decision.map(|d| format!(" — {d}")).unwrap_or_default()
                );
            }
            Ok(())
        }
        SyncCommand::Keep { id } => {
            sync::keep_winner(&mut store, &session, &id)?;
            println!("Kept the winning value");
            Ok(())
        }
        SyncCommand::Restore { id } => {
            sync::restore_loser(&mut store, &session, &id)?;
            println!("Restored the losing value; it goes to the other PCs at the next sync");
            Ok(())
        }
        SyncCommand::ForgetDevice { id } => {
            sync::forget_device(&mut store, &session, &id)?;
            println!("Forgot device {id}: the sync folder no longer waits for it; set up its replacement with `sync export-enrolment` and `sync join`");
            Ok(())
        }
    }
}
