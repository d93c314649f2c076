//! The sync folder (a network share or a USB stick): each PC appends its changes
//! as sealed files named by device id and first sequence number only, and keeps
//! one sealed acknowledgement file saying how far it has applied the others.
//! Files are written atomically (temp file, fsync, rename); readers skip temp files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::seal::{self, Refusal};
use crate::store::keys::SecretKey;
use crate::store::StoreError;

/// Extension of a change file.
pub const CHANGES_EXT: &str = "hsync";
/// Extension of an acknowledgement file.
pub const ACK_EXT: &str = "hack";

/// One committed change of a PC.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    /// Its sequence number on its PC, from 1.
    pub seq: i64,
    /// Its clock.
    pub hlc: String,
    /// For each other PC, the last of its changes the writer had applied.
    pub deps: BTreeMap<String, i64>,
    /// The session extension's changeset.
    pub changeset: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct EntryHeader {
    seq: i64,
    hlc: String,
    deps: BTreeMap<String, i64>,
    len: u64,
}

#[derive(Serialize, Deserialize)]
struct BatchHeader {
    center_id: String,
    device_id: String,
    schema_version: u32,
    entries: Vec<EntryHeader>,
}

/// A change file found in the folder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ChangeFile {
    /// The PC that wrote it.
    pub device_id: String,
    /// The sequence number of its first change.
    pub first_seq: i64,
    /// Where it is.
    pub path: PathBuf,
}

/// What a PC last said about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Ack {
    /// The PC.
    pub device_id: String,
    /// How far it has applied each other PC's changes.
    pub applied: BTreeMap<String, i64>,
    /// The last of its own changes it has written to the folder.
    pub exported: i64,
    /// When it last synced (UTC, RFC 3339).
    pub at: String,
}

/// `<device>-<first seq, 12 digits>.hsync`.
pub(crate) fn change_file_name(device_id: &str, first_seq: i64) -> String {
    format!("{device_id}-{first_seq:012}.{CHANGES_EXT}")
}

fn changes_aad(center_id: &str, device_id: &str, first_seq: i64) -> String {
    format!("hotto-sync-v1|changes|{center_id}|{device_id}|{first_seq}")
}

fn ack_aad(center_id: &str, device_id: &str) -> String {
    format!("hotto-sync-v1|ack|{center_id}|{device_id}")
}

/// Checks that the folder is there and is a folder.
pub(crate) fn check(folder: &Path) -> Result<(), StoreError> {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(StoreError::io(
            "use",
            folder,
            std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        )),
        Err(e) => Err(StoreError::io("open", folder, e)),
    }
}

/// Every change file in the folder, by device and first sequence number.
pub(crate) fn change_files(folder: &Path) -> Result<Vec<ChangeFile>, StoreError> {
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::io("read", folder, e))?;
    let mut found: Vec<ChangeFile> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let stem = name.strip_suffix(&format!(".{CHANGES_EXT}"))?;
            let (device, seq) = stem.rsplit_once('-')?;
            if seq.len() != 12 || device.is_empty() {
                return None;
            }
            Some(ChangeFile {
                device_id: device.to_string(),
                first_seq: seq.parse().ok()?,
                path: path.clone(),
            })
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Seals and writes a batch of this PC's changes; returns the file written.
pub(crate) fn write_changes(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
    device_id: &str,
    schema_version: u32,
    entries: &[Entry],
) -> Result<PathBuf, StoreError> {
    let first_seq = entries.first().map(|e| e.seq).unwrap_or(0);
    let header = BatchHeader {
        center_id: center_id.to_string(),
        device_id: device_id.to_string(),
        schema_version,
        entries: entries
            .iter()
            .map(|e| EntryHeader {
                seq: e.seq,
                hlc: e.hlc.clone(),
                deps: e.deps.clone(),
                len: e.changeset.len() as u64,
            })
            .collect(),
    };
    let header = serde_json::to_vec(&header).map_err(|_| StoreError::Crypto("sync header"))?;
    let mut body = Vec::with_capacity(
        4 + header.len() + entries.iter().map(|e| e.changeset.len()).sum::<usize>(),
    );
    body.extend_from_slice(&(header.len() as u32).to_le_bytes());
    body.extend_from_slice(&header);
    for e in entries {
        body.extend_from_slice(&e.changeset);
    }
    let sealed = seal::seal(key, &changes_aad(center_id, device_id, first_seq), &body)?;
    let path = folder.join(change_file_name(device_id, first_seq));
    crate::store::slots::write_atomically(&path, &sealed)?;
    Ok(path)
}

