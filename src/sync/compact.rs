//! Compaction: once every PC that syncs through the folder has applied a range of
//! this PC's changes, their files are removed and the outbox rows pruned, so the
//! folder does not grow without bound. Each PC removes only its own files, and only
//! those the folder's snapshot holds: a PC joining from an older enrolment file
//! catches up from the snapshot instead of the removed files.

use std::path::Path;
use std::time::{Duration, SystemTime};

use rusqlite::params;
use serde::Serialize;

use super::folder::{self, Ack};
use super::snapshot;
use crate::backup;
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
/// `min_age_days` (any signed-in user; `run` does it with [`COMPACT_AFTER_DAYS`]),
/// after leaving a snapshot in the folder that holds them.
pub fn compact(
    store: &mut Store,
    actor: &Session,
    sync_folder: &Path,
    min_age_days: u64,
) -> Result<Compacted> {
    store.check_session(actor)?;
    let key = super::seal::sync_key(store.center_id(), store.master());
    let mut acks = folder::read_acks(sync_folder, &key, store.center_id())?;
    super::devices::apply_forgotten(store, sync_folder, &key, &mut acks)?;
    let files = tidy(store, actor, sync_folder, &acks, min_age_days, &mut |_| {})?;
    Ok(Compacted { files })
}

/// The removal itself; returns how many files went. `acks` are those of the PCs
/// still syncing (forgotten ones left out).
pub(crate) fn tidy(
    store: &mut Store,
    actor: &Session,
    sync_folder: &Path,
    acks: &[Ack],
    min_age_days: u64,
    progress: &mut dyn FnMut(backup::Progress),
) -> Result<u64> {
    let me = store.device_id().to_string();
    let others: Vec<&Ack> = acks.iter().filter(|a| a.device_id != me).collect();
    if others.is_empty() {
        return Ok(0);
    }
    let everyone_has = others
        .iter()
        .map(|a| a.applied.get(&me).copied().unwrap_or(0))
        .min()
        .unwrap_or(0);
    let mine: Vec<_> = folder::change_files(sync_folder)?
        .into_iter()
        .filter(|f| f.device_id == me)
        .collect();
    let min_age = Duration::from_secs(min_age_days * 24 * 3600);
    // A file's last change is just before the next file's first: the newest file is always kept.
    let removable: Vec<_> = mine
        .windows(2)
        .filter(|pair| {
            let old_enough = std::fs::metadata(&pair[0].path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age >= min_age);
            pair[1].first_seq - 1 <= everyone_has && old_enough
        })
        .map(|pair| (pair[0].path.clone(), pair[1].first_seq - 1))
        .collect();
    let mut removed = 0;
    if let Some(bound) = removable.iter().map(|(_, last)| *last).max() {
        let covered = snapshot_covering(store, actor, sync_folder, &me, bound, progress)?;
        for (path, last) in &removable {
            if *last <= covered {
                std::fs::remove_file(path).map_err(|e| StoreError::io("remove", path, e))?;
                removed += 1;
            }
        }
    }
    store
        .connection()
        .execute(
            "DELETE FROM sync_outbox WHERE exported = 1 AND seq <= ?1",
            params![everyone_has],
        )
        .map_err(StoreError::from)?;
    Ok(removed)
}

/// How far the folder's snapshot holds this PC's changes, after writing a new one
/// when it does not reach `bound` (and this PC holds at least what the old one did).
fn snapshot_covering(
    store: &mut Store,
    actor: &Session,
    sync_folder: &Path,
    me: &str,
    bound: i64,
    progress: &mut dyn FnMut(backup::Progress),
) -> Result<i64> {
    let key = super::seal::sync_key(store.center_id(), store.master());
    let existing = snapshot::read_header(sync_folder, &key, store.center_id());
    let covered = existing
        .as_ref()
        .and_then(|h| h.applied.get(me).copied())
        .unwrap_or(0);
    if covered >= bound {
        return Ok(covered);
    }
    let here = snapshot::applied_here(store)?;
    if existing.is_some_and(|h| !snapshot::covers(&here, &h.applied)) {
        // This PC is behind the snapshot somewhere: replacing it could lose what it holds.
        return Ok(covered);
    }
    let header = snapshot::write(store, actor, sync_folder, &key, progress)?;
    Ok(header.applied.get(me).copied().unwrap_or(0))
}
