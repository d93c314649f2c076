//! The backup file: one file that carries the encrypted database pages and the
//! key slots as they were, so that it restores on a replacement PC with the same
//! passwords (or the recovery code). A trailing SHA-256 refuses a cut or altered file.
//!
//! ```text
//! "HOTTOBAK" 0x01 '\n' | u64 LE manifest length | manifest JSON |
//! u64 LE database length | database bytes (SQLCipher, encrypted) | SHA-256 of all before
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::slots::SlotFile;
use crate::store::StoreError;

const MAGIC: &[u8; 10] = b"HOTTOBAK\x01\n";

/// What a backup says about itself (no personal data: counts and ids only).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always "hotto-backup".
    pub format: String,
    /// Container version.
    pub version: u32,
    /// When the backup was made (UTC, RFC 3339).
    pub created_at: String,
    /// The center.
    pub center_id: String,
    /// The PC it was made on.
    pub device_id: String,
    /// Schema version of the database inside.
    pub schema_version: u32,
    /// Rows per table at the time of the backup.
    pub row_counts: BTreeMap<String, i64>,
    /// The key slots as they were.
    pub slots: SlotFile,
}

/// A parsed backup file.
pub struct Container {
    /// Its manifest.
    pub manifest: Manifest,
    /// The encrypted database file's bytes.
    pub database: Vec<u8>,
}

fn corrupt(why: &str) -> StoreError {
    StoreError::SlotFile(format!("not a complete backup file ({why})"))
}

impl Container {
    /// Serialises the container.
    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let manifest =
            serde_json::to_vec(&self.manifest).map_err(|_| StoreError::Crypto("manifest"))?;
        let mut out = Vec::with_capacity(self.database.len() + manifest.len() + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(manifest.len() as u64).to_le_bytes());
        out.extend_from_slice(&manifest);
        out.extend_from_slice(&(self.database.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.database);
        let digest = Sha256::digest(&out);
        out.extend_from_slice(&digest);
        Ok(out)
    }

    /// Parses and checks a container.
    pub fn from_bytes(bytes: &[u8]) -> Result<Container, StoreError> {
        if bytes.len() < MAGIC.len() + 16 + 32 || &bytes[..MAGIC.len()] != MAGIC {
            return Err(corrupt("no backup header"));
        }
        let (body, digest) = bytes.split_at(bytes.len() - 32);
        if Sha256::digest(body).as_slice() != digest {
            return Err(corrupt(
                "checksum mismatch: the file was cut short or changed",
            ));
        }
        let mut at = MAGIC.len();
        let manifest_len = read_len(body, &mut at)?;
        let manifest_bytes = body
            .get(at..at + manifest_len)
            .ok_or_else(|| corrupt("short manifest"))?;
        at += manifest_len;
        let manifest: Manifest =
            serde_json::from_slice(manifest_bytes).map_err(|_| corrupt("unreadable manifest"))?;
        if manifest.format != "hotto-backup" {
            return Err(corrupt("not a hotto backup"));
        }
        let db_len = read_len(body, &mut at)?;
        let database = body
            .get(at..at + db_len)
            .ok_or_else(|| corrupt("short database"))?
            .to_vec();
        if at + db_len != body.len() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(Container { manifest, database })
    }

    /// Reads and checks the container at `path`.
    pub fn read(path: &Path) -> Result<Container, StoreError> {
        let bytes = std::fs::read(path).map_err(|e| StoreError::io("read", path, e))?;
        Container::from_bytes(&bytes)
    }
}

fn read_len(body: &[u8], at: &mut usize) -> Result<usize, StoreError> {
    let raw = body
        .get(*at..*at + 8)
        .ok_or_else(|| corrupt("short length"))?;
    *at += 8;
    let mut len = [0u8; 8];
    len.copy_from_slice(raw);
    usize::try_from(u64::from_le_bytes(len)).map_err(|_| corrupt("length"))
}

/// Writes `bytes` to `path` durably: temp file, fsync, rename. A full disk or a
/// read-only folder fails here with the temp file removed and `path` untouched.
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension("partial");
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::io("write", path, e));
    }
    Ok(())
}
