//! The folder's snapshot: when a PC tidies its files away it first leaves a sealed
//! copy of its database (the backup container) that has applied all of them, so
//! that a PC joining from an older enrolment file catches up from the snapshot and
//! the newer files. One snapshot is kept: each new one replaces the last.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::seal::{self, Refusal};
use crate::backup;
use crate::session::Session;
use crate::store::keys::SecretKey;
use crate::store::slots::PendingFile;
use crate::store::{Store, StoreError};
use crate::Result;

/// The snapshot's name in the folder.
pub const SNAPSHOT_FILE: &str = "snapshot.hsnap";

/// What a snapshot holds, readable without opening the (large) database part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SnapshotHeader {
    /// The PC it was made on.
    pub device_id: String,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    /// How far it has applied each PC's changes (its own: how many it had made).
    pub applied: BTreeMap<String, i64>,
}

fn header_aad(center_id: &str) -> String {
    format!("hotto-sync-v1|snapshot-header|{center_id}")
}

fn body_aad(center_id: &str, header: &SnapshotHeader) -> String {
    format!(
        "hotto-sync-v1|snapshot|{center_id}|{}|{}",
        header.device_id, header.created_at
    )
}

/// The header of the folder's snapshot, if there is one that opens.
pub(crate) fn read_header(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
) -> Option<SnapshotHeader> {
    let mut file = std::fs::File::open(folder.join(SNAPSHOT_FILE)).ok()?;
    let sealed = read_sealed_head(&mut file)?;
    let body = seal::open(key, &header_aad(center_id), &sealed).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The sealed header at the start of a snapshot file (its length, then the bytes); `None`
/// for a file too short or claiming a header larger than any this program writes.
fn read_sealed_head(file: &mut dyn Read) -> Option<Vec<u8>> {
    const MAX_HEAD: usize = 1 << 20;
    let mut len = [0u8; 4];
    file.read_exact(&mut len).ok()?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_HEAD {
        return None;
    }
    let mut sealed = vec![0u8; len];
    file.read_exact(&mut sealed).ok()?;
    Some(sealed)
}

/// How far this PC has applied every PC, itself included (what a snapshot made now holds).
pub(crate) fn applied_here(store: &Store) -> Result<BTreeMap<String, i64>> {
    let conn = store.connection();
    let mut applied = super::run::applied_map(conn)?;
    applied.insert(
        store.device_id().to_string(),
        super::capture::last_seq(conn)?,
    );
    Ok(applied)
}

/// Whether `applied` holds at least what `other` holds, for every PC.
pub(crate) fn covers(applied: &BTreeMap<String, i64>, other: &BTreeMap<String, i64>) -> bool {
    other
        .iter()
        .all(|(d, s)| applied.get(d).copied().unwrap_or(0) >= *s)
}

/// Writes a snapshot of this PC into the folder, replacing the one there.
pub(crate) fn write(
    store: &mut Store,
    actor: &Session,
    folder: &Path,
    key: &SecretKey,
    progress: &mut dyn FnMut(backup::Progress),
) -> Result<SnapshotHeader> {
    // Read before the copy: the backup's own audit row comes after it and is not in it.
    let header = SnapshotHeader {
        device_id: store.device_id().to_string(),
        created_at: crate::store::now_text(),
        applied: applied_here(store)?,
    };
    let staging = store
        .data_dir()
        .path()
        .join(format!(".sync-snapshot-{}", crate::ids::new_id()));
    std::fs::create_dir_all(&staging).map_err(|e| StoreError::io("create", &staging, e))?;
    let written = backup::backup_to_folder(store, actor, &staging, progress).and_then(|info| {
        let head = serde_json::to_vec(&header).map_err(|_| StoreError::Crypto("snapshot"))?;
        let head = seal::seal(key, &header_aad(store.center_id()), &head)?;
        // Streamed: the container is as large as the database, so it is sealed a chunk
        // at a time from the file into the folder, never held in memory.
        let mut container = std::io::BufReader::new(
            std::fs::File::open(&info.path).map_err(|e| StoreError::io("read", &info.path, e))?,
        );
        let mut file = PendingFile::create(&folder.join(SNAPSHOT_FILE))?;
        let temporary = file.temporary().to_path_buf();
        let write_io = |e| StoreError::io("write", &temporary, e);
        file.write_all(&(head.len() as u32).to_le_bytes())
            .and_then(|()| file.write_all(&head))
            .map_err(write_io)?;
        seal::seal_stream(
            key,
            &body_aad(store.center_id(), &header),
            &mut container,
            &mut file,
        )
        .map_err(write_io)?;
        file.commit()?;
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&staging);
    written.map(|()| header)
}

/// Opens the folder's snapshot and writes its backup container to `into`.
pub(crate) fn unpack_to(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
    into: &Path,
) -> std::result::Result<(SnapshotHeader, PathBuf), Refusal> {
    let file = std::fs::File::open(folder.join(SNAPSHOT_FILE)).map_err(|_| Refusal::Unreadable)?;
    let mut file = std::io::BufReader::new(file);
    let head = read_sealed_head(&mut file).ok_or(Refusal::NotASyncFile)?;
    let header: SnapshotHeader =
        serde_json::from_slice(&seal::open(key, &header_aad(center_id), &head)?)
            .map_err(|_| Refusal::Unreadable)?;
    // Streamed into a temporary file that gets its name only when every chunk opened.
    let mut out = PendingFile::create(into).map_err(|_| Refusal::Unreadable)?;
    seal::open_stream(key, &body_aad(center_id, &header), &mut file, &mut out)?;
    out.commit().map_err(|_| Refusal::Unreadable)?;
    Ok((header, into.to_path_buf()))
}

/// Whether the folder lacks changes a PC at `applied` still needs (files of a PC
/// that start after its next change: tidied away since).
pub(crate) fn has_gap(folder: &Path, me: &str, applied: &BTreeMap<String, i64>) -> bool {
    let Ok(files) = super::folder::change_files(folder) else {
        return false;
    };
    let mut first: BTreeMap<&str, i64> = BTreeMap::new();
    for f in &files {
        if f.device_id != me {
            let e = first.entry(f.device_id.as_str()).or_insert(f.first_seq);
            *e = (*e).min(f.first_seq);
        }
    }
    first
        .iter()
        .any(|(d, s)| *s > applied.get(*d).copied().unwrap_or(0) + 1)
}
