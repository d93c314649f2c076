//! Sync between the PCs of one center through a shared folder (a NAS, a Windows
//! share or a USB stick), with no server: each PC keeps its own encrypted file,
//! records every committed write's changeset (SQLite's session extension) in an
//! outbox, writes them sealed into the folder and applies the others' in causal
//! order, resolving concurrent edits field by field by hybrid logical clock.
//!
//! Start reading at [`run`]; ARCHITECTURE.md shows the data flow.

mod apply;
pub mod capture;
mod changes;
pub mod clock;
mod compact;
mod conflicts;
mod devices;
mod enrol;
pub mod folder;
pub(crate) mod keyring;
mod run;
pub mod seal;
mod snapshot;
mod status;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

pub use self::compact::{compact, Compacted, COMPACT_AFTER_DAYS};
pub use self::conflicts::{conflicts, keep_winner, restore_loser, Conflict};
pub use self::devices::forget_device;
pub use self::enrol::{export_enrolment, join};
pub use self::run::run;
pub use self::seal::Refusal;
pub use self::snapshot::SNAPSHOT_FILE;
pub use self::status::{status, DeviceStatus, SyncStatus};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::{CoreError, Result};

/// Where a run of sync has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SyncProgress {
    /// What is being done.
    pub stage: SyncStage,
    /// Files handled so far in this stage.
    pub done: u64,
    /// Files in this stage.
    pub total: u64,
}

/// The stages of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncStage {
    /// Writing this PC's changes into the folder.
    Sending,
    /// Reading and applying the other PCs' changes.
    Receiving,
    /// Removing files every PC has applied.
    Tidying,
}

/// A file of the sync folder that was refused: nothing was applied from it.
#[derive(Clone, Debug, Serialize)]
pub struct RefusedFile {
    /// Its name (a device id and a number: nothing personal).
    pub file: String,
    /// Why, in English.
    pub reason: &'static str,
    /// Why, in Japanese.
    pub reason_ja: &'static str,
}

/// A problem that stopped part of a run (the rest went on; the next run resumes).
#[derive(Clone, Debug, Serialize)]
pub struct SyncProblem {
    /// English, for the CLI.
    pub message: String,
    /// Japanese, for the app.
    pub message_ja: String,
}

/// What one run did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SyncReport {
    /// This PC's changes written to the folder.
    pub sent: u64,
    /// Other PCs' changes applied here.
    pub received: u64,
    /// New losing values recorded for the director.
    pub new_conflicts: u64,
    /// Files refused (altered, cut short, another center's).
    pub refused: Vec<RefusedFile>,
    /// PCs whose next file is not in the folder yet (their changes wait).
    pub waiting_for: Vec<String>,
    /// Parts of the run that failed (a full or read-only folder).
    pub problems: Vec<SyncProblem>,
    /// Old files removed from the folder.
    pub tidied: u64,
}

impl SyncReport {
    /// The run's trouble as one error for the CLI and the app, if there was any.
    pub fn as_error(&self) -> Option<CoreError> {
        if let Some(r) = self.refused.first() {
            return Some(CoreError::rule(
                format!(
                    "the sync folder's file {} was refused: {}; nothing was applied from it",
                    r.file, r.reason
                ),
                format!(
                    "同期フォルダのファイル {} を取り込めませんでした（{}）。このファイルからは何も反映していません。",
                    r.file, r.reason_ja
                ),
            ));
        }
        self.problems
            .first()
            .map(|p| CoreError::rule(p.message.clone(), p.message_ja.clone()))
    }
}

const FOLDER_KEY: &str = "folder";
const LAST_RUN_KEY: &str = "last_run_at";

fn state(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .map_err(StoreError::from)?)
}

fn put_state(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
        [key, value],
    )
    .map_err(StoreError::from)?;
    Ok(())
}

/// The sync folder of this PC, if set. It is kept per PC, not in the synced
/// `settings`: the same share may be `\\nas\hotto` on one PC and `Z:\hotto` on another.
pub fn folder(store: &Store, actor: &Session) -> Result<Option<PathBuf>> {
    store.read(
        actor,
        |conn| Ok(state(conn, FOLDER_KEY)?.map(PathBuf::from)),
    )
}

/// Sets this PC's sync folder (audited).
pub fn set_folder(store: &mut Store, actor: &Session, folder: &Path) -> Result<()> {
    let value = folder.to_string_lossy().into_owned();
    let slots = store.slots().clone();
    store.write(actor, |tx| {
        put_state(tx.conn(), FOLDER_KEY, &value)?;
        capture::enable(tx.conn())?;
        keyring::mirror(tx.conn(), &slots, tx.now(), tx.actor().user_id())?;
        tx.audit("sync.folder", "settings", None, "sync folder set")
    })
}
