//! Compaction: once every PC that syncs through the folder has applied a range of
//! this PC's changes, their files are removed and the outbox rows pruned, so the
//! folder does not grow without bound. Each PC removes only its own files. A PC
//! that comes later (new or replaced) starts from a fresh enrolment file, which is
//! the snapshot that stands in for the removed files.

use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::params;
use serde::Serialize;

use super::folder::{self, Ack};
use crate::session::Session;
use crate::store::{Store, StoreError};
use crate::Result;

/// Files younger than this are kept even when every PC has applied them, so that
/// a PC enrolled from a recent enrolment file still finds what came after it.
pub const COMPACT_AFTER_DAYS: u64 = 14;

/// What a compaction removed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Compacted {
    /// Files removed from the folder.
    pub files: u64,
}

/// Removes this PC's files that every PC acknowledged, when older than
/// `min_age_days` (any signed-in user; `run` does it with [`COMPACT_AFTER_DAYS`]).
pub fn compact(
    store: &mut Store,
    actor: &Session,
    sync_folder: &Path,
    min_age_days: u64,
) -> Result<Compacted> {
    store.check_session(actor)?;
    let key = super::seal::sync_key(store.center_id(), store.master());
    let acks = folder::read_acks(sync_folder, &key, store.center_id())?;
    let files = tidy(store, sync_folder, &acks, min_age_days)?;
    Ok(Compacted { files })
}

/// The removal itself; returns how many files went.
pub(crate) fn tidy(
    store: &Store,
    sync_folder: &Path,
    acks: &[Ack],
    min_age_days: u64,
) -> Result<u64, StoreError> {
    let me = store.device_id();
    let others: Vec<&Ack> = acks.iter().filter(|a| a.device_id != me).collect();
    if others.is_empty() {
        return Ok(0);
    }
    let everyone_has = others
        .iter()
        .map(|a| a.applied.get(me).copied().unwrap_or(0))
        .min()
        .unwrap_or(0);
    let mine: Vec<_> = folder::change_files(sync_folder)?
        .into_iter()
        .filter(|f| f.device_id == me)
        .collect();
    let min_age = Duration::from_secs(min_age_days * 24 * 3600);
    let mut removed = 0;
    // A file's last change is just before the next file's first: the newest file is always kept.
    for pair in mine.windows(2) {
        let (file, next) = (&pair[0], &pair[1]);
        let old_enough = std::fs::metadata(&file.path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age >= min_age);
        if next.first_seq - 1 <= everyone_has && old_enough {
            std::fs::remove_file(&file.path)
                .map_err(|e| StoreError::io("remove", &file.path, e))?;
            removed += 1;
        }
    }
    store.connection().execute(
        "DELETE FROM sync_outbox WHERE exported = 1 AND seq <= ?1",
        params![everyone_has],
    )?;
    Ok(removed)
}