/// Reads a change file whole: every entry, or the reason it is refused.
pub(crate) fn read_changes(
    file: &ChangeFile,
    key: &SecretKey,
    center_id: &str,
    schema_version: u32,
) -> Result<Vec<Entry>, Refusal> {
    let bytes = std::fs::read(&file.path).map_err(|_| Refusal::Unreadable)?;
    let body = seal::open(
        key,
        &changes_aad(center_id, &file.device_id, file.first_seq),
        &bytes,
    )?;
    let len_bytes: [u8; 4] = body
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or(Refusal::Unreadable)?;
    let header_len = u32::from_le_bytes(len_bytes) as usize;
    let header: BatchHeader = body
        .get(4..4 + header_len)
        .and_then(|h| serde_json::from_slice(h).ok())
        .ok_or(Refusal::Unreadable)?;
    if header.schema_version > schema_version {
        return Err(Refusal::TooNew);
    }
    if header.device_id != file.device_id || header.center_id != center_id {
        return Err(Refusal::Unreadable);
    }
    let mut at = 4 + header_len;
    let mut entries = Vec::with_capacity(header.entries.len());
    for h in header.entries {
        let len = usize::try_from(h.len).map_err(|_| Refusal::Unreadable)?;
        let changeset = body.get(at..at + len).ok_or(Refusal::Unreadable)?.to_vec();
        at += len;
        entries.push(Entry {
            seq: h.seq,
            hlc: h.hlc,
            deps: h.deps,
            changeset,
        });
    }
    if at != body.len() || entries.first().map(|e| e.seq) != Some(file.first_seq) {
        return Err(Refusal::Unreadable);
    }
    Ok(entries)
}

/// Writes this PC's acknowledgement file.
pub(crate) fn write_ack(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
    ack: &Ack,
) -> Result<(), StoreError> {
    let body = serde_json::to_vec(ack).map_err(|_| StoreError::Crypto("sync ack"))?;
    let sealed = seal::seal(key, &ack_aad(center_id, &ack.device_id), &body)?;
    let path = folder.join(format!("{}.{ACK_EXT}", ack.device_id));
    crate::store::slots::write_atomically(&path, &sealed)
}

/// Every PC's acknowledgement that opens (others are left out).
pub(crate) fn read_acks(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
) -> Result<Vec<Ack>, StoreError> {
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::io("read", folder, e))?;
    let mut acks: Vec<Ack> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let device = name.strip_suffix(&format!(".{ACK_EXT}"))?;
            let bytes = std::fs::read(&path).ok()?;
            let body = seal::open(key, &ack_aad(center_id, device), &bytes).ok()?;
            let ack: Ack = serde_json::from_slice(&body).ok()?;
            (ack.device_id == device).then_some(ack)
        })
        .collect();
    acks.sort_by(|a, b| a.device_id.cmp(&b.device_id));
    Ok(acks)
}

/// Extension of the file that says a PC was forgotten (replaced or broken).
pub const FORGET_EXT: &str = "hforget";

fn forget_aad(center_id: &str, device_id: &str) -> String {
    format!("hotto-sync-v1|forget|{center_id}|{device_id}")
}

/// A PC the director forgot: the others stop waiting for it, and it is refused if it comes back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Forgotten {
    /// The PC forgotten.
    pub device_id: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// The PC it was done on.
    pub by_device: String,
}

/// Writes the sealed file that says `forgotten.device_id` was forgotten.
pub(crate) fn write_forgotten(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
    forgotten: &Forgotten,
) -> Result<(), StoreError> {
    let body = serde_json::to_vec(forgotten).map_err(|_| StoreError::Crypto("sync forget"))?;
    let sealed = seal::seal(key, &forget_aad(center_id, &forgotten.device_id), &body)?;
    let path = folder.join(format!("{}.{FORGET_EXT}", forgotten.device_id));
    crate::store::slots::write_atomically(&path, &sealed)
}

/// Every forgotten PC whose file opens (others are left out).
pub(crate) fn read_forgotten(
    folder: &Path,
    key: &SecretKey,
    center_id: &str,
) -> Result<Vec<Forgotten>, StoreError> {
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::io("read", folder, e))?;
    let mut found: Vec<Forgotten> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let device = name.strip_suffix(&format!(".{FORGET_EXT}"))?;
            let bytes = std::fs::read(&path).ok()?;
            let body = seal::open(key, &forget_aad(center_id, device), &bytes).ok()?;
            let forgotten: Forgotten = serde_json::from_slice(&body).ok()?;
            (forgotten.device_id == device).then_some(forgotten)
        })
        .collect();
    found.sort_by(|a, b| a.device_id.cmp(&b.device_id));
    Ok(found)
}

/// Removes a PC's acknowledgement file (it was forgotten); a missing one is fine.
pub(crate) fn remove_ack(folder: &Path, device_id: &str) -> Result<(), StoreError> {
    let path = folder.join(format!("{device_id}.{ACK_EXT}"));
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(StoreError::io("remove", &path, e))
        }
        _ => Ok(()),
    }
}
